"""Batches on several connections at once, for engines that run them side by side.

A server engine (PostgreSQL, MariaDB) runs each connection's statements in a process or thread
of its own, so `n` batches on `n` connections use up to `n` CPUs of the server, where one
hand-written UPDATE uses one. SQLite has one writer per database and gains nothing: it sweeps on
one connection (`connections_for`).

A *round* is `n` consecutive key ranges. Each range runs on its own connection, in its own open
transaction (step 1 of `waarborg.retention.batch`); then ONE store transaction announces every
range of the round that erased something, as `applying` with its ledger entries, and marks the
previous round's batches `done` (step 2); then the organisation's transactions commit one after
the other in key order (step 3). So a kill leaves the same states as with one connection: a
batch is applied entirely or not at all, the applied ranges form a prefix (a kill between two
commits leaves the lower ranges committed), `done` always means applied, and the `applying`
batches — at most `n` per table, all of the last round — are re-applied by the resumed run.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from sqlalchemy import Connection

from .batch import BatchContext, BatchWork, announce_batches, next_bound, run_batch
from .tally import Tally

SERVER_CONNECTIONS = 2  # measured on a 2-CPU machine (docs/enforcement.md, benchmark a)


def connections_for(dialect: str, requested: int | None) -> int:
    """How many connections a sweep uses on a database: SQLite always one (one writer)."""
    if dialect == "sqlite":
        return 1
    return max(1, requested or SERVER_CONNECTIONS)


def next_ranges(conn: Connection, ctx: BatchContext, lo: Any, batch_size: int, count: int) -> list[tuple[Any, Any]]:
    """Up to `count` consecutive batch ranges after `lo` (fewer at the end of the table)."""
    ranges: list[tuple[Any, Any]] = []
    while len(ranges) < count and (hi := next_bound(conn, ctx, lo, batch_size)) is not None:
        ranges.append((lo, hi))
        lo = hi
    return ranges


def run_round(
    ctx: BatchContext, pool: ThreadPoolExecutor, conns: Sequence[Connection], ranges: Sequence[tuple[Any, Any]],
    batch_no: int,
) -> tuple[list[Tally], int]:
    """One round as described above: (the rows each range changed, the last batch number used)."""
    futures = [pool.submit(run_batch, ctx, conn, lo, hi, True) for conn, (lo, hi) in zip(conns, ranges, strict=False)]
    works = _gather(futures)
    numbered: list[tuple[int, BatchWork]] = []
    for work in works:
        if work.changed:  # only batches that erased something are recorded and numbered
            batch_no += 1
            numbered.append((batch_no, work))
    try:
        if numbered:
            announce_batches(ctx, numbered)
    except BaseException:
        _roll_back(works)
        raise
    commit_in_order(works)
    if numbered:  # a round that erased nothing leaves the batches before it to be marked done
        ctx.committed = [number for number, _work in numbered]
    return [work.changed for work in works], batch_no


def commit_in_order(works: Sequence[BatchWork]) -> None:
    """Step 3, range after range in key order: a kill in between leaves a prefix applied."""
    for position, work in enumerate(works):
        try:
            work.transaction.commit()
        except BaseException:
            _roll_back(works[position + 1 :])
            raise


def _gather(futures: list[Future[BatchWork]]) -> list[BatchWork]:
    """The works of every range; when one fails, the others are rolled back and its error raised."""
    works: list[BatchWork] = []
    error: BaseException | None = None
    for future in futures:
        try:
            works.append(future.result())
        except BaseException as exc:
            error = error or exc
    if error is not None:
        _roll_back(works)
        raise error
    return works


def _roll_back(works: Sequence[BatchWork]) -> None:
    for work in works:
        if work.transaction.is_active:
            work.transaction.rollback()
