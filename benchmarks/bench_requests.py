"""Benchmarks (b) and (c): access and erasure for one person in a big demo database, and the same
erasure done row by row through an ORM (the naive baseline), as a ratio.

    python benchmarks/bench_requests.py                                  # 1,000,000 persons, SQLite
    python benchmarks/bench_requests.py --persons 100000 --db sqlite postgres --samples 30
    python benchmarks/bench_requests.py --workspace /data/demo           # a demo built earlier

The database is the demo CRM + newsletter (`waarborg.demo.build_demo`): about 10 rows per person
across 8 tables in two databases (persons, memberships, exam candidates, proctoring recordings,
event registrations, invoices, request log; newsletter subscribers). A demo given with
`--workspace` (SQLite files or PostgreSQL, as its .env says) is never changed: the run works on two
copies of its databases, A for Waarborg and B for the naive baseline, and removes them afterwards.
Both copies get the indexes on normalised e-mail identities that docs/enforcement.md asks for
(`create_search_indexes`, what `waarborg index` runs), where the demo lacks them.

For each sampled person:
- access, on A: `find_person` + `fetch_rows` (every row of the person in both databases), then the
  whole access request through `run_request` (request record, audit entries, data.json, CSVs and
  the HTML letter; the PDF is timed once at the end, it does not depend on the database);
- erasure, the same person on both copies (which one goes first alternates): Waarborg's
  `run_request(..., erase_fulfilment())` on A — found set-based, planned, erased per table in one
  statement per group of rows, with the request record, the erasure ledger, the suppression entry
  and the audit trail — and `naive_erasure.NaiveOrm` on B: automap classes, N+1 lookups, each row
  decided and erased in Python with its own flush, one ledger row per row, the suppression entry;
  the erasure alone (find, decide, erase, ledger, suppression: the naive one's work) is also timed
  inside Waarborg's request;
- then the person's rows are compared between A and B (every row found before the erasure, by
  primary key, every column), and so are the ledger rows (table, action, columns) and the
  suppression list: the run stops at the first difference.

Prints p50/p90 per measure, the ratio naive/Waarborg of the erasure p50 (higher = Waarborg
faster), the statements per access, and the machine. Target: access p50 under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
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
from naive_erasure import NaiveOrm
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

from waarborg.consent import suppression
from waarborg.datasets.graph import bound_tables, fetch_rows, find_person
from waarborg.datasets.lookup import Lookups
from waarborg.datasets.search_indexes import create_search_indexes
from waarborg.demo import build_demo
from waarborg.requests.access import access_fulfilment
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.letter import render_letter_pdf
from waarborg.requests.runner import run_request
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
KEY = "c" * 64
URL_VARS = ("WAARBORG_CRM_URL", "WAARBORG_NEWSLETTER_URL")


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    return f"{platform.platform()}; {os.cpu_count()} CPUs; {mem:.1f} GiB RAM; Python {platform.python_version()}"


@dataclass
class Timings:
    samples: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.samples.setdefault(name, []).append(value)

    def p(self, name: str, q: float) -> float:
        values = sorted(self.samples[name])
        return values[min(len(values) - 1, int(q * len(values)))]

    def p50(self, name: str) -> float:
        return statistics.median(self.samples[name])


def timed(timings: Timings, name: str, action: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = action()
    timings.add(name, (time.perf_counter() - started) * 1000)
    return result


# --- copies of the demo databases -----------------------------------------------------------------


class Copies:
    """Copies of the demo's databases (SQLite files copied, PostgreSQL databases from a template)."""

    def __init__(self, scratch: Path):
        self.scratch = scratch
        self.dropped: list[tuple[str, str]] = []  # (admin URL, database) to drop at the end

    def of(self, env: dict[str, str], label: str) -> dict[str, str]:
        copied: dict[str, str] = {}
        out = dict(env)
        for var in URL_VARS:
            url = env[var]
            if url not in copied:
                copied[url] = self._copy(url, label)
            out[var] = copied[url]
        return out

    def _copy(self, url: str, label: str) -> str:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            target = self.scratch / label / Path(str(parsed.database)).name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(str(parsed.database), target)
            return f"sqlite:///{target}"
        name = f"{parsed.database}_{label}_{os.getpid()}"
        admin = parsed.set(database="postgres").render_as_string(hide_password=False)
        _admin(admin, f'CREATE DATABASE "{name}" TEMPLATE "{parsed.database}"')
        self.dropped.append((admin, name))
        return parsed.set(database=name).render_as_string(hide_password=False)

    def remove(self) -> None:
        for admin, name in self.dropped:
            _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(self.scratch, ignore_errors=True)


