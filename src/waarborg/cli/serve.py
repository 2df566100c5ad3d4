"""`waarborg serve`: the office and the public centre over HTTP (uvicorn)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .common import fail
from .sweep import REGISTER_OPTION


def serve(
    register: Path = REGISTER_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, help="Worker processes (they share the store)."),
) -> None:
    """Serve the workspace; the scheduled jobs run every 5 minutes under a store lock."""
    import uvicorn

    from waarborg.office.settings import SettingsError, settings_from_env
    from waarborg.web.server import REGISTER_ENV
    from waarborg.workspace import WorkspaceError, open_workspace

    try:
        workspace = open_workspace(register)
        settings_from_env(workspace.env)
        workspace.store  # noqa: B018  (migrate once before the workers start)
        workspace.close()
    except (WorkspaceError, SettingsError) as exc:
        fail(str(exc))
    os.environ[REGISTER_ENV] = str(register.resolve())
    typer.echo(f"office: http://{host}:{port}/office/   public centre: http://{host}:{port}/")
    uvicorn.run("waarborg.web.server:app_from_env", factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, log_level="info", access_log=False)
