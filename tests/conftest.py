"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from mariadb_server import (  # noqa: F401  (MariaDB fixtures)
    fresh_mariadb_url,
    mariadb_binlog_server,
    mariadb_server,
    mariadb_url,
)
from pg_server import (  # noqa: F401  (PostgreSQL fixtures; db_kind and friends for SQLite/PostgreSQL/MariaDB)
    ORG_KINDS,
    db_kind,
    db_url,
    db_urls,
    fresh_pg_url,
    pg_server,
    pg_url,
    state_url,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES



@pytest.hookimpl(tryfirst=True)  # before pytest turns markers and fixture params into tests
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked `org_engines` (a module's `pytestmark`, or one test) that take `db_kind` run on
    SQLite, PostgreSQL and MariaDB: the engines an organisation's databases may use. Unmarked tests
    keep SQLite and PostgreSQL, the engines of Waarborg's own store; a test that names its kinds
    itself (`parametrize("db_kind", ...)`) keeps those."""
    if metafunc.definition.get_closest_marker("org_engines") is None or "db_kind" not in metafunc.fixturenames:
        return
    named = (str(marker.args[0]) for marker in metafunc.definition.iter_markers("parametrize"))
    if any("db_kind" in names for names in named):
        return
    metafunc.definition.add_marker(pytest.mark.parametrize("db_kind", ORG_KINDS, indirect=True))
