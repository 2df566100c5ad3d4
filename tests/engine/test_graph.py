"""Finding a person follows identities and references across tables and databases."""

from __future__ import annotations

from waarborg.datasets.connect import Connections
from waarborg.datasets.erase import keyed_hash
from waarborg.datasets.graph import fetch_rows, find_person, find_person_by_hash
from waarborg.register import Register


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
