"""Fixtures for the office's domain: a migrated store on SQLite (and PostgreSQL where asked),
settings with a known key, and a clock that tests move."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from office_support import KEY

from store_support import open_audited_store
from waarborg.office.clock import MovableClock
from waarborg.office.settings import OfficeSettings
from waarborg.store import Store


@pytest.fixture
def settings() -> OfficeSettings:
    return OfficeSettings(session_key=KEY)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_audited_store(f"sqlite:///{tmp_path / 'state.sqlite'}", tmp_path)
    yield opened
    opened.close()
