"""The composition root of the CLI: one Typer app, each command group in its own module."""

from __future__ import annotations

import typer

from waarborg import __version__

from . import (
    analyze,
    api_token,
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
from .help_format import Command, Group, plain_help_everywhere


def build_app() -> typer.Typer:
    from . import consent as consent_cli
    from . import mailing as mailing_cli
    app = typer.Typer(
        name="waarborg",
        help="Keep one register of processing as code and make the privacy statement true in practice.",
        cls=Group,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.command("check", cls=Command)(check.check)
    app.command("statement", cls=Command)(statement.statement)
    app.command("diff", cls=Command)(diff.diff)
    app.command("analyze", cls=Command)(analyze.analyze)
    app.add_typer(register_cmd.app, name="register")
    app.add_typer(demo.app, name="demo")
    app.command("publish", cls=Command)(publish.publish)
    app.command("sweep", cls=Command)(sweep.sweep)
    app.command("replay-erasures", cls=Command)(replay.replay)
    app.command("index", cls=Command)(index.index)
    app.command("erasure-traces", cls=Command)(traces.traces)
    app.add_typer(audit.app, name="audit")
    app.add_typer(request.app, name="request")
    app.add_typer(consent_cli.app, name="consent")
    app.add_typer(mailing_cli.app, name="mailing")
    app.command("init", cls=Command)(init_cmd.init)
    app.command("serve", cls=Command)(serve.serve)
    app.command("run-due", cls=Command)(run_due.run_due)
    app.add_typer(user.app, name="user")
    app.add_typer(breach.app, name="breach")
    app.add_typer(api_token.app, name="api-token")

    @app.callback(invoke_without_command=True)
    def _version(
        version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    ) -> None:
        if version:
            typer.echo(f"waarborg {__version__}")
            raise typer.Exit()

    return plain_help_everywhere(app)


def main() -> None:
    with exit_70_on_crash():
        build_app()()
