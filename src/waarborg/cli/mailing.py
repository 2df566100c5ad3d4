"""`waarborg mailing filter`: strip a mailing list of everyone who may not be mailed.

Heavy modules are imported inside the command, so `waarborg --help` stays fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

app = typer.Typer(help="Mailings: filter a list against consents, unsubscribes and the suppression list.",
                  no_args_is_help=True)

REGISTER = typer.Option(Path("waarborg.yaml"), "--register", help="The register (its folder is the workspace).")


@app.command("filter")
def filter_command(
    mailing_list: Path = typer.Argument(..., help="CSV with a header row and an e-mail column.", metavar="LIST.csv"),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the rows that may be mailed here "
                                       "(default: standard output)."),
    mailing_type: str | None = typer.Option(None, "--type", help="The mailing type (an activity with "
                                            "direct_marketing): also removes those unsubscribed from it and, "
                                            "where it rests on consent, those without one."),
    column: str | None = typer.Option(None, "--column", help="The address column, when not the one e-mail column."),
    as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    register: Path = REGISTER,
) -> None:
    """Remove everyone suppressed, objecting, restricted, unsubscribed or without consent; print counts only."""
    from waarborg.consent.filter import REASONS, FilterError, filter_file
    from waarborg.consent.mailing_types import UnknownMailingType

    from .common import fail
    from .sweep import cli_workspace

    if not mailing_list.is_file():
        fail(f"{mailing_list}: no such file")
    with cli_workspace(register) as workspace, workspace.store.session() as session:
        try:
            report = filter_file(session, workspace.erasure_key(), workspace.register, mailing_list, output,
                                 mailing_type, column)
        except FilterError as exc:
            fail(f"{mailing_list}: {exc}")
        except UnknownMailingType as exc:
            fail(f"--type: {exc}")
    counts = report.as_dict()
    if as_json:
        typer.echo(json.dumps(counts, sort_keys=True), err=output is None)
        return
    removed = ", ".join(f"{reason} {report.removed[reason]}" for reason in REASONS if report.removed[reason])
    typer.echo(f"read {report.read}, kept {report.kept}, removed {report.read - report.kept}"
               + (f" ({removed})" if removed else ""), err=output is None)
