"""`waarborg publish`: write everything derived from a register into one folder."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import open_register


def publish(
    register_files: list[Path] = typer.Argument(..., help="One or more register YAML files.", metavar="REGISTER..."),
    output: Path = typer.Option(
        ..., "-o", "--output", metavar="DIR", help="Folder to write into (one subfolder per register)."
    ),
) -> None:
    """Write statements (nl/en; HTML, Markdown, PDF), Art. 30 exports, check report and coverage."""
    from waarborg.publish import publish as publish_register

    registers = [(path, open_register(path)) for path in register_files]  # all valid before writing anything
    for path, register in registers:
        result = publish_register(register, output / _folder_name(path))
        typer.echo(
            f"{register.controller.name}: {len(result.files)} files in {result.folder} "
            f"({_count(result.errors, 'error')}, {_count(result.warnings, 'warning')} from `waarborg check`)"
        )


def _folder_name(path: Path) -> str:
    """kvgo.yaml -> kvgo; a workspace's waarborg.yaml is named after its folder."""
    return path.resolve().parent.name if path.stem == "waarborg" else path.stem


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
