"""Fault test: kill -9 a sweep at random moments and show that no batch is ever half applied and
that a rerun completes to exactly the state of an uninterrupted sweep, on SQLite, PostgreSQL and MariaDB.

    python benchmarks/fault_sweep_kill.py                 # 60 trials, 20,000 rows a table, SQLite
    python benchmarks/fault_sweep_kill.py --trials 10 --rows 5000 --db sqlite postgres mariadb

Each trial copies a fresh organisation database (a file copy on SQLite; on PostgreSQL `CREATE
DATABASE ... TEMPLATE` in a throw-away server started by this script; on MariaDB a copy table by
table, benchmarks/fault_org_mariadb.py), starts a sweep in a child
process with small batches, kills it with SIGKILL after a random delay inside the sweep, waits
until the database has no client of the killed process left (PostgreSQL rolls back the open
transaction of a dropped connection; the check must not read before that is over), and checks:

- per batch (a primary-key range of `batch` ids): either every due row in it is erased, or none;
  erased batches form a prefix; no row that was not due is touched;
- the store agrees: every batch marked `done` is fully applied; at most one batch per table is
  `applying` (announced, perhaps committed), above the `done` ones — also when the sweep runs
  batches on several connections (PostgreSQL, MariaDB: `waarborg.retention.pipeline`);
- a rerun finishes, and its final tables and erasure ledger (the set of identity hashes, the
  number of rows per table) equal those of a clean, uninterrupted sweep.

The checks read the untouched base rows once and each trial's rows into Python (the tables are
small), so they are the same code on both databases: PostgreSQL cannot join across databases.
Waarborg's own store is SQLite in the trial's folder either way.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from fault_org_mariadb import FILL as MARIADB_FILL
from fault_org_mariadb import MariaDbOrg, StartedServer, create_statement, wait_while_used
from sqlalchemy import create_engine, text

from waarborg.store.ledger_hashes import recorded_hashes

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-06-01T00:00:00"
KEY = "f" * 64
REGISTER = """
waarborg: 1
controller: {name: Proef, email: privacy@proef.example}
statement: {version: "1", date: 2026-01-01}
systems:
  crm:
    name: CRM
    database:
      url_env: FAULT_DB_URL
      tables:
        registrations:
          primary_key: id
          identities: {email: email}
          activities: [events]
          events: {event_held: event_date}
          columns:
            email: {category: user.contact.email, erase: hash}
            attendee_name: {category: user.name, erase: {fixed: "[verwijderd]"}}
            remarks: {category: user.content.private, erase: "null"}
        recordings:
          primary_key: id
          activities: [proctoring]
          events: {exam_taken: recorded_at}
          row_erasure: delete
          columns:
            video_path: {category: user.content.recording, erase: "null"}
activities:
  events:
    name: Bijeenkomsten
    purposes: [bijeenkomsten organiseren]
    subject_groups: [event_participant]
    data_categories: [user.name, user.contact.email, user.content.private]
    legal_basis: contract
    retention: 1 year from event_held
  proctoring:
    name: Surveillance
    purposes: [fraude voorkomen]
    subject_groups: [exam_candidate]
    data_categories: [user.content.recording]
    legal_basis: legitimate_interests
    legitimate_interest: eerlijke examens
    retention: 6 months from exam_taken
