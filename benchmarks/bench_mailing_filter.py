"""Benchmark: `waarborg mailing filter` on 1,000,000 addresses against a suppression list of 100,000,
side by side with a hand-written SQL anti-join over the same data, in one run.

    python benchmarks/bench_mailing_filter.py                        # 1,000,000 / 100,000, SQLite
    python benchmarks/bench_mailing_filter.py --addresses 200000 --suppressed 20000 --db postgres URL

Setup (not timed): a store with the suppression list (every 10th address of the list), 1,000 active
restrictions, and consent events for the demo register's `newsletter` (given for 300,000 addresses,
then withdrawn for 50,000 of them); a CSV of the addresses with a second column.

Each measured run is its own process, so its peak resident memory (VmHWM, the whole process,
Python and SQLAlchemy included) is its own:
- filter: `filter_file` without a type (suppression list + restrictions), the streaming library path;
- filter --type newsletter: the same plus the consent lookups of a consent-based mailing type;
- anti-join: by hand, the obvious way — load the CSV into a table with the keyed hash computed in
  Python (SQL cannot compute HMAC), then one `NOT EXISTS` anti-join against the suppression list and
  the active restrictions, written out as CSV. Timed as a whole and the query alone.
The kept rows of the filter and of the anti-join are compared; the run stops when they differ.
Wall time depends on what else the machine runs; CPU time (this process, SQLite included — not a
PostgreSQL server's) is the steadier figure on a shared machine, so both are printed.
Targets: the 1,000,000-address filter under 30 s and under 200 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from sqlalchemy import insert, text

from waarborg.datasets.identities import identity_hash
from waarborg.register import load_register
from waarborg.store import Restriction, Suppression, open_store
from waarborg.store.consent_models import ConsentEvent

KEY = b"b" * 40
DEMO_REGISTER = Path(__file__).resolve().parents[1] / "src" / "waarborg" / "demo" / "register.yaml"


def machine() -> str:
    mem = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (f"{platform.platform()}; {os.cpu_count()} CPUs; {mem:.1f} GiB RAM; Python {platform.python_version()}; "
            f"load average {load} (the machine is shared)")


def address(i: int) -> str:
    return f"person{i:07d}@example.nl"


def build(folder: Path, url: str, addresses: int, suppressed: int) -> None:
    """The list and the store (not timed)."""
    with (folder / "list.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["email", "name"])
        writer.writerows([address(i), f"Persoon {i}"] for i in range(addresses))
    step = max(1, addresses // suppressed)
    consenting = range(0, addresses, max(1, addresses // 300_000))
    store = open_store(url)
    with store.session() as session:
        _insert(session, Suppression, [_suppression(i) for i in range(0, step * suppressed, step)])
        _insert(session, Restriction, [_restriction(i) for i in range(3, addresses, max(1, addresses // 1000))])
        _insert(session, ConsentEvent, [_event(i, "given", 0) for i in consenting])
        _insert(session, ConsentEvent, [_event(i, "withdrawn", 1) for i in consenting if i % 6 == 0])
    store.close()


def _suppression(i: int) -> dict[str, object]:
    reason = "objection" if i % 7 == 0 else "unsubscribe"
    return {"identity_hash": identity_hash(KEY, "email", address(i)), "kind": "email", "reason": reason}


def _restriction(i: int) -> dict[str, object]:
    hashed = identity_hash(KEY, "email", address(i))
    return {"identity_kind": "email", "identity_hash": hashed, "identity_sealed": "-", "lifted_at": None}


def _event(i: int, action: str, day: int) -> dict[str, object]:
    from datetime import UTC, datetime, timedelta

    return {"identity_kind": "email", "identity_hash": identity_hash(KEY, "email", address(i)), "purpose": "newsletter",
            "action": action, "statement_version": "1", "at": datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=day),
            "method": "import", "evidence": {}, "recorded_at": datetime(2026, 1, 2, tzinfo=UTC)}


def _insert(session, model, rows: list[dict[str, object]]) -> None:  # type: ignore[no-untyped-def]
    for start in range(0, len(rows), 50_000):
        session.execute(insert(model), rows[start : start + 50_000])


def child_filter(folder: Path, url: str, type_key: str | None) -> dict[str, object]:
    from waarborg.consent.filter import filter_file

    register = load_register(DEMO_REGISTER)
    store = open_store(url)
    started, cpu = time.perf_counter(), time.process_time()
    with store.session() as session:
        report = filter_file(session, KEY, register, folder / "list.csv", folder / f"out-{type_key}.csv", type_key)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "cpu": time.process_time() - cpu, "kept": report.kept, "removed": dict(report.removed)}


def child_antijoin(folder: Path, url: str) -> dict[str, object]:
    store = open_store(url)
    started, cpu = time.perf_counter(), time.process_time()
    with store.engine.begin() as connection:
        connection.execute(text("CREATE TEMPORARY TABLE mailing (line INTEGER, email TEXT, name TEXT, hash TEXT)"))
        with (folder / "list.csv").open(newline="", encoding="utf-8") as handle:
            reader = csv.reader(handle)
            next(reader)
            batch: list[dict[str, object]] = []
            for line, (email, name) in enumerate(reader):
                batch.append({"l": line, "e": email, "n": name, "h": identity_hash(KEY, "email", email)})
                if len(batch) == 50_000:
                    connection.execute(text("INSERT INTO mailing VALUES (:l, :e, :n, :h)"), batch)
                    batch = []
            if batch:
                connection.execute(text("INSERT INTO mailing VALUES (:l, :e, :n, :h)"), batch)
        query_started = time.perf_counter()
        rows = connection.execute(text(
            "SELECT m.email, m.name FROM mailing m WHERE NOT EXISTS "
            "(SELECT 1 FROM suppression_list s WHERE s.identity_hash = m.hash) AND NOT EXISTS "
            "(SELECT 1 FROM restrictions r WHERE r.identity_hash = m.hash AND r.lifted_at IS NULL) ORDER BY m.line"))
        kept = 0
        with (folder / "out-antijoin.csv").open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["email", "name"])
            for row in rows:
                writer.writerow(row)
                kept += 1
        query_seconds = time.perf_counter() - query_started
    return {"seconds": time.perf_counter() - started, "cpu": time.process_time() - cpu, "query_seconds": query_seconds,
            "kept": kept}


def peak_mb() -> float:
    """This process's peak resident memory: VmHWM (ru_maxrss would carry the parent's peak over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(mode: str, folder: Path, url: str) -> dict[str, object]:
    output = subprocess.run([sys.executable, __file__, "--child", mode, "--folder", str(folder), "--url", url],
                            check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--addresses", type=int, default=1_000_000)
    parser.add_argument("--suppressed", type=int, default=100_000)
    parser.add_argument("--db", default=None, help="URL of an empty database (default: SQLite in a temp folder).")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--folder", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--url", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder = Path(args.folder)
        result = child_antijoin(folder, args.url) if args.child == "antijoin" else child_filter(
            folder, args.url, None if args.child == "filter" else args.child)
        result["peak_mb"] = peak_mb()
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        url = args.db or f"sqlite:///{folder / 'state.sqlite'}"
        started = time.perf_counter()
        build(folder, url, args.addresses, args.suppressed)
        print(f"machine: {machine()}")
        print(f"data: {args.addresses:,} addresses, {args.suppressed:,} suppressed, "
              f"{url.split(':')[0]} store; setup {time.perf_counter() - started:.1f} s (not timed below)")
        results = {mode: run_child(mode, folder, url) for mode in ("filter", "antijoin", "newsletter")}
        same = (folder / "out-None.csv").read_bytes() == (folder / "out-antijoin.csv").read_bytes()
        report(results, same)
        if not same:
            sys.exit("the filter and the anti-join kept different rows")


def report(results: dict[str, dict[str, object]], same: bool) -> None:
    rows = [("mailing filter (suppression + restrictions)", results["filter"]),
            ("hand-written SQL anti-join (load + query + write)", results["antijoin"]),
            ("mailing filter --type newsletter (+ consents)", results["newsletter"])]
    for label, r in rows:
        print(f"{label:50s} {r['seconds']:6.2f} s wall, {r['cpu']:6.2f} s CPU, peak {r['peak_mb']:6.1f} MB, "
              f"kept {r['kept']:,}")
    print(f"  anti-join query + write alone: {results['antijoin']['query_seconds']:.2f} s")
    wall = float(results["filter"]["seconds"]) / float(results["antijoin"]["seconds"])  # type: ignore[arg-type]
    cpu = float(results["filter"]["cpu"]) / float(results["antijoin"]["cpu"])  # type: ignore[arg-type]
    print(f"filter / anti-join: {wall:.2f}x wall, {cpu:.2f}x CPU; identical kept rows: {same}")
    print(f"removed by reason (--type newsletter): {results['newsletter']['removed']}")


if __name__ == "__main__":
    main()
