"""`waarborg init DIR`: a new workspace with a starter register, a `.env` of generated secrets
and Waarborg's store migrated, ready for `waarborg serve`."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from waarborg.workspace import open_workspace


class InitError(Exception):
    """The folder holds a workspace already; nothing was changed."""


@dataclass(frozen=True)
class NewWorkspace:
    root: Path
    register_path: Path
    env_path: Path
    database_url: str


def starter_register() -> str:
    return resources.files("waarborg.office").joinpath("starter_register.yaml").read_text(encoding="utf-8")


def environment_text() -> str:
    """The `.env` of a new workspace: fresh secrets, never committed to git."""
    return (
        "# Secrets of this workspace. Keep this file out of git and back it up apart from the database.\n"
        f"WAARBORG_SESSION_KEY={secrets.token_urlsafe(48)}\n"
        "# The erasure key behind every keyed hash in the ledger: lose it and erased people cannot be recognised.\n"
        f"WAARBORG_ERASURE_KEY={secrets.token_hex(32)}\n"
        "# WAARBORG_DATABASE_URL=postgresql+psycopg://user:password@host/waarborg\n"
        "# WAARBORG_SMTP_URL=smtp+starttls://user:password@mail.example.org:587\n"
        "# WAARBORG_IDLE_MINUTES=30\n"
    )


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def init_workspace(root: Path, env_text: str | None = None) -> NewWorkspace:
    """Write waarborg.yaml and .env into `root` (refusing to overwrite either) and migrate the store."""
    root = root.resolve()
    register_path, env_path = root / "waarborg.yaml", root / ".env"
    for existing in (register_path, env_path):
        if existing.exists():
            raise InitError(f"{existing} exists already: choose an empty folder")
    root.mkdir(parents=True, exist_ok=True)
    write_private(env_path, env_text if env_text is not None else environment_text())
    register_path.write_text(starter_register(), encoding="utf-8")
    workspace = open_workspace(register_path)
    try:
        workspace.store  # noqa: B018  (creates and migrates the store)
        return NewWorkspace(root, register_path, env_path, workspace.database_url)
    finally:
        workspace.close()
