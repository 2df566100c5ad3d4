"""RFC 8058 one-click unsubscribe headers, for every mailing Waarborg sends or prepares.

    List-Unsubscribe: <https://privacy.example.nl/centre/unsubscribe/TOKEN>, <mailto:...?subject=...>
    List-Unsubscribe-Post: List-Unsubscribe=One-Click

RFC 8058 section 3.1 requires an HTTPS URI (a mail client POSTs `List-Unsubscribe=One-Click` to it
without asking the person anything more) and a valid signature covering both headers (DKIM, the
sending server's job). Plain http is accepted only for a server on this machine (tests, demo).
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from waarborg.datasets.identities import identity_hash

from .tokens import unsubscribe_token

UNSUBSCRIBE_PATH = "/centre/unsubscribe/"
PREFERENCES_PATH = "/centre/preferences/"
ONE_CLICK = "List-Unsubscribe=One-Click"
_LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class HeaderError(ValueError):
    """The base URL or mailto address cannot make valid RFC 8058 headers."""


def check_base_url(base_url: str) -> str:
    """The public centre's base URL without a trailing slash; HeaderError unless https (or local http)."""
    parts = urlsplit(base_url)
    local = parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS
    if not parts.hostname or not (parts.scheme == "https" or local):
        raise HeaderError(f"base URL {base_url!r}: RFC 8058 needs an https:// address of the public centre")
    return base_url.rstrip("/")


def unsubscribe_url(base_url: str, token: str) -> str:
    return f"{check_base_url(base_url)}{UNSUBSCRIBE_PATH}{token}"


def list_unsubscribe_headers(base_url: str, token: str, mailto: str | None = None) -> dict[str, str]:
    """The two headers for one message; `mailto` adds the mail fallback for older clients."""
    targets = [f"<{unsubscribe_url(base_url, token)}>"]
    if mailto is not None:
        if "@" not in mailto or any(c in mailto for c in "<>, \r\n"):
            raise HeaderError("mailto: not a plain e-mail address")
        targets.append(f"<mailto:{mailto}?subject={quote('unsubscribe ' + token)}>")
    return {"List-Unsubscribe": ", ".join(targets), "List-Unsubscribe-Post": ONE_CLICK}


def headers_for_recipient(
    key: bytes, base_url: str, email: str, mailing_type: str, mailto: str | None = None
) -> dict[str, str]:
    """The headers for one recipient of one mailing type (the token carries only a keyed hash)."""
    token = unsubscribe_token(key, "email", identity_hash(key, "email", email), mailing_type)
    return list_unsubscribe_headers(base_url, token, mailto)


def is_one_click_body(form: dict[str, str]) -> bool:
    """True for the POST body RFC 8058 prescribes (`List-Unsubscribe=One-Click`)."""
    return form.get("List-Unsubscribe") == "One-Click"
