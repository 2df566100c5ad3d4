"""Issue 11 item 2, checked against the code: the handlers are reminded a week and a day before a
request's deadline (once each), not earlier, not while the office waits for the requester, and
every day-threshold is computed from the stored deadline."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from web_support import NOW

from waarborg.office.jobs import send_reminders
from waarborg.office.models import OutboxMessage
from waarborg.office.reminders import threshold
from waarborg.office.settings import settings_from_env
from waarborg.requests import workflow
from waarborg.requests.identity import Identity
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

PERSON = Identity("email", "reminded.person@example.org")


def _steps(workspace: Workspace, request_id: str) -> list[str]:
    """The thresholds reminded for this request, one per staff member (the dedup key's 4th part)."""
    with workspace.store.session() as session:
        query = select(OutboxMessage.dedup_key).where(OutboxMessage.dedup_key.contains(request_id))
        return sorted(str(key).split(":")[3] for key in session.execute(query).scalars())


def test_threshold_is_a_week_then_a_day_then_overdue() -> None:
    due = NOW + timedelta(days=8)
    assert threshold(due, NOW) is None
    assert threshold(due, NOW + timedelta(days=1)) == "7d"
    assert threshold(due, NOW + timedelta(days=6)) == "7d"
    assert threshold(due, NOW + timedelta(days=7)) == "1d"
    assert threshold(due, NOW + timedelta(days=8)) == "1d"  # due today: still the last reminder
    assert threshold(due, NOW + timedelta(days=9)) == "overdue"


def test_handlers_are_reminded_a_week_and_a_day_before_once_each(workspace: Workspace) -> None:
    settings = settings_from_env(workspace.env)
    request_id = workflow.receive(workspace, "access", PERSON, "test", NOW)
    with workspace.store.session() as session:
        stored = session.get(DataSubjectRequest, request_id)
        assert stored is not None
        due = stored.due_at
    send_reminders(workspace, settings, due - timedelta(days=8))
    assert _steps(workspace, request_id) == []  # more than a week left
    send_reminders(workspace, settings, due - timedelta(days=7))
    week = _steps(workspace, request_id)
    assert week and set(week) == {"7d"}  # every handler and privacy officer once
    send_reminders(workspace, settings, due - timedelta(days=3))
    assert _steps(workspace, request_id) == week  # never twice
    send_reminders(workspace, settings, due - timedelta(days=1))
    assert _steps(workspace, request_id) == sorted(week + ["1d"] * len(week))


def test_no_reminder_while_the_office_waits_for_the_requester(workspace: Workspace) -> None:
    settings = settings_from_env(workspace.env)
    received = NOW - timedelta(days=24)  # the demo promises four weeks: due in four days
    request_id = workflow.receive(workspace, "erase", PERSON, "test", received)
    workflow.ask_identity(workspace, request_id, "test", NOW - timedelta(days=1))
    send_reminders(workspace, settings, NOW)
    assert _steps(workspace, request_id) == []  # paused: no reminder though four days were left
    workflow.identity_confirmed(workspace, request_id, "test", NOW + timedelta(days=2))
    send_reminders(workspace, settings, NOW + timedelta(days=2))
    assert set(_steps(workspace, request_id)) == {"7d"}  # moved by the three days waited: five left
