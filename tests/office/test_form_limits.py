"""The public forms' rate limiter: per form and client address, a window and a maximum from the
settings, counted in the store so that every process on one database sees the same hits."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from waarborg.office.clock import MovableClock
from waarborg.office.form_limits import FormLimited, admit, client_key, maximum, prune_hits, recent_hits
from waarborg.office.settings import OfficeSettings, SettingsError, settings_from_env
from waarborg.store import Store, open_store
from waarborg.store.form_limit_models import FormHit

ADDRESS = "203.0.113.7"
FORM = "consent.subscribe"


def _stored(store: Store) -> list[FormHit]:
    with store.session() as session:
        return list(session.execute(select(FormHit).order_by(FormHit.id)).scalars())


def _admit(store: Store, settings: OfficeSettings, clock: MovableClock, form: str = FORM,
           address: str = ADDRESS) -> int:
    with store.session() as session:
        return admit(session, settings, form, address, clock.now())


def test_a_client_is_refused_past_the_maximum_and_the_refusal_stores_nothing(
        store: Store, settings: OfficeSettings, clock: MovableClock) -> None:
    limited = replace(settings, form_limit_max=3)
    remaining = [_admit(store, limited, clock) for _ in range(3)]
    assert remaining == [2, 1, 0]
    clock.advance(minutes=10)
    with pytest.raises(FormLimited) as refused:
        _admit(store, limited, clock)
    assert refused.value.form == FORM
    assert refused.value.retry_after == 50 * 60  # the oldest hit leaves the one-hour window then
    assert refused.value.retry_minutes == 50
    assert len(_stored(store)) == 3


def test_the_window_slides_and_the_clients_old_hits_are_removed(
        store: Store, settings: OfficeSettings, clock: MovableClock) -> None:
    limited = replace(settings, form_limit_max=2, form_limit_window=timedelta(minutes=30))
    _admit(store, limited, clock)
    clock.advance(minutes=20)
    _admit(store, limited, clock)
    clock.advance(minutes=5)
    with pytest.raises(FormLimited) as refused:
        _admit(store, limited, clock)
    assert refused.value.retry_after == 5 * 60
    clock.advance(minutes=5)  # the first hit is now exactly 30 minutes old: out of the window
    assert _admit(store, limited, clock) == 0
    assert [hit.at for hit in _stored(store)] == [clock.now() - timedelta(minutes=10), clock.now()]


def test_forms_and_clients_are_counted_apart(store: Store, settings: OfficeSettings, clock: MovableClock) -> None:
    limited = replace(settings, form_limit_max=1)
    _admit(store, limited, clock)
    _admit(store, limited, clock, form="consent.confirm")
    _admit(store, limited, clock, address="198.51.100.2")
    with pytest.raises(FormLimited):
        _admit(store, limited, clock)
    with store.session() as session:
        assert recent_hits(session, limited, FORM, ADDRESS, clock.now()) == 1
        assert recent_hits(session, limited, FORM, "192.0.2.99", clock.now()) == 0


def test_only_a_keyed_hash_of_the_address_is_stored(store: Store, settings: OfficeSettings,
                                                    clock: MovableClock) -> None:
    _admit(store, settings, clock)
    [hit] = _stored(store)
    assert hit.client_key == client_key(settings, ADDRESS)
    assert ADDRESS not in hit.client_key
    assert hit.client_key != hashlib.sha256(ADDRESS.encode()).hexdigest()
    assert client_key(replace(settings, session_key=b"x" * 40), ADDRESS) != hit.client_key


def test_a_per_form_override_changes_only_that_form(settings: OfficeSettings) -> None:
    env = {"WAARBORG_SESSION_KEY": "s" * 40, "WAARBORG_FORM_LIMITS": "consent.subscribe=5, requests.intake=2",
           "WAARBORG_FORM_LIMIT_MAX": "30", "WAARBORG_FORM_LIMIT_MINUTES": "10"}
    configured = settings_from_env(env)
    assert (maximum(configured, FORM), maximum(configured, "requests.intake")) == (5, 2)
    assert maximum(configured, "consent.confirm") == 30
    assert configured.form_limit_window == timedelta(minutes=10)
    assert maximum(settings, FORM) == 20  # the default


@pytest.mark.parametrize("value", ["consent.subscribe", "consent.subscribe=0", "=5", "consent.subscribe=veel"])
def test_a_malformed_form_limit_setting_names_the_variable(value: str) -> None:
    with pytest.raises(SettingsError, match="WAARBORG_FORM_LIMITS"):
        settings_from_env({"WAARBORG_SESSION_KEY": "s" * 40, "WAARBORG_FORM_LIMITS": value})


@pytest.mark.parametrize("form", ["", "x" * 61])
def test_a_bad_form_name_is_refused_and_stores_nothing(store: Store, settings: OfficeSettings,
                                                       clock: MovableClock, form: str) -> None:
    with pytest.raises(ValueError, match="form name"):
        _admit(store, settings, clock, form=form)
    assert _stored(store) == []


def test_pruning_forgets_hits_older_than_the_window(store: Store, settings: OfficeSettings,
                                                   clock: MovableClock) -> None:
    _admit(store, settings, clock)
    _admit(store, settings, clock, address="198.51.100.2")
    clock.advance(minutes=59)
    _admit(store, settings, clock, form="consent.confirm")
    clock.advance(minutes=2)
    with store.session() as session:
        assert prune_hits(session, settings, clock.now()) == 2
    assert [hit.form for hit in _stored(store)] == ["consent.confirm"]


def test_two_store_handles_on_one_database_see_each_others_hits(db_url: str, settings: OfficeSettings,
                                                                clock: MovableClock, tmp_path: Path) -> None:
    limited = replace(settings, form_limit_max=4)
    first, second = open_store(db_url), open_store(db_url)  # as two server processes would
    try:
        for turn in range(4):
            _admit(first if turn % 2 else second, limited, clock)
        with pytest.raises(FormLimited):
            _admit(first, limited, clock)
        with pytest.raises(FormLimited):
            _admit(second, limited, clock)
        with second.session() as session:
            assert session.execute(select(func.count()).select_from(FormHit)).scalar_one() == 4
    finally:
        first.close()
        second.close()


def test_the_migration_builds_exactly_the_model(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from waarborg.store import Base

    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert [d for d in differences if "form_hits" in repr(d)] == []
    finally:
        store.close()
