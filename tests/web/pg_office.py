"""A demo office whose store is PostgreSQL (the demo databases stay SQLite; only the store moves),
for running the web tests of a module on PostgreSQL: a module defines `office_root` with it and
imports the SQLite module's tests, which then run against this office."""

from __future__ import annotations

from pathlib import Path

from web_support import NOW, build_office

from waarborg.office.demo_state import seed_demo_office
from waarborg.office.jobs import refresh_forecast
from waarborg.office.models import JobRun
from waarborg.store.models import utcnow
from waarborg.workspace import open_workspace


def build_pg_office(root: Path, pg_url: str, persons: int = 150) -> Path:
    """The demo office in `root` with its store at `pg_url`, seeded like the SQLite one."""
    admin_password = build_office(root, persons=persons)
    (root / "admin-password").write_text(admin_password, encoding="utf-8")
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_DATABASE_URL={pg_url}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        assert workspace.store.dialect == "postgresql"
        seed_demo_office(workspace, NOW)
        with workspace.store.session() as session:
            session.add(JobRun(job="retention_forecast", started_at=utcnow(), status="done",
                               summary=refresh_forecast(workspace, NOW), finished_at=utcnow()))
    finally:
        workspace.close()
    return root
