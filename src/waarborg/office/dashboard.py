"""What the dashboard's cards show, computed by the library (the web layer only renders).

Each function is cheap on a large organisation: requests come from one indexed query on the
store, the retention forecast from the newest job run (computed by the scheduled jobs, set-based,
in the organisation's databases), the findings and coverage from the register alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.requests.lifecycle import OPEN_STATUSES
from waarborg.store.models import DataSubjectRequest

OPEN = sorted(OPEN_STATUSES)


@dataclass(frozen=True)
class OpenRequest:
    id: str
    kind: str
    status: str
    received_at: datetime
    due_at: datetime
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "status": self.status, "received_at": self.received_at.isoformat(),
                "due_at": self.due_at.isoformat(), "days_left": self.days_left, "overdue": self.overdue}


def open_requests(session: Session, now: datetime, limit: int = 50) -> list[OpenRequest]:
    """Open requests, the nearest deadline first (overdue ones on top)."""
    query = (select(DataSubjectRequest).where(DataSubjectRequest.status.in_(OPEN))
             .order_by(DataSubjectRequest.due_at).limit(limit))
    return [
        OpenRequest(r.id, r.kind, r.status, r.received_at, r.due_at, (r.due_at.date() - now.date()).days)
        for r in session.execute(query).scalars()
    ]


@dataclass(frozen=True)
class CheckSummary:
    errors: int
    warnings: int
    infos: int
    findings: list[dict[str, str]]  # rule, severity, article, path, message_nl, message_en


def check_summary(register: Register) -> CheckSummary:
    """`waarborg check` without the live database checks: the rules engine over the register."""
    from waarborg.rules import run_checks

    findings = run_checks(register)
    rows = [{"rule": f.rule, "severity": f.severity, "article": f.article, "path": f.path,
             "message_nl": f.message_nl, "message_en": f.message_en} for f in findings]
    by = [f.severity for f in findings]
    return CheckSummary(by.count("error"), by.count("warning"), by.count("info"), rows)


@dataclass(frozen=True)
class StatementSummary:
    version: str
    published_on: str
    covered: int
    not_applicable: int
    missing: list[str]


def statement_summary(register: Register) -> StatementSummary:
    """The statement's version and how many Art. 13/14 elements it covers."""
    from waarborg.statement import coverage_report

    report = coverage_report(register)
    statuses = [item["status"] for item in report.values()]
    missing = [key for key, item in report.items() if item["status"] == "missing"]
    return StatementSummary(register.statement.version, register.statement.published_on.isoformat(),
                            statuses.count("covered"), statuses.count("not_applicable"), missing)
