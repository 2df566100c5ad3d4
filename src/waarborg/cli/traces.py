"""`waarborg erasure-traces`: which erased values a database engine may still hold, and what to run."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EXIT_FINDINGS
from .sweep import REGISTER_OPTION, cli_workspace


def traces(register: Path = REGISTER_OPTION) -> None:
    """List the tables where erased values may remain in the engine (PostgreSQL: dead row versions
    until VACUUM); exit 1 while a table was not vacuumed since its last erasure."""
    from waarborg.retention.traces import erasure_traces

    with cli_workspace(register) as workspace:
        found = erasure_traces(workspace)
    if not found:
        typer.echo("the erasure ledger is empty: nothing erased, no traces to clear")
        return
    for item in found:
        label = f"{item.system}.{item.table}"
        if item.needs_vacuum:
            vacuumed = f"{item.vacuumed:%Y-%m-%d %H:%M} UTC" if item.vacuumed else "never"
            typer.echo(f"{label}: {item.dead_tuples or 0} dead row version(s), last vacuum {vacuumed}, "
                       f"last erasure {item.last_erased:%Y-%m-%d %H:%M} UTC: run VACUUM {item.table};")
        elif item.dialect == "postgresql":
            typer.echo(f"{label}: vacuumed since the last erasure")
        elif item.dialect == "sqlite":
            typer.echo(f"{label}: erased with secure_delete, WAL truncated; {item.free_pages} free page(s) "
                       "(VACUUM rewrites the file if values were deleted before Waarborg erased them)")
        else:
            typer.echo(f"{label}: {item.dialect} not checked; see its documentation on deleted rows")
    pending = [item for item in found if item.needs_vacuum]
    if pending:
        typer.echo(f"{len(pending)} table(s) may still hold erased values in dead row versions until VACUUM; "
                   "the WAL, backups and replicas keep theirs until they are recycled or expire")
        raise typer.Exit(EXIT_FINDINGS)
