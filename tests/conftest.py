"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariadb_server import fresh_mariadb_url, mariadb_server, mariadb_url  # noqa: F401  (MariaDB fixtures)
from pg_server import db_kind, db_url, db_urls, fresh_pg_url, pg_server, pg_url  # noqa: F401  (PostgreSQL fixtures)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES

