"""What counts as erased is decided byte for byte, whatever the column's collation (issue 14).

MariaDB's usual collations (utf8mb4_general_ci, WordPress' utf8mb4_unicode_ci) compare without case
and accents and ignore trailing spaces, so '[VERWIJDERD]' = '[verwijderd]' there. A value that differs
from an erasure's fixed text only that way is still someone's data: sweeps, requests and replays
must erase it and count it, on every engine alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from engine_fixture import NOW
from sqlalchemy import select, text

from waarborg.datasets.connect import Connections
from waarborg.datasets.erase import apply_erasure
from waarborg.register import Register
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.runner import run_request
from waarborg.retention.plan import sweep_targets
from waarborg.retention.replay import replay_erasures
from waarborg.retention.steps import step_where
from waarborg.retention.sweep import run_sweep
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

KEY = b"c" * 40
SINCE = datetime(2000, 1, 1)
FIXED = "[verwijderd]"
# Equal to the fixed text under a case- and accent-insensitive, PAD SPACE collation; not equal in bytes.
NEAR_MISSES = ["[VERWIJDERD]", "[Verwijderd]", "[verwìjderd]", "[vérwijdèrd]", "[verwijderd] "]


def _crm(connections: Connections, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with connections.engine("crm").begin() as conn:
        result = conn.execute(text(sql), params)
        return [tuple(row) for row in result] if result.returns_rows else []


@pytest.mark.parametrize("near_miss", NEAR_MISSES)
def test_a_value_that_differs_from_the_fixed_text_only_by_case_accent_or_space_is_erased(
    fixture_register: Register, connections: Connections, near_miss: str
) -> None:
    _crm(connections, "UPDATE persons SET first_name = :v, last_name = :v WHERE id = 2", v=near_miss)
    strategies = {"first_name": fixture_register.systems["crm"].database.tables["persons"]  # type: ignore[union-attr]
                  .columns["first_name"].erase}
    with connections.engine("crm").begin() as conn:
        changed = apply_erasure(conn, fixture_register, "crm", "persons", [2], strategies, False, KEY)
    assert changed == 1
    assert _crm(connections, "SELECT first_name, last_name FROM persons WHERE id = 2") == [(FIXED, near_miss)]


def test_the_exact_fixed_text_counts_as_erased(fixture_register: Register, connections: Connections) -> None:
    _crm(connections, "UPDATE persons SET first_name = :v WHERE id = 2", v=FIXED)
    strategies = {"first_name": fixture_register.systems["crm"].database.tables["persons"]  # type: ignore[union-attr]
                  .columns["first_name"].erase}
    with connections.engine("crm").begin() as conn:
        assert apply_erasure(conn, fixture_register, "crm", "persons", [2], strategies, False, KEY) == 0


def _person(workspace: Workspace, person_id: int) -> tuple[Any, ...]:
    with workspace.connections().engine("crm").connect() as conn:
        sql = "SELECT first_name, last_name FROM persons WHERE id = :id"
        return tuple(conn.execute(text(sql), {"id": person_id}).one())


def test_a_sweep_erases_and_counts_a_name_written_back_in_capitals(fresh_workspace: Workspace) -> None:
    run_sweep(fresh_workspace, now=NOW)  # person 2 is erased: hash, pseudonym, fixed text, NULL
    assert _person(fresh_workspace, 2) == (FIXED, FIXED)
    with fresh_workspace.connections().engine("crm").begin() as conn:  # the website writes a variant back
        conn.execute(text("UPDATE persons SET first_name = '[VERWIJDERD]', last_name = '[verwìjderd]' WHERE id = 2"))
    plan = run_sweep(fresh_workspace, now=NOW, dry_run=True).plan
    assert plan is not None and plan.rows == 1
    report = run_sweep(fresh_workspace, now=NOW)
    assert report.rows == 1
    assert _person(fresh_workspace, 2) == (FIXED, FIXED)
    assert run_sweep(fresh_workspace, now=NOW).rows == 0


@pytest.mark.parametrize("db_kind", [pytest.param("mariadb", marks=pytest.mark.mariadb)], indirect=True)
def test_the_byte_comparison_keeps_the_sweeps_key_range_scan(
    fixture_register: Register, connections: Connections
) -> None:
    rows = [{"id": n, "first_name": FIXED, "email": f"p{n}@example.nl"} for n in range(100, 3100)]
    with connections.engine("crm").begin() as conn:
        conn.execute(text("INSERT INTO persons (id, first_name, email) VALUES (:id, :first_name, :email)"), rows)
        conn.exec_driver_sql("ANALYZE TABLE persons")
    (target,) = [t for t in sweep_targets(fixture_register, NOW) if t.table == "persons"]
    table = target.clause()
    pk = table.c[target.binding.primary_key]
    for step in target.steps:
        query = select(pk).where(step_where("mariadb", table, step), pk > 200, pk <= 400)
        with connections.engine("crm").connect() as conn:
            compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
            plan = conn.exec_driver_sql(f"EXPLAIN {compiled}").mappings().one()
        assert (plan["key"], plan["type"]) == ("PRIMARY", "range"), (step.action, step.columns, dict(plan))


def _write_back(workspace: Workspace, value: str) -> None:
    with workspace.connections().engine("crm").begin() as conn:  # the website writes a variant back
        conn.execute(text("UPDATE persons SET first_name = :v WHERE id = 2"), {"v": value})


def _erased_rows(result: dict[str, Any], table: str) -> int:
    return sum(item["rows"] for item in result["erased"] if item["table"] == table)


def test_an_erase_request_changes_exactly_the_rows_it_reports(fresh_workspace: Workspace) -> None:
    with fresh_workspace.connections().engine("crm").begin() as conn:  # only the name is left to erase
        conn.execute(text("UPDATE invoices SET billing_name = '[VERWIJDERD]' WHERE id = 1"))
    who = Identity("email", "eva@example.nl")
    preview = run_request(fresh_workspace, "erase", who, erase_fulfilment(), now=NOW, dry_run=True)
    outcome = run_request(fresh_workspace, "erase", who, erase_fulfilment(), now=NOW)
    assert outcome.status == "completed", outcome.error
    assert _erased_rows(preview.result, "crm.invoices") == _erased_rows(outcome.result, "crm.invoices") == 1
    with fresh_workspace.connections().engine("crm").connect() as conn:
        names = conn.execute(text("SELECT billing_name FROM invoices ORDER BY id")).scalars().all()
    assert names == [FIXED, "Eva Smit"]  # the 2021 invoice is kept under the fiscal duty


def test_a_replay_erases_and_counts_a_restored_variant(fresh_workspace: Workspace) -> None:
    run_sweep(fresh_workspace, now=NOW)
    _write_back(fresh_workspace, "[verwìjderd]")  # as a restored backup edited by hand would hold
    planned = replay_erasures(fresh_workspace, SINCE, dry_run=True)
    done = replay_erasures(fresh_workspace, SINCE)
    assert planned.per_table.get("crm.persons") == done.per_table.get("crm.persons") == 1
    assert _person(fresh_workspace, 2) == (FIXED, FIXED)