"""
# A row is due when its event lies on or before NOW minus the retention period.
CUTOFFS = {"registrations": ("event_date", datetime(2025, 6, 1)),
           "recordings": ("recorded_at", datetime(2025, 12, 1))}


def _is_hash(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and set(value) <= set("0123456789abcdef")


# What an erased row looks like: per masked column a test of its new value (every other column
# keeps its value); None where the whole row is deleted (`row_erasure: delete`).
ERASED_FORM: dict[str, dict[str, Callable[[object], bool]] | None] = {
    "registrations": {"email": _is_hash, "attendee_name": lambda v: v == "[verwijderd]",
                      "remarks": lambda v: v is None},
    "recordings": None,
}

CREATE = ("CREATE TABLE registrations (id INTEGER PRIMARY KEY, email TEXT, attendee_name TEXT, remarks TEXT, "
          "event_date TIMESTAMP)",
          "CREATE TABLE recordings (id INTEGER PRIMARY KEY, video_path TEXT, recorded_at TIMESTAMP)")
# The same rows on both databases: ids 1..rows, about half of each table due.
FILL = {
    "sqlite": (
        """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
           INSERT INTO registrations SELECT i, 'p' || i || '@example.nl', 'Naam ' || i,
               CASE WHEN i % 2 = 0 THEN 'opmerking' END,
               strftime('%Y-%m-%d %H:%M:%f', '2024-06-02', '+' || ((i * 7919) % 730) || ' days') FROM n""",
        """WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
           INSERT INTO recordings SELECT i, '/video/' || i || '.mp4',
               strftime('%Y-%m-%d %H:%M:%f', '2025-06-02', '+' || ((i * 104729) % 365) || ' days') FROM n""",
    ),
    "postgresql": (
        """INSERT INTO registrations SELECT i, 'p' || i || '@example.nl', 'Naam ' || i,
               CASE WHEN i % 2 = 0 THEN 'opmerking' END,
               timestamp '2024-06-02' + ((i * 7919) % 730) * interval '1 day'
           FROM generate_series(1, {rows}) AS i""",
        """INSERT INTO recordings SELECT i, '/video/' || i || '.mp4',
               timestamp '2025-06-02' + ((i * 104729) % 365) * interval '1 day'
           FROM generate_series(1, {rows}) AS i""",
    ),
    "mysql": MARIADB_FILL,
}

Rows = dict[int, dict[str, Any]]  # primary key -> the row's columns
Batch = tuple[str, Any, Any, str]  # a batch in the store: table, first key (exclusive), last key, status


# --- the organisation's database: the only place where the two dialects differ -------------------


class OrgDatabase(Protocol):
    """Where the organisation's database lives, per dialect: a base to copy, a copy per trial."""

    kind: str

    @property
    def base_url(self) -> str: ...
    def describe(self) -> str: ...
    def copy(self, folder: Path) -> str: ...
    def settle(self, url: str) -> float: ...
    def drop(self, url: str) -> None: ...


@dataclass
class SqliteOrg:
    parent: Path
    kind: str = "sqlite"

    @property
    def base_url(self) -> str:
        return f"sqlite:///{self.parent / 'base.sqlite'}"

    def describe(self) -> str:
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"

    def copy(self, folder: Path) -> str:
        shutil.copy(self.parent / "base.sqlite", folder / "org.sqlite")
        return f"sqlite:///{folder / 'org.sqlite'}"

    def settle(self, url: str) -> float:
        """Nothing to wait for: the kill released the file locks, and the next reader rolls back
        a transaction the killed process left in the journal."""
        return 0.0

    def drop(self, url: str) -> None:
        """The copy goes with the trial's folder."""


@dataclass
class PostgresOrg:
    server: Any  # tests/pg_server.PgServer
    kind: str = "postgres"
    base_url: str = ""
    settle_timeout: float = 60.0
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        self.base_url = self.server.create_database("fault_base")

    def describe(self) -> str:
        return f"PostgreSQL {self._admin('SHOW server_version')} (fsync off, as the test cluster)"

    def copy(self, folder: Path) -> str:
        name = f"fault_trial_{os.getpid()}_{next(self._numbers)}"
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{_database_name(self.base_url)}"')
        return str(self.server.url(name))

    def settle(self, url: str) -> float:
        """Wait until no client backend is connected to the database: a killed client's backend
        may still be finishing (or rolling back) its transaction when the client is gone.
        Returns the seconds waited once a backend was seen (0.0 when none was left)."""
        query = ("SELECT count(*) FROM pg_stat_activity "
                 "WHERE datname = :name AND backend_type = 'client backend'")
        return wait_while_used(self.server.url(), query, url, self.settle_timeout)

    def drop(self, url: str) -> None:
        self.settle(url)
        self._admin(f'DROP DATABASE "{_database_name(url)}"')

    def _admin(self, statement: str) -> Any:
        engine = create_engine(self.server.url(), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                result = conn.execute(text(statement))
                return result.scalar() if result.returns_rows else None
        finally:
            engine.dispose()


def _database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


@contextmanager
def open_org(kind: str, parent: Path, pg_server: Any = None, mariadb_server: Any = None) -> Iterator[OrgDatabase]:
    """The organisation's database of one kind; PostgreSQL or MariaDB in a throw-away server unless
    one is given."""
    if kind == "sqlite":
        yield SqliteOrg(parent)
        return
    if kind == "mariadb":
        started = None if mariadb_server is not None else StartedServer.start(ROOT / "tests")
        try:
            yield MariaDbOrg(mariadb_server if started is None else started.server)
        finally:
            if started is not None:
                started.stop()
        return
    if pg_server is not None:
        yield PostgresOrg(pg_server)
        return
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import PgServer, find_pg_bin

    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL binaries not found: no initdb/pg_ctl on PATH or in "
                         "/usr/lib/postgresql/*/bin; install postgresql to run the experiment on it")
    server = PgServer(bin_dir=bin_dir, root=Path(tempfile.mkdtemp(prefix="fault-pg-")))
    server.start()
    try:
        yield PostgresOrg(server)
    finally:
        server.stop()