def _admin(url: str, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(statement)
    engine.dispose()


# --- the run -------------------------------------------------------------------------------------


def sample_emails(workspace: Workspace, count: int, persons: int, seed: int) -> list[str]:
    """E-mail addresses of `count` distinct random persons (by id), fetched by SQL."""
    engine = workspace.connections().engine("crm")
    ids = random.Random(seed).sample(range(1, persons + 1), min(count, persons))
    with engine.connect() as conn:
        found = conn.execute(text("SELECT id, email FROM persons WHERE id IN ({})".format(",".join(map(str, ids)))))
        emails = dict(found.all())
    return [emails[i] for i in ids if i in emails]


def count_statements(workspace: Workspace) -> list[int]:
    """A one-element counter of the statements Waarborg runs on the organisation's databases."""
    counter = [0]
    for system in ("crm", "newsletter"):
        engine = workspace.connections().engine(system)
        event.listen(engine, "before_cursor_execute", lambda *_args: counter.__setitem__(0, counter[0] + 1))
    return counter


def bench(ours: Workspace, naive_ws: Workspace, persons: int, samples: int, seed: int, out: Path) -> Timings:
    """Time access and both erasures for every sampled person; compare the end states."""
    timings = Timings()
    naive = NaiveOrm(naive_ws)
    statements = count_statements(ours)
    now = datetime.now(UTC)
    for index, email in enumerate(sample_emails(ours, samples + 4, persons, seed)):
        target = Timings() if index < 4 else timings  # warm-up: imports, prepared statements, caches
        _one_person(ours, naive, email, now, out, target, statements, naive_first=index % 2 == 1)
    html = (out / next(p for p in out.iterdir() if p.is_dir()) / "letter.html").read_text(encoding="utf-8")
    timed(timings, "letter PDF (WeasyPrint, once)", lambda: render_letter_pdf(html))
    return timings


def _one_person(
    ours: Workspace, naive: NaiveOrm, email: str, now: datetime, out: Path, timings: Timings,
    statements: list[int], naive_first: bool,
) -> None:  # fmt: skip
    register, connections = ours.register, ours.connections()
    person = Identity("email", email)
    before = statements[0]
    started = time.perf_counter()
    found = find_person(register, connections, "email", email)
    rows = fetch_rows(register, connections, found)
    timings.add("access: find + fetch", (time.perf_counter() - started) * 1000)
    timings.add("statements per access", statements[0] - before)
    timings.add("rows per person", sum(len(r) for r in rows.values()))
    access = access_fulfilment(out, pdf=False)
    timed(timings, "access request (package, no PDF)", lambda: run_request(ours, "access", person, access, now=now))

    def ours_erase() -> Any:
        fulfil = erase_fulfilment()

        def timed_fulfil(context: Any) -> Any:  # the erasure alone, within the request
            return timed(timings, "erasure alone (in the request)", lambda: fulfil(context))

        return timed(timings, "erase request", lambda: run_request(ours, "erase", person, timed_fulfil, now=now))

    def naive_erase() -> Any:
        when = now.replace(tzinfo=None)
        return timed(timings, "naive ORM erasure", lambda: naive.erase("email", email, when))

    if naive_first:
        naive_ledger, outcome = naive_erase(), ours_erase()
    else:
        outcome, naive_ledger = ours_erase(), naive_erase()
    if outcome.status != "completed":
        raise SystemExit(f"erasure failed: {outcome.error}")
    compare_end_states(ours, naive.workspace, found, outcome.request_id, naive_ledger, email)


def compare_end_states(
    ours: Workspace, naive_ws: Workspace, found: list[Any], request_id: str, naive_ledger: list[Any], email: str
) -> None:
    """Stop the run unless both copies hold the same rows for the person, the same ledger rows
    (table, action, columns) and the same suppression entry."""
    for rows in found:
        mine, theirs = (
            _rows_by_key(ws, rows.system, rows.table, rows.primary_key, rows.keys) for ws in (ours, naive_ws)
        )
        if mine != theirs:
            raise SystemExit(f"end states differ in {rows.system}.{rows.table}: Waarborg {mine} / naive {theirs}")
    with ours.store.session() as session:
        query = select(ErasureLedgerEntry).where(ErasureLedgerEntry.request_id == request_id)
        ledger = {(e.table_name, e.action, tuple(sorted(e.columns))) for e in session.execute(query).scalars()}
        listed = suppression.contains(session, ours.erasure_key(), "email", email)
    with naive_ws.store.session() as session:
        naive_listed = suppression.contains(session, naive_ws.erasure_key(), "email", email)
    if ledger != set(naive_ledger) or listed != naive_listed:
        raise SystemExit(f"ledgers differ: Waarborg {sorted(ledger)} / naive {sorted(set(naive_ledger))}")


def _rows_by_key(workspace: Workspace, system: str, table: str, pk: str, keys: list[Any]) -> dict[Any, Any]:
    with Lookups(workspace.connections()) as lookups:
        return {row[pk]: row for row in lookups.rows_where(system, table, pk, keys)}


def report(title: str, timings: Timings, count_rows: int, compared: int) -> None:
    print(f"\n{title}: {count_rows:,} rows in the bound tables")
    for name in timings.samples:
        if name in ("rows per person", "statements per access"):
            continue
        p50, p90, n = timings.p50(name), timings.p(name, 0.9), len(timings.samples[name])
        print(f"  {name:<36} p50 {p50:8.1f} ms   p90 {p90:8.1f} ms   n={n}")
    print(f"  rows per sampled person: median {timings.p50('rows per person'):.0f}")
    print(f"  statements per access (find + fetch): median {timings.p50('statements per access'):.0f}")
    print(f"  end states equal (rows, ledger, suppression) for all {compared} persons erased both ways")
    ratio = timings.p50("naive ORM erasure") / timings.p50("erase request")
    print(f"  (c) naive ORM / Waarborg erasure, p50: {ratio:.2f}x (higher = Waarborg faster)")
    alone = timings.p50("naive ORM erasure") / timings.p50("erasure alone (in the request)")
    print(f"      the same without the request record and audit trail (which the naive one lacks): {alone:.2f}x")
    verdict = "met" if timings.p50("access: find + fetch") < 50 else "NOT met"
    print(f"  target access p50 < 50 ms: {verdict}")


def count_rows(workspace: Workspace) -> int:
    total = 0
    for system, table in bound_tables(workspace.register):
        with workspace.connections().engine(system).connect() as conn:
            total += conn.execute(select(func.count()).select_from(text(table))).scalar_one()
    return total


def read_env(root: Path) -> dict[str, str]:
    lines = (root / ".env").read_text().splitlines()
    pairs = (line.removeprefix("export ").split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def run_on(title: str, root: Path, env: dict[str, str], state_urls: tuple[str, str], args: argparse.Namespace) -> None:
    """Copy the demo's databases twice, run the benchmark on the copies, remove them."""
    copies = Copies(Path(tempfile.mkdtemp(prefix="bench-req-copies-")))
    workspaces: list[Workspace] = []
    try:
        started = time.perf_counter()
        for label, state in zip(("waarborg", "naive"), state_urls, strict=True):
            full = {**copies.of(env, label), "WAARBORG_DATABASE_URL": state, "WAARBORG_ERASURE_KEY": KEY}
            workspaces.append(Workspace(root, root / "waarborg.yaml", full))
        for workspace in workspaces:
            indexes = create_search_indexes(workspace.register, workspace.connections())
        print(f"  two copies of the databases in {time.perf_counter() - started:.0f} s; "
              f"{len(indexes)} missing search indexes created per copy", flush=True)  # fmt: skip
        timings = bench(workspaces[0], workspaces[1], args.persons, args.samples, args.seed, copies.scratch / "out")
        report(title, timings, count_rows(workspaces[0]), len(timings.samples["erase request"]) + 4)
    finally:
        for workspace in workspaces:
            workspace.close()
        copies.remove()


def run_sqlite(args: argparse.Namespace) -> None:
    scratch = None if args.workspace else Path(tempfile.mkdtemp(prefix="bench-req-"))
    root = Path(args.workspace) if args.workspace else Path(str(scratch)) / "demo"
    if not (root / "waarborg.yaml").exists():
        print(f"SQLite: building the demo with {args.persons:,} persons in {root} ...", flush=True)
        built = build_demo(root, persons=args.persons, seed=args.seed)
        print(f"  built {built.rows:,} rows in {built.seconds:.0f} s", flush=True)
    state = Path(tempfile.mkdtemp(prefix="bench-state-"))
    try:
        print(f"SQLite {sqlite3.sqlite_version}: demo in {root}", flush=True)
        states = (f"sqlite:///{state / 'waarborg.sqlite'}", f"sqlite:///{state / 'naive.sqlite'}")
        run_on("SQLite", root, read_env(root), states, args)
    finally:
        shutil.rmtree(state, ignore_errors=True)
        if scratch is not None:  # a demo built only for this run (gigabytes at a million persons)
            shutil.rmtree(scratch, ignore_errors=True)


def run_postgres(args: argparse.Namespace) -> None:
    if args.pg_workspace:
        root = Path(args.pg_workspace)
        env = read_env(root)
        admin = make_url(env[URL_VARS[0]]).set(database="postgres").render_as_string(hide_password=False)
        states = []
        for label in ("waarborg", "naive"):
            name = f"bench_state_{label}_{os.getpid()}"
            _admin(admin, f'CREATE DATABASE "{name}"')
            states.append(make_url(admin).set(database=name).render_as_string(hide_password=False))
        try:
            print(f"PostgreSQL: demo in {root} ({make_url(env[URL_VARS[0]]).database})", flush=True)
            run_on("PostgreSQL", root, env, (states[0], states[1]), args)
        finally:
            for state in states:
                _admin(admin, f'DROP DATABASE IF EXISTS "{make_url(state).database}" WITH (FORCE)')
        return
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
        print(f"PostgreSQL (fsync off, as the test cluster): building the demo with {args.persons:,} persons ...")
        url = server.create_database("demo")
        built = build_demo(folder / "demo", persons=args.persons, seed=args.seed, postgres_url=url)
        print(f"  built {built.rows:,} rows in {built.seconds:.0f} s", flush=True)
        states = (server.create_database("state"), server.create_database("state"))
        run_on("PostgreSQL", built.root, built.env, states, args)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"])
    parser.add_argument("--workspace", help="a SQLite demo workspace built earlier (built when missing)")
    parser.add_argument("--pg-workspace", help="a PostgreSQL demo workspace built earlier (`demo build --postgres`)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if "sqlite" in args.db:
        run_sqlite(args)
    if "postgres" in args.db:
        run_postgres(args)


if __name__ == "__main__":
    main()
