"""The handler's queue with many requests in the store: p50/p95 of the signed-in queue page
(`/office/requests`, HTML, open requests by deadline, at most 500 shown) and of a search by
identity (keyed hash, POST), in-process client, on SQLite.

    python benchmarks/bench_queue.py                      # 10,000 requests (issue 11: p95 < 300 ms)
    python benchmarks/bench_queue.py --requests 100000
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
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KINDS = ("access", "erase", "port", "rectify", "restrict", "object")
STATES = ("received", "in_progress", "failed", "completed", "rejected", "awaiting_identity")


def build(root: Path, count: int) -> tuple[str, str]:
    """A small demo workspace with its office and `count` requests; (handler e-mail, password)."""
    from waarborg.demo import build_demo
    from waarborg.office.demo_state import DEMO_STAFF, seed_demo_office
    from waarborg.requests.lifecycle import due_at
    from waarborg.store.models import DataSubjectRequest
    from waarborg.workspace import open_workspace

    build_demo(root, persons=200, seed=3, as_of=NOW.date())
    with (root / ".env").open("a", encoding="utf-8") as env:
        env.write(f"WAARBORG_SESSION_KEY={secrets.token_urlsafe(36)}\n")
    workspace = open_workspace(root / "waarborg.yaml")
    seed_demo_office(workspace, NOW)
    rows = []
    for number in range(count):
        received = NOW - timedelta(minutes=number * 7)
        rows.append({"id": f"{number:08d}-bench", "kind": KINDS[number % 6], "identity_kind": "email",
                     "identity_hash": secrets.token_hex(32), "identity_sealed": "x", "status": STATES[number % 6],
                     "received_at": received, "due_at": due_at(received), "attempts": 1})
    with workspace.store.session() as session:
        session.execute(DataSubjectRequest.__table__.insert(), rows)  # type: ignore[attr-defined]
    workspace.close()
    handler = next(staff for staff in DEMO_STAFF if staff[2] == "handler")
    return handler[0], handler[3]


def timed(call: Callable[[], Any], rounds: int) -> list[float]:
    call()  # warm the caches, as any served office is after its first view
    timings = []
    for _ in range(rounds):
        begin = time.perf_counter()
        call()
        timings.append((time.perf_counter() - begin) * 1000)
    return sorted(timings)


def measure(root: Path, email: str, password: str, rounds: int) -> dict[str, list[float]]:
    from fastapi.testclient import TestClient

    from waarborg.office.settings import settings_from_env
    from waarborg.web.app import create_app
    from waarborg.workspace import open_workspace

    workspace = open_workspace(root / "waarborg.yaml")
    with TestClient(create_app(workspace, settings_from_env(workspace.env)), base_url="http://127.0.0.1") as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/office/login").text).group(1)  # type: ignore[union-attr]
        client.post("/office/login", data={"email": email, "password": password, "csrf_token": token})
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/office/requests").text).group(1)  # type: ignore[union-attr]
        search = {"identity_kind": "email", "identity_value": "someone@example.org", "csrf_token": token}

        def page() -> None:
            assert client.get("/office/requests").status_code == 200

        def find() -> None:
            assert client.post("/office/requests", data=search).status_code == 200

        results = {"queue page": timed(page, rounds), "search by identity": timed(find, rounds)}
    workspace.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="bench-queue-") as folder:
        root = Path(folder) / "demo"
        email, password = build(root, args.requests)
        for name, timings in measure(root, email, password, args.rounds).items():
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(f"{name} with {args.requests:,} requests in the store, {args.rounds} rounds: "
                  f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms (target p95 < 300 ms)")


if __name__ == "__main__":
    main()
