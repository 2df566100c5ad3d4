"""Fixtures of the consent tests: the small register, a store on SQLite and PostgreSQL, a key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from consent_support import REGISTER

from waarborg.audit.settings import AuditSettings, attach
from waarborg.register import Register, load_register
from waarborg.store import Store, open_store


@pytest.fixture
def register() -> Register:
    return load_register(REGISTER)


def _opened(url: str, folder: Path) -> Store:
    """A store as a workspace opens it: with the audit trail's key and checkpoint attached."""
    opened = open_store(url)
    attach(opened, AuditSettings(b"a" * 40, folder / "audit-checkpoint.json"))
    return opened


@pytest.fixture
def store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = _opened(db_url, tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    opened = _opened(f"sqlite:///{tmp_path / 'state.sqlite'}", tmp_path)
    yield opened
    opened.close()
