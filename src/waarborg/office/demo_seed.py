"""`waarborg demo office DIR`: the office's part of the demo — a session key in the demo's `.env`,
the demo staff and requests (`demo_state`), and a first round of the scheduled jobs."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from waarborg.workspace import open_workspace

from .demo_state import DEMO_STAFF, seed_demo_office
from .jobs import run_due
from .settings import settings_from_env


@dataclass(frozen=True)
class PreparedDemo:
    admin_email: str
    admin_password: str
    requests: int
    staff: int


def ensure_session_key(env_path: Path) -> None:
    """Add a generated WAARBORG_SESSION_KEY to the demo's `.env` when it has none."""
    text = env_path.read_text(encoding="utf-8") if env_path.exists() else ""
    if "WAARBORG_SESSION_KEY=" not in text:
        with env_path.open("a", encoding="utf-8") as handle:
            handle.write(f"{'' if text.endswith(chr(10)) or not text else chr(10)}"
                         f"WAARBORG_SESSION_KEY={secrets.token_urlsafe(48)}\n")


def prepare_demo_office(root: Path) -> PreparedDemo:
    ensure_session_key(root / ".env")
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        now = datetime.now(UTC)
        seeded = seed_demo_office(workspace, now)
        run_due(workspace, settings_from_env(workspace.env, workspace.register.controller.email), now)
        return PreparedDemo(seeded.admin_email, seeded.admin_password, seeded.requests, len(DEMO_STAFF) + 1)
    finally:
        workspace.close()
