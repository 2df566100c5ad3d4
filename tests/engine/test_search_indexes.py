"""The indexes a person search needs: found missing by the query planner, created, then used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from engine_fixture import REGISTER
from sqlalchemy import select, text
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.datasets.connect import Connections
from waarborg.datasets.inspect import verify_bindings
from waarborg.datasets.search_indexes import (
    SearchLookup,
    compared_expression,
    create_search_indexes,
    missing_search_indexes,
    search_lookups,
    uses_index,
)
from waarborg.register import Register
from waarborg.store import AuditEntry
from waarborg.workspace import open_workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

PRIMARY_KEYS = {("crm", "persons", "id"), ("crm", "candidates", "id")}
UNINDEXED = {  # the fixture databases have primary keys and nothing else
    ("crm", "persons", "email", "email"),
    ("crm", "persons", "member_no", None),
    ("crm", "persons", "email", None),  # looked up by value from the newsletter's reference
    ("crm", "invoices", "person_id", None),
    ("crm", "registrations", "person_id", None),
    ("crm", "registrations", "event_id", None),
    ("crm", "candidates", "email", "email"),
    ("crm", "recordings", "candidate_id", None),
    ("newsletter", "subscribers", "email", "email"),
    ("newsletter", "subscribers", "email", None),
}


def _key(lookup: SearchLookup) -> tuple[str, str, str, str | None]:
    return (lookup.system, lookup.table, lookup.column, lookup.kind)


def test_search_lookups_are_the_identities_and_both_ends_of_references(fixture_register: Register) -> None:
    lookups = {_key(lookup) for lookup in search_lookups(fixture_register)}
    assert lookups == UNINDEXED | {(*pk, None) for pk in PRIMARY_KEYS}
    # an event row is not a person: the search never walks up into events, so it needs no lookup there
    assert not any(table == "events" for _s, table, _c, _k in lookups)


def test_the_planner_tells_an_indexed_lookup_from_a_scan(connections: Connections) -> None:
    with connections.engine("crm").connect() as conn:
        assert uses_index(conn, SearchLookup("crm", "persons", "id")) is True
        assert uses_index(conn, SearchLookup("crm", "invoices", "person_id")) is False
        conn.execute(text("CREATE INDEX ix_any_name ON invoices (person_id)"))
        conn.commit()
        assert uses_index(conn, SearchLookup("crm", "invoices", "person_id")) is True  # an index under any name
        conn.execute(text("CREATE INDEX ix_plain_email ON persons (email)"))
        conn.commit()
        # a plain index does not serve the identity rule's lower(trim(email))
        assert uses_index(conn, SearchLookup("crm", "persons", "email", "email")) is False
        assert uses_index(conn, SearchLookup("crm", "persons", "email")) is True


def test_missing_indexes_are_created_once_and_then_used(
    fixture_register: Register, connections: Connections
) -> None:
    missing = {_key(m.lookup) for m in missing_search_indexes(fixture_register, connections)}
    assert missing == UNINDEXED
    planned = create_search_indexes(fixture_register, connections, dry_run=True)
    assert {_key(m.lookup) for m in planned} == UNINDEXED
    assert {_key(m.lookup) for m in missing_search_indexes(fixture_register, connections)} == UNINDEXED  # dry run

    created = create_search_indexes(fixture_register, connections)
    assert len(created) == len(UNINDEXED)
    assert list(missing_search_indexes(fixture_register, connections)) == []
    assert create_search_indexes(fixture_register, connections) == []  # nothing left to do
    engine = connections.engine("crm")
    with engine.connect() as conn:
        lookup = SearchLookup("crm", "persons", "email", "email")
        condition = compared_expression(conn, lookup)
        if engine.dialect.name == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN SELECT * FROM persons WHERE {condition} = 'x'")
        elif engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET enable_seqscan = off")  # a five-row table would be scanned otherwise
            rows = conn.exec_driver_sql(f"EXPLAIN SELECT * FROM persons WHERE {condition} = 'x'")
        else:  # MariaDB: the search compares the virtual column the index is on
            assert condition == "waarborg_email_norm"
            rows = conn.exec_driver_sql(f"EXPLAIN SELECT * FROM persons WHERE {condition} = 'x'")
        plan = " ".join(str(value) for row in rows for value in row)
    assert "ix_persons_email_norm" in plan


def test_check_warns_about_an_unindexed_lookup_on_a_big_enough_table(
    fixture_register: Register, connections: Connections
) -> None:
    def unindexed(min_rows: int) -> set[str]:
        findings = verify_bindings(fixture_register, connections, index_min_rows=min_rows)
        return {f.message_en.split(" by ")[1].split(",")[0] for f in findings if f.rule == "binding-lookup-unindexed"}

    assert unindexed(10_000) == set()  # five persons: reading them all costs nothing
    assert "persons.member_no" in unindexed(5)
    assert "invoices.person_id" not in unindexed(5)  # two invoices: below the threshold
    assert "invoices.person_id" in unindexed(2)
    create_search_indexes(fixture_register, connections)
    assert unindexed(1) == set()


def test_index_command_creates_the_indexes_and_audits_it(tmp_path: Path, org_env: dict[str, str]) -> None:
    shutil.copy(REGISTER, tmp_path / "waarborg.yaml")
    env = {**org_env, "WAARBORG_ERASURE_KEY": "k" * 40}
    runner = CliRunner()
    register = ["--register", str(tmp_path / "waarborg.yaml")]
    dry = runner.invoke(build_app(), ["index", *register, "--dry-run"], env=env)
    assert dry.exit_code == 0, dry.output
    assert f"{len(UNINDEXED)} indexes missing; run without --dry-run" in dry.output
    done = runner.invoke(build_app(), ["index", *register], env=env)
    assert done.exit_code == 0, done.output
    assert "CREATE INDEX IF NOT EXISTS" in done.output and f"{len(UNINDEXED)} indexes created." in done.output
    again = runner.invoke(build_app(), ["index", *register], env=env)
    assert "nothing to do" in again.output
    workspace = open_workspace(tmp_path / "waarborg.yaml", env)
    with workspace.store.session() as session:
        actions = session.execute(select(AuditEntry.action, AuditEntry.detail)).all()
    workspace.close()
    assert [action for action, _detail in actions] == ["search_indexes.created"]  # the dry run changed nothing
    assert len(actions[0][1]["indexes"]) == len(UNINDEXED)


def test_index_command_says_when_a_taken_name_leaves_a_lookup_unserved(
    tmp_path: Path, org_env: dict[str, str], connections: Connections
) -> None:
    with connections.engine("crm").begin() as conn:  # the name the command would use, on another column
        conn.execute(text("CREATE INDEX ix_invoices_person_id ON invoices (amount)"))
    shutil.copy(REGISTER, tmp_path / "waarborg.yaml")
    result = CliRunner().invoke(build_app(), ["index", "--register", str(tmp_path / "waarborg.yaml")],
                                env={**org_env, "WAARBORG_ERASURE_KEY": "k" * 40})
    assert result.exit_code == 1, result.output
    assert "still read whole: crm.invoices.person_id (value)" in result.output
    assert "registrations.person_id" not in result.output.split("still read whole")[1]  # the others were made
