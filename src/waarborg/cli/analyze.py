"""`waarborg analyze`: read an existing privacy statement and report what it gives and lacks."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import fail, write_output

if TYPE_CHECKING:
    from waarborg.analyze.model import Analysis
    from waarborg.register.text import Language

FORMATS = ("text", "json", "html")


def analyze(
    statement_file: Path = typer.Argument(..., help="The statement: .txt, .md, .html, .pdf or .docx.", metavar="FILE"),
    output_format: str = typer.Option("text", "--format", help="text, json or html.", metavar="text|json|html"),
    draft: Path | None = typer.Option(
        None, "--draft", metavar="FILE", help="Also write a draft register (YAML) to this file."
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", metavar="FILE", help="File for the report; default stdout."
    ),
    lang: str = typer.Option(
        "", "--lang", metavar="nl|en", help="Language of the report (nl or en); default: the statement's."
    ),
) -> None:
    """Report the Art. 13/14 elements, facts and findings of a privacy statement; optionally draft a register."""
    from waarborg.analyze import analyze_text
    from waarborg.analyze.readers import StatementReadError, read_statement

    if output_format not in FORMATS:
        raise typer.BadParameter("choose text, json or html", param_hint="--format")
    if lang not in ("", "nl", "en"):
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    try:
        statement = read_statement(statement_file)
    except StatementReadError as exc:
        fail(str(exc))
    analysis = analyze_text(statement.text)
    report_lang: Language = "en" if (lang or analysis.language) == "en" else "nl"
    report = _report(analysis, statement.text, output_format, report_lang, statement_file.name, output is None)
    if draft is not None:
        from waarborg.analyze.draft import draft_register

        write_output(draft_register(analysis, statement.text, source=statement_file.name), draft,
                     f"draft register from {statement_file.name} (YAML)")
    write_output(report, output, f"{output_format} report on {statement_file.name} ({report_lang})")


def _report(analysis: Analysis, text: str, output_format: str, lang: Language, source: str, to_terminal: bool) -> str:
    """The report in the chosen format; colour only when it goes straight to a terminal."""
    if output_format == "json":
        return json.dumps(analysis.as_json(), ensure_ascii=False, indent=2) + "\n"
    if output_format == "html":
        from waarborg.analyze.report_html import render_html_report

        return render_html_report(analysis, text, lang, source=source)
    from waarborg.analyze.report_text import render_text_report

    color = to_terminal and sys.stdout.isatty()
    return render_text_report(analysis, lang, source=source, color=color)
