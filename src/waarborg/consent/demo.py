"""Demo consents: the demo newsletter's subscribers in the consent ledger, and a demo mailing list.

The demo workspace (`waarborg demo build`) has a newsletter database whose subscribers signed up
(`subscribed_at`) and some of whom left (`unsubscribed_at`). `seed_demo_consents` records exactly
that as imported consents (through the same import as a real mailing tool's export, so it is
idempotent and audited; who left everything goes on the suppression list), and writes a mailing
list of everyone in the newsletter database plus CRM persons who never subscribed, to try
`waarborg mailing filter demo-mailing-list.csv --type newsletter` on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from waarborg.workspace import Workspace

from .importer import ImportReport, ImportRow, import_consents
from .ledger import ConsentChange, Person

DEMO_TYPE = "newsletter"
NEVER_SUBSCRIBED = 200  # CRM persons added to the demo list without any consent


@dataclass(frozen=True)
class DemoConsents:
    imported: ImportReport
    list_path: Path
    list_rows: int


def seed_demo_consents(workspace: Workspace, list_path: Path | None = None) -> DemoConsents:
    """Import the demo newsletter's subscriptions into the ledger and write the demo mailing list."""
    connections = workspace.connections()
    with connections.engine("newsletter").connect() as conn:
        subscribers = conn.execute(text(
            "SELECT email, subscribed_at, unsubscribed_at FROM subscribers WHERE email IS NOT NULL ORDER BY id"
        )).all()
    with connections.engine("crm").connect() as conn:
        others = [str(e) for e in conn.execute(text("SELECT email FROM persons WHERE email IS NOT NULL ORDER BY id"))
                  .scalars()]
    rows = [row for line, subscriber in enumerate(subscribers, start=2) for row in _rows(line, *subscriber)]
    with workspace.store.session() as session:
        report = import_consents(session, workspace.erasure_key(), workspace.register, rows, "demo newsletter",
                                 actor="demo")
    path = list_path or workspace.root / "demo-mailing-list.csv"
    known = {str(s[0]).strip().lower() for s in subscribers}
    extra = [e for e in others if e.strip().lower() not in known][:NEVER_SUBSCRIBED]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["email"])
        writer.writerows([str(s[0])] for s in subscribers)
        writer.writerows([e] for e in extra)
    return DemoConsents(report, path, len(subscribers) + len(extra))


def _rows(line: int, email: str, subscribed: datetime | None, unsubscribed: datetime | None) -> list[ImportRow]:
    person = Person("email", str(email))
    evidence = {"note": "demo: the newsletter tool's sign-up"}
    rows = []
    if subscribed is not None:
        rows.append(ImportRow(line, person, ConsentChange(DEMO_TYPE, "given", "import", evidence, _utc(subscribed),
                                                          "1.0")))
    if unsubscribed is not None:
        rows.append(ImportRow(line, person, ConsentChange(DEMO_TYPE, "withdrawn", "import", {}, _utc(unsubscribed),
                                                          "1.0")))
    return rows


def _utc(moment: datetime | str) -> datetime:
    value = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
