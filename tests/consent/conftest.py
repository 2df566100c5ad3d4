"""Fixtures of the consent tests: the small register, a store on SQLite and PostgreSQL, a key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from consent_support import REGISTER

from store_support import open_audited_store
from waarborg.register import Register, load_register
from waarborg.store import Store


@pytest.fixture
def register() -> Register:
    return load_register(REGISTER)


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_audited_store(db_url, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = open_audited_store(f"sqlite:///{tmp_path / 'state.sqlite'}", tmp_path)
    yield opened
    opened.close()
