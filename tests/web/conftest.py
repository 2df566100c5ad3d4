"""A demo office shared by the web tests of a module, and an app with a clock the tests move."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import NOW, build_office

from waarborg.office.clock import MovableClock
from waarborg.office.settings import settings_from_env
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace


@pytest.fixture(scope="module")
def office_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("office")
    (root / "admin-password").write_text(build_office(root), encoding="utf-8")
    return root


@pytest.fixture
def workspace(office_root: Path) -> Iterator[Workspace]:
    opened = open_workspace(office_root / "waarborg.yaml")
    yield opened
    opened.close()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def app(workspace: Workspace, clock: MovableClock) -> FastAPI:
    return create_app(workspace, settings_from_env(workspace.env), clock)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client