def build(url: str, rows: int) -> None:
    """Two tables of `rows` rows each; ids 1..rows; about half of each is due."""
    engine = create_engine(url)
    with engine.begin() as conn:
        mariadb = engine.dialect.name == "mysql"
        for statement in (*(create_statement(c) if mariadb else c for c in CREATE), *FILL[engine.dialect.name]):
            conn.execute(text(statement.format(rows=rows)))
    if engine.dialect.name == "postgresql":  # fresh statistics, as a database in use has them
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def read_rows(url: str, table: str) -> Rows:
    """Every row of the table, by primary key."""
    engine = create_engine(url)
    with engine.connect() as conn:
        found = {row["id"]: dict(row) for row in conn.execute(text(f"SELECT * FROM {table}")).mappings()}
    engine.dispose()
    return found


# --- the sweep in a child process -----------------------------------------------------------------


def child(folder: str, url: str, batch_size: int) -> None:
    """Run one sweep in this process (the parent may kill it at any moment)."""
    from waarborg.retention.sweep import run_sweep
    from waarborg.workspace import open_workspace

    env = {"FAULT_DB_URL": url, "WAARBORG_ERASURE_KEY": KEY}
    workspace = open_workspace(Path(folder) / "waarborg.yaml", env)
    workspace.register, workspace.store, workspace.connections().engine("crm")  # load before READY
    print("READY", flush=True)
    run_sweep(workspace, now=datetime.fromisoformat(NOW), batch_size=batch_size)
    print("DONE", flush=True)


def start_child(folder: Path, url: str, batch_size: int) -> subprocess.Popen[str]:
    arguments = ["--child", str(folder), "--url", url, "--batch-size", str(batch_size)]
    process = subprocess.Popen([sys.executable, __file__, *arguments], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "READY":
        raise RuntimeError(f"sweep child did not start: {line!r}")
    return process


def fresh_folder(org: OrgDatabase, parent: Path) -> tuple[Path, str]:
    """A trial's folder (register and store) and the URL of its own copy of the base database."""
    folder = Path(tempfile.mkdtemp(dir=parent))
    (folder / "waarborg.yaml").write_text(REGISTER)
    return folder, org.copy(folder)


def run_to_end(folder: Path, url: str, batch_size: int) -> float:
    """Sweep to completion in a child; returns the sweep's own duration (after start-up)."""
    process = start_child(folder, url, batch_size)
    start = time.perf_counter()
    process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"sweep failed with status {process.returncode}")
    return time.perf_counter() - start


# --- the checks, the same on both databases --------------------------------------------------------


def is_due(table: str, row: dict[str, Any]) -> bool:
    column, cutoff = CUTOFFS[table]
    value = row[column]  # SQLite hands timestamps over as text, PostgreSQL as datetime
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return moment <= cutoff


def row_state(table: str, before: dict[str, Any], after: dict[str, Any] | None) -> str:
    """'intact' (as in the base), 'erased' (exactly the erased form) or 'damaged' (anything else)."""
    if after == before:
        return "intact"
    form = ERASED_FORM[table]
    if form is None or after is None:
        return "erased" if form is None and after is None else "damaged"
    erased = all(form[name](new) if name in form else new == before[name] for name, new in after.items())
    return "erased" if erased else "damaged"


def range_state(table: str, base: Rows, rows: Rows, keys: list[int]) -> str:
    """One key range: 'all' / 'none' of its due rows erased, 'empty' (nothing due), or a failure:
    'HALF' (some), 'TOUCHED' (a row not due changed), 'DAMAGED' (a due row changed otherwise)."""
    erased = []
    for key in keys:
        state = row_state(table, base[key], rows.get(key))
        if not is_due(table, base[key]) and state != "intact":
            return "TOUCHED"
        if state == "damaged":
            return "DAMAGED"
        if is_due(table, base[key]):
            erased.append(state == "erased")
    if not erased:
        return "empty"
    return "all" if all(erased) else "none" if not any(erased) else "HALF"


