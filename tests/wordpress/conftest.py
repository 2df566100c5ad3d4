"""Fixtures of the WordPress tests: WordPress' own tables (from schema.php) with a synthetic site,
on SQLite and on MariaDB, and a workspace over examples/wordpress/waarborg.yaml."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from wordpress_support import ERASURE_KEY, EXAMPLE, URL_ENV

from waarborg.workspace import Workspace
from wordpress_schema import WordPressSite, create_site


@pytest.fixture(params=["sqlite", pytest.param("mariadb", marks=pytest.mark.mariadb)])
def wp_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database for WordPress' tables: a SQLite file, or a database on the throw-away
    MariaDB server (tests/mariadb_server.py; skipped loudly where MariaDB is not installed)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'wordpress.sqlite'}"
    return str(request.getfixturevalue("fresh_mariadb_url"))


@pytest.fixture
def wp_site(wp_url: str) -> WordPressSite:
    """WordPress' tables created from schema.php and filled with the seeded synthetic site."""
    return create_site(wp_url)


@pytest.fixture
def wp_workspace(tmp_path: Path, wp_url: str, wp_site: WordPressSite) -> Iterator[Workspace]:
    """A workspace over the example register, bound to the site; its store in a SQLite file."""
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(EXAMPLE, root / "waarborg.yaml")
    env = {URL_ENV: wp_url, "WAARBORG_ERASURE_KEY": ERASURE_KEY,
           "WAARBORG_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite'}"}
    workspace = Workspace(root, root / "waarborg.yaml", env)
    yield workspace
    workspace.close()
