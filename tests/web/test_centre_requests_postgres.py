"""The public centre's request pages and their rate limits with the store on PostgreSQL: the same
tests as test_centre_requests.py and test_centre_limits.py (imported, so they cannot drift)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pg_office import build_pg_office
from test_centre_limits import *  # noqa: F403  (collected again here, on PostgreSQL)
from test_centre_requests import *  # noqa: F403

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def office_root(tmp_path_factory: pytest.TempPathFactory, pg_url: str) -> Path:
    return build_pg_office(tmp_path_factory.mktemp("centre-requests-pg"), pg_url)
