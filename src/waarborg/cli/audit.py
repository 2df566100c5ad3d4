"""`waarborg audit verify|anchor`: check the keyed audit trail against its checkpoint."""

from __future__ import annotations

from pathlib import Path

import typer

from waarborg.audit import CheckpointError, VerifyResult
from waarborg.audit.trail import anchor_trail, verify_trail

from .common import EXIT_FINDINGS, fail
from .sweep import REGISTER_OPTION, cli_workspace

app = typer.Typer(help="The keyed, hash-chained audit trail.", no_args_is_help=True)

HEAD = typer.Option(
    None, "--head", help="The signed checkpoint to compare with (default: WAARBORG_AUDIT_CHECKPOINT)."
)
SHOWN = 20  # records without audit entries printed; the rest counted


@app.command("verify")
def verify(register: Path = REGISTER_OPTION, head: Path | None = HEAD) -> None:
    """Walk the chain and compare it with the checkpoint; exit 1 naming what was altered,
    removed, forged or never audited."""
    with cli_workspace(register) as workspace:
        try:
            result = verify_trail(workspace.store, head)
        except CheckpointError as exc:
            fail(f"--head: {exc}")
    _report(result)


def _report(result: VerifyResult) -> None:
    if result.problem is not None:
        where = f" at entry {result.first_bad_seq}" if result.first_bad_seq is not None else ""
        typer.echo(f"audit trail broken{where}: {result.problem}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    for line in result.unaudited[:SHOWN]:
        typer.echo(f"not audited: {line}", err=True)
    if len(result.unaudited) > SHOWN:
        typer.echo(f"... and {len(result.unaudited) - SHOWN} more records without audit entries", err=True)
    if result.unaudited:
        typer.echo(f"audit trail incomplete: {len(result.unaudited)} record(s) of the store have no audit entries",
                   err=True)
        raise typer.Exit(EXIT_FINDINGS)
    typer.echo(f"audit trail intact: {result.checked} entries")
    if result.checkpoint is not None:
        typer.echo(f"matches the checkpoint of {result.checkpoint.at} (entry {result.checkpoint.seq})")
    else:
        typer.echo("no checkpoint yet: the chain has no keyed entries; the next entry starts it")
    if result.legacy and result.checkpoint is not None:
        typer.echo(f"{result.legacy} entries predate the audit key (plain SHA-256), sealed by the keyed entries")
    elif result.legacy:
        typer.echo(f"{result.legacy} entries predate the audit key (plain SHA-256): not tamper-evident")


@app.command("anchor")
def anchor(register: Path = REGISTER_OPTION) -> None:
    """Write the checkpoint at the chain's head, replacing the one there (after restoring a backup
    of the store, or moving the checkpoint); audited as audit.anchored."""
    with cli_workspace(register) as workspace:
        result, checkpoint = anchor_trail(workspace.store, "cli")
    if checkpoint is None:
        typer.echo(f"not anchored: the chain is broken at entry {result.first_bad_seq}: {result.problem}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    typer.echo(f"checkpoint written: entry {checkpoint.seq} at {checkpoint.at}")
