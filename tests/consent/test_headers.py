"""RFC 8058 headers: an HTTPS one-click URL, the mailto fallback, and List-Unsubscribe-Post."""

from __future__ import annotations

import re

import pytest
from consent_support import KEY

from waarborg.consent.headers import HeaderError, headers_for_recipient, is_one_click_body, list_unsubscribe_headers
from waarborg.consent.tokens import read_unsubscribe_token
from waarborg.datasets.identities import identity_hash


def test_headers_carry_an_https_one_click_url_a_mailto_and_the_post_header() -> None:
    headers = headers_for_recipient(KEY, "https://privacy.proef.example/", "Jan@Example.nl", "newsletter",
                                    mailto="afmelden@proef.example")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    match = re.fullmatch(r"<https://privacy\.proef\.example/centre/unsubscribe/([^>]+)>, "
                         r"<mailto:afmelden@proef\.example\?subject=unsubscribe%20([^>]+)>",
                         headers["List-Unsubscribe"])
    assert match is not None and match.group(1) == match.group(2)
    subject = read_unsubscribe_token(KEY, match.group(1))
    jan = identity_hash(KEY, "email", "jan@example.nl")
    assert (subject.identity_hash, subject.mailing_type) == (jan, "newsletter")
    assert "jan" not in headers["List-Unsubscribe"].lower().replace("privacy.proef", "")


@pytest.mark.parametrize("base", ["http://privacy.proef.example", "ftp://x.example", "privacy.proef.example"])
def test_a_non_https_public_address_is_refused(base) -> None:
    with pytest.raises(HeaderError, match="https"):
        list_unsubscribe_headers(base, "token")


def test_plain_http_is_allowed_only_on_this_machine() -> None:
    assert list_unsubscribe_headers("http://127.0.0.1:8000", "t")["List-Unsubscribe"] == (
        "<http://127.0.0.1:8000/centre/unsubscribe/t>"
    )


def test_only_the_rfc_8058_body_counts_as_a_one_click_post() -> None:
    assert is_one_click_body({"List-Unsubscribe": "One-Click"})
    assert not is_one_click_body({}) and not is_one_click_body({"List-Unsubscribe": "yes"})
