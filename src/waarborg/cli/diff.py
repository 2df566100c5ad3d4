"""`waarborg diff`: what changed between two registers, in words for the people concerned."""

from __future__ import annotations

from pathlib import Path

import typer

from waarborg.statement.diff import describe_changes

from .common import open_register


def diff(
    old: Path = typer.Argument(..., help="The earlier register."),
    new: Path = typer.Argument(..., help="The new register."),
    lang: str = typer.Option("nl", "--lang", help="nl or en."),
) -> None:
    """List, in plain words, what changed for the people whose data are processed."""
    if lang not in ("nl", "en"):
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    changes = describe_changes(open_register(old), open_register(new), lang)  # type: ignore[arg-type]
    if not changes:
        typer.echo("Geen wijzigingen voor betrokkenen." if lang == "nl" else "No changes for the people concerned.")
    for line in changes:
        typer.echo(f"- {line}")
