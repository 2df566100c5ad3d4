"""The office's settings, read once from the workspace environment (`.env` and the process).

| variable | default | meaning |
|---|---|---|
| WAARBORG_SESSION_KEY | (required to serve) | secret for CSRF tokens and sealing TOTP secrets |
| WAARBORG_IDLE_MINUTES | 30 | a session ends after this many minutes without a request |
| WAARBORG_SESSION_HOURS | 12 | a session ends this long after login, whatever the activity |
| WAARBORG_PASSWORD_MAX_DAYS | (none) | passwords expire after this many days |
| WAARBORG_SMTP_URL | (none) | smtp://user:pass@host:port or smtps://...; without it mail stays in the outbox |
| WAARBORG_MAIL_FROM | privacy office address | sender of the office's mail |
| WAARBORG_BASE_URL | http://127.0.0.1:8000 | how mail links to the office |
| WAARBORG_SECURE_COOKIES | auto | `1`: always Secure; `auto`: Secure when the request came over https |
| WAARBORG_FORM_LIMIT_MAX | 20 | a client may send each public form this many times per window |
| WAARBORG_FORM_LIMIT_MINUTES | 60 | the window of the public forms' rate limit |
| WAARBORG_FORM_LIMITS | (none) | per-form maxima over the default, e.g. `consent.subscribe=5,requests.intake=5` |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta


class SettingsError(Exception):
    """A setting is missing or malformed; names the variable."""


@dataclass(frozen=True)
class OfficeSettings:
    session_key: bytes
    idle_timeout: timedelta = timedelta(minutes=30)
    session_max_age: timedelta = timedelta(hours=12)
    password_max_age: timedelta | None = None
    smtp_url: str | None = None
    mail_from: str = "privacy-office@localhost"
    base_url: str = "http://127.0.0.1:8000"
    secure_cookies: str = "auto"
    max_failures_per_account: int = 5
    max_failures_per_address: int = 20
    throttle_window: timedelta = timedelta(minutes=15)
    # The public forms' rate limit (waarborg.office.form_limits): per form and client address.
    form_limit_max: int = 20
    form_limit_window: timedelta = timedelta(hours=1)
    form_limit_overrides: tuple[tuple[str, int], ...] = ()


def _number(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SettingsError(f"{name}={raw!r}: give a whole number of at least 1")
    return int(raw)


def _form_limits(env: Mapping[str, str]) -> tuple[tuple[str, int], ...]:
    """`name=N,name=N` pairs: a maximum per public form that differs from the default."""
    pairs = []
    for item in filter(None, (part.strip() for part in env.get("WAARBORG_FORM_LIMITS", "").split(","))):
        name, _, number = item.partition("=")
        if not name.strip() or not number.strip().isdigit() or int(number) < 1:
            raise SettingsError(f"WAARBORG_FORM_LIMITS: {item!r} is not form=N with N a whole number of at least 1")
        pairs.append((name.strip(), int(number)))
    return tuple(pairs)


def mail_settings_from_env(env: Mapping[str, str], mail_from: str | None = None) -> tuple[str | None, str, str]:
    """(SMTP URL or None, sender, base URL) for code that mails without serving the office (the
    answers to requesters written by a CLI run need no session key)."""
    return (env.get("WAARBORG_SMTP_URL") or None,
            env.get("WAARBORG_MAIL_FROM") or mail_from or "privacy-office@localhost",
            (env.get("WAARBORG_BASE_URL") or "http://127.0.0.1:8000").rstrip("/"))


def settings_from_env(env: Mapping[str, str], mail_from: str | None = None) -> OfficeSettings:
    """Settings from the environment; SettingsError names the variable that is wrong."""
    key = env.get("WAARBORG_SESSION_KEY", "")
    if len(key) < 32:
        raise SettingsError("WAARBORG_SESSION_KEY must be set to at least 32 characters (waarborg init writes one)")
    max_days = _number(env, "WAARBORG_PASSWORD_MAX_DAYS", None)
    smtp_url, sender, base_url = mail_settings_from_env(env, mail_from)
    return OfficeSettings(
        session_key=key.encode("utf-8"),
        idle_timeout=timedelta(minutes=_number(env, "WAARBORG_IDLE_MINUTES", 30) or 30),
        session_max_age=timedelta(hours=_number(env, "WAARBORG_SESSION_HOURS", 12) or 12),
        password_max_age=timedelta(days=max_days) if max_days else None,
        smtp_url=smtp_url,
        mail_from=sender,
        base_url=base_url,
        secure_cookies=env.get("WAARBORG_SECURE_COOKIES", "auto"),
        form_limit_max=_number(env, "WAARBORG_FORM_LIMIT_MAX", 20) or 20,
        form_limit_window=timedelta(minutes=_number(env, "WAARBORG_FORM_LIMIT_MINUTES", 60) or 60),
        form_limit_overrides=_form_limits(env),
    )
