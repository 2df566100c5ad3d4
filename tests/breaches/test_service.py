"""The breach register in the store, on SQLite and PostgreSQL: every change audited, a notified
breach supplemented by follow-ups and never rewritten."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from breach_scenario import KEY, STOLEN_LAPTOP
from sqlalchemy import select

from store_support import open_audited_store
from waarborg.audit import verify
from waarborg.breaches.clock import DelayReasonRequired
from waarborg.breaches.incident import Incident
from waarborg.breaches.records import BreachError, BreachNotFound
from waarborg.breaches.service import (
    NotifiedIncidentError,
    add_follow_up,
    decide,
    list_breaches,
    notify,
    open_breach,
    record_reminders,
    reminders_to_send,
    show_breach,
    update_breach,
    withdraw,
)
from waarborg.store import AuditEntry, Store
from waarborg.store.breach_models import BreachRecord

AWARE = datetime(2026, 10, 24, 8, 0, tzinfo=UTC)  # 10:00 CEST
ACTOR = "ria"


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_audited_store(db_url, tmp_path)
    yield opened
    opened.close()


def _open(store: Store, answers: dict | None = None) -> str:
    with store.session() as session:
        view = open_breach(session, KEY, Incident.model_validate(answers or STOLEN_LAPTOP), actor=ACTOR,
                           now=AWARE + timedelta(hours=1))
    return view.reference


def _audit(store: Store) -> list[AuditEntry]:
    with store.session() as session:
        return list(session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars())


def test_breach_is_recorded_with_clock_proposal_and_sealed_answers(store: Store) -> None:
    reference = _open(store)
    assert reference == "2026-001"
    with store.session() as session:
        view = show_breach(session, KEY, reference)
        raw = session.execute(select(BreachRecord)).scalar_one()
    assert view.deadline_at - view.aware_at == timedelta(hours=72)
    assert view.proposal == "authority_and_people"
    assert view.incident.organisation.contact.name == "Ria de Vries"
    # The answers are sealed: neither the contact's name nor the summary is readable in the store.
    assert "Ria" not in raw.content_sealed and "laptop" not in raw.content_sealed
    assert raw.people_max == 210 and raw.records == 1450


def test_references_count_up_per_year(store: Store) -> None:
    assert [_open(store), _open(store)] == ["2026-001", "2026-002"]


def test_every_change_is_audited_without_personal_data(store: Store) -> None:
    reference = _open(store)
    with store.session() as session:
        update_breach(session, KEY, reference, {"people": {"maximum": 260}}, actor=ACTOR,
                      now=AWARE + timedelta(hours=2))
        decide(session, KEY, reference, "authority_and_people", None, actor=ACTOR, now=AWARE + timedelta(hours=3))
        notify(session, KEY, reference, notified_at=AWARE + timedelta(hours=20), authority_reference="AP-123",
               delay_reason=None, actor=ACTOR, now=AWARE + timedelta(hours=20))
    entries = _audit(store)
    assert [e.action for e in entries] == ["breach.opened", "breach.changed", "breach.decided", "breach.notified"]
    assert entries[1].detail["fields"] == ["people.maximum"]
    text = " ".join(str(e.detail) for e in entries)
    assert "Ria" not in text and "laptop" not in text and "260" not in text
    with store.session() as session:
        assert verify(session).ok


def test_unchanged_answers_add_no_version(store: Store) -> None:
    reference = _open(store)
    with store.session() as session:
        view = update_breach(session, KEY, reference, {"people": {"maximum": 210}}, actor=ACTOR, now=AWARE)
    assert view.version == 1 and len(_audit(store)) == 1


def test_bad_answer_is_refused_and_changes_nothing(store: Store) -> None:
    reference = _open(store)
    with pytest.raises(BreachError, match="minimum 180 is larger than maximum 5"), store.session() as session:
        update_breach(session, KEY, reference, {"people": {"maximum": 5}}, actor=ACTOR, now=AWARE)
    with store.session() as session:
        assert show_breach(session, KEY, reference).incident.people.maximum == 210
    assert len(_audit(store)) == 1


def test_not_notifying_needs_reasons_and_stops_the_clock(store: Store) -> None:
    reference = _open(store, {"what": {"nature": ["read"], "incident_kind": "misdirected"},
                              "data": {"kinds": ["email"]}, "people": {"maximum": 1}})
    with store.session() as session:
        with pytest.raises(BreachError, match="reasons for not notifying"):
            decide(session, KEY, reference, "none", "  ", actor=ACTOR, now=AWARE)
        view = decide(session, KEY, reference, "none", "Eén e-mail aan een collega-klant, direct verwijderd.",
                      actor=ACTOR, now=AWARE)
    assert (view.proposal, view.decision, view.status) == ("none", "none", "not_notified")
    assert view.decision_reasons == "Eén e-mail aan een collega-klant, direct verwijderd."
    assert view.reading(AWARE + timedelta(days=10)).state == "stopped"
    with store.session() as session:
        assert reminders_to_send(session, AWARE + timedelta(hours=71)) == []


def test_departing_from_the_proposal_needs_reasons(store: Store) -> None:
    reference = _open(store)
    with store.session() as session, pytest.raises(BreachError, match="departing from the proposal"):
        decide(session, KEY, reference, "authority", None, actor=ACTOR, now=AWARE)


def test_late_notification_is_refused_without_reasons_and_kept_with_them(store: Store) -> None:
    reference = _open(store)
    late = AWARE + timedelta(hours=80)
    with store.session() as session:
        decide(session, KEY, reference, "authority_and_people", None, actor=ACTOR, now=AWARE)
    with pytest.raises(DelayReasonRequired, match="8 h 0 min after the deadline"), store.session() as session:
        notify(session, KEY, reference, notified_at=late, authority_reference=None, delay_reason=None,
               actor=ACTOR, now=late)
    with store.session() as session:
        assert show_breach(session, KEY, reference).notified_at is None
        view = notify(session, KEY, reference, notified_at=late, authority_reference="AP-9",
                      delay_reason="Pas na onderzoek van de back-up was duidelijk welke gegevens erop stonden.",
                      actor=ACTOR, now=late)
    assert view.late and view.status == "notified"
    assert view.incident.timing.delay_reason.startswith("Pas na onderzoek")
    assert view.reading(late).state == "late"


def test_notifying_needs_a_decision_first(store: Store) -> None:
    reference = _open(store)
    with store.session() as session, pytest.raises(BreachError, match="decide on 2026-001 first"):
        notify(session, KEY, reference, notified_at=AWARE + timedelta(hours=2), authority_reference=None,
               delay_reason=None, actor=ACTOR, now=AWARE + timedelta(hours=2))


def _notified(store: Store) -> str:
    reference = _open(store)
    with store.session() as session:
        decide(session, KEY, reference, "authority_and_people", None, actor=ACTOR, now=AWARE)
        notify(session, KEY, reference, notified_at=AWARE + timedelta(hours=30), authority_reference="AP-2026-77",
               delay_reason=None, actor=ACTOR, now=AWARE + timedelta(hours=30))
    return reference


def test_notified_breach_is_not_rewritten_but_followed_up(store: Store) -> None:
    reference = _notified(store)
    later = AWARE + timedelta(days=3)
    with store.session() as session:
        with pytest.raises(NotifiedIncidentError, match="add a follow-up"):
            update_breach(session, KEY, reference, {"people": {"maximum": 400}}, actor=ACTOR, now=later)
        phase = add_follow_up(session, KEY, reference, {"people": {"maximum": 400}}, actor=ACTOR, now=later)
    assert phase.reference == "2026-001-1" and phase.kind == "follow_up"
    assert phase.incident.notification.follows == "AP-2026-77"
    assert phase.incident.people.maximum == 400
    with store.session() as session:
        first = show_breach(session, KEY, reference)
        # a second follow-up waits until the first was sent
        with pytest.raises(BreachError, match="2026-001-1 has not been sent yet"):
            add_follow_up(session, KEY, reference, {"data": {"records": 2000}}, actor=ACTOR, now=later)
    assert first.incident.people.maximum == 210  # what the authority was first told stays
    assert [p.reference for p in first.phases] == ["2026-001-1"]


def test_follow_up_builds_on_the_previous_phase(store: Store) -> None:
    reference = _notified(store)
    later = AWARE + timedelta(days=3)
    with store.session() as session:
        add_follow_up(session, KEY, reference, {"people": {"maximum": 400}}, actor=ACTOR, now=later)
        notify(session, KEY, "2026-001-1", notified_at=later, authority_reference=None, delay_reason=None,
               actor=ACTOR, now=later)
        second = add_follow_up(session, KEY, reference, {"data": {"records": 2000}}, actor=ACTOR, now=later)
    assert (second.reference, second.incident.people.maximum, second.incident.data.records) == \
        ("2026-001-2", 400, 2000)


def test_follow_up_of_an_unnotified_breach_is_refused(store: Store) -> None:
    reference = _open(store)
    with store.session() as session, pytest.raises(BreachError, match="change it instead"):
        add_follow_up(session, KEY, reference, {"people": {"maximum": 3}}, actor=ACTOR, now=AWARE)


def test_withdrawal_is_kept_as_a_phase_and_ends_the_breach(store: Store) -> None:
    reference = _notified(store)
    later = AWARE + timedelta(days=4)
    with store.session() as session:
        phase = withdraw(session, KEY, reference, "De laptop is ongeopend teruggevonden.", at=later, actor=ACTOR,
                         now=later)
    assert phase.kind == "withdrawal" and phase.incident.notification.kind == "withdrawal"
    with store.session() as session:
        first = show_breach(session, KEY, reference)
        with pytest.raises(NotifiedIncidentError, match="withdrawn"):
            update_breach(session, KEY, reference, {"people": {"maximum": 1}}, actor=ACTOR, now=later)
        with pytest.raises(BreachError, match="has not been notified"):
            add_follow_up(session, KEY, reference, {"people": {"maximum": 1}}, actor=ACTOR, now=later)
    assert first.status == "withdrawn"


def test_reminders_are_due_once(store: Store) -> None:
    reference = _open(store)
    with store.session() as session:
        due = reminders_to_send(session, AWARE + timedelta(hours=61))
        assert [(d.reference, d.hours) for d in due] == [(reference, [24, 12])]
        record_reminders(session, reference, due[0].hours, actor="scheduler")
    with store.session() as session:
        assert reminders_to_send(session, AWARE + timedelta(hours=62)) == []
        assert [d.hours for d in reminders_to_send(session, AWARE + timedelta(hours=71, minutes=30))] == [[1]]


def test_processor_decides_to_tell_its_controllers(store: Store) -> None:
    answers = {**STOLEN_LAPTOP, "organisation": {**STOLEN_LAPTOP["organisation"], "role": "processor"}}
    reference = _open(store, answers)
    with store.session() as session:
        view = show_breach(session, KEY, reference)
        assert view.deadline_at - view.aware_at == timedelta(hours=24)
        assert view.proposal == "controllers"
        with pytest.raises(BreachError, match=r"Art\. 33\(2\)"):
            decide(session, KEY, reference, "authority", "x", actor=ACTOR, now=AWARE)
        decide(session, KEY, reference, "controllers", None, actor=ACTOR, now=AWARE)
        told = notify(session, KEY, reference, notified_at=AWARE + timedelta(hours=5), authority_reference=None,
                      delay_reason=None, actor=ACTOR, now=AWARE + timedelta(hours=5))
    assert told.reading(AWARE + timedelta(days=2)).state == "met"


def test_unknown_reference_is_named(store: Store) -> None:
    with store.session() as session, pytest.raises(BreachNotFound, match="no breach '2026-999'"):
        show_breach(session, KEY, "2026-999")


def test_register_lists_first_notifications_with_their_phases(store: Store) -> None:
    reference = _notified(store)
    _open(store)
    with store.session() as session:
        add_follow_up(session, KEY, reference, {"people": {"maximum": 400}}, actor=ACTOR, now=AWARE + timedelta(days=2))
        listed = list_breaches(session, KEY)
    assert [v.reference for v in listed] == ["2026-002", "2026-001"]
    assert {v.reference: [p.reference for p in v.phases] for v in listed}["2026-001"] == ["2026-001-1"]


def test_correcting_the_moment_of_awareness_moves_the_deadline(store: Store) -> None:
    reference = _open(store)
    earlier = AWARE - timedelta(hours=10)
    with store.session() as session:
        view = update_breach(session, KEY, reference, {"timing": {"discovered_at": earlier}}, actor=ACTOR,
                             now=AWARE + timedelta(hours=2))
    assert (view.aware_at, view.deadline_at) == (earlier, earlier + timedelta(hours=72))
    with store.session() as session, pytest.raises(BreachError, match="cannot be removed"):
        update_breach(session, KEY, reference, {"timing": {"discovered_at": None}}, actor=ACTOR, now=AWARE)


def test_the_proposal_at_decision_is_kept_when_answers_change(store: Store) -> None:
    reference = _open(store)
    with store.session() as session:
        decide(session, KEY, reference, "authority_and_people", None, actor=ACTOR, now=AWARE)
        view = update_breach(session, KEY, reference, {"protection": {"unintelligible": "yes"}}, actor=ACTOR,
                             now=AWARE + timedelta(hours=1))
    assert view.proposal == "none"  # the aid's proposal now
    assert view.proposal_at_decision == "authority_and_people"  # what it proposed when the officer decided
    assert view.decision == "authority_and_people"


def test_a_follow_up_keeps_its_kind(store: Store) -> None:
    reference = _notified(store)
    later = AWARE + timedelta(days=3)
    with store.session() as session:
        phase = add_follow_up(session, KEY, reference, {}, actor=ACTOR, now=later)
        changed = update_breach(session, KEY, phase.reference, {"notification": {"kind": "new"},
                                                                "people": {"maximum": 300}}, actor=ACTOR, now=later)
    assert changed.incident.notification.kind == "follow_up" and changed.incident.people.maximum == 300


def test_numbering_skips_a_taken_reference(store: Store) -> None:
    first = _open(store)
    with store.session() as session:
        session.add(BreachRecord(reference="2026-002", parent_id=None, kind="new", role="controller",
                                 status="open", aware_at=AWARE, deadline_at=AWARE, content_sealed="x",
                                 version=1, late=False, reminders_sent=[]))
    assert (first, _open(store)) == ("2026-001", "2026-003")


def test_a_reference_taken_meanwhile_is_retried(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from waarborg.breaches import service

    first = _open(store)
    real = service._next_reference
    answers = iter([first])  # another office took this number between counting and inserting

    def racing(session: object, aware: datetime) -> str:
        return next(answers, None) or real(session, aware)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "_next_reference", racing)
    assert _open(store) == "2026-002"
    with store.session() as session:
        assert [v.reference for v in list_breaches(session, KEY)] == ["2026-002", "2026-001"]
