"""The public forms' limit is exact under concurrency (issue 14, item 3): posts that arrive at the
same instant, from threads with their own connections as server processes would have, never pass
a limit together; exactly the maximum is admitted, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from store_support import open_audited_store
from waarborg.office.clock import MovableClock
from waarborg.office.form_limits import FormLimited, admit
from waarborg.office.settings import OfficeSettings
from waarborg.store import Store
from waarborg.store.form_limit_models import FormHit

FORM = "consent.subscribe"
POSTS = 8
LIMIT = 3


@pytest.fixture
def shared_store(db_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_audited_store(db_url, tmp_path)
    yield opened
    opened.close()


def _race(store: Store, settings: OfficeSettings, clock: MovableClock, address: str) -> list[bool]:
    """POSTS posts from one address, released together; True for each one admitted."""
    start = threading.Barrier(POSTS)

    def post(_: int) -> bool:
        start.wait()
        try:
            with store.session() as session:
                admit(session, settings, FORM, address, clock.now())
        except FormLimited:
            return False
        return True

    with ThreadPoolExecutor(POSTS) as pool:
        return list(pool.map(post, range(POSTS)))


def _stored(store: Store, settings: OfficeSettings) -> int:
    with store.session() as session:
        return int(session.execute(select(func.count()).select_from(FormHit)).scalar_one())


def test_concurrent_posts_admit_exactly_the_limit(
    shared_store: Store, settings: OfficeSettings, clock: MovableClock
) -> None:
    limited = replace(settings, form_limit_max=LIMIT)
    rounds = [_race(shared_store, limited, clock, f"203.0.113.{n}") for n in range(1, 6)]
    assert [sum(admitted) for admitted in rounds] == [LIMIT] * len(rounds)
    assert _stored(shared_store, limited) == LIMIT * len(rounds)  # the refused ones stored nothing


def test_concurrent_posts_with_one_left_admit_one(
    shared_store: Store, settings: OfficeSettings, clock: MovableClock
) -> None:
    limited = replace(settings, form_limit_max=LIMIT)
    address = "198.51.100.4"
    for _ in range(LIMIT - 1):
        with shared_store.session() as session:
            admit(session, limited, FORM, address, clock.now())
    assert sum(_race(shared_store, limited, clock, address)) == 1
    assert _stored(shared_store, limited) == LIMIT
