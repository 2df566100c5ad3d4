"""`waarborg register ...`: the Art. 30 register of processing activities."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import err_console, open_register, write_output
from .help_format import Command, Group

app = typer.Typer(cls=Group, help="The Art. 30 register of processing activities.", no_args_is_help=True)


@app.command("export", cls=Command)
def export(
    register_file: Path = typer.Argument(..., help="The register YAML file.", metavar="REGISTER"),
    output_format: str = typer.Option("xlsx", "--format", help="xlsx, csv or json.", metavar="xlsx|csv|json"),
    output: Path = typer.Option(..., "-o", "--output", help="File to write.", metavar="FILE"),
    lang: str = typer.Option("nl", "--lang", metavar="nl|en", help="Language of the headers and texts (nl or en)."),
) -> None:
    """Export the Art. 30(1) register (and the 30(2) processor register) to xlsx, csv or json."""
    if output_format not in ("xlsx", "csv", "json"):
        raise typer.BadParameter("choose xlsx, csv or json", param_hint="--format")
    if lang not in ("nl", "en"):
        raise typer.BadParameter("choose nl or en", param_hint="--lang")
    from waarborg.export.art30 import export_register

    register = open_register(register_file)
    part = "Art. 30(1) register" if output_format == "csv" or not register.processor_activities else (
        "Art. 30(1) and 30(2) registers")
    what = f"{part} of {register.controller.name} ({output_format}, {lang})"
    write_output(export_register(register, output_format, lang), output, what)  # type: ignore[arg-type]
    if output_format == "csv" and register.processor_activities:
        # A CSV file holds one table; the Art. 30(2) part is only in the xlsx and json exports.
        err_console.print(
            f"note: {output} holds Art. 30(1) only; export xlsx or json for the Art. 30(2) processor register.",
            soft_wrap=True,
        )
