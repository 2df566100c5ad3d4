"""What MariaDB does differently, and how Waarborg keeps to the same guarantees there.

Its usual collations compare without case and accents, it cannot index an expression, and the
normalised e-mail's index lives on an invisible virtual column (waarborg.datasets.mariadb_sql).
The shared engine tests run on MariaDB as well (`org_engines`); these are MariaDB's own.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from waarborg.datasets.connect import Connections
from waarborg.datasets.erase import apply_erasure, keyed_hash
from waarborg.datasets.graph import find_person
from waarborg.datasets.identities import identity_hash
from waarborg.datasets.inspect import verify_bindings
from waarborg.datasets.search_indexes import (
    SearchLookup,
    compared_expression,
    create_search_indexes,
    missing_search_indexes,
)
from waarborg.register import Register

pytestmark = pytest.mark.parametrize("db_kind", [pytest.param("mariadb", marks=pytest.mark.mariadb)], indirect=True)

KEY = b"m" * 40


def _keys(found: list) -> dict[tuple[str, str], list]:
    return {(rows.system, rows.table): rows.keys for rows in found}


def _crm(connections: Connections, statement: str) -> None:
    with connections.engine("crm").begin() as conn:
        conn.execute(text(statement))


def test_the_collation_does_not_make_another_person_out_of_an_accent_or_a_capital(
    fixture_register: Register, connections: Connections
) -> None:
    # utf8mb4_general_ci holds 'ánna@example.nl' = 'anna@example.nl' and 'l-0001' = 'L-0001'
    _crm(connections, "INSERT INTO persons (id, email, member_no) VALUES (6, 'ánna@example.nl', 'l-0001')")
    with connections.engine("crm").connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM persons WHERE email = 'anna@example.nl'")).scalar() == 2
    by_email = _keys(find_person(fixture_register, connections, "email", "anna@example.nl"))
    by_number = _keys(find_person(fixture_register, connections, "member_number", "L-0001"))
    assert by_email[("crm", "persons")] == [1]
    assert by_number[("crm", "persons")] == [1]
    assert _keys(find_person(fixture_register, connections, "email", "ánna@example.nl"))[("crm", "persons")] == [6]


def test_a_trailing_space_does_not_make_another_person_the_same_one(
    fixture_register: Register, connections: Connections
) -> None:
    # Every MariaDB collation but the NO PAD ones, utf8mb4_bin included, holds 'L-0001 ' = 'L-0001'.
    _crm(connections, "INSERT INTO persons (id, email, member_no) VALUES (6, 'zoe@example.nl', 'L-0001 ')")
    with connections.engine("crm").connect() as conn:
        padded = "SELECT count(*) FROM persons WHERE member_no COLLATE utf8mb4_bin = 'L-0001'"
        assert conn.execute(text(padded)).scalar() == 2
    assert _keys(find_person(fixture_register, connections, "member_number", "L-0001"))[("crm", "persons")] == [1]
    assert _keys(find_person(fixture_register, connections, "member_number", "L-0001 "))[("crm", "persons")] == [6]


def test_the_normalised_email_index_is_an_invisible_virtual_column_the_search_uses(
    fixture_register: Register, connections: Connections
) -> None:
    create_search_indexes(fixture_register, connections)
    assert list(missing_search_indexes(fixture_register, connections)) == []
    with connections.engine("crm").begin() as conn:
        columns = list(conn.execute(text("SELECT * FROM persons WHERE id = 1")).mappings().one())
        assert "waarborg_email_norm" not in columns  # the organisation's software never sees it
        conn.execute(text("INSERT INTO persons VALUES (7, 'Zoe@x.nl', 'L-7', 'Zoë', 'Z', NULL, NULL, NULL)"))
        conn.execute(text("UPDATE persons SET email = '  Bram@Example.NL ' WHERE id = 2"))
        stored = conn.execute(text("SELECT waarborg_email_norm FROM persons WHERE id IN (2, 7) ORDER BY id"))
        assert stored.scalars().all() == ["bram@example.nl", "zoe@x.nl"]
        lookup = SearchLookup("crm", "persons", "email", "email")
        assert compared_expression(conn, lookup) == "waarborg_email_norm"
        plan = conn.execute(text("EXPLAIN SELECT * FROM persons WHERE waarborg_email_norm = 'x'")).mappings().one()
        assert plan["key"] == "ix_persons_email_norm"
    connections.close()  # a fresh search reads which virtual columns exist
    found = _keys(find_person(fixture_register, connections, "email", "bram@example.nl"))
    assert found[("crm", "persons")] == [2]
    assert _keys(find_person(fixture_register, connections, "email", "ZOE@x.nl"))[("crm", "persons")] == [7]


def test_an_erased_address_leaves_only_its_hash_in_the_virtual_column(
    fixture_register: Register, connections: Connections
) -> None:
    create_search_indexes(fixture_register, connections)
    with connections.engine("crm").begin() as conn:
        changed = apply_erasure(conn, fixture_register, "crm", "persons", [2], {"email": "hash"}, False, KEY)
    assert changed == 1
    with connections.engine("crm").connect() as conn:
        email, norm = conn.execute(text("SELECT email, waarborg_email_norm FROM persons WHERE id = 2")).one()
    assert email == norm == identity_hash(KEY, "email", "bram@example.nl")
    assert "bram" not in norm and email != keyed_hash(KEY, "Bram")


def test_check_does_not_take_the_virtual_column_for_unbound_personal_data(
    fixture_register: Register, connections: Connections
) -> None:
    create_search_indexes(fixture_register, connections)
    findings = verify_bindings(fixture_register, connections)
    assert not [f for f in findings if "waarborg_" in f.message_en]
    assert not [f for f in findings if f.severity == "error"]
