"""`waarborg sweep`: erase what has run its course, by the register's retention rules."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from waarborg.retention import DEFAULT_BATCH_SIZE

from .common import EXIT_BAD_INPUT, err_console, fail

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy.exc import DBAPIError

    from waarborg.retention.plan import SweepPlan
    from waarborg.retention.sweep import SweepReport
    from waarborg.workspace import Workspace

REGISTER_OPTION = typer.Option(
    Path("waarborg.yaml"), "--register", help="The register (its folder is the workspace).", metavar="FILE"
)


def _engine_errors() -> tuple[type[Exception], ...]:
    from waarborg.datasets.connect import BindingConnectionError
    from waarborg.store import StoreError
    from waarborg.store.locks import LockHeld
    from waarborg.store.sealing import SealError
    from waarborg.workspace import WorkspaceError

    return (WorkspaceError, BindingConnectionError, StoreError, LockHeld, SealError)


@contextmanager
def cli_workspace(register: Path) -> Iterator[Workspace]:
    """Open the workspace and turn Waarborg's errors into clean messages (exit status 2).

    The engine (SQLAlchemy, the store, the workspace) is imported here, on first use, not when
    the CLI starts: `waarborg --help` and `check` stay fast."""
    from sqlalchemy.exc import DBAPIError

    from waarborg.register import RegisterError
    from waarborg.workspace import WorkspaceError, open_workspace

    engine_errors = _engine_errors()
    try:
        workspace = open_workspace(register)
    except WorkspaceError as exc:
        fail(str(exc))
    try:
        yield workspace
    except RegisterError as exc:
        for problem in exc.problems:
            err_console.print(str(problem), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except engine_errors as exc:
        fail(str(exc))
    except DBAPIError as exc:
        fail(database_failure(exc))
    finally:
        workspace.close()


def database_failure(exc: DBAPIError) -> str:
    """A refused connection, a missing file, a violated constraint: the driver's first line only
    (`driver_message`), never SQL or parameters."""
    from waarborg.datasets.connect import driver_error_name, driver_message

    return (f"a database failed: {driver_error_name(exc)}: {driver_message(exc)}. Work committed before it stays "
            "committed; run the command again when the database is back (sweeps resume where they stopped).")


def parse_moment(value: str | None, option: str) -> datetime | None:
    """An ISO date or date-time from the command line, or a clean error naming the option."""
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        fail(f"{option}: {value!r} is not a date (write e.g. 2026-06-01 or 2026-06-01T12:00)")


def sweep(
    register: Path = REGISTER_OPTION,
    dry_run: bool = typer.Option(False, "--dry-run", help="Only count what is due; change nothing."),
    batch_size: int = typer.Option(
        DEFAULT_BATCH_SIZE, "--batch-size", min=1, metavar="ROWS",
        help="Rows per batch (each batch commits atomically).",
    ),
    now: str | None = typer.Option(
        None, "--now", metavar="DATE", help="Decide as at this moment (ISO), instead of now."
    ),
    connections: int | None = typer.Option(
        None, "--connections", min=1, metavar="N",
        help="Batches in flight at once on a server (default 2; SQLite, and MariaDB tables with row deletion: 1).",
    ),
) -> None:
    """Erase every field whose retention has ended, in atomic batches; resumes an interrupted run."""
    from rich.console import Console

    from waarborg.retention.sweep import run_sweep

    moment = parse_moment(now, "--now")
    with cli_workspace(register) as workspace:
        report = run_sweep(workspace, moment, dry_run, batch_size, sys.stdout.isatty(), connections)
    console = Console(highlight=False)
    if report.plan is not None:
        _print_plan(console, report.plan, report.skipped_persons)
    else:
        _print_report(console, report)


def _print_plan(console: Console, plan: SweepPlan, skipped: int) -> None:
    from rich.table import Table

    title = f"Dry run at {plan.now:%Y-%m-%d %H:%M}"
    table = Table("table", "delete rows", "mask rows", "per activity", "due since", title=title)
    for t in plan.tables:
        activities = ", ".join(f"{k}: {v}" for k, v in t.by_activity.items() if v) or "-"
        due = f"{t.oldest_due:%Y-%m-%d}" if t.oldest_due else "-"
        table.add_row(f"{t.system}.{t.table}", str(t.rows_to_delete), str(t.rows_to_mask), activities, due)
    console.print(table)
    oldest = f", oldest due {plan.oldest_due:%Y-%m-%d}" if plan.oldest_due else ""
    console.print(f"{_rows(plan.rows)} to erase{oldest}; {_skipped(skipped)}.")
    for t in plan.tables:
        if t.kept_without_deadline:
            console.print(f"{t.system}.{t.table}: kept without a deadline by {', '.join(t.kept_without_deadline)}")


def _print_report(console: Console, report: SweepReport) -> None:
    resumed = " (resumed an interrupted run)" if report.resumed else ""
    console.print(f"Sweep {report.run_id} at {report.now:%Y-%m-%d %H:%M}{resumed}")
    for t in report.tables:
        activities = ", ".join(f"{k}: {v}" for k, v in t.by_activity.items() if v)
        per_activity = f" ({activities})" if activities else ""
        batches = "1 batch" if t.batches == 1 else f"{t.batches} batches"
        console.print(f"  {t.system}.{t.table}: {_rows(t.rows)} erased in {batches}{per_activity}")
    console.print(f"{_rows(report.rows)} erased; {_skipped(report.skipped_persons)}.")


def _rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count} rows"


def _skipped(count: int) -> str:
    who = "1 person" if count == 1 else f"{count} people"
    return f"{who} skipped (restricted or open request)"
