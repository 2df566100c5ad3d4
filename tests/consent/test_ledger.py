"""The consent ledger: appended, never changed (ORM and raw SQL refused), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from consent_support import KEY
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from waarborg.consent.ledger import ConsentChange, ConsentError, Person, events_of, record, state_of
from waarborg.consent.state import consents_to
from waarborg.datasets.identities import identity_hash
from waarborg.store.consent_models import AppendOnlyError, ConsentEvent
from waarborg.store.sealing import unseal

JAN = Person("email", " Jan@Example.nl ")
T1, T2 = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC)


def _give(store, register, at=T1, contact=True, purpose="newsletter"):
    change = ConsentChange(purpose, "given", "paper", {"form_text": "Ja, stuur mij de nieuwsbrief"}, at)
    with store.session() as session:
        return record(session, KEY, register, JAN, change, contact=contact).id


def test_a_consent_is_recorded_with_version_method_evidence_and_no_plain_identity(store, register) -> None:
    _give(store, register)
    with store.session() as session:
        (event,) = events_of(session, identity_hash(KEY, "email", "jan@example.nl"))
        raw = session.execute(text("SELECT * FROM consent_events")).mappings().one()
    described = (event.purpose, event.action, event.method, event.statement_version)
    assert described == ("newsletter", "given", "paper", "3.1")
    assert event.at == T1 and event.evidence == {"form_text": "Ja, stuur mij de nieuwsbrief"}
    assert unseal(KEY, event.identity_sealed) == "jan@example.nl"
    assert not any("jan@example" in str(value).lower() for value in raw.values())


def test_withdrawing_is_the_same_call_as_giving_and_the_state_follows_the_last_event(store, register) -> None:
    _give(store, register)
    with store.session() as session:
        record(session, KEY, register, JAN, ConsentChange("newsletter", "withdrawn", "api", {}, T2))
        state = state_of(session, JAN.hashed(KEY))
        events = events_of(session, JAN.hashed(KEY))
    assert [e.action for e in events] == ["given", "withdrawn"]
    assert not consents_to(state, "newsletter")


def test_the_identity_is_only_sealed_where_the_organisation_must_contact_the_person(store, register) -> None:
    _give(store, register, contact=False)
    with store.session() as session:
        assert session.execute(select(ConsentEvent.identity_sealed)).scalar_one() is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (ConsentChange("nonsense", "given", "paper"), "unknown purpose 'nonsense'"),
        (ConsentChange("newsletter", "maybe", "paper"), "unknown action 'maybe'"),  # type: ignore[arg-type]
        (ConsentChange("newsletter", "given", "pigeon"), "unknown method 'pigeon'"),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_event_is_refused_and_nothing_is_written(store, register, change, message) -> None:
    with pytest.raises(ConsentError, match=message), store.session() as session:
        record(session, KEY, register, JAN, change)
    with store.session() as session:
        assert session.execute(select(ConsentEvent)).first() is None


def test_the_orm_refuses_to_change_or_remove_an_event(store, register) -> None:
    event_id = _give(store, register)
    with pytest.raises(AppendOnlyError), store.session() as session:
        session.get(ConsentEvent, event_id).action = "withdrawn"
    with pytest.raises(AppendOnlyError), store.session() as session:
        session.delete(session.get(ConsentEvent, event_id))
    with store.session() as session:
        assert session.get(ConsentEvent, event_id).action == "given"


@pytest.mark.parametrize(
    "statement",
    [update(ConsentEvent).values(action="withdrawn"), delete(ConsentEvent)],
    ids=["update", "delete"],
)
def test_the_database_refuses_raw_updates_and_deletes(store, register, statement) -> None:
    _give(store, register)
    with pytest.raises(DBAPIError, match="append-only"), store.session() as session:
        session.execute(statement)
    with store.session() as session:
        assert session.execute(select(ConsentEvent.action)).scalars().all() == ["given"]
