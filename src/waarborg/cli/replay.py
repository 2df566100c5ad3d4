"""`waarborg replay-erasures`: re-apply the erasure ledger after restoring a backup."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import typer

from .common import fail
from .sweep import REGISTER_OPTION, cli_workspace, parse_moment


def replay(
    since: str = typer.Option(
        ..., "--since", metavar="DATE", help="Replay erasures from this date on (the backup's date)."
    ),
    register: Path = REGISTER_OPTION,
    dry_run: bool = typer.Option(False, "--dry-run", help="Count what would be erased again; change nothing."),
) -> None:
    """Erase again, in a restored database, everyone erased since DATE (the ledger keeps only hashes)."""
    from waarborg.retention.replay import replay_erasures

    moment = parse_moment(since, "--since")
    if moment is None:
        fail("--since is required")
    with cli_workspace(register) as workspace:
        report = replay_erasures(workspace, moment if moment.tzinfo else moment.replace(tzinfo=UTC), dry_run)
    done = "would be erased again (dry run: nothing changed)" if dry_run else "erased again"
    entries, rows = _count(report.entries, "ledger entry", "ledger entries"), _count(report.rows, "row", "rows")
    typer.echo(f"{entries} since {moment:%Y-%m-%d}: {rows} {done}")
    for label, count in report.per_table.items():
        typer.echo(f"  {label}: {count}")
    if report.without_identity:
        nameless = _count(report.without_identity, "sweep entry names", "sweep entries name")
        typer.echo(f"{nameless} no one: run `waarborg sweep` to erase those rows again")
    if report.unbound:
        typer.echo(f"not bound in the register any more: {', '.join(report.unbound)}")


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"
