"""`waarborg demo office` gives the demo a lived-in office, and can run again (make demo twice)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from waarborg.breaches.service import list_breaches
from waarborg.cli.app import build_app
from waarborg.demo import build_demo
from waarborg.office.demo_state import DEMO_REQUESTS, DEMO_STAFF
from waarborg.office.users import list_users
from waarborg.workspace import open_workspace


def test_demo_office_seeds_every_role_and_runs_again(tmp_path: Path) -> None:
    build_demo(tmp_path, persons=80, seed=5, as_of=date.today())
    runner = CliRunner()
    first = runner.invoke(build_app(), ["demo", "office", str(tmp_path)])
    assert first.exit_code == 0, first.output
    assert f"{len(DEMO_REQUESTS)} open requests added" in first.output
    second = runner.invoke(build_app(), ["demo", "office", str(tmp_path)])
    assert second.exit_code == 0 and "0 open requests added" in second.output
    passwords = [line.rsplit(" ", 1)[1] for line in (first.output + second.output).splitlines() if "admin" in line]
    assert len(set(passwords)) == 2  # a new one-time admin password each time
    workspace = open_workspace(tmp_path / "waarborg.yaml")
    try:
        with workspace.store.session() as session:
            users = list_users(session)
        assert {u.role for u in users} == {"admin", "privacy_officer", "handler", "hr", "viewer"}
        assert len(users) == len(DEMO_STAFF) + 1
        assert [u.must_change_password for u in users if u.role == "admin"] == [True]
        with workspace.store.session() as session:
            breaches = list_breaches(session, workspace.erasure_key())
        assert len(breaches) == 1  # logged once, not again on the second run
        breach = breaches[0]
        assert breach.status == "open" and breach.decision is None
        left = breach.deadline_at - datetime.now(UTC)
        assert timedelta(hours=40) < left < timedelta(hours=43)  # discovered 30 hours ago: the clock runs
        assert breach.incident.people.groups  # pre-filled from the register's payroll activity
    finally:
        workspace.close()
