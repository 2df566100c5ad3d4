"""`build_demo` writes a demo workspace whose register is clean, bound to every table, and reproducible."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from waarborg.datasets.connect import connect
from waarborg.datasets.detectors import is_bsn, is_dutch_phone, is_email, is_iban
from waarborg.datasets.inspect import verify_bindings
from waarborg.demo import DemoError, DemoWorkspace, build_demo
from waarborg.register import load_register
from waarborg.rules import run_checks
from waarborg.statement import render_statement

AS_OF = date(2025, 6, 1)
CRM_TABLES = (
    "persons",
    "memberships",
    "exam_candidates",
    "proctoring_recordings",
    "event_registrations",
    "invoices",
    "request_log",
    "employees",
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoWorkspace:
    return build_demo(tmp_path_factory.mktemp("demo"), persons=400, seed=7, as_of=AS_OF)


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _dump(root: Path) -> dict[str, list[tuple[object, ...]]]:
    dump = {t: _rows(root / "crm.sqlite", f"SELECT * FROM {t} ORDER BY id") for t in CRM_TABLES}
    dump["subscribers"] = _rows(root / "newsletter.sqlite", "SELECT * FROM subscribers ORDER BY id")
    return dump


def test_small_demo_builds_the_people_asked_for(tmp_path: Path) -> None:
    # Its speed is measured in benchmarks/, not here: a timed assertion fails on a loaded machine.
    workspace = build_demo(tmp_path, persons=200, seed=1, as_of=AS_OF)
    assert workspace.counts["persons"] == 200
    assert workspace.rows > 1_000  # about ten rows per person across the tables


def test_workspace_holds_register_databases_and_environment(demo: DemoWorkspace) -> None:
    assert {p.name for p in demo.root.iterdir()} >= {"waarborg.yaml", "crm.sqlite", "newsletter.sqlite", ".env"}
    env_lines = demo.env_path.read_text(encoding="utf-8").splitlines()
    assert f"WAARBORG_CRM_URL=sqlite:///{demo.root / 'crm.sqlite'}" in env_lines
    assert f"WAARBORG_NEWSLETTER_URL=sqlite:///{demo.root / 'newsletter.sqlite'}" in env_lines
    assert demo.env_path.stat().st_mode & 0o077 == 0


def test_every_table_has_rows_and_counts_match(demo: DemoWorkspace) -> None:
    for table in CRM_TABLES:
        assert _rows(demo.root / "crm.sqlite", f"SELECT count(*) FROM {table}")[0][0] == demo.counts[table] > 0
    assert (
        _rows(demo.root / "newsletter.sqlite", "SELECT count(*) FROM subscribers")[0][0] == demo.counts["subscribers"]
    )


def test_same_seed_gives_the_same_data_and_another_seed_does_not(demo: DemoWorkspace, tmp_path: Path) -> None:
    again = build_demo(tmp_path / "again", persons=400, seed=7, as_of=AS_OF)
    other = build_demo(tmp_path / "other", persons=400, seed=8, as_of=AS_OF)
    assert _dump(again.root) == _dump(demo.root)
    assert _dump(other.root)["persons"] != _dump(demo.root)["persons"]


def test_identifiers_pass_their_checks(demo: DemoWorkspace) -> None:
    crm = demo.root / "crm.sqlite"
    bsns = [r[0] for r in _rows(crm, "SELECT bsn FROM employees")]
    ibans = [r[0] for r in _rows(crm, "SELECT iban FROM invoices UNION SELECT iban FROM employees")]
    phones = [r[0] for r in _rows(crm, "SELECT phone FROM persons")]
    assert bsns and all(is_bsn(b) for b in bsns)
    assert ibans and all(is_iban(i) for i in ibans)
    assert all(is_dutch_phone(p) for p in phones)


def test_email_addresses_are_valid_and_unique_across_both_databases(demo: DemoWorkspace) -> None:
    crm = [r[0] for r in _rows(demo.root / "crm.sqlite", "SELECT email FROM persons")]
    newsletter = [r[0] for r in _rows(demo.root / "newsletter.sqlite", "SELECT email FROM subscribers")]
    assert all(is_email(e) for e in crm + newsletter)
    assert len(set(crm)) == len(crm) and len(set(newsletter)) == len(newsletter)
    shared = set(crm) & set(newsletter)
    assert shared and len(shared) < len(newsletter)  # most subscribers are in the CRM, some only read the news


def test_register_passes_the_check_and_renders_a_statement(demo: DemoWorkspace) -> None:
    register = load_register(demo.register_path)
    assert [f for f in run_checks(register) if f.severity == "error"] == []
    statement = render_statement(register, "nl", "md")
    assert isinstance(statement, str) and "Online proctoring" in statement and "6 maanden" in statement


def test_live_bindings_match_the_demo_databases_exactly(demo: DemoWorkspace) -> None:
    register = load_register(demo.register_path)
    connections = connect(register, demo.env)
    findings = verify_bindings(register, connections, today=AS_OF)
    connections.close()
    assert findings == []


def test_every_demo_table_is_bound(demo: DemoWorkspace) -> None:
    register = load_register(demo.register_path)
    crm, newsletter = register.systems["crm"].database, register.systems["newsletter"].database
    assert crm is not None and newsletter is not None
    assert set(crm.tables) == set(CRM_TABLES)
    assert set(newsletter.tables) == {"subscribers"}
    assert newsletter.tables["subscribers"].references == {"email": "crm.persons.email"}


def _count(path: Path, sql: str, *args: object) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(sql, args).fetchone()[0])


def _ago(**delta: int) -> str:
    return str(datetime(AS_OF.year, AS_OF.month, AS_OF.day) - timedelta(**delta))


@pytest.mark.parametrize(
    ("database", "table", "moment", "days"),
    [
        ("crm", "proctoring_recordings", "recorded_at", 183),  # videos past six months, and newer ones
        ("crm", "memberships", "ended_at", 365),  # memberships ended over a year ago, and recent ends
        ("crm", "invoices", "invoice_date", 7 * 365),  # invoices past the 7-year fiscal duty, and within it
        ("newsletter", "subscribers", "unsubscribed_at", 30),  # left long ago, and recently
    ],
)
def test_data_spread_over_ten_years_gives_sweeps_work(
    demo: DemoWorkspace, database: str, table: str, moment: str, days: int
) -> None:
    path, cutoff = demo.root / f"{database}.sqlite", _ago(days=days)
    assert _count(path, f"SELECT count(*) FROM {table} WHERE {moment} <= ?", cutoff) > 0
    assert _count(path, f"SELECT count(*) FROM {table} WHERE {moment} > ?", cutoff) > 0


def test_running_memberships_and_current_subscribers_exist(demo: DemoWorkspace) -> None:
    assert _count(demo.root / "crm.sqlite", "SELECT count(*) FROM memberships WHERE ended_at IS NULL") > 0
    assert _count(demo.root / "newsletter.sqlite", "SELECT count(*) FROM subscribers WHERE unsubscribed_at IS NULL") > 0


def test_refuses_to_overwrite_a_workspace_unless_forced(demo: DemoWorkspace) -> None:
    before = (demo.root / "crm.sqlite").stat().st_mtime_ns
    with pytest.raises(DemoError, match="already holds"):
        build_demo(demo.root, persons=10, seed=7, as_of=AS_OF)
    assert (demo.root / "crm.sqlite").stat().st_mtime_ns == before


def test_force_replaces_the_workspace(tmp_path: Path) -> None:
    build_demo(tmp_path, persons=30, seed=1, as_of=AS_OF)
    replaced = build_demo(tmp_path, persons=20, seed=1, as_of=AS_OF, overwrite=True)
    assert _count(tmp_path / "crm.sqlite", "SELECT count(*) FROM persons") == replaced.counts["persons"] == 20


@pytest.mark.parametrize("persons", [0, -5])
def test_zero_or_negative_persons_is_refused_and_writes_nothing(tmp_path: Path, persons: int) -> None:
    with pytest.raises(DemoError, match="at least 1"):
        build_demo(tmp_path / "ws", persons=persons)
    assert not (tmp_path / "ws").exists()


@pytest.mark.postgres
def test_postgres_mode_loads_the_same_rows_and_verifies_clean(fresh_pg_url: str, tmp_path: Path) -> None:
    import sqlalchemy as sa

    sqlite = build_demo(tmp_path / "lite", persons=150, seed=3, as_of=AS_OF)
    pg = build_demo(tmp_path / "pg", persons=150, seed=3, as_of=AS_OF, postgres_url=fresh_pg_url)
    assert pg.counts == sqlite.counts
    assert pg.env == {"WAARBORG_CRM_URL": fresh_pg_url, "WAARBORG_NEWSLETTER_URL": fresh_pg_url}
    engine = sa.create_engine(fresh_pg_url)
    with engine.connect() as conn:
        emails = conn.execute(sa.text("SELECT email FROM persons ORDER BY id")).scalars().all()
        recorded = conn.execute(sa.text("SELECT min(recorded_at) FROM proctoring_recordings")).scalar_one()
    engine.dispose()
    assert emails == [r[0] for r in _rows(sqlite.root / "crm.sqlite", "SELECT email FROM persons ORDER BY id")]
    assert isinstance(recorded, datetime)
    register = load_register(pg.register_path)
    connections = connect(register, pg.env)
    assert verify_bindings(register, connections, today=AS_OF) == []
    connections.close()


def test_demo_indexes_the_normalised_email_identities(tmp_path: Path) -> None:
    build_demo(tmp_path / "ws", persons=20, seed=3)
    with sqlite3.connect(tmp_path / "ws" / "crm.sqlite") as db:
        indexes = {row[1] for row in db.execute("PRAGMA index_list('persons')")}
        plan = " ".join(
            str(row) for row in db.execute("EXPLAIN QUERY PLAN SELECT * FROM persons WHERE lower(trim(email)) = 'x'")
        )
    assert "ix_persons_email_norm" in indexes
    assert "ix_persons_email_norm" in plan  # the lookup a request makes uses it
