"""`waarborg diff`: what changed between two registers, in words for the people concerned."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import typer

from .common import open_register

Language = Literal["nl", "en"]
LANGUAGES: dict[str, Language] = {"nl": "nl", "en": "en"}
NO_CHANGES: dict[Language, str] = {"nl": "Geen wijzigingen voor betrokkenen.",
                                   "en": "No changes for the people concerned."}


def diff(
    old: Path = typer.Argument(..., help="The earlier register."),
    new: Path = typer.Argument(..., help="The new register."),
    lang: str = typer.Option("", "--lang", metavar="nl|en", help="nl or en; default: the new register's language."),
) -> None:
    """List, in plain words, what changed for the people whose data are processed."""
    if lang and lang not in LANGUAGES:
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    from waarborg.statement.diff import describe_changes

    before, after = open_register(old), open_register(new)
    language = LANGUAGES[lang] if lang else after.language
    changes = describe_changes(before, after, language)
    if not changes:
        typer.echo(NO_CHANGES[language])
    for line in changes:
        typer.echo(f"- {line}")
