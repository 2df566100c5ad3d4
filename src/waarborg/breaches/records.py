"""Reading and writing breach records: the sealed answers, the view the office and CLI show.

The incident's answers are sealed with the erasure key (they name the organisation's contact
people and describe events in free text); everything an overview lists stays in plain columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.store.breach_models import BreachRecord
from waarborg.store.sealing import seal, unseal

from .clock import Clock, ClockReading, read_clock
from .incident import Incident


class BreachError(ValueError):
    """A breach operation that cannot be done as asked; nothing was changed."""


class BreachNotFound(BreachError):
    """No breach with that reference or id."""


@dataclass
class Content:
    """What is sealed: the answers and the officer's free-text reasons."""

    incident: Incident
    decision_reasons: str | None = None


def seal_content(key: bytes, content: Content) -> str:
    payload = {"incident": content.incident.model_dump(mode="json"), "decision_reasons": content.decision_reasons}
    return seal(key, json.dumps(payload, ensure_ascii=False, sort_keys=True))


def open_content(key: bytes, record: BreachRecord) -> Content:
    payload = json.loads(unseal(key, record.content_sealed))
    return Content(Incident.model_validate(payload["incident"]), payload.get("decision_reasons"))


@dataclass
class BreachView:
    """A breach record with its answers opened, ready to show or export."""

    id: str
    reference: str
    kind: str
    role: str
    status: str
    version: int
    aware_at: datetime
    deadline_at: datetime
    incident: Incident
    assessment: dict[str, Any] | None
    proposal: str | None
    decision: str | None
    decision_reasons: str | None
    decided_at: datetime | None
    decided_by: str | None
    notified_at: datetime | None
    late: bool
    authority_reference: str | None
    parent_reference: str | None = None
    phases: list[BreachView] = field(default_factory=list)  # follow-ups and withdrawal of a first notification

    @property
    def proposal_at_decision(self) -> str | None:
        """The aid's proposal when the officer decided (kept even when answers changed later)."""
        kept = (self.assessment or {}).get("at_decision") or {}
        return kept.get("proposal")

    @property
    def clock(self) -> Clock:
        return Clock(self.aware_at, self.deadline_at, "processor" if self.role == "processor" else "controller")

    def reading(self, now: datetime) -> ClockReading:
        """The clock at `now`; stopped when no notification was decided or the notification was withdrawn."""
        stopped = self.status in ("not_notified", "withdrawn")
        return read_clock(self.clock, now, self.notified_at, stopped=stopped)


def to_view(key: bytes, record: BreachRecord, parent_reference: str | None = None) -> BreachView:
    content = open_content(key, record)
    return BreachView(
        id=record.id, reference=record.reference, kind=record.kind, role=record.role, status=record.status,
        version=record.version, aware_at=record.aware_at, deadline_at=record.deadline_at,
        incident=content.incident, assessment=record.assessment, proposal=record.proposal,
        decision=record.decision, decision_reasons=content.decision_reasons, decided_at=record.decided_at,
        decided_by=record.decided_by, notified_at=record.notified_at, late=record.late,
        authority_reference=record.authority_reference, parent_reference=parent_reference,
    )


def find_record(session: Session, ref: str) -> BreachRecord:
    """A record by reference (2026-001) or id; BreachNotFound naming what was asked."""
    found = session.execute(
        select(BreachRecord).where((BreachRecord.reference == ref) | (BreachRecord.id == ref))
    ).scalar_one_or_none()
    if found is None:
        raise BreachNotFound(f"no breach {ref!r} in the register")
    return found


def phases_of(session: Session, record: BreachRecord) -> list[BreachRecord]:
    """The follow-ups and withdrawal linked to a first notification, oldest first."""
    return list(session.execute(
        select(BreachRecord).where(BreachRecord.parent_id == record.id).order_by(BreachRecord.created_at,
                                                                                  BreachRecord.reference)
    ).scalars())


def changed_fields(before: Incident, after: Incident) -> list[str]:
    """The `section.field` paths whose answers differ: what the audit trail names (never the values)."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return [f"{section}.{name}" for section in new for name in new[section]
            if old[section].get(name) != new[section][name]]
