"""The suppression list keeps hashes only and recognises people case-insensitively by e-mail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from waarborg.consent import suppression
from waarborg.store import Store, Suppression, open_store

KEY = b"k" * 32


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 'state.sqlite'}")
    yield opened
    opened.close()


def test_added_identity_is_contained_and_stored_only_as_a_hash(store: Store) -> None:
    with store.session() as session:
        assert suppression.add(session, KEY, "email", "jan@example.nl", "objection")
    with store.session() as session:
        assert suppression.contains(session, KEY, "email", "jan@example.nl")
        (row,) = session.execute(select(Suppression)).scalars()
        assert "jan" not in row.identity_hash and len(row.identity_hash) == 64
        assert (row.kind, row.reason) == ("email", "objection")


def test_adding_twice_keeps_one_entry(store: Store) -> None:
    with store.session() as session:
        assert suppression.add(session, KEY, "email", "jan@example.nl", "objection")
        assert not suppression.add(session, KEY, "email", " JAN@example.NL ", "unsubscribed")
        assert len(session.execute(select(Suppression)).all()) == 1


@pytest.mark.parametrize(
    ("kind", "listed", "asked", "found"),
    [
        ("email", "Jan@Example.nl", "jan@example.nl", True),
        ("email", "jan@example.nl", "piet@example.nl", False),
        ("member_number", "A-12", "a-12", False),  # only e-mail addresses ignore case
    ],
)
def test_contains_compares_normalised_values(store: Store, kind: str, listed: str, asked: str, found: bool) -> None:
    with store.session() as session:
        suppression.add(session, KEY, kind, listed, "objection")
        assert suppression.contains(session, KEY, kind, asked) is found


def test_a_different_key_does_not_recognise_the_person(store: Store) -> None:
    with store.session() as session:
        suppression.add(session, KEY, "email", "jan@example.nl", "objection")
        assert not suppression.contains(session, b"other-key", "email", "jan@example.nl")


def test_remove_takes_the_identity_off_the_list(store: Store) -> None:
    with store.session() as session:
        suppression.add(session, KEY, "email", "jan@example.nl", "objection")
        assert suppression.remove(session, KEY, "email", "JAN@example.nl")
        assert not suppression.contains(session, KEY, "email", "jan@example.nl")
        assert not suppression.remove(session, KEY, "email", "jan@example.nl")


def test_mailing_list_filter_drops_suppressed_addresses_in_order(store: Store) -> None:
    with store.session() as session:
        suppression.add(session, KEY, "email", "b@example.nl", "objection")
        mailing = ["a@example.nl", "B@example.nl", "c@example.nl"]
        assert suppression.allowed_recipients(session, KEY, "email", mailing) == ["a@example.nl", "c@example.nl"]
