"""Scheduled jobs: deadline reminders once per threshold, the outbox without SMTP, real SMTP to a
local sink, the store lock, and the CLI commands init / run-due / user."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from web_support import NOW, sign_in_as

from waarborg.cli.app import build_app
from waarborg.office.jobs import run_due, send_reminders
from waarborg.office.models import OutboxMessage
from waarborg.office.settings import settings_from_env
from waarborg.store import locks
from waarborg.workspace import Workspace


def _outbox(workspace: Workspace) -> list[OutboxMessage]:
    with workspace.store.session() as session:
        return list(session.query(OutboxMessage).order_by(OutboxMessage.id))


def test_reminders_go_once_per_request_threshold_and_person_and_wait_in_the_outbox(
    workspace: Workspace, client: TestClient
) -> None:
    settings = settings_from_env(workspace.env)
    first = send_reminders(workspace, settings, NOW)["reminders"]
    # Demo requests (4-week promise) due within a week: the overdue one and the one due tomorrow;
    # a handler and a privacy officer get each reminder.
    assert first == 4
    assert send_reminders(workspace, settings, NOW)["reminders"] == 0
    messages = _outbox(workspace)
    assert {m.status for m in messages} == {"not_sent"}
    overdue = [m for m in messages if "over de termijn" in m.subject]
    assert len(overdue) == 2 and "Verzoek om overdracht" in overdue[0].subject
    assert "is 5 dagen over de termijn" in overdue[0].body and "is 5 days past its deadline" in overdue[0].body
    assert "in behandeling" in next(m.body for m in messages if m not in overdue)
    sign_in_as(client, "privacy_officer")
    page = client.get("/office/outbox").text
    assert "NIET VERZONDEN" in page and '<a href="http://127.0.0.1:8000/office/"' in page


class _Collect(Sink):
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_with_an_smtp_server_reminders_are_really_sent(workspace: Workspace) -> None:
    handler, port = _Collect(), _free_port()
    sink = Controller(handler, hostname="127.0.0.1", port=port)
    sink.start()
    try:
        env = {**workspace.env, "WAARBORG_SMTP_URL": f"smtp://127.0.0.1:{port}"}
        sent = send_reminders(workspace, settings_from_env(env), NOW + timedelta(days=20))["reminders"]
    finally:
        sink.stop()
    assert sent > 0 and len(handler.messages) == sent
    assert b"Open the privacy office" in handler.messages[0]
    assert {m.status for m in _outbox(workspace)[-sent:]} == {"sent"}


def test_a_round_is_skipped_while_another_process_holds_the_lock(workspace: Workspace) -> None:
    settings = settings_from_env(workspace.env)
    locks.acquire(workspace.store, "office.jobs", "otherhost:1:abc")
    try:
        assert not run_due(workspace, settings, NOW).ran
    finally:
        locks.release(workspace.store, "office.jobs", "otherhost:1:abc")
    report = run_due(workspace, settings, NOW)  # the demo's forecast was counted for NOW already
    assert report.ran and set(report.results) == {"deadline_reminders", "breach_reminders", "expire_sessions",
                                             "delete_packages"}
    tomorrow = run_due(workspace, settings, NOW + timedelta(days=1))
    assert set(tomorrow.results) == {"deadline_reminders", "breach_reminders", "expire_sessions",
                                    "delete_packages", "retention_forecast"}
    assert len(tomorrow.results["retention_forecast"]["months"]) == 12


def test_init_then_user_add_then_run_due_from_the_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    root = tmp_path / "kantoor"
    done = runner.invoke(build_app(), ["init", str(root)])
    assert done.exit_code == 0, done.output
    assert (root / ".env").stat().st_mode & 0o777 == 0o600 and "WAARBORG_SESSION_KEY=" in (root / ".env").read_text()
    again = runner.invoke(build_app(), ["init", str(root)])
    assert again.exit_code == 2 and "exists already" in again.output
    register = str(root / "waarborg.yaml")
    assert runner.invoke(build_app(), ["check", register, "--no-live"]).exit_code == 0  # the starter is valid
    added = runner.invoke(build_app(), ["user", "add", "ans@example.org", "--role", "admin", "--register", register,
                                        "--password", "zeven-blauwe-olifanten-dansen"])
    assert added.exit_code == 0, added.output
    weak = runner.invoke(build_app(), ["user", "add", "bob@example.org", "--role", "viewer", "--register", register,
                                       "--password", "password1234"])
    assert weak.exit_code == 2
    listed = runner.invoke(build_app(), ["user", "list", "--register", register])
    assert "ans@example.org\tadmin" in listed.output and "bob@" not in listed.output
    ran = runner.invoke(build_app(), ["run-due", "--register", register])
    assert ran.exit_code == 0 and "deadline_reminders: reminders 0" in ran.output
