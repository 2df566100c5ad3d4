"""Batches on several connections at once, on PostgreSQL and (for masking-only tables) MariaDB.

A server runs each connection's statements in a thread or process of its own, so `n` batches in
flight on `n` connections use up to `n` CPUs of the server, where one hand-written UPDATE uses one.
SQLite has one writer per database and gains nothing: it sweeps on one connection. On MariaDB/MySQL
a batch's DELETE locks the first row past its key range, which the next batch holds, so batches
side by side would wait for each other: a table with a DELETE step sweeps on one connection
(`connections_for`). An UPDATE at READ COMMITTED does not wait there (InnoDB's semi-consistent
read skips a locked row that does not match), so masking-only tables sweep on several.

The batches form a pipeline in key order. Each worker connection runs the statements of its
batch (step 1 of `waarborg.retention.batch`) in its own open transaction; the sweep takes the
batches in key order as they finish: announce (step 2, one store commit), commit (step 3), and
hand the worker the next range. So the guarantees are those of one connection, word for word:
at most one batch per table is `applying`, the applied ranges form a prefix (commits happen in
key order), and a kill rolls back every batch in flight that was not announced. On PostgreSQL
an UPDATE or DELETE locks only the rows it changes, so batches of disjoint key ranges never
wait for each other.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from waarborg.datasets.mariadb_sql import is_mariadb

from .batch import BatchContext, BatchWork, announce_batches, next_bound, run_batch
from .tally import Tally

SERVER_CONNECTIONS = 2  # measured on a 2-CPU machine (docs/enforcement.md, benchmark a)
ISOLATION = "READ COMMITTED"  # PostgreSQL's default; on InnoDB: no gap locks between batches


def connections_for(dialect: str, requested: int | None, deletes: bool = False) -> int:
    """How many batches a sweep runs at once on a table: PostgreSQL several; SQLite one (one
    writer); MariaDB/MySQL several when the table's steps only mask (`deletes` False), else one:
    InnoDB locks the first row past a DELETE's key range, which the next batch has just deleted, so
    this batch would wait for the next one's commit while the sweep waits for this batch to commit
    first (the kill -9 fault test ran into it)."""
    if dialect == "sqlite" or (deletes and is_mariadb(dialect)):
        return 1
    return max(1, requested or SERVER_CONNECTIONS)


@dataclass
class InFlight:
    lo: Any
    hi: Any
    conn: Connection
    future: Future[BatchWork]


def key_ranges(conn: Connection, ctx: BatchContext, lo: Any, batch_size: int) -> Iterator[tuple[Any, Any]]:
    """The batch ranges after `lo`, one at a time, in key order."""
    while (hi := next_bound(conn, ctx, lo, batch_size)) is not None:
        yield lo, hi
        lo = hi


def run_pipeline(
    ctx: BatchContext, pool: ThreadPoolExecutor, workers: Sequence[Connection], ranges: Iterator[tuple[Any, Any]],
    on_batch: Callable[[Tally], None], batch_no: int,
) -> int:
    """Sweep `ranges` with one batch in flight per worker connection, as described above;
    `on_batch` receives what each batch changed, in key order. Returns the last batch number."""
    flying: deque[InFlight] = deque()
    try:
        for conn in workers:
            _launch(ctx, pool, conn, ranges, flying)
        while flying:
            batch = flying.popleft()
            work = batch.future.result()
            batch_no = settle(ctx, work, batch_no)
            on_batch(work.changed)
            _launch(ctx, pool, batch.conn, ranges, flying)
    except BaseException:
        _abandon(flying)
        raise
    return batch_no


def settle(ctx: BatchContext, work: BatchWork, batch_no: int) -> int:
    """Steps 2 and 3 of a batch whose statements have run; returns the last batch number used."""
    with work.transaction:  # commits after the announcement, rolls back when it fails
        if work.changed:  # only batches that erased something are recorded and numbered
            batch_no += 1
            announce_batches(ctx, [(batch_no, work)])
    if work.changed:
        ctx.committed = [batch_no]
    return batch_no


def _launch(
    ctx: BatchContext, pool: ThreadPoolExecutor, conn: Connection, ranges: Iterator[tuple[Any, Any]],
    flying: deque[InFlight],
) -> None:
    span = next(ranges, None)
    if span is not None:
        flying.append(InFlight(*span, conn, pool.submit(run_batch, ctx, conn, *span, True)))


def _abandon(flying: deque[InFlight]) -> None:
    """Roll back every batch still in flight, once its worker is done with the connection."""
    for batch in flying:
        try:
            work = batch.future.result()
        except BaseException:
            continue
        work.transaction.rollback()
