"""`waarborg init DIR`: a new workspace (starter register, .env with secrets, migrated store)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import fail


def init(directory: Path = typer.Argument(..., help="Folder for the new workspace.", metavar="DIR")) -> None:
    """Write DIR/waarborg.yaml and DIR/.env (generated secrets) and create Waarborg's store."""
    from waarborg.office.init import InitError, init_workspace
    from waarborg.store import StoreError

    try:
        created = init_workspace(directory)
    except (InitError, StoreError) as exc:
        fail(str(exc))
    typer.echo(f"register: {created.register_path}")
    typer.echo(f"secrets:  {created.env_path} (mode 0600; keep it out of git, back it up)")
    typer.echo(f"store:    {created.database_url}")
    typer.echo(f"next:     waarborg user add --register {created.register_path} EMAIL --role admin")
    typer.echo(f"          waarborg serve --register {created.register_path}")
