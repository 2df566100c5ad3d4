"""`waarborg demo build DIR`: a demo workspace with a bound register and synthetic Dutch data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import typer

from .common import fail

app = typer.Typer(help="Build a demo workspace to try Waarborg on.", no_args_is_help=True)


@app.command("build")
def build(
    directory: Path = typer.Argument(..., help="Folder for the workspace (created if missing).", metavar="DIR"),
    persons: int = typer.Option(1_000, "--persons", "-n", help="Number of synthetic people (1,000,000 works)."),
    seed: int = typer.Option(1, "--seed", help="Random seed: the same seed gives the same data."),
    as_of: str = typer.Option("", "--as-of", help="Date the data end at (YYYY-MM-DD); default today."),
    postgres: str = typer.Option("", "--postgres", help="Load into this PostgreSQL URL instead of SQLite files."),
    force: bool = typer.Option(False, "--force", help="Replace an existing demo workspace."),
) -> None:
    """Write DIR/waarborg.yaml, the demo databases and DIR/.env with their URLs."""
    from waarborg.demo import DemoError, build_demo

    moment = _parse_date(as_of) if as_of else None
    try:
        with _progress_bar(persons) as progress:
            workspace = build_demo(
                directory,
                persons,
                seed,
                as_of=moment,
                postgres_url=postgres or None,
                overwrite=force,
                progress=progress,
            )
    except DemoError as exc:
        fail(str(exc))
    typer.echo(
        f"{workspace.rows:,} rows in {len(workspace.counts)} tables in {workspace.seconds:.1f} s "
        f"({workspace.rows_per_second:,.0f} rows/s)"
    )
    typer.echo(f"register: {workspace.register_path}")
    typer.echo(f"environment ({workspace.env_path}):")
    for name, value in workspace.env.items():
        typer.echo(f"  export {name}={value}")
    typer.echo(f"then: waarborg check {workspace.register_path}")


def _parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date like 2025-01-31", param_hint="--as-of") from None


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar on a terminal; silent otherwise (CI logs, pipes)."""
    import sys

    from rich.progress import Progress

    with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("persons", total=total)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@app.command("office")
def office(
    directory: Path = typer.Argument(..., help="The demo workspace built by `waarborg demo build`.", metavar="DIR"),
) -> None:
    """Give the demo workspace a lived-in office: staff of every role, open requests, the forecast."""
    from waarborg.office.demo_seed import prepare_demo_office

    try:
        prepared = prepare_demo_office(directory)
    except Exception as exc:  # a clean message for any failure of a demo step
        fail(f"cannot prepare the demo office in {directory}: {exc}")
    typer.echo(f"{prepared.requests} open requests, {prepared.staff} staff accounts, forecast counted")
    typer.echo(f"one-time admin password for {prepared.admin_email}: {prepared.admin_password}")
