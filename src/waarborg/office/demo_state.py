"""A lived-in office for the demo workspace: staff of every role with known passwords, open
requests at different stages and deadlines (one overdue), and a first round of scheduled jobs.

The demo passwords are documented (docs/office.md) and for the demo only; the admin gets a
random one-time password that must be changed at the first login.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from waarborg.audit.chain import append
from waarborg.consent.demo import seed_demo_consents
from waarborg.datasets.identities import identity_hash
from waarborg.requests.lifecycle import due_at
from waarborg.store.models import DataSubjectRequest
from waarborg.store.sealing import seal
from waarborg.workspace import Workspace

from .users import add_user, find_user, set_password

ACTOR = "waarborg demo"

# email, name, role, password (documented in docs/office.md; demo only)
DEMO_STAFF: tuple[tuple[str, str, str, str], ...] = (
    ("privacy@klantcontact-demo.example", "Petra Visser", "privacy_officer", "paars-lantaarn-violist-58"),
    ("behandelaar@klantcontact-demo.example", "Hamid El Amrani", "handler", "groene-theepot-kompas-17"),
    ("hr@klantcontact-demo.example", "Ingrid Bakker", "hr", "stille-zeilboot-parasol-23"),
    ("meelezer@klantcontact-demo.example", "Victor Jansen", "viewer", "rode-fietsbel-sterrenkijker-64"),
)
ADMIN_EMAIL = "beheer@klantcontact-demo.example"

# (kind, status, days since received): deadlines spread out, one overdue
DEMO_REQUESTS: tuple[tuple[str, str, int], ...] = (
    ("access", "received", 2),
    ("erase", "in_progress", 20),
    ("rectify", "in_progress", 27),
    ("object", "received", 10),
    ("access", "failed", 15),
    ("port", "received", 33),  # past its deadline
)


@dataclass(frozen=True)
class DemoOffice:
    admin_email: str
    admin_password: str
    requests: int


def seed_demo_office(workspace: Workspace, now: datetime) -> DemoOffice:
    """Add the demo staff, requests, a breach and consents to a fresh demo workspace's store.

    Run again on the same store, it resets the demo accounts (a new one-time admin password)
    and leaves the requests, the breach and the consents that are there."""
    admin_password = secrets.token_urlsafe(12)
    with workspace.store.session() as session:
        _demo_account(session, ADMIN_EMAIL, "Beheerder", "admin", admin_password, now)
        for email, name, role, password in DEMO_STAFF:
            _demo_account(session, email, name, role, password, now, one_time=False)
        seeded = session.execute(select(func.count()).select_from(DataSubjectRequest)).scalar_one() > 0
    count = 0 if seeded else _seed_requests(workspace, now)
    if not seeded:
        seed_demo_consents(workspace)  # the demo newsletter's consents, and demo-mailing-list.csv
        _seed_breach(workspace, now)
    return DemoOffice(ADMIN_EMAIL, admin_password, count)


# A breach discovered 30 hours ago: its 72-hour clock runs, with 42 hours left when the demo starts.
DEMO_BREACH_AGE = timedelta(hours=30)


def _seed_breach(workspace: Workspace, now: datetime) -> None:
    """The demo's breach: payslips mailed to a wrong address, pre-filled from the payroll activity."""
    from waarborg.breaches.intake import new_breach

    answers = {
        "organisation": {"contact": {"name": "Petra Visser", "function": "Privacyfunctionaris",
                                     "phone": "030-7001234"}},
        "timing": {"discovered_at": (now - DEMO_BREACH_AGE).isoformat(timespec="minutes")},
        "what": {"summary": "Loonstroken van december zijn naar een verkeerd e-mailadres gestuurd.",
                 "nature": ["read"], "incident_kind": "misdirected"},
        "protection": {"unintelligible": "no"},
        "consequences": {"harms": ["identity_fraud"]},
    }
    new_breach(workspace, answers, source="demo", activities=["payroll"], systems=[], count=True,
               actor=ACTOR, now=now)


def _demo_account(session: Session, email: str, name: str, role: str, password: str, now: datetime,
                  one_time: bool = True) -> None:
    """Create the account, or give an existing one its demo password back."""
    user = find_user(session, email)
    if user is None:
        user = add_user(session, ACTOR, email, name, role, password, now)
    else:
        set_password(session, ACTOR, user, password, now)
        user.disabled = False
    user.must_change_password = one_time  # the admin's password is one-time: changed at the first login


def _demo_emails(workspace: Workspace, count: int) -> list[str]:
    with workspace.connections().engine("crm").connect() as conn:
        rows = conn.execute(text("SELECT email FROM persons ORDER BY id LIMIT :n"), {"n": count}).all()
    return [str(row[0]) for row in rows]


def _seed_requests(workspace: Workspace, now: datetime) -> int:
    key = workspace.erasure_key()
    promise = workspace.register.rights.response_time
    emails = _demo_emails(workspace, len(DEMO_REQUESTS))
    with workspace.store.session() as session:
        for (kind, status, age), email in zip(DEMO_REQUESTS, emails, strict=False):
            received = now - timedelta(days=age)
            request = DataSubjectRequest(
                kind=kind, identity_kind="email", identity_hash=identity_hash(key, "email", email),
                identity_sealed=seal(key, email), status=status, received_at=received,
                due_at=due_at(received, promise), attempts=0 if status == "received" else 1,
            )
            session.add(request)
            session.flush()
            detail = {"request_id": request.id, "kind": kind, "identity_kind": "email",
                      "identity_hash": request.identity_hash, "attempt": request.attempts}
            append(session, ACTOR, "request.received", detail)
            if status != "received":
                append(session, ACTOR, "request.started", detail)
            if status == "failed":  # the audit cross-check wants the entry of the state it ended in
                append(session, ACTOR, "request.failed", detail | {"error": "database crm unreachable"})
    return min(len(DEMO_REQUESTS), len(emails))
