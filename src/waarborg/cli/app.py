"""The composition root of the CLI: one Typer app, each command group in its own module."""

from __future__ import annotations

import typer

from waarborg import __version__

from . import (
    analyze,
    audit,
    breach,
    check,
    demo,
    diff,
    index,
    publish,
    register_cmd,
    replay,
    request,
    run_due,
    serve,
    statement,
    sweep,
    traces,
    user,
)
from . import init as init_cmd
from .crash import exit_70_on_crash


def build_app() -> typer.Typer:
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
    app.command("erasure-traces")(traces.traces)
    app.add_typer(audit.app, name="audit")
    app.add_typer(request.app, name="request")
    app.command("init")(init_cmd.init)
    app.command("serve")(serve.serve)
    app.command("run-due")(run_due.run_due)
    app.add_typer(user.app, name="user")
    app.add_typer(breach.app, name="breach")

    @app.callback(invoke_without_command=True)
    def _version(
        version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    ) -> None:
        if version:
            typer.echo(f"waarborg {__version__}")
            raise typer.Exit()

    return app


def main() -> None:
    with exit_70_on_crash():
        build_app()()
