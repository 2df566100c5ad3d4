"""Erasure strategies in SQL: the same keyed hash as Python, idempotent, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import literal, select, text

from waarborg.datasets.connect import Connections
from waarborg.datasets.erase import apply_erasure, hash_expr, keyed_hash, pseudonym
from waarborg.register import Register

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

KEY = b"k" * 40


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40),
       key=st.binary(min_size=1, max_size=100))
def test_sql_keyed_hash_equals_python_keyed_hash(connections: Connections, value: str, key: bytes) -> None:
    with connections.engine("crm").connect() as conn:
        computed = conn.execute(select(hash_expr(conn.dialect.name, literal(value), key))).scalar_one()
    assert computed == keyed_hash(key, value)


def _person(connections: Connections, person_id: int) -> dict[str, object]:
    with connections.engine("crm").connect() as conn:
        return dict(conn.execute(text("SELECT * FROM persons WHERE id = :id"), {"id": person_id}).one()._mapping)


def test_masking_applies_each_strategy_and_keeps_what_is_not_named(
    fixture_register: Register, connections: Connections
) -> None:
    columns = fixture_register.systems["crm"].database.tables["persons"].columns  # type: ignore[union-attr]
    strategies = {name: column.erase for name, column in columns.items()}
    with connections.engine("crm").begin() as conn:
        changed = apply_erasure(conn, fixture_register, "crm", "persons", [2], strategies, False, KEY)
    row = _person(connections, 2)
    assert changed == 1
    assert row["email"] == keyed_hash(KEY, "bram@example.nl")
    assert row["member_no"] == pseudonym(KEY, "L-0002")
    assert (row["first_name"], row["last_name"], row["phone"]) == ("[verwijderd]", "[verwijderd]", None)
    assert _person(connections, 1)["email"] == "anna@example.nl"


def test_masking_twice_changes_nothing_the_second_time(fixture_register: Register, connections: Connections) -> None:
    columns = fixture_register.systems["crm"].database.tables["persons"].columns  # type: ignore[union-attr]
    strategies = {name: column.erase for name, column in columns.items()}
    with connections.engine("crm").begin() as conn:
        apply_erasure(conn, fixture_register, "crm", "persons", [2, 3], strategies, False, KEY)
    once = _person(connections, 2)
    with connections.engine("crm").begin() as conn:
        again = apply_erasure(conn, fixture_register, "crm", "persons", [2, 3], strategies, False, KEY)
    assert again == 0
    assert _person(connections, 2) == once


def test_deleting_rows_removes_exactly_the_given_keys(fixture_register: Register, connections: Connections) -> None:
    with connections.engine("crm").begin() as conn:
        assert apply_erasure(conn, fixture_register, "crm", "recordings", [1], {}, True, KEY) == 1
        assert apply_erasure(conn, fixture_register, "crm", "recordings", [1], {}, True, KEY) == 0
    with connections.engine("crm").connect() as conn:
        assert conn.execute(text("SELECT id FROM recordings")).scalars().all() == [2]
