"""The consent mails: confirmation to the person or the parent, and mailings with RFC 8058 headers."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from consent_support import KEY

from waarborg.consent.children import AgeStatement
from waarborg.consent.mails import confirmation_mail, mailing_message
from waarborg.consent.preferences import one_click_unsubscribe, preferences
from waarborg.consent.subscribe import SubscribeForm, confirm, subscribe

NOW = datetime(2026, 6, 1, tzinfo=UTC)
BASE = "https://privacy.proef.example"


def _link(body: str, path: str) -> str:
    return next(line for line in body.splitlines() if path in line).split(path)[-1].strip()


@pytest.mark.parametrize(("lang", "words"), [("nl", "Bevestig uw aanmelding"), ("en", "Confirm your subscription")])
def test_the_confirmation_mail_carries_the_link_that_confirms(store, register, lang, words) -> None:
    with store.session() as session:
        pending = subscribe(session, KEY, register, SubscribeForm("jan@example.nl", ["newsletter"], "Ja"), NOW)
    mail = confirmation_mail(register, pending, BASE, lang, "privacy@proef.example")
    assert mail["To"] == "jan@example.nl" and words in mail["Subject"]
    token = _link(mail.get_content(), "/centre/confirm/")
    with store.session() as session:
        assert confirm(session, KEY, register, token, NOW).purposes == ("newsletter",)


def test_below_the_age_the_mail_goes_to_the_parent_and_says_why(store, register) -> None:
    form = SubscribeForm("kid@example.nl", ["youth_news"], "Ja", age=AgeStatement(birth_date=date(2013, 1, 1)),
                         parent_email="mum@example.nl")
    with store.session() as session:
        pending = subscribe(session, KEY, register, form, NOW)
    mail = confirmation_mail(register, pending, BASE, "nl", "privacy@proef.example")
    assert mail["To"] == "mum@example.nl" and "jonger is dan 16 jaar" in mail.get_content()


def test_a_mailing_has_one_click_headers_and_footer_links_that_work(store, register) -> None:
    with store.session() as session:
        pending = subscribe(session, KEY, register, SubscribeForm("jan@example.nl", ["newsletter"], "Ja"), NOW)
        confirm(session, KEY, register, pending.token, NOW)
    mail = mailing_message(register, KEY, BASE, "newsletter", "jan@example.nl", "news@proef.example",
                           "Nieuws", "Beste lezer,\n", "nl")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header_token = mail["List-Unsubscribe"].split("/centre/unsubscribe/")[1].rstrip(">")
    body = mail.get_content()
    assert _link(body, "/centre/unsubscribe/") == header_token
    with store.session() as session:
        shown = preferences(session, KEY, register, _link(body, "/centre/preferences/"))
        assert shown.subscribed["newsletter"]
        one_click_unsubscribe(session, KEY, register, header_token, NOW.replace(day=2))
        assert not preferences(session, KEY, register, _link(body, "/centre/preferences/")).subscribed["newsletter"]
