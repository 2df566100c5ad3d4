"""`waarborg statement`: write the privacy statement, or report its Art. 13/14 coverage."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from waarborg.statement import coverage_report, render_statement

from .common import open_register, write_output


def statement(
    register_file: Path = typer.Argument(..., help="The register YAML file.", metavar="REGISTER"),
    lang: str = typer.Option("nl", "--lang", help="nl or en."),
    output_format: str = typer.Option("html", "--format", help="html, md or pdf."),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write; default stdout."),
    coverage: bool = typer.Option(False, "--coverage", help="Print the Art. 13/14 coverage as JSON instead."),
) -> None:
    """Write the privacy statement (privacyverklaring) from the register."""
    if lang not in ("nl", "en"):
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    if output_format not in ("html", "md", "pdf"):
        raise typer.BadParameter("choose html, md or pdf", param_hint="--format")
    register = open_register(register_file)
    if coverage:
        write_output(json.dumps(coverage_report(register), ensure_ascii=False, indent=2) + "\n", output)
        return
    if output_format == "pdf" and output is None:
        raise typer.BadParameter("a PDF needs a file: give -o FILE", param_hint="-o")
    write_output(render_statement(register, lang, output_format), output)  # type: ignore[arg-type]
