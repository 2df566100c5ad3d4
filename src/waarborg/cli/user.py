"""`waarborg user add|passwd|list|disable`: staff accounts of the office from the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from .common import fail
from .sweep import REGISTER_OPTION, cli_workspace

app = typer.Typer(help="Staff accounts of the web office.", no_args_is_help=True)
ACTOR = "waarborg user"


def _password(prompt: bool, value: str) -> str:
    return value or (typer.prompt("password", hide_input=True, confirmation_prompt=True) if prompt else "")


@app.command("add")
def add(
    email: str = typer.Argument(..., help="The user's e-mail address (their login)."),
    role: str = typer.Option(..., "--role", help="admin, privacy_officer, handler, hr or viewer."),
    name: str = typer.Option("", "--name", help="Name shown in the office."),
    password: str = typer.Option("", "--password", envvar="WAARBORG_NEW_PASSWORD",
                                 help="The password (asked when omitted)."),
    register: Path = REGISTER_OPTION,
) -> None:
    """Add a user; the password must pass the quality rule."""
    from waarborg.office.passwords import WeakPassword
    from waarborg.office.users import AccountError, add_user

    secret = _password(True, password)
    with cli_workspace(register) as workspace:
        try:
            with workspace.store.session() as session:
                add_user(session, ACTOR, email, name, role, secret, datetime.now(UTC))
        except (AccountError, WeakPassword) as exc:
            fail(str(exc))
    typer.echo(f"added {email.strip().lower()} as {role}")


@app.command("passwd")
def passwd(
    email: str = typer.Argument(..., help="The user's e-mail address."),
    password: str = typer.Option("", "--password", envvar="WAARBORG_NEW_PASSWORD", help="Asked when omitted."),
    register: Path = REGISTER_OPTION,
) -> None:
    """Set a new password (the user's sessions end)."""
    from waarborg.office.passwords import WeakPassword
    from waarborg.office.sessions import end_sessions_of
    from waarborg.office.users import AccountError, require_user, set_password

    secret = _password(True, password)
    with cli_workspace(register) as workspace:
        try:
            with workspace.store.session() as session:
                user = require_user(session, email)
                set_password(session, ACTOR, user, secret, datetime.now(UTC))
                end_sessions_of(session, user.id)
        except (AccountError, WeakPassword) as exc:
            fail(str(exc))
    typer.echo(f"password of {email.strip().lower()} changed")


@app.command("disable")
def disable(email: str = typer.Argument(..., help="The user's e-mail address."),
            register: Path = REGISTER_OPTION) -> None:
    """Disable an account and end its sessions."""
    from waarborg.office.sessions import end_sessions_of
    from waarborg.office.users import AccountError, require_user, set_disabled

    with cli_workspace(register) as workspace:
        try:
            with workspace.store.session() as session:
                user = require_user(session, email)
                set_disabled(session, ACTOR, user, True)
                end_sessions_of(session, user.id)
        except AccountError as exc:
            fail(str(exc))
    typer.echo(f"disabled {email.strip().lower()}")


@app.command("list")
def list_users(register: Path = REGISTER_OPTION) -> None:
    """The accounts with their roles."""
    from waarborg.office.users import list_users as all_users

    with cli_workspace(register) as workspace, workspace.store.session() as session:
        for user in all_users(session):
            state = " (disabled)" if user.disabled else ""
            typer.echo(f"{user.email}\t{user.role}\t{user.name}{state}")
