"""`waarborg mailing filter`: strip a mailing list of everyone who may not be mailed.

Heavy modules are imported inside the command, so `waarborg --help` stays fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

import typer

app = typer.Typer(help="Mailings: filter a list against consents, unsubscribes and the suppression list.",
                  no_args_is_help=True)

T = TypeVar("T")
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
    links: str | None = typer.Option(None, "--links", help="The public centre's https base URL: add each kept "
                                     "row's unsubscribe and preference links and RFC 8058 header values."),
    mailto: str | None = typer.Option(None, "--mailto", help="With --links: the mailto fallback address."),
    register: Path = REGISTER,
) -> None:
    """Remove everyone suppressed, objecting, restricted, unsubscribed or without consent; print counts only."""
    from waarborg.consent.filter import REASONS, FilterError, Links, filter_file
    from waarborg.consent.mailing_types import UnknownMailingType

    from .common import fail
    from .sweep import cli_workspace

    if not mailing_list.is_file():
        fail(f"{mailing_list}: no such file")
    with cli_workspace(register) as workspace, workspace.store.session() as session:
        try:
            report = filter_file(session, workspace.erasure_key(), workspace.register, mailing_list, output,
                                 mailing_type, column, Links(links, mailto) if links else None)
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


@app.command("subscribers")
def subscribers(
    mailing_type: str = typer.Option(..., "--type", help="The mailing type (an activity with direct_marketing)."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write the list here (default: standard output)."),
    register: Path = REGISTER,
) -> None:
    """The current subscribers of a mailing type from the consent ledger, as a list to filter and send."""
    from waarborg.consent.mailing_types import UnknownMailingType
    from waarborg.consent.subscribers import write_subscribers

    from .common import fail
    from .sweep import cli_workspace

    with cli_workspace(register) as workspace, workspace.store.session() as session:
        try:
            report = _write(output, lambda target: write_subscribers(
                session, workspace.erasure_key(), workspace.register, mailing_type, target))
        except UnknownMailingType as exc:
            fail(f"--type: {exc}")
    typer.echo(f"{report.written} subscribers written, {report.without_address} without a stored address",
               err=output is None)


def _write(output: Path | None, write: Callable[[TextIO], T]) -> T:
    """Write through `write(target)` to the output file atomically, or to standard output."""
    import sys

    if output is None:
        return write(sys.stdout)
    temporary = output.with_name(f".{output.name}.tmp")
    try:
        with temporary.open("w", newline="", encoding="utf-8") as target:
            result = write(target)
        temporary.replace(output)
    finally:
        temporary.unlink(missing_ok=True)
    return result
