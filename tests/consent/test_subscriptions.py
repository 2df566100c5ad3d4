"""Double opt-in, the preference centre and one-click unsubscribe, through the library services."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from consent_support import KEY
from sqlalchemy import func, select

from waarborg.consent import suppression
from waarborg.consent.ledger import ConsentError, events_of, state_of
from waarborg.consent.mailing_types import UnknownMailingType
from waarborg.consent.preferences import (
    change_preferences,
    one_click_unsubscribe,
    preferences,
    unsubscribe_everything,
)
from waarborg.consent.state import consents_to
from waarborg.consent.subscribe import SubscribeForm, TooManyRequests, confirm, purge_expired, subscribe
from waarborg.consent.tokens import TokenError, preference_token, unsubscribe_token
from waarborg.datasets.identities import identity_hash
from waarborg.store.consent_models import ConsentEvent, PendingConsent

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
JAN_HASH = identity_hash(KEY, "email", "jan@example.nl")
FORM = SubscribeForm(" Jan@Example.nl", ["newsletter", "customer_mailings"], "Ja, stuur mij de nieuwsbrief")


def _subscribed(store, register, form=FORM):
    with store.session() as session:
        pending = subscribe(session, KEY, register, form, NOW)
    with store.session() as session:
        confirm(session, KEY, register, pending.token, NOW + timedelta(hours=1))
    return pending


def test_subscribing_records_nothing_until_the_link_is_confirmed(store, register) -> None:
    with store.session() as session:
        pending = subscribe(session, KEY, register, FORM, NOW)
        assert session.execute(select(func.count()).select_from(ConsentEvent)).scalar_one() == 0
        stored = session.execute(select(PendingConsent)).scalar_one()
    assert (pending.kind, pending.send_to, pending.purposes) == ("opt_in", "Jan@Example.nl",
                                                                 ("newsletter", "customer_mailings"))
    assert pending.token not in repr(pending) and stored.token_hash != pending.token
    with store.session() as session:
        outcome = confirm(session, KEY, register, pending.token, NOW + timedelta(hours=1))
        state = state_of(session, JAN_HASH)
        (first, _) = events_of(session, JAN_HASH)
    assert not outcome.already and consents_to(state, "newsletter") and consents_to(state, "customer_mailings")
    assert first.evidence["form_text"] == "Ja, stuur mij de nieuwsbrief"
    assert first.evidence["confirmation"]["kind"] == "double_opt_in"
    assert first.statement_version == "3.1" and first.method == "web_form"


def test_the_confirmation_link_works_once_and_a_second_click_writes_nothing(store, register) -> None:
    pending = _subscribed(store, register)
    with store.session() as session:
        again = confirm(session, KEY, register, pending.token, NOW + timedelta(hours=2))
        assert len(events_of(session, JAN_HASH)) == 2
    assert again.already


def test_an_expired_or_unknown_confirmation_link_is_refused(store, register) -> None:
    with store.session() as session:
        pending = subscribe(session, KEY, register, FORM, NOW)
    with pytest.raises(TokenError, match="expired"), store.session() as session:
        confirm(session, KEY, register, pending.token, NOW + timedelta(hours=48))
    with pytest.raises(TokenError, match="unknown"), store.session() as session:
        confirm(session, KEY, register, "made-up", NOW)
    with store.session() as session:
        assert events_of(session, JAN_HASH) == []


@pytest.mark.parametrize(
    ("form", "error", "message"),
    [
        (SubscribeForm("not-an-address", ["newsletter"], "x"), ConsentError, "email: not an e-mail address"),
        (SubscribeForm("jan@example.nl", [], "x"), ConsentError, "at least one mailing type"),
        (SubscribeForm("jan@example.nl", ["membership"], "x"), UnknownMailingType, "unknown mailing type"),
    ],
)
def test_a_bad_subscription_is_refused_and_nothing_is_stored(store, register, form, error, message) -> None:
    with pytest.raises(error, match=message), store.session() as session:
        subscribe(session, KEY, register, form, NOW)
    with store.session() as session:
        assert session.execute(select(PendingConsent)).first() is None


def test_one_click_unsubscribe_withdraws_that_type_only_and_keeps_other_wishes(store, register) -> None:
    _subscribed(store, register)
    token = unsubscribe_token(KEY, "email", JAN_HASH, "newsletter")
    with store.session() as session:
        outcome = one_click_unsubscribe(session, KEY, register, token, NOW + timedelta(days=1))
        state = state_of(session, JAN_HASH)
    assert outcome.withdrawn == ("newsletter",) and not outcome.suppressed
    assert not consents_to(state, "newsletter") and consents_to(state, "customer_mailings")


def test_one_click_unsubscribe_from_the_last_mailing_suppresses_and_is_idempotent(store, register) -> None:
    _subscribed(store, register, SubscribeForm("jan@example.nl", ["newsletter"], "Ja"))
    token = unsubscribe_token(KEY, "email", JAN_HASH, "newsletter")
    with store.session() as session:
        first = one_click_unsubscribe(session, KEY, register, token, NOW + timedelta(days=1))
    with store.session() as session:
        second = one_click_unsubscribe(session, KEY, register, token, NOW + timedelta(days=2))
        events = events_of(session, JAN_HASH)
        listed = suppression.contains(session, KEY, "email", "JAN@example.nl")
    assert (first.withdrawn, first.newly_suppressed) == (("newsletter",), True)
    assert (second.withdrawn, second.newly_suppressed, second.suppressed) == ((), False, True)
    assert [e.action for e in events] == ["given", "withdrawn"] and listed


def test_a_tampered_or_foreign_unsubscribe_token_is_refused(store, register) -> None:
    token = unsubscribe_token(KEY, "email", JAN_HASH, "newsletter")
    for bad in (token[:-2] + "xx", unsubscribe_token(b"o" * 40, "email", JAN_HASH, "newsletter"),
                preference_token(KEY, "email", JAN_HASH)):
        with pytest.raises(TokenError), store.session() as session:
            one_click_unsubscribe(session, KEY, register, bad, NOW)


def test_changing_a_preference_records_it_without_suppressing(store, register) -> None:
    _subscribed(store, register)
    token = preference_token(KEY, "email", JAN_HASH)
    with store.session() as session:
        after = change_preferences(session, KEY, register, token, {"newsletter": False, "youth_news": False},
                                   "Voorkeuren", NOW + timedelta(days=1))
        events = events_of(session, JAN_HASH)
    assert after.subscribed == {"newsletter": False, "youth_news": False, "customer_mailings": True}
    assert not after.suppressed
    assert [(e.purpose, e.action) for e in events][-1] == ("newsletter", "withdrawn") and len(events) == 3


def test_switching_everything_off_as_preferences_still_does_not_suppress(store, register) -> None:
    _subscribed(store, register)
    token = preference_token(KEY, "email", JAN_HASH)
    with store.session() as session:
        after = change_preferences(session, KEY, register, token,
                                   {"newsletter": False, "customer_mailings": False}, "Voorkeuren",
                                   NOW + timedelta(days=1))
    assert not any(after.subscribed.values()) and not after.suppressed


def test_unsubscribe_from_everything_withdraws_all_and_suppresses_until_a_new_confirmed_opt_in(
    store, register
) -> None:
    _subscribed(store, register)
    token = preference_token(KEY, "email", JAN_HASH)
    with store.session() as session:
        outcome = unsubscribe_everything(session, KEY, register, token, NOW + timedelta(days=1))
        shown = preferences(session, KEY, register, token)
    assert set(outcome.withdrawn) == {"newsletter", "customer_mailings"} and outcome.newly_suppressed
    assert shown.suppressed and not any(shown.subscribed.values())
    later = NOW + timedelta(days=10)
    with store.session() as session:
        pending = subscribe(session, KEY, register, SubscribeForm("jan@example.nl", ["newsletter"], "Ja"), later)
        assert suppression.contains_hash(session, JAN_HASH)  # not lifted by merely filling in a form
    with store.session() as session:
        confirm(session, KEY, register, pending.token, later)
        assert not suppression.contains_hash(session, JAN_HASH)


def test_expired_and_used_pending_consents_are_purged_with_a_dry_run_first(store, register) -> None:
    with store.session() as session:
        used = subscribe(session, KEY, register, FORM, NOW)
        subscribe(session, KEY, register, SubscribeForm("piet@example.nl", ["newsletter"], "Ja"), NOW)
        subscribe(session, KEY, register, SubscribeForm("kees@example.nl", ["newsletter"], "Ja"),
                  NOW + timedelta(hours=40))
        confirm(session, KEY, register, used.token, NOW)
    later = NOW + timedelta(hours=50)
    with store.session() as session:
        assert purge_expired(session, later, dry_run=True) == 2
        assert session.execute(select(func.count()).select_from(PendingConsent)).scalar_one() == 3
        assert purge_expired(session, later) == 2
        assert session.execute(select(func.count()).select_from(PendingConsent)).scalar_one() == 1
        assert len(events_of(session, JAN_HASH)) == 2  # the ledger keeps the confirmed consents


def test_a_fourth_subscription_of_one_address_within_the_hour_is_refused(store, register) -> None:
    with store.session() as session:
        for minutes in (0, 10, 20):
            subscribe(session, KEY, register, FORM, NOW + timedelta(minutes=minutes))
    with pytest.raises(TooManyRequests), store.session() as session:
        subscribe(session, KEY, register, SubscribeForm("JAN@example.nl", ["newsletter"], "x"),
                  NOW + timedelta(minutes=30))
    with store.session() as session:
        assert session.execute(select(func.count()).select_from(PendingConsent)).scalar_one() == 3
        subscribe(session, KEY, register, FORM, NOW + timedelta(minutes=61))
