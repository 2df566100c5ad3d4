"""Children's consent (Art. 8): below the national age a parent confirms through their own link."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from consent_support import KEY

from waarborg.consent.children import AgeError, AgeStatement, age_on, needs_parent, parental_age
from waarborg.consent.ledger import ConsentError, events_of, state_of
from waarborg.consent.state import consents_to
from waarborg.consent.subscribe import SubscribeForm, confirm, subscribe
from waarborg.datasets.identities import identity_hash

NOW = datetime(2026, 6, 1, tzinfo=UTC)
BORN_14_YEARS_AGO = AgeStatement(birth_date=date(2012, 3, 1))


def _in(register, country: str):
    return register.model_copy(update={"controller": register.controller.model_copy(update={"country": country})})


@pytest.mark.parametrize(("country", "age", "parent"), [("NL", 14, True), ("BE", 14, False), ("NL", 16, False),
                                                         ("NL", 15, True), ("BE", 12, True), ("BE", 13, False)])
def test_parental_consent_follows_the_controllers_country(register, country, age, parent) -> None:
    national = _in(register, country)
    stated = AgeStatement(at_least=age)
    assert needs_parent(national, national.activities["youth_news"], stated, NOW.date()) is parent


def test_the_age_is_counted_in_completed_years() -> None:
    assert age_on(date(2010, 6, 2), date(2026, 6, 1)) == 15
    assert age_on(date(2010, 6, 1), date(2026, 6, 1)) == 16


def test_an_activity_may_set_its_own_parental_age(register) -> None:
    activity = register.activities["youth_news"]
    own = activity.model_copy(update={"consent": activity.consent.model_copy(update={"parental_consent_below": 18})})
    assert parental_age(register, own) == 18 and parental_age(register, activity) == 16
    assert needs_parent(register, own, AgeStatement(at_least=17), NOW.date())


def test_an_activity_without_children_asks_no_age(register) -> None:
    assert not needs_parent(register, register.activities["newsletter"], None, NOW.date())


@pytest.mark.parametrize("age", [None, AgeStatement(), AgeStatement(birth_date=date(2030, 1, 1))])
def test_a_mailing_for_children_needs_a_believable_age(register, age) -> None:
    with pytest.raises(AgeError):
        needs_parent(register, register.activities["youth_news"], age, NOW.date())


def test_a_14_year_old_in_nl_gets_consent_only_when_the_parent_confirms(store, register) -> None:
    form = SubscribeForm("kid@example.nl", ["youth_news"], "Ja, jeugdnieuws", age=BORN_14_YEARS_AGO,
                         parent_email="mum@example.nl")
    with store.session() as session:
        pending = subscribe(session, KEY, register, form, NOW)
    assert (pending.kind, pending.send_to) == ("parental", "mum@example.nl")
    kid = identity_hash(KEY, "email", "kid@example.nl")
    with store.session() as session:
        assert not consents_to(state_of(session, kid), "youth_news")  # pending until the parent confirms
        confirm(session, KEY, register, pending.token, NOW)
        (event,) = events_of(session, kid)
    assert event.action == "given" and event.evidence["confirmation"]["kind"] == "parental"
    assert event.evidence["age"] == {"birth_year": 2012}
    assert event.evidence["parental_consent"] == {"required": True,
                                                  "parent_identity_hash": identity_hash(KEY, "email", "mum@example.nl")}


def test_a_14_year_old_in_be_confirms_for_themselves(store, register) -> None:
    form = SubscribeForm("kid@example.be", ["youth_news"], "Ja", age=BORN_14_YEARS_AGO)
    with store.session() as session:
        pending = subscribe(session, KEY, _in(register, "BE"), form, NOW)
    assert (pending.kind, pending.send_to) == ("opt_in", "kid@example.be")


@pytest.mark.parametrize(("parent", "message"), [(None, "a parent must confirm"), ("KID@example.nl", "must differ")])
def test_below_the_age_a_distinct_parent_address_is_required(store, register, parent, message) -> None:
    form = SubscribeForm("kid@example.nl", ["youth_news"], "Ja", age=BORN_14_YEARS_AGO, parent_email=parent)
    with pytest.raises(ConsentError, match=message), store.session() as session:
        subscribe(session, KEY, register, form, NOW)
