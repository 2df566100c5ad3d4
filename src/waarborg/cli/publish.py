"""`waarborg publish`: write everything derived from a register into one folder."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EXIT_FINDINGS, open_register


def publish(
    register_files: list[Path] = typer.Argument(..., help="One or more register YAML files.", metavar="REGISTER"),
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="DIR", help="Folder to write into (one subfolder per register)."
    ),
) -> None:
    """Write statements (nl/en; HTML, Markdown, PDF), Art. 30 exports, check report and coverage.

    Exit status 1 when `waarborg check` finds an error in any register, as `check` itself does; the
    files are written all the same, so the findings can be read beside them.
    """
    from waarborg.publish import publish as publish_register

    registers = [(path, open_register(path)) for path in register_files]  # all valid before writing anything
    errors = 0
    for path, register in registers:
        result = publish_register(register, output / _folder_name(path))
        errors += result.errors
        typer.echo(
            f"{register.controller.name}: {len(result.files)} files in {result.folder} "
            f"({_count(result.errors, 'error')}, {_count(result.warnings, 'warning')} from `waarborg check`)"
        )
    if errors:
        typer.echo(f"{_count(errors, 'error')} found by `waarborg check`: exit status {EXIT_FINDINGS}", err=True)
        raise typer.Exit(EXIT_FINDINGS)


def _folder_name(path: Path) -> str:
    """kvgo.yaml -> kvgo; a workspace's waarborg.yaml is named after its folder."""
    return path.resolve().parent.name if path.stem == "waarborg" else path.stem


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
