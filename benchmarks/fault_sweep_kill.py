"""Fault test: kill -9 a sweep at random moments and show that no batch is ever half applied and
that a rerun completes to exactly the state of an uninterrupted sweep.

    python benchmarks/fault_sweep_kill.py                 # 60 trials, 20,000 rows a table
    python benchmarks/fault_sweep_kill.py --trials 10 --rows 5000

Each trial copies a fresh organisation database (SQLite), starts a sweep in a child process with
small batches, kills it with SIGKILL after a random delay inside the sweep, and then checks:

- per batch (a primary-key range of `batch` ids): either every due row in it is erased, or none;
  erased batches form a prefix; no row that was not due is touched;
- the store agrees: every batch marked `done` is fully applied; at most one batch per table is
  `applying` (announced, perhaps committed);
- a rerun finishes, and its final tables and erasure ledger (the set of identity hashes, the
  number of rows per table) equal those of a clean, uninterrupted sweep.
"""

from __future__ import annotations

import argparse
import hashlib
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
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text

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
# As the sweep binds them (SQLAlchemy's text form of a timestamp), so the textual comparison agrees.
CUTOFFS = {"registrations": ("event_date", "2025-06-01 00:00:00.000000"),
           "recordings": ("recorded_at", "2025-12-01 00:00:00.000000")}
ERASED = {  # SQL: the row's personal data is gone (masked) -- deleted rows are simply absent
    "registrations": "length(email) = 64",
}


