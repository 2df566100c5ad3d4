"""`waarborg api-token create|list|revoke`: bearer tokens of the REST API from the command line.

A token acts with the role of the office user it belongs to. The secret is printed once, on
standard output (so it can be piped into a secret store); the store keeps only its hash.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer

from .common import fail
from .sweep import REGISTER_OPTION, cli_workspace

app = typer.Typer(help="Bearer tokens of the REST API (/api/v1), each acting as one office user.",
                  no_args_is_help=True)
ACTOR = "waarborg api-token"


def _expiry(expires: str | None, days: int | None, now: datetime) -> datetime | None:
    if expires is not None and days is not None:
        fail("give --expires or --days, not both")
    if days is not None:
        if days < 1:
            fail("--days: give a number of days of at least 1")
        return now + timedelta(days=days)
    if expires is None:
        return None
    try:
        moment = datetime.fromisoformat(expires)
    except ValueError:
        fail(f"--expires: {expires!r} is not a date (write e.g. 2027-01-31)")
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@app.command("create")
def create(
    email: str = typer.Argument(..., help="The office user the token acts as (its role decides what it may do)."),
    name: str = typer.Option(..., "--name", help="What the token is for, e.g. 'website request form'."),
    expires: str | None = typer.Option(None, "--expires", help="Last moment of validity (ISO date or moment, UTC)."),
    days: int | None = typer.Option(None, "--days", help="Valid for this many days from now."),
    register: Path = REGISTER_OPTION,
) -> None:
    """Make a token; its secret is printed once and cannot be shown again."""
    from waarborg.office.api_tokens import create_token
    from waarborg.office.users import AccountError

    now = datetime.now(UTC)
    until = _expiry(expires, days, now)
    with cli_workspace(register) as workspace:
        try:
            with workspace.store.session() as session:
                made = create_token(session, ACTOR, email, name, now, until)
        except AccountError as exc:
            fail(str(exc))
    typer.echo(f"token {made.id} for {made.user_email}"
               f"{' until ' + made.expires_at.isoformat() if made.expires_at else ''}; keep the secret now, "
               "it is not shown again:", err=True)
    typer.echo(made.secret)


@app.command("list")
def list_command(register: Path = REGISTER_OPTION,
                 output_format: str = typer.Option("text", "--format", help="text or json.")) -> None:
    """Every token with its user, role, state and last use (never the secret)."""
    from waarborg.office.api_tokens import list_tokens

    now = datetime.now(UTC)
    with cli_workspace(register) as workspace, workspace.store.session() as session:
        lines = list_tokens(session)
    rows = [{"id": t.id, "prefix": t.prefix, "name": t.name, "user": t.user_email, "role": t.role,
             "state": t.state(now), "created_at": t.created_at.isoformat(),
             "expires_at": t.expires_at.isoformat() if t.expires_at else None,
             "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None} for t in lines]
    if output_format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    if not rows:
        typer.echo("no API tokens")
    for row in rows:
        typer.echo(f"{row['id']:>4}  {row['prefix']}…  {row['state']:<8} {row['user']} ({row['role']})  "
                   f"{row['name']}  last used: {row['last_used_at'] or 'never'}")


@app.command("revoke")
def revoke(token_id: int = typer.Argument(..., metavar="ID", help="The token's id (see `waarborg api-token list`)."),
           register: Path = REGISTER_OPTION) -> None:
    """Revoke a token at once: calls with it are refused from now on."""
    from waarborg.office.api_tokens import revoke_token
    from waarborg.office.users import AccountError

    with cli_workspace(register) as workspace:
        try:
            with workspace.store.session() as session:
                changed = revoke_token(session, ACTOR, token_id, datetime.now(UTC))
        except AccountError as exc:
            fail(str(exc))
    typer.echo(f"token {token_id} revoked" if changed else f"token {token_id} was revoked already")