def batch_states(table: str, base: Rows, rows: Rows, batch_size: int) -> list[str]:
    """The state of every batch range (ids 1..batch_size, then the next batch_size, ...)."""
    keys = sorted(base)
    return [range_state(table, base, rows, keys[i:i + batch_size]) for i in range(0, len(keys), batch_size)]


def is_prefix(states: list[str]) -> bool:
    """Applied batches come first: no 'all' after a 'none'."""
    seen_none = False
    for state in states:
        if state == "none":
            seen_none = True
        elif state == "all" and seen_none:
            return False
    return True


def read_progress(folder: Path) -> list[Batch]:
    """The batches in the store: none when the sweep was killed before the store existed."""
    store = folder / ".waarborg" / "state.sqlite"
    if not store.exists():
        return []
    engine = create_engine(f"sqlite:///{store}")
    with engine.connect() as conn:
        try:
            query = "SELECT table_name, first_key, last_key, status FROM sweep_progress"
            found = conn.execute(text(query)).all()
        except Exception:  # killed before the store's tables were created
            found = []
    engine.dispose()
    return [(name, json.loads(first)[0], json.loads(last)[0], status) for name, first, last, status in found]


def store_agrees(progress: list[Batch], base: dict[str, Rows], rows: dict[str, Rows]) -> bool:
    """Every 'done' batch (its key range as the store has it) is fully applied; at most one
    'applying' batch per table, above every 'done' one (also with several connections: they
    commit in key order)."""
    for table in {table for table, *_rest in progress}:
        applying = [lo for t, lo, _hi, status in progress if t == table and status == "applying"]
        done_top = max((hi for t, _lo, hi, status in progress if t == table and status == "done"), default=None)
        if len(applying) > 1:
            return False
        if done_top is not None and any(lo is None or lo < done_top for lo in applying):
            return False
    for table, lo, hi, status in progress:
        keys = sorted(base[table])
        keys = keys[0 if lo is None else bisect_right(keys, lo):bisect_right(keys, hi)]
        if status == "done" and range_state(table, base[table], rows[table], keys) != "all":
            return False
    return True


def find_problem(states: dict[str, list[str]], agrees: bool) -> str:
    """The first failure of a killed sweep's state, or '' when it is sound."""
    for table, found in states.items():
        if {"HALF", "TOUCHED", "DAMAGED"} & set(found):
            return f"{table}: a batch half applied, or a row touched that was not due or erased wrongly"
        if not is_prefix(found):
            return f"{table}: applied batches do not form a prefix"
    return "" if agrees else "the store's progress disagrees with the database"


def final_state(folder: Path, url: str) -> dict[str, object]:
    """A digest of the tables and the ledger, to compare with a clean sweep."""
    digest: dict[str, object] = {}
    for table in CUTOFFS:
        rows = read_rows(url, table)
        digest[table] = hashlib.sha256(repr(sorted(rows.items())).encode()).hexdigest()
    store = create_engine(f"sqlite:///{folder / '.waarborg' / 'state.sqlite'}")
    with store.connect() as conn:
        query = "SELECT table_name, action, row_count, identity_hashes, identity_hashes_packed FROM erasure_ledger"
        ledger = [(*rest, recorded_hashes(packed, json.loads(listed) if listed else None))
                  for *rest, listed, packed in conn.execute(text(query)).all()]
    store.dispose()
    hashes = sorted(h for *_r, found in ledger for h in found)
    digest["ledger_hashes"] = hashlib.sha256("".join(hashes).encode()).hexdigest()
    digest["ledger_hash_count"] = len(hashes)
    rows_per: Counter[str] = Counter()
    for table, action, count, _raw in ledger:
        rows_per[f"{table}.{action}"] += count
    digest["ledger_rows"] = dict(sorted(rows_per.items()))
    return digest


# --- the experiment --------------------------------------------------------------------------------


@dataclass
class Trial:
    delay: float
    finished_before_kill: bool
    states: dict[str, Counter[str]]
    store_statuses: Counter[str]
    ok: bool
    problem: str = ""
    settled: float = 0.0  # seconds the check waited for the killed sweep's backend to go


@dataclass
class Setting:
    """What every trial of one experiment shares."""

    org: OrgDatabase
    parent: Path
    base: dict[str, Rows]
    batch_size: int
    clean: dict[str, object]
    window: float


