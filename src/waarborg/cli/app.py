"""The composition root of the CLI: one Typer app, each command group in its own module."""

from __future__ import annotations

import typer

from waarborg import __version__

from . import analyze, audit, check, demo, diff, index, publish, register_cmd, replay, request, statement, sweep


def build_app() -> typer.Typer:
    from . import consent as consent_cli
    from . import mailing as mailing_cli
    app = typer.Typer(
        name="waarborg",
        help="Keep one register of processing as code and make the privacy statement true in practice.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    app.command("check")(check.check)
    app.command("statement")(statement.statement)
    app.command("diff")(diff.diff)
    app.command("analyze")(analyze.analyze)
    app.add_typer(register_cmd.app, name="register")
    app.add_typer(demo.app, name="demo")
    app.command("publish")(publish.publish)
    app.command("sweep")(sweep.sweep)
    app.command("replay-erasures")(replay.replay)
    app.command("index")(index.index)
    app.add_typer(audit.app, name="audit")
    app.add_typer(request.app, name="request")
    app.add_typer(consent_cli.app, name="consent")
    app.add_typer(mailing_cli.app, name="mailing")

    @app.callback(invoke_without_command=True)
    def _version(
        version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    ) -> None:
        if version:
            typer.echo(f"waarborg {__version__}")
            raise typer.Exit()

    return app


def main() -> None:
    build_app()()
