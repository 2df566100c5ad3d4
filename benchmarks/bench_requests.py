"""Benchmarks (b) and (c): access and erasure for one person in a big demo database, and the same
erasure done row by row through an ORM (the naive baseline), as a ratio.

    python benchmarks/bench_requests.py                                  # 1,000,000 persons, SQLite
    python benchmarks/bench_requests.py --persons 100000 --db sqlite postgres --samples 30
    python benchmarks/bench_requests.py --workspace /data/demo           # a demo built earlier (SQLite)

The database is the demo CRM + newsletter (`waarborg.demo.build_demo`): about 10 rows per person
across 8 tables in two databases (persons, memberships, exam candidates, proctoring recordings,
event registrations, invoices, request log; newsletter subscribers). For each sampled person:

- access: `find_person` + `fetch_rows` (every row of the person in both databases), then the
  whole access request through `run_request` (request record, audit entry, data.json, CSVs and
  the HTML letter; the PDF is timed separately once, it does not depend on the database size);
- erasure, alternating between the two ways over the sampled persons (each person is erased once):
  naive: SQLAlchemy automap classes, the person found by following references one row at a time
  (N+1 queries), each row decided by the same lawful-keep function, then deleted or its attributes
  set and flushed one row at a time, committed; Waarborg: `run_request(..., erase_fulfilment())`,
  set-based per table, committed, including the request record, the erasure ledger and the audit
  entries (which the naive baseline does not write).

Prints p50/p90 per measure, the ratio naive/Waarborg of the erasure p50, and the machine.
Target: access p50 under 50 ms on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import func, select, text
from sqlalchemy.ext.automap import automap_base
from sqlalchemy.orm import Session

from waarborg.datasets.erase import keyed_hash, pseudonym
from waarborg.datasets.graph import bound_tables, fetch_rows, find_person, reference_edges
from waarborg.demo import build_demo
from waarborg.register.binding import FixedText
from waarborg.requests.access import access_fulfilment
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.letter import render_letter_pdf
from waarborg.requests.runner import run_request
from waarborg.retention.keep import decide_column, decide_row
from waarborg.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
KEY = "c" * 64


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    return f"{platform.platform()}; {os.cpu_count()} CPUs; {mem:.1f} GiB RAM; Python {platform.python_version()}"


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.samples.setdefault(name, []).append(seconds * 1000)

    def p(self, name: str, q: float) -> float:
        values = sorted(self.samples[name])
        return values[min(len(values) - 1, int(q * len(values)))]

    def p50(self, name: str) -> float:
        return statistics.median(self.samples[name])


def timed(timings: Timings, name: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = action()
    timings.add(name, time.perf_counter() - started)
    return result


# --- the naive baseline -----------------------------------------------------------------------


class NaiveOrm:
    """Row-by-row erasure through SQLAlchemy ORM classes reflected from the live databases."""

    def __init__(self, workspace: Workspace):
        self.register = workspace.register
        self.connections = workspace.connections()
        self.tables = bound_tables(self.register)
        self.edges = reference_edges(self.register)
        self.classes: dict[tuple[str, str], Any] = {}
        for system in {system for system, _ in self.tables}:
            base = automap_base()
            base.prepare(autoload_with=self.connections.engine(system))
            for owner, table in self.tables:
                if owner == system:
                    self.classes[(system, table)] = getattr(base.classes, table)

    def erase(self, kind: str, value: str, now: datetime, key: bytes) -> int:
        """Find and erase the person one row at a time, flushing each row; commit; return the rows touched."""
        sessions = {system: Session(self.connections.engine(system)) for system in {s for s, _ in self.tables}}
        try:
            found = self._find(sessions, kind, value)
            touched = 0
            for node, objects in found.items():
                for obj in objects:
                    touched += self._erase_row(sessions[node[0]], node, obj, now, key)
            for session in sessions.values():
                session.commit()
            return touched
        finally:
            for session in sessions.values():
                session.close()

    def _find(self, sessions: dict[str, Session], kind: str, value: str) -> dict[tuple[str, str], list[Any]]:
        found: dict[tuple[str, str], dict[Any, Any]] = {}
        frontier: list[tuple[tuple[str, str], Any]] = []
        for node, binding in self.tables.items():
            if kind in binding.identities:
                cls = self.classes[node]
                for obj in sessions[node[0]].query(cls).filter(getattr(cls, binding.identities[kind]) == value):
                    frontier.append((node, obj))
        while frontier:
            node, obj = frontier.pop()
            pk = getattr(obj, self.tables[node].primary_key)
            if pk in found.setdefault(node, {}):
                continue
            found[node][pk] = obj
            frontier += self._neighbours(sessions, node, obj)
        return {node: list(objects.values()) for node, objects in found.items()}

    def _neighbours(self, sessions: dict[str, Session], node: tuple[str, str], obj: Any) -> list[tuple[Any, Any]]:
        out = []
        for edge in self.edges:
            if edge.parent == node:  # children pointing at this row: one query per row (N+1)
                cls = self.classes[edge.child]
                query = (
                    sessions[edge.child[0]]
                    .query(cls)
                    .filter(getattr(cls, edge.column) == getattr(obj, edge.target_column))
                )
                out += [(edge.child, child) for child in query]
            if edge.child == node and self.tables[edge.parent].identities and getattr(obj, edge.column) is not None:
                cls = self.classes[edge.parent]
                query = (
                    sessions[edge.parent[0]]
                    .query(cls)
                    .filter(getattr(cls, edge.target_column) == getattr(obj, edge.column))
                )
                out += [(edge.parent, parent) for parent in query]
        return out

    def _erase_row(self, session: Session, node: tuple[str, str], obj: Any, now: datetime, key: bytes) -> int:
        binding = self.tables[node]
        row = {column.key: getattr(obj, column.key) for column in obj.__table__.columns}
        strategies = {name: column.erase for name, column in binding.columns.items()}
        deletes = binding.row_erasure == "delete" or "delete" in strategies.values()
        if deletes and not decide_row(self.register, binding, row, now, erasure_request=True).keep:
            session.delete(obj)
            session.flush()
            return 1
        changed = False
        for name, strategy in strategies.items():
            if strategy == "keep" or row[name] is None:
                continue
            if decide_column(self.register, binding, name, row, now, erasure_request=True).keep:
                continue
            setattr(obj, name, _erased(strategy, row[name], key))
            changed = True
        session.flush()
        return int(changed)


def _erased(strategy: Any, value: Any, key: bytes) -> Any:
    if isinstance(strategy, FixedText):
        return strategy.fixed
    if strategy == "hash":
        return keyed_hash(key, str(value))
    if strategy == "pseudonym":
        return pseudonym(key, str(value))
    return None


# --- the run -------------------------------------------------------------------------------------


def sample_emails(workspace: Workspace, count: int, persons: int, seed: int) -> list[str]:
    """E-mail addresses of `count` distinct random persons (by id), fetched by SQL."""
    engine = workspace.connections().engine("crm")
    ids = random.Random(seed).sample(range(1, persons + 1), min(count, persons))
    with engine.connect() as conn:
        found = conn.execute(text("SELECT id, email FROM persons WHERE id IN ({})".format(",".join(map(str, ids)))))
        emails = dict(found.all())
    return [emails[i] for i in ids if i in emails]


def bench(workspace: Workspace, persons: int, samples: int, seed: int, out: Path) -> Timings:
    """Time access for every sampled person; erase half of them naively and half through Waarborg.

    Both erasures commit, so each person is erased once, by one of the two (alternating): the two
    halves are drawn from the same random sample, so their p50s compare like with like.
    """
    timings = Timings()
    naive = NaiveOrm(workspace)
    now = datetime.now(UTC)
    emails = sample_emails(workspace, 2 * samples + 4, persons, seed)
    for index, email in enumerate(emails):
        target = Timings() if index < 4 else timings  # warm-up: imports, compiled SQL, caches
        _one_person(workspace, naive, email, now, out, target, naive_turn=index % 2 == 1)
    html = (out / next(p for p in out.iterdir() if p.is_dir()) / "letter.html").read_text(encoding="utf-8")
    timed(timings, "letter PDF (WeasyPrint, once)", lambda: render_letter_pdf(html))
    return timings


def _one_person(
    workspace: Workspace, naive: NaiveOrm, email: str, now: datetime, out: Path, timings: Timings, naive_turn: bool
) -> None:
    register, connections = workspace.register, workspace.connections()
    person = Identity("email", email)
    started = time.perf_counter()
    rows = fetch_rows(register, connections, find_person(register, connections, "email", email))
    timings.add("access: find + fetch", time.perf_counter() - started)
    timings.samples.setdefault("rows per person", []).append(sum(len(r) for r in rows.values()))
    timed(
        timings,
        "access request (package, no PDF)",
        lambda: run_request(workspace, "access", person, access_fulfilment(out, pdf=False), now=now),
    )
    if naive_turn:
        key = workspace.erasure_key()
        timed(timings, "naive ORM erasure", lambda: naive.erase("email", email, now.replace(tzinfo=None), key))
        return
    outcome = timed(
        timings, "erase request", lambda: run_request(workspace, "erase", person, erase_fulfilment(), now=now)
    )
    if outcome.status != "completed":
        raise SystemExit(f"erasure failed: {outcome.error}")


def report(title: str, timings: Timings, count_rows: int) -> None:
    print(f"\n{title}: {count_rows:,} rows in the bound tables")
    for name in timings.samples:
        if name == "rows per person":
            continue
        p50, p90, n = timings.p50(name), timings.p(name, 0.9), len(timings.samples[name])
        print(f"  {name:<36} p50 {p50:8.1f} ms   p90 {p90:8.1f} ms   n={n}")
    print(f"  rows per sampled person: median {timings.p50('rows per person'):.0f}")
    ratio = timings.p50("naive ORM erasure") / timings.p50("erase request")
    print(f"  (c) naive ORM / Waarborg erasure, p50: {ratio:.2f}x")
    verdict = "met" if timings.p50("access: find + fetch") < 50 else "NOT met"
    print(f"  target access p50 < 50 ms: {verdict}")


def count_rows(workspace: Workspace) -> int:
    total = 0
    for system, table in bound_tables(workspace.register):
        with workspace.connections().engine(system).connect() as conn:
            total += conn.execute(select(func.count()).select_from(text(table))).scalar_one()
    return total


def open_bench_workspace(root: Path, env: dict[str, str], state_url: str) -> Workspace:
    full = {**env, "WAARBORG_DATABASE_URL": state_url, "WAARBORG_ERASURE_KEY": KEY}
    return Workspace(root, root / "waarborg.yaml", full)


def run_sqlite(args: argparse.Namespace) -> None:
    scratch = None if args.workspace else Path(tempfile.mkdtemp(prefix="bench-req-"))
    root = Path(args.workspace) if args.workspace else Path(str(scratch)) / "demo"
    if not (root / "waarborg.yaml").exists():
        print(f"SQLite: building the demo with {args.persons:,} persons in {root} ...", flush=True)
        built = build_demo(root, persons=args.persons, seed=args.seed)
        print(f"  built {built.rows:,} rows in {built.seconds:.0f} s", flush=True)
    env = dict(
        line.split("=", 1)
        for line in (root / ".env").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    state = Path(tempfile.mkdtemp(prefix="bench-state-"))
    workspace = open_bench_workspace(root, env, f"sqlite:///{state / 'state.sqlite'}")
    try:
        timings = bench(workspace, args.persons, args.samples, args.seed, state / "out")
        report("SQLite", timings, count_rows(workspace))
    finally:
        workspace.close()
        shutil.rmtree(state, ignore_errors=True)
        if scratch is not None:  # a demo built only for this run (gigabytes at a million persons)
            shutil.rmtree(scratch, ignore_errors=True)


def run_postgres(args: argparse.Namespace) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from pg_server import PgServer, find_pg_bin

    bin_dir = find_pg_bin()
    if bin_dir is None:
        print("PostgreSQL: binaries not found, skipped")
        return
    server = PgServer(bin_dir=bin_dir, root=Path(tempfile.mkdtemp(prefix="bench-pg-")))
    server.start()
    folder = Path(tempfile.mkdtemp(prefix="bench-req-pg-"))
    try:
        print(
            f"PostgreSQL (fsync off, as the test cluster): building the demo with {args.persons:,} persons ...",
            flush=True,
        )
        built = build_demo(
            folder / "demo", persons=args.persons, seed=args.seed, postgres_url=server.create_database("demo")
        )
        print(f"  built {built.rows:,} rows in {built.seconds:.0f} s", flush=True)
        workspace = open_bench_workspace(built.root, built.env, server.create_database("state"))
        try:
            timings = bench(workspace, args.persons, args.samples, args.seed, folder / "out")
            report("PostgreSQL", timings, count_rows(workspace))
        finally:
            workspace.close()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--workspace", help="a demo workspace built earlier (SQLite); built when missing")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if "sqlite" in args.db:
        run_sqlite(args)
    if "postgres" in args.db:
        run_postgres(args)


if __name__ == "__main__":
    main()
