"""Intake to verified request through the public centre's service: p50/p95 of `intake.submit`
(store the request, seal the identities, write the receipt mail to the outbox, audit), of
`intake.verify` (the link from that mail; the request becomes `received`, audited) and of the two
together, over N requests, against a store that already holds many requests.

    python benchmarks/bench_intake.py                           # SQLite store, 500 intakes
    python benchmarks/bench_intake.py --requests 2000 --existing 10000
    python benchmarks/bench_intake.py --db postgresql+psycopg://user@host/empty_db

`--db` names an EMPTY database for Waarborg's store (PostgreSQL); by default the store is SQLite
in a temporary folder. Reading the link out of the mail is the requester's part and not timed.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import secrets
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
VERIFY = re.compile(r"/centre/requests/verify/([\w-]+)")


def machine() -> str:
    return f"{platform.platform()}; {os.cpu_count()} CPUs; Python {platform.python_version()}"


def build(root: Path, store_url: str | None, existing: int) -> None:
    """A small demo workspace (the register's bindings give the identity kinds) and `existing`
    requests already in its store, as an office holds after a while."""
    from waarborg.demo import build_demo
    from waarborg.requests.lifecycle import due_at
    from waarborg.store.models import DataSubjectRequest
    from waarborg.workspace import open_workspace

    build_demo(root, persons=50, seed=3, as_of=NOW.date())
    if store_url:
        with (root / ".env").open("a", encoding="utf-8") as env:
            env.write(f"WAARBORG_DATABASE_URL={store_url}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    rows = [{"id": f"{n:08d}-existing", "kind": "access", "identity_kind": "email",
             "identity_hash": secrets.token_hex(32), "identity_sealed": "x", "status": "completed",
             "received_at": NOW - timedelta(minutes=n), "due_at": due_at(NOW - timedelta(minutes=n)), "attempts": 1}
            for n in range(existing)]
    with workspace.store.session() as session:
        if rows:
            session.execute(DataSubjectRequest.__table__.insert(), rows)  # type: ignore[attr-defined]
    workspace.close()


def receipt_token(workspace: object, request_id: str) -> str:
    from waarborg.office.models import OutboxMessage
    from waarborg.store.intake_models import RequestIntake

    with workspace.store.session() as session:  # type: ignore[attr-defined]
        intake_row = session.get(RequestIntake, request_id)
        body = session.get(OutboxMessage, intake_row.receipt_message_id).body
    found = VERIFY.search(body)
    assert found, "the receipt mail has no verification link"
    return found.group(1)


def measure(root: Path, count: int) -> dict[str, list[float]]:
    from waarborg.requests import intake
    from waarborg.workspace import open_workspace

    workspace = open_workspace(root / "waarborg.yaml")
    timings: dict[str, list[float]] = {"submit (+ receipt mail)": [], "verify": [], "submit + verify": []}
    try:
        intake.submit(workspace, "access", {"email": "warm-up@example.org"}, "", "nl", NOW)  # warm the caches
        for number in range(count):
            moment = NOW + timedelta(seconds=number)
            begin = time.perf_counter()
            submitted = intake.submit(workspace, "access", {"email": f"person{number}@example.org"}, "", "nl", moment)
            submitted_ms = (time.perf_counter() - begin) * 1000
            token = receipt_token(workspace, submitted.request_id)
            begin = time.perf_counter()
            intake.verify(workspace, token, moment)
            verify_ms = (time.perf_counter() - begin) * 1000
            timings["submit (+ receipt mail)"].append(submitted_ms)
            timings["verify"].append(verify_ms)
            timings["submit + verify"].append(submitted_ms + verify_ms)
        dialect = workspace.store.dialect
    finally:
        workspace.close()
    print(f"store: {dialect}")
    return timings


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=500, help="intakes to time (default 500)")
    parser.add_argument("--existing", type=int, default=10_000, help="requests already in the store")
    parser.add_argument("--db", default=None, help="URL of an EMPTY database for the store (default SQLite)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-intake-") as folder:
        root = Path(folder) / "demo"
        build(root, args.db, args.existing)
        for name, values in measure(root, args.requests).items():
            print(f"{name}: {len(values)} requests, {args.existing:,} already in the store: "
                  f"p50 {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms")


if __name__ == "__main__":
    main()
