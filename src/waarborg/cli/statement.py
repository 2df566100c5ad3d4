"""`waarborg statement`: write the privacy statement, or report its Art. 13/14 coverage."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import typer

from .common import open_register, write_output

Format = Literal["html", "md", "pdf"]
FORMATS: dict[str, Format] = {"html": "html", "md": "md", "pdf": "pdf"}
Language = Literal["nl", "en"]
LANGUAGES: dict[str, Language] = {"nl": "nl", "en": "en"}


def statement(
    register_file: Path = typer.Argument(..., help="The register YAML file.", metavar="REGISTER"),
    lang: str = typer.Option("", "--lang", metavar="nl|en", help="nl or en; default: the register's own language."),
    output_format: str = typer.Option("html", "--format", help="html, md or pdf.", metavar="html|md|pdf"),
    output: Path | None = typer.Option(None, "-o", "--output", help="File to write; default stdout.", metavar="FILE"),
    coverage: bool = typer.Option(False, "--coverage", help="Print the Art. 13/14 coverage as JSON instead."),
) -> None:
    """Write the privacy statement (privacyverklaring) from the register."""
    if lang and lang not in LANGUAGES:
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    if output_format not in FORMATS:
        raise typer.BadParameter("choose html, md or pdf", param_hint="--format")
    if output_format == "pdf" and output is None and not coverage:
        # A PDF on a terminal is noise; refuse before any work is done.
        raise typer.BadParameter("a PDF needs a file: give -o FILE", param_hint="-o")
    from waarborg.statement import coverage_report, render_statement

    register = open_register(register_file)
    if coverage:
        write_output(json.dumps(coverage_report(register), ensure_ascii=False, indent=2) + "\n", output,
                     "Art. 13/14 coverage (json)")
        return
    language = LANGUAGES[lang] if lang else register.language
    write_output(render_statement(register, language, FORMATS[output_format]), output,
                 f"privacy statement of {register.controller.name} ({output_format}, {language})")
