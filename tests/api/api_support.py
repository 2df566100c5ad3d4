"""Helpers for the API tests: a demo office with one API token per role, and bearer headers."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))

from fastapi.testclient import TestClient
from web_support import NOW, build_office, sign_in

from waarborg.office.api_tokens import create_token
from waarborg.office.demo_state import ADMIN_EMAIL, DEMO_STAFF
from waarborg.office.users import require_user, set_password
from waarborg.workspace import open_workspace

ADMIN_PASSWORD = "oranje-kompas-trommel-42"
EMAILS = {"admin": ADMIN_EMAIL, **{role: email for email, _name, role, _password in DEMO_STAFF}}

__all__ = ["NOW", "bearer", "build_api_office"]


def build_api_office(root: Path, persons: int = 120) -> dict[str, str]:
    """A demo office in `root`; returns a token secret per role."""
    build_office(root, persons=persons)
    return make_tokens(root)


def make_tokens(root: Path) -> dict[str, str]:
    """A token per role; the admin's one-time password replaced by ADMIN_PASSWORD (no change asked)."""
    workspace = open_workspace(root / "waarborg.yaml")
    try:
        with workspace.store.session() as session:
            set_password(session, "test", require_user(session, ADMIN_EMAIL), ADMIN_PASSWORD, NOW)
            return {role: create_token(session, "test", email, f"tests as {role}", NOW).secret
                    for role, email in EMAILS.items()}
    finally:
        workspace.close()


def sign_in_as_admin(client: TestClient) -> None:
    sign_in(client, ADMIN_EMAIL, ADMIN_PASSWORD)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}
