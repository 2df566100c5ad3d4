"""A lived-in office for the demo workspace: staff of every role with known passwords, open
requests at different stages and deadlines (one overdue), and a first round of scheduled jobs.

The demo passwords are documented (docs/office.md) and for the demo only; the admin gets a
random one-time password that must be changed at the first login.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import text

from waarborg.audit.chain import append
from waarborg.datasets.identities import identity_hash
from waarborg.requests.lifecycle import due_at
from waarborg.store.models import DataSubjectRequest
from waarborg.store.sealing import seal
from waarborg.workspace import Workspace

from .users import add_user

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
    """Add the demo staff and requests to a fresh demo workspace's store."""
    admin_password = secrets.token_urlsafe(12)
    with workspace.store.session() as session:
        admin = add_user(session, ACTOR, ADMIN_EMAIL, "Beheerder", "admin", admin_password, now)
        admin.must_change_password = True  # one-time: the first login asks for a new one
        for email, name, role, password in DEMO_STAFF:
            add_user(session, ACTOR, email, name, role, password, now)
    count = _seed_requests(workspace, now)
    return DemoOffice(ADMIN_EMAIL, admin_password, count)


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
