"""Finding a person follows identities and references across tables and databases."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from waarborg.datasets.connect import Connections
from waarborg.datasets.erase import keyed_hash
from waarborg.datasets.graph import fetch_rows, find_person, find_person_by_hash
from waarborg.register import Register

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB


def _keys(found) -> dict[tuple[str, str], list[object]]:
    return {(rows.system, rows.table): rows.keys for rows in found}


def test_person_is_followed_into_the_other_database_by_email(fixture_register: Register, connections: Connections):
    found = _keys(find_person(fixture_register, connections, "email", "bram@example.nl"))
    assert found == {("crm", "persons"): [2], ("crm", "registrations"): [3], ("newsletter", "subscribers"): [2]}


def test_child_rows_are_found_through_references(fixture_register: Register, connections: Connections) -> None:
    found = _keys(find_person(fixture_register, connections, "member_number", "L-0005"))
    assert found == {("crm", "persons"): [5], ("crm", "invoices"): [1, 2]}


def test_a_shared_event_does_not_pull_in_other_attendees(fixture_register: Register, connections: Connections):
    found = _keys(find_person(fixture_register, connections, "email", "anna@example.nl"))
    assert found[("crm", "registrations")] == [1]  # not Cees's registration for the same event
    assert ("crm", "events") not in found


def test_candidate_recordings_hang_below_the_candidate(fixture_register: Register, connections: Connections) -> None:
    found = _keys(find_person(fixture_register, connections, "email", "gijs@example.nl"))
    assert found == {("crm", "candidates"): [1], ("crm", "recordings"): [1]}


def test_an_unknown_person_has_no_rows(fixture_register: Register, connections: Connections) -> None:
    assert find_person(fixture_register, connections, "email", "nobody@example.nl") == []


def test_finding_by_keyed_hash_finds_the_same_rows(fixture_register: Register, connections: Connections) -> None:
    key = b"s" * 32
    by_hash = find_person_by_hash(fixture_register, connections, "email", keyed_hash(key, "bram@example.nl"), key)
    assert _keys(by_hash) == _keys(find_person(fixture_register, connections, "email", "bram@example.nl"))


def test_fetch_rows_returns_every_column_of_the_found_rows(fixture_register: Register, connections: Connections):
    found = find_person(fixture_register, connections, "email", "eva@example.nl")
    rows = fetch_rows(fixture_register, connections, found)
    assert [r["amount"] for r in rows[("crm", "invoices")]] == [4500, 5000]
    assert rows[("crm", "persons")][0]["first_name"] == "Eva"


def _count_statements(connections: Connections, systems: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Lists that fill with every statement executed and every pool checkout, on these systems."""
    statements: list[str] = []
    checkouts: list[str] = []
    for system in systems:
        engine = connections.engine(system)
        event.listen(engine, "before_cursor_execute", lambda *args, s=system: statements.append(s))
        event.listen(engine.pool, "checkout", lambda *args, s=system: checkouts.append(s))
    return statements, checkouts


def test_a_search_asks_each_table_once_per_hop_over_one_connection_per_database(
    fixture_register: Register, connections: Connections
) -> None:
    statements, checkouts = _count_statements(connections, ("crm", "newsletter"))
    found = find_person(fixture_register, connections, "email", "bram@example.nl")
    # Seeds in persons, candidates and subscribers; then invoices and registrations below Bram. Bram
    # himself (pointed at by his registration, followed from his subscription) is not asked again.
    # MariaDB: plus, once per database and Connections, the question which indexed virtual columns exist.
    probe = 1 if connections.dialect("crm") == "mysql" else 0
    assert sorted(statements) == ["crm"] * (4 + probe) + ["newsletter"] * (1 + probe)
    assert sorted(checkouts) == ["crm", "newsletter"]
    rows = fetch_rows(fixture_register, connections, found)
    assert len(statements) == 5 + 2 * probe  # fetching the found rows asks nothing more
    assert rows[("crm", "registrations")][0]["remarks"] == "rolstoel"
