"""`waarborg run-due`: the scheduled jobs once (for cron), under the same store lock as `serve`."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from .common import fail
from .sweep import REGISTER_OPTION, cli_workspace


def run_due(register: Path = REGISTER_OPTION) -> None:
    """Deadline reminders, session expiry, the retention forecast and (if the register says so) the sweep."""
    from waarborg.office.jobs import run_due as run_jobs
    from waarborg.office.settings import SettingsError, settings_from_env

    with cli_workspace(register) as workspace:
        try:
            settings = settings_from_env(workspace.env, workspace.register.controller.email)
        except SettingsError as exc:
            fail(str(exc))
        report = run_jobs(workspace, settings, datetime.now(UTC))
    if not report.ran:
        typer.echo(f"not run: {report.held_by}")
        return
    for job, result in report.results.items():
        summary = ", ".join(f"{key} {value}" for key, value in result.items() if key != "months")
        typer.echo(f"{job}: {summary or 'done'}")
