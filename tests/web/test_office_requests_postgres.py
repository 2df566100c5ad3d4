"""The handler's queue and a request's page with the store on PostgreSQL: the same tests as
test_office_requests.py (imported, so they cannot drift), against a PostgreSQL-backed office."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_office import build_pg_office
from test_office_requests import *  # noqa: F403  (the SQLite module's tests, collected again here)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def office_root(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Path:
    return build_pg_office(tmp_path_factory.mktemp("office-requests-pg"), pg_url)