def build(path: Path, rows: int) -> None:
    """Two tables of `rows` rows each; ids 1..rows; about half of each is due."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE registrations (id INTEGER PRIMARY KEY, email TEXT, attendee_name TEXT, "
                          "remarks TEXT, event_date TIMESTAMP)"))
        conn.execute(text("CREATE TABLE recordings (id INTEGER PRIMARY KEY, video_path TEXT, recorded_at TIMESTAMP)"))
        conn.execute(text(f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
            INSERT INTO registrations SELECT i, 'p' || i || '@example.nl', 'Naam ' || i,
                CASE WHEN i % 2 = 0 THEN 'opmerking' END,
                strftime('%Y-%m-%d %H:%M:%f', '2024-06-02', '+' || ((i * 7919) % 730) || ' days') FROM n"""))
        conn.execute(text(f"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows})
            INSERT INTO recordings SELECT i, '/video/' || i || '.mp4',
                strftime('%Y-%m-%d %H:%M:%f', '2025-06-02', '+' || ((i * 104729) % 365) || ' days') FROM n"""))
    engine.dispose()


def child(folder: str, batch_size: int) -> None:
    """Run one sweep in this process (the parent may kill it at any moment)."""
    from datetime import datetime

    from waarborg.retention.sweep import run_sweep
    from waarborg.workspace import open_workspace

    root = Path(folder)
    env = {"FAULT_DB_URL": f"sqlite:///{root / 'org.sqlite'}", "WAARBORG_ERASURE_KEY": KEY}
    workspace = open_workspace(root / "waarborg.yaml", env)
    workspace.register, workspace.store, workspace.connections().engine("crm")
    print("READY", flush=True)
    run_sweep(workspace, now=datetime.fromisoformat(NOW), batch_size=batch_size)
    print("DONE", flush=True)


def start_child(folder: Path, batch_size: int) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, __file__, "--child", str(folder), "--batch-size", str(batch_size)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "READY":
        raise RuntimeError(f"sweep child did not start: {line!r}")
    return process


def fresh_folder(base_db: Path, parent: Path) -> Path:
    folder = Path(tempfile.mkdtemp(dir=parent))
    shutil.copy(base_db, folder / "org.sqlite")
    (folder / "waarborg.yaml").write_text(REGISTER)
    return folder


def run_to_end(folder: Path, batch_size: int) -> float:
    """Sweep to completion in a child; returns the sweep's own duration (after start-up)."""
    process = start_child(folder, batch_size)
    start = time.perf_counter()
    process.communicate(timeout=600)
    if process.returncode != 0:
        raise RuntimeError(f"sweep failed with status {process.returncode}")
    return time.perf_counter() - start


def batch_states(folder: Path, table: str, batch_size: int, rows: int) -> list[str]:
    """Per batch range: 'all' (every due row erased), 'none', or 'HALF'/'TOUCHED' (a failure)."""
    column, cutoff = CUTOFFS[table]
    engine = create_engine(f"sqlite:///{folder / 'org.sqlite'}")
    base = f"file:{folder.parent / 'base.sqlite'}?mode=ro"
    with engine.connect() as conn:
        conn.execute(text(f"ATTACH DATABASE '{base}' AS base"))
        erased = ERASED.get(table, "0")
        query = f"""
            SELECT (b.id - 1) / {batch_size} AS batch,
                   SUM(b.{column} <= '{cutoff}') AS due,
                   SUM(b.{column} <= '{cutoff}' AND (o.id IS NULL OR {erased.replace('email', 'o.email')})) AS gone,
                   SUM(b.{column} > '{cutoff}' AND (o.id IS NULL OR o.{column} IS NOT b.{column}
                       {"OR o.email IS NOT b.email" if table == "registrations" else ""})) AS touched
            FROM base.{table} AS b LEFT JOIN main.{table} AS o ON o.id = b.id
            GROUP BY batch ORDER BY batch"""
        result = conn.execute(text(query)).all()
    engine.dispose()
    states = []
    for _batch, due, gone, touched in result:
        if touched:
            states.append("TOUCHED")
        elif due and gone == due:
            states.append("all")
        elif not gone:
            states.append("none")
        else:
            states.append("HALF")
    return states


def is_prefix(states: list[str]) -> bool:
    """Applied batches come first: no 'all' after a 'none' that had due rows."""
    seen_none = False
    for state in states:
        if state == "none":
            seen_none = True
        elif state == "all" and seen_none:
            return False
    return True


def store_agrees(folder: Path, batch_size: int) -> tuple[bool, Counter[str]]:
    """Every 'done' batch is fully applied; at most one 'applying' batch per table."""
    engine = create_engine(f"sqlite:///{folder / '.waarborg' / 'state.sqlite'}")
    with engine.connect() as conn:
        try:
            progress = conn.execute(text("SELECT table_name, last_key, status FROM sweep_progress")).all()
        except Exception:  # killed before the store was even created
            return True, Counter()
    engine.dispose()
    statuses = Counter(status for _t, _k, status in progress)
    applying = Counter(t for t, _k, status in progress if status == "applying")
    ok = all(n <= 1 for n in applying.values())
    for table in CUTOFFS:
        states = batch_states(folder, table, batch_size, 0)
        for name, last_key, status in progress:
            if name == table and status == "done":
                index = (json.loads(last_key)[0] - 1) // batch_size
                ok = ok and states[index] == "all"
    return ok, statuses


def final_state(folder: Path) -> dict[str, object]:
    """A digest of the tables and the ledger, to compare with a clean sweep."""
    org = create_engine(f"sqlite:///{folder / 'org.sqlite'}")
    digest = {}
    with org.connect() as conn:
        for table in CUTOFFS:
            rows = conn.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            digest[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    org.dispose()
    store = create_engine(f"sqlite:///{folder / '.waarborg' / 'state.sqlite'}")
    with store.connect() as conn:
        ledger = conn.execute(text("SELECT table_name, action, row_count, identity_hashes FROM erasure_ledger")).all()
    store.dispose()
    hashes = sorted(h for *_r, raw in ledger if raw for h in (json.loads(raw) or []))
    digest["ledger_hashes"] = hashlib.sha256("".join(hashes).encode()).hexdigest()
    digest["ledger_hash_count"] = len(hashes)
    rows_per = Counter()
    for table, action, count, _raw in ledger:
        rows_per[f"{table}.{action}"] += count
    digest["ledger_rows"] = dict(sorted(rows_per.items()))
    return digest


@dataclass
class Trial:
    delay: float
    finished_before_kill: bool
    states: dict[str, Counter[str]]
    store_statuses: Counter[str]
    ok: bool
    problem: str = ""


def one_trial(base_db: Path, parent: Path, batch_size: int, rows: int, clean: dict[str, object],
              window: float, rng: random.Random) -> Trial:
    folder = fresh_folder(base_db, parent)
    process = start_child(folder, batch_size)
    delay = rng.uniform(0, window)
    time.sleep(delay)
    finished = process.poll() is not None
    if not finished:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    states = {t: batch_states(folder, t, batch_size, rows) for t in CUTOFFS}
    problem = ""
    for table, found in states.items():
        if "HALF" in found or "TOUCHED" in found:
            problem = f"{table}: a batch half applied or a row touched that was not due"
        elif not is_prefix(found):
            problem = f"{table}: applied batches do not form a prefix"
    agrees, statuses = store_agrees(folder, batch_size)
    if not agrees:
        problem = problem or "the store's progress disagrees with the database"
    run_to_end(folder, batch_size)
    if not problem and final_state(folder) != clean:
        problem = "after the rerun the state differs from a clean sweep"
    shutil.rmtree(folder, ignore_errors=True)
    return Trial(delay, finished, {t: Counter(s) for t, s in states.items()}, statuses, not problem, problem)


def run_trials(trials: int, rows: int, batch_size: int, seed: int, verbose: bool = True) -> list[Trial]:
    """The whole experiment; returns every trial (the pytest version asserts on them)."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="fault-sweep-") as tmp:
        parent = Path(tmp)
        base_db = parent / "base.sqlite"
        build(base_db, rows)
        clean_folder = fresh_folder(base_db, parent)
        window = run_to_end(clean_folder, batch_size)
        clean = final_state(clean_folder)
        if verbose:
            print(f"clean sweep: {window:.2f} s; ledger rows {clean['ledger_rows']}; kills fall in 0..{window:.2f} s")
        results = []
        for number in range(1, trials + 1):
            trial = one_trial(base_db, parent, batch_size, rows, clean, window, rng)
            results.append(trial)
            if verbose:
                applied = {t: c.get("all", 0) for t, c in trial.states.items()}
                print(f"trial {number:3}: kill after {trial.delay:5.2f} s; batches applied {applied}; "
                      f"store {dict(trial.store_statuses)}; {'ok' if trial.ok else 'FAILED: ' + trial.problem}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=60)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.batch_size)
        return
    print(f"Machine: {platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}")
    print(f"{args.trials} trials; {args.rows:,} rows in each of two tables; batches of {args.batch_size}")
    results = run_trials(args.trials, args.rows, args.batch_size, args.seed)
    failed = [t for t in results if not t.ok]
    mid = sum(1 for t in results if not t.finished_before_kill and any(
        c.get("all", 0) and c.get("none", 0) for c in t.states.values()))
    print(f"{len(results) - len(failed)}/{len(results)} trials ok; {mid} kills landed mid-table "
          f"(some batches applied, others not); {sum(t.store_statuses.get('applying', 0) for t in results)} "
          "kills left an announced batch to re-apply")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
