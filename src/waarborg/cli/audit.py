"""`waarborg audit verify`: check that no entry of the audit trail was altered or removed."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EXIT_FINDINGS
from .help_format import Command, Group
from .sweep import REGISTER_OPTION, cli_workspace

app = typer.Typer(cls=Group, help="The hash-chained audit trail.", no_args_is_help=True)


@app.command("verify", cls=Command)
def verify(register: Path = REGISTER_OPTION) -> None:
    """Walk the chain; exit 1 naming the first entry that was altered, removed or inserted."""
    from waarborg.audit import verify as verify_chain
    from waarborg.audit.chain import head

    with cli_workspace(register) as workspace, workspace.store.session() as session:
        result = verify_chain(session)
        last = head(session)
    if not result.ok:
        typer.echo(f"audit trail broken at entry {result.first_bad_seq}: {result.problem}", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    typer.echo(f"audit trail intact: {result.checked} entries")
    if last is not None:
        # Keep this line elsewhere: cutting entries off the end is only visible against it.
        typer.echo(f"last entry {last[0]}, hash {last[1]}")
