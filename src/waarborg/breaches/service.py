"""The breach register's service layer: open, change, decide, notify, follow up, withdraw.

Each function works in the caller's session (one transaction), checks before it changes, and
appends one entry to the audit trail naming the breach and the fields touched — never their
values. A notified breach is not rewritten: what changes afterwards goes into a follow-up linked
to the first notification (Art. 33(4)), so the register shows what the authority was told when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from waarborg.audit import chain
from waarborg.store.breach_models import BreachRecord

from .assess import assess
from .clock import PROCESSOR_HOURS, Clock, check_timely, reminders_due, start_clock
from .incident import LOCAL_ZONE, Incident, merge
from .records import (
    BreachError,
    BreachView,
    Content,
    changed_fields,
    find_record,
    open_content,
    phases_of,
    seal_content,
    to_view,
)

Decision = Literal["none", "authority", "authority_and_people", "authority_and_public", "controllers"]
DECISIONS: tuple[str, ...] = ("none", "authority", "authority_and_people", "authority_and_public", "controllers")
_CLOCK_SKEW = timedelta(minutes=5)  # a notification moment may be this far ahead of the server's clock


class NotifiedIncidentError(BreachError):
    """A notified (or withdrawn) breach cannot be changed; a follow-up supplements it."""


def _audit(session: Session, actor: str, action: str, record: BreachRecord, **detail: Any) -> None:
    chain.append(session, actor, action, {"breach": record.reference, "version": record.version, **detail})


def _write(record: BreachRecord, key: bytes, content: Content, now: datetime) -> None:
    record.content_sealed = seal_content(key, content)
    record.people_max = content.incident.people.maximum
    record.records = content.incident.data.records
    record.updated_at = now


def _next_reference(session: Session, aware_at: datetime) -> str:
    """`<year>-<number>`: one more than the highest first notification of the year it became known."""
    year = aware_at.astimezone(LOCAL_ZONE).year
    taken = session.execute(
        select(BreachRecord.reference).where(BreachRecord.parent_id.is_(None),
                                             BreachRecord.reference.like(f"{year}-%"))
    ).scalars()
    numbers = [int(ref.split("-")[1]) for ref in taken if ref.split("-")[1].isdigit()]
    return f"{year}-{max(numbers, default=0) + 1:03d}"


def open_breach(session: Session, key: bytes, incident: Incident, *, actor: str, now: datetime,
                processor_hours: int = PROCESSOR_HOURS) -> BreachView:
    """Record a new breach; the 72 hours run from `timing.discovered_at` (now when not given)."""
    if incident.timing.discovered_at is None:
        incident = merge(incident, {"timing": {"discovered_at": now}})
    aware = incident.timing.discovered_at
    assert aware is not None
    if aware > now.astimezone(UTC) + _CLOCK_SKEW:
        raise BreachError("timing.discovered_at lies in the future")
    incident = merge(incident, {"notification": {"kind": "new"}})
    clock = start_clock(aware, incident.organisation.role, processor_hours)
    proposal = assess(incident)
    record = BreachRecord(
        reference="", kind="new", role=incident.organisation.role, status="open",
        aware_at=clock.aware_at, deadline_at=clock.deadline, created_at=now, version=1,
        assessment=proposal.as_dict(), proposal=proposal.proposal, late=False, reminders_sent=[],
    )
    _write(record, key, Content(incident), now)
    _insert_numbered(session, record, aware)
    _audit(session, actor, "breach.opened", record, role=record.role, proposal=record.proposal)
    return to_view(key, record)


def _insert_numbered(session: Session, record: BreachRecord, aware: datetime, attempts: int = 5) -> None:
    """Insert with the next free reference; two offices numbering at once retry on the clash."""
    for attempt in range(attempts):
        record.reference = _next_reference(session, aware)
        try:
            with session.begin_nested():  # a savepoint: a clash rolls back this insert only
                session.add(record)
                session.flush()
            return
        except IntegrityError:
            if attempt == attempts - 1:
                raise
            if record in session:
                session.expunge(record)


def _refuse_if_final(record: BreachRecord) -> None:
    if record.status == "withdrawn":
        raise NotifiedIncidentError(f"breach {record.reference} was withdrawn; it can no longer be changed")
    if record.notified_at is not None:
        raise NotifiedIncidentError(
            f"breach {record.reference} was notified on {record.notified_at:%Y-%m-%d %H:%M} UTC and is not rewritten: "
            "add a follow-up to supplement or correct it"
        )


def update_breach(session: Session, key: bytes, ref: str, changes: dict[str, Any], *, actor: str,
                  now: datetime) -> BreachView:
    """Change answers of a breach (or of a follow-up) that has not been notified yet."""
    record = find_record(session, ref)
    _refuse_if_final(record)
    content = open_content(key, record)
    try:
        updated = merge(content.incident, changes)
        updated = merge(updated, {"notification": {"kind": record.kind}})  # a phase keeps its kind
    except ValueError as exc:
        raise BreachError(str(exc)) from exc
    if updated.organisation.role != record.role and record.kind == "new":
        raise BreachError("organisation.role cannot change after the breach was opened: open a new breach")
    fields = changed_fields(content.incident, updated)
    if not fields:
        return to_view(key, record)
    if record.kind == "new" and "timing.discovered_at" in fields:
        _move_clock(record, updated, now)
    record.version += 1
    proposal = assess(updated)
    record.assessment = {**proposal.as_dict(), **_kept_decision(record)}
    record.proposal = proposal.proposal
    _write(record, key, Content(updated, content.decision_reasons), now)
    _audit(session, actor, "breach.changed", record, fields=fields, proposal=record.proposal)
    return to_view(key, record)


def _move_clock(record: BreachRecord, incident: Incident, now: datetime) -> None:
    """A corrected moment of becoming aware moves the deadline with it (the span stays)."""
    aware = incident.timing.discovered_at
    if aware is None:
        raise BreachError("timing.discovered_at cannot be removed: the 72 hours run from it")
    if aware > now.astimezone(UTC) + _CLOCK_SKEW:
        raise BreachError("timing.discovered_at lies in the future")
    span = record.deadline_at - record.aware_at
    record.aware_at, record.deadline_at, record.reminders_sent = aware, aware + span, []


def _kept_decision(record: BreachRecord) -> dict[str, Any]:
    """The proposal as it stood when the officer decided; later changes do not rewrite it."""
    kept = (record.assessment or {}).get("at_decision")
    return {"at_decision": kept} if kept else {}


def decide(session: Session, key: bytes, ref: str, choice: str, reasons: str | None, *, actor: str,
           now: datetime) -> BreachView:
    """Record the officer's decision next to the aid's proposal; reasons are required for 'none'
    (Art. 33(5)) and whenever the decision departs from the proposal."""
    record = find_record(session, ref)
    _refuse_if_final(record)
    if record.kind != "new":
        raise BreachError(f"{record.reference} is a {record.kind.replace('_', '-')}: decide on the first notification")
    _check_choice(record, choice)
    content = open_content(key, record)
    proposal = assess(content.incident)
    explained = bool(reasons and reasons.strip())
    if not explained and (choice == "none" or choice != proposal.proposal):
        why = "not notifying" if choice == "none" else f"departing from the proposal ({proposal.proposal})"
        raise BreachError(f"give the reasons for {why}: they are kept in the register (Art. 33(5) GDPR)")
    record.version += 1
    record.assessment = {**proposal.as_dict(),
                         "at_decision": {"proposal": proposal.proposal, "risk": proposal.risk, "score": proposal.score}}
    record.proposal = proposal.proposal
    record.decision, record.decided_at, record.decided_by = choice, now, actor
    record.status = "not_notified" if choice == "none" else "open"
    _write(record, key, Content(content.incident, reasons.strip() if explained and reasons else None), now)
    _audit(session, actor, "breach.decided", record, decision=choice, proposal=proposal.proposal)
    return to_view(key, record)


def _check_choice(record: BreachRecord, choice: str) -> None:
    if choice not in DECISIONS:
        raise BreachError(f"decision {choice!r} is not one of: {', '.join(DECISIONS)}")
    if record.role == "processor" and choice != "controllers":
        raise BreachError("a processor tells its controllers of every breach (Art. 33(2)): decide 'controllers'")
    if record.role == "controller" and choice == "controllers":
        raise BreachError("'controllers' is the processor's decision; a controller decides on notifying")


def notify(session: Session, key: bytes, ref: str, *, notified_at: datetime, authority_reference: str | None,
           delay_reason: str | None, actor: str, now: datetime) -> BreachView:
    """Record that the notification (or follow-up) was sent; a first notification after the deadline
    needs the reasons for the delay (Art. 33(1)) and is refused without them."""
    record = find_record(session, ref)
    _refuse_if_final(record)
    if notified_at > now.astimezone(UTC) + _CLOCK_SKEW:
        raise BreachError("the notification moment lies in the future")
    content = open_content(key, record)
    incident = content.incident
    if record.kind == "new":
        if record.decision in (None, "none"):
            raise BreachError(f"decide on {record.reference} first (waarborg breach decide)")
        reason = delay_reason or incident.timing.delay_reason
        on_time = check_timely(_clock(record), notified_at, reason)
        record.late = not on_time
        if not on_time and reason != incident.timing.delay_reason:
            incident = merge(incident, {"timing": {"delay_reason": reason}})
    record.version += 1
    record.notified_at, record.status = notified_at, "notified"
    record.authority_reference = authority_reference or record.authority_reference
    _write(record, key, Content(incident, content.decision_reasons), now)
    _audit(session, actor, "breach.notified", record, late=record.late, kind=record.kind)
    return to_view(key, record)


def _clock(record: BreachRecord) -> Clock:
    return Clock(record.aware_at, record.deadline_at, "processor" if record.role == "processor" else "controller")


def _latest_incident(session: Session, key: bytes, root: BreachRecord) -> Incident:
    phases = [phase for phase in phases_of(session, root) if phase.kind == "follow_up"]
    return open_content(key, phases[-1] if phases else root).incident


def add_follow_up(session: Session, key: bytes, ref: str, changes: dict[str, Any], *, actor: str,
                  now: datetime) -> BreachView:
    """A follow-up to a notified breach: the latest answers with `changes` laid over them."""
    root = find_record(session, ref)
    if root.parent_id is not None:
        root = session.get(BreachRecord, root.parent_id) or root
    if root.status != "notified":
        raise BreachError(f"breach {root.reference} has not been notified: change it instead of adding a follow-up")
    phases = phases_of(session, root)
    pending = [phase.reference for phase in phases if phase.notified_at is None]
    if pending:
        raise BreachError(f"follow-up {pending[0]} has not been sent yet: change that one")
    try:
        incident = merge(_latest_incident(session, key, root), changes)
        incident = merge(incident, {"notification": {"kind": "follow_up",
                                                     "follows": root.authority_reference or root.reference}})
    except ValueError as exc:
        raise BreachError(str(exc)) from exc
    record = _phase(root, "follow_up", len(phases) + 1, now)
    _write(record, key, Content(incident), now)
    session.add(record)
    session.flush()
    fields = changed_fields(_latest_incident(session, key, root), incident)
    _audit(session, actor, "breach.follow_up", record, first=root.reference, fields=fields)
    return to_view(key, record, root.reference)


def _phase(root: BreachRecord, kind: str, number: int, now: datetime) -> BreachRecord:
    return BreachRecord(
        reference=f"{root.reference}-{number}", parent_id=root.id, kind=kind, role=root.role, status="open",
        aware_at=root.aware_at, deadline_at=root.deadline_at, created_at=now, version=1, late=False,
        reminders_sent=[],
    )


def withdraw(session: Session, key: bytes, ref: str, reason: str, *, at: datetime, actor: str,
             now: datetime) -> BreachView:
    """Withdraw a notification (it turned out not to be a breach); the withdrawal is kept as a phase."""
    root = find_record(session, ref)
    if root.parent_id is not None or root.status != "notified":
        raise BreachError(f"only a notified first notification can be withdrawn ({root.reference} is {root.status})")
    if not reason.strip():
        raise BreachError("give the reason for the withdrawal")
    incident = merge(_latest_incident(session, key, root), {"notification": {
        "kind": "withdrawal", "follows": root.authority_reference or root.reference, "withdrawal_reason": reason}})
    record = _phase(root, "withdrawal", len(phases_of(session, root)) + 1, now)
    record.status, record.notified_at = "notified", at
    _write(record, key, Content(incident), now)
    session.add(record)
    root.status, root.version, root.updated_at = "withdrawn", root.version + 1, now
    session.flush()
    _audit(session, actor, "breach.withdrawn", root, withdrawal=record.reference)
    return to_view(key, record, root.reference)


def show_breach(session: Session, key: bytes, ref: str) -> BreachView:
    """A breach with its follow-ups and withdrawal (asking for a phase shows its first notification)."""
    record = find_record(session, ref)
    if record.parent_id is not None:
        record = session.get(BreachRecord, record.parent_id) or record
    view = to_view(key, record)
    view.phases = [to_view(key, phase, record.reference) for phase in phases_of(session, record)]
    return view


def list_breaches(session: Session, key: bytes) -> list[BreachView]:
    """Every first notification with its phases, newest first: the Art. 33(5) register."""
    roots = session.execute(
        select(BreachRecord).where(BreachRecord.parent_id.is_(None))
        .order_by(BreachRecord.aware_at.desc(), BreachRecord.reference.desc())
    ).scalars()
    views = []
    for record in roots:
        view = to_view(key, record)
        view.phases = [to_view(key, phase, record.reference) for phase in phases_of(session, record)]
        views.append(view)
    return views


@dataclass(frozen=True)
class ReminderDue:
    """A reminder the scheduler should send: the breach and the hours left it stands for."""

    reference: str
    hours: list[int]


def reminders_to_send(session: Session, now: datetime) -> list[ReminderDue]:
    """Open first notifications whose clock reached 24, 12 or 1 hour left since the last reminder."""
    open_records = session.execute(
        select(BreachRecord).where(BreachRecord.parent_id.is_(None), BreachRecord.status == "open",
                                   BreachRecord.notified_at.is_(None))
    ).scalars()
    due = []
    for record in open_records:
        hours = reminders_due(_clock(record), now, record.reminders_sent or [])
        if hours:
            due.append(ReminderDue(record.reference, hours))
    return due


def record_reminders(session: Session, reference: str, hours: list[int], *, actor: str) -> None:
    """Mark reminders as sent so they are not sent again."""
    record = find_record(session, reference)
    record.reminders_sent = sorted({*(record.reminders_sent or []), *hours}, reverse=True)
    _audit(session, actor, "breach.reminded", record, hours=hours)
