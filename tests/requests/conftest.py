"""Fixtures for the request tests.

`register` is the fixture register (tests/requests/register.yaml). `workspace` is a workspace
over it with two real databases of the current kind (SQLite, and PostgreSQL through
tests/pg_server.py): the CRM (`crm`: persons, invoices, exam recordings) and the newsletter tool
(`mail`: subscribers, clicks), filled with the people of request_fixtures.py. Waarborg's own
store lives in a third database of the same kind.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from request_fixtures import CRM_ROWS, ERASURE_KEY, MAIL_ROWS, REGISTER_FILE, crm_schema, fill, mail_schema

from waarborg.register import Register, load_register
from waarborg.workspace import Workspace


@pytest.fixture(scope="session")
def register() -> Register:
    """The fixture register: an association with a CRM and a newsletter database."""
    return load_register(REGISTER_FILE)


@pytest.fixture
def database_urls(db_urls: Callable[[str], str], state_url: str) -> dict[str, str]:
    """Fresh CRM, newsletter and state databases of the current kind, the first two filled (the
    state on SQLite beside MariaDB: see `state_url`)."""
    urls = {"crm": db_urls("crm"), "mail": db_urls("mail"), "state": state_url}
    fill(urls["crm"], crm_schema(), CRM_ROWS)
    fill(urls["mail"], mail_schema(), MAIL_ROWS)
    return urls


@pytest.fixture
def workspace_env(database_urls: dict[str, str]) -> dict[str, str]:
    """The environment a workspace over the fixture databases runs with."""
    return {
        "WB_TEST_CRM_URL": database_urls["crm"],
        "WB_TEST_MAIL_URL": database_urls["mail"],
        "WAARBORG_DATABASE_URL": database_urls["state"],
        "WAARBORG_ERASURE_KEY": ERASURE_KEY,
    }


@pytest.fixture
def workspace(tmp_path: Path, workspace_env: dict[str, str]) -> Iterator[Workspace]:
    """A workspace over the fixture register and databases."""
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(REGISTER_FILE, root / "waarborg.yaml")
    opened = Workspace(root, root / "waarborg.yaml", workspace_env)
    yield opened
    opened.close()
