"""Fixtures of the engine tests: the hand-made register and databases, a fresh workspace."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from engine_fixture import ENV_CRM, ENV_NEWSLETTER, REGISTER, build_crm, build_newsletter

from waarborg.datasets.connect import Connections, connect
from waarborg.register import Register, load_register
from waarborg.workspace import Workspace, open_workspace

TEST_KEY = "k" * 40


@pytest.fixture
def fixture_register() -> Register:
    return load_register(REGISTER)


@pytest.fixture
def org_env(db_urls: Callable[[str], str]) -> dict[str, str]:
    """The CRM and newsletter databases, built fresh, as the environment a workspace reads."""
    crm, newsletter = db_urls("crm"), db_urls("newsletter")
    build_crm(crm)
    build_newsletter(newsletter)
    return {ENV_CRM: crm, ENV_NEWSLETTER: newsletter}


@pytest.fixture
def connections(fixture_register: Register, org_env: dict[str, str]) -> Iterator[Connections]:
    conns = connect(fixture_register, org_env)
    yield conns
    conns.close()


@pytest.fixture
def fresh_workspace(tmp_path: Path, org_env: dict[str, str], state_url: str) -> Iterator[Workspace]:
    """A workspace over the fixture databases, its own state in a fresh database of the same kind."""
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(REGISTER, root / "waarborg.yaml")
    env = {**org_env, "WAARBORG_ERASURE_KEY": TEST_KEY, "WAARBORG_DATABASE_URL": state_url}
    workspace = open_workspace(root / "waarborg.yaml", env)
    yield workspace
    workspace.close()