def kill_during_sweep(folder: Path, url: str, setting: Setting, delay: float) -> tuple[bool, float]:
    """Start a sweep, SIGKILL it after `delay` seconds, wait until the database let go of it.
    Returns (whether it had finished before the kill, seconds waited for the database)."""
    process = start_child(folder, url, setting.batch_size)
    time.sleep(delay)
    finished = process.poll() is not None
    if not finished:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return finished, setting.org.settle(url)


def one_trial(setting: Setting, rng: random.Random) -> Trial:
    folder, url = fresh_folder(setting.org, setting.parent)
    delay = rng.uniform(0, setting.window)
    finished, settled = kill_during_sweep(folder, url, setting, delay)
    rows = {table: read_rows(url, table) for table in CUTOFFS}
    states = {t: batch_states(t, setting.base[t], rows[t], setting.batch_size) for t in CUTOFFS}
    progress = read_progress(folder)
    problem = find_problem(states, store_agrees(progress, setting.base, rows))
    run_to_end(folder, url, setting.batch_size)
    if not problem and final_state(folder, url) != setting.clean:
        problem = "after the rerun the state differs from a clean sweep"
    setting.org.drop(url)
    shutil.rmtree(folder, ignore_errors=True)
    statuses = Counter(status for *_range, status in progress)
    counts = {t: Counter(s) for t, s in states.items()}
    return Trial(delay, finished, counts, statuses, not problem, problem, settled)


def prepare(org: OrgDatabase, parent: Path, rows: int, batch_size: int, verbose: bool) -> Setting:
    """Build the base database, read it, and time a clean sweep of a copy (the kill window)."""
    build(org.base_url, rows)
    base = {table: read_rows(org.base_url, table) for table in CUTOFFS}
    folder, url = fresh_folder(org, parent)
    window = run_to_end(folder, url, batch_size)
    clean = final_state(folder, url)
    org.drop(url)
    if verbose:
        print(f"{org.describe()}: clean sweep {window:.2f} s; ledger rows {clean['ledger_rows']}; "
              f"kills fall in 0..{window:.2f} s", flush=True)
    return Setting(org, parent, base, batch_size, clean, window)


def run_trials(trials: int, rows: int, batch_size: int, seed: int, verbose: bool = True,
               db: str = "sqlite", pg_server: Any = None, mariadb_server: Any = None) -> list[Trial]:
    """The whole experiment on one kind of database; returns every trial (the pytest version
    asserts on them). `pg_server` / `mariadb_server` reuse a running tests/pg_server.PgServer /
    tests/mariadb_server.MariaDbServer instead of starting one."""
    rng = random.Random(seed)
    results = []
    with (
        tempfile.TemporaryDirectory(prefix="fault-sweep-") as tmp,
        open_org(db, Path(tmp), pg_server, mariadb_server) as org,
    ):
        setting = prepare(org, Path(tmp), rows, batch_size, verbose)
        for number in range(1, trials + 1):
            trial = one_trial(setting, rng)
            results.append(trial)
            if verbose:
                applied = {t: c.get("all", 0) for t, c in trial.states.items()}
                outcome = "ok" if trial.ok else f"FAILED: {trial.problem}"
                print(f"trial {number:3}: kill after {trial.delay:5.2f} s; batches applied {applied}; "
                      f"store {dict(trial.store_statuses)}; {outcome}", flush=True)
    return results


def summarise(db: str, results: list[Trial]) -> str:
    failed = [t for t in results if not t.ok]
    mid = sum(1 for t in results if not t.finished_before_kill and any(
        c.get("all", 0) and c.get("none", 0) for c in t.states.values()))
    announced = sum(t.store_statuses.get("applying", 0) for t in results)
    waits = [t.settled for t in results if t.settled > 0]
    waited = (f"; the check waited for a killed sweep's backend in {len(waits)} trials "
              f"(longest {max(waits, default=0) * 1000:.0f} ms)")
    return (f"{db}: {len(results) - len(failed)}/{len(results)} trials ok; {mid} kills landed mid-table "
            f"(some batches applied, others not); {announced} kills left an announced batch to re-apply"
            f"{waited if waits else ''}")


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres", "mariadb"], default=["sqlite"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.batch_size)
        return
    print(f"Machine: {platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}")
    print(f"{args.trials} trials; {args.rows:,} rows in each of two tables; batches of {args.batch_size}")
    summaries, ok = [], True
    for db in args.db:
        results = run_trials(args.trials, args.rows, args.batch_size, args.seed, db=db)
        summaries.append(summarise(db, results))
        ok = ok and all(t.ok for t in results)
    print("\n".join(summaries))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
