"""A demo office with a token per role, shared by the API tests of a module; a clock they move."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import NOW, build_api_office
from fastapi.testclient import TestClient

from waarborg.office.clock import MovableClock
from waarborg.office.settings import settings_from_env
from waarborg.web.app import create_app
from waarborg.workspace import Workspace, open_workspace


@pytest.fixture(scope="module")
def api_office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("api-office")
    return root, build_api_office(root)


@pytest.fixture
def tokens(api_office: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return api_office[1]


@pytest.fixture
def workspace(api_office: tuple[Path, dict[str, str]]) -> Iterator[Workspace]:
    opened = open_workspace(api_office[0] / "waarborg.yaml")
    yield opened
    opened.close()


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(NOW)


@pytest.fixture
def client(workspace: Workspace, clock: MovableClock) -> Iterator[TestClient]:
    app = create_app(workspace, settings_from_env(workspace.env), clock)
    with TestClient(app, base_url="http://127.0.0.1") as test_client:
        yield test_client
