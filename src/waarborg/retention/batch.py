"""One batch of a sweep, atomic across two databases.

A batch is a primary-key range (lo, hi]. With integer keys it is the next `batch_size` key values
from the first key not yet done (so at most `batch_size` rows; fewer where keys have gaps, and a
stretch without keys is skipped at once); other keys are walked in SQL (`ORDER BY pk LIMIT 1
OFFSET batch_size - 1`), which costs PostgreSQL a visit to every row. Either way the retention
predicate is evaluated once per row, by the erasing statement itself.

Its erasure runs in ONE transaction of the organisation's database; its bookkeeping (progress and
ledger) lives in Waarborg's store, a different database. No transaction spans both, so the order
of commits carries the guarantee (write-ahead):

1. in the organisation's open transaction: run the batch's DELETE/UPDATE statements and collect
   the keyed hashes of the identities they erase (not yet committed);
2. commit to the store, in one transaction: the batch as `applying` with its ledger entries, the
   previous batch (committed in step 3 of its own turn) as `done`, and the lock refreshed;
3. commit the organisation's transaction.

The last batch of a table is marked `done` when the table is finished. A batch that erased nothing
commits nothing to the store (a resumed run walks such ranges again, which costs a scan and
changes nothing).

A kill before 2 leaves nothing of this batch behind (the organisation's transaction rolls back).
A kill after 2 leaves one `applying` batch per table, committed in the organisation's database or
not: the resumed run applies the same range again. Every statement only matches values that are
still un-erased (hashes and pseudonyms have a recognisable shape, NULL and fixed text are
themselves), so re-applying a batch that already committed changes nothing, and one that did not
commit is applied now; either way the ledger, written once in step 2, ends up true. A batch is
marked `done` only in a store transaction that begins after its organisation commit, so `done`
always means applied. Deferring that mark to the next batch's store commit spares one store
commit (a disk flush) per batch.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import (
    Connection,
    CursorResult,
    LargeBinary,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.engine import RootTransaction
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement, TableClause

from waarborg.datasets.erase import identity_hash_expr, mask_statement, pending, strategy_to_json
from waarborg.store import Store
from waarborg.store.ledger_hashes import pack_hex
from waarborg.store.locks import DEFAULT_TTL, LockHeld
from waarborg.store.models import ErasureLedgerEntry, Lock, SweepProgress, utcnow

from .capture import ledger_capture
from .steps import EraseStep, TableSteps, not_excluded, step_where
from .tally import StepChange, Tally, tally, tracks_keys

GROUP_CONCAT_LIMIT = 4_294_967_295  # MariaDB's maximum: a batch's digests in one value (32 bytes a row)


@dataclass
class BatchContext:
    """What every batch of one table shares."""

    store: Store
    run_id: str
    target: TableSteps
    table: TableClause
    excluded: list[Any]
    key: bytes
    erased_at: datetime
    lock: tuple[str, str]  # (name, holder) of the sweep's lock, refreshed with every announcement
    kinds: dict[str, str] = field(default_factory=dict)  # identity column -> identity kind
    committed: list[int] = field(default_factory=list)  # batches committed in the organisation's
    # database, not yet marked done
    refreshed: float = field(default_factory=time.monotonic)  # when the lock was last refreshed


def range_clauses(ctx: BatchContext, lo: Any, hi: Any) -> list[ColumnElement[bool]]:
    pk = ctx.table.c[ctx.target.binding.primary_key]
    bounds = [pk <= hi] if lo is None else [pk > lo, pk <= hi]
    return bounds + not_excluded(ctx.table, ctx.target.binding.primary_key, ctx.excluded)


def next_bound(conn: Connection, ctx: BatchContext, lo: Any, batch_size: int) -> Any | None:
    """The upper key of the next batch after `lo` (None when no key is left)."""
    pk = ctx.table.c[ctx.target.binding.primary_key]
    where = [] if lo is None else [pk > lo]
    with conn.begin():  # a short read transaction, closed before the batch's own
        first = conn.execute(select(func.min(pk)).where(*where)).scalar_one_or_none()
        if first is None:
            return None
        if isinstance(first, int) and not isinstance(first, bool):
            return first + batch_size - 1  # one index probe instead of a walk over batch_size keys
        bound = conn.execute(select(pk).where(*where).order_by(pk).offset(batch_size - 1).limit(1)).scalar()
        if bound is None:  # fewer rows left than a batch: the last batch ends at the last of them
            bound = conn.execute(select(func.max(pk))).scalar_one()
    return bound


@dataclass
class BatchWork:
    """A batch whose statements have run (step 1) in a transaction still open."""

    lo: Any
    hi: Any
    changed: Tally  # the rows it changed, each counted once (`waarborg.retention.tally`)
    entries: list[dict[str, Any]]  # its ledger entries (none when it is re-applied)
    transaction: RootTransaction


def run_batch(ctx: BatchContext, conn: Connection, lo: Any, hi: Any, announce: bool) -> BatchWork:
    """Step 1 of one batch: its statements, in a transaction this leaves open for the caller to
    commit after step 2 (or roll back). `announce=False` re-applies an announced batch."""
    entries: list[dict[str, Any]] = []
    changes: list[StepChange] = []
    bounds = range_clauses(ctx, lo, hi)
    track = tracks_keys(ctx.target.steps)
    transaction = conn.begin()
    try:
        for step in ctx.target.steps:
            where = and_(step_where(conn.dialect.name, ctx.table, step), *bounds)
            change, hashes = _run_step(ctx, conn, step, where, want_hashes=announce, track=track)
            changes.append(change)
            if change.rows and announce:
                entries.append(_ledger_entry(ctx, step, change.rows, hashes))
    except BaseException:
        transaction.rollback()
        raise
    return BatchWork(lo, hi, tally(changes), entries, transaction)


def announce_batches(ctx: BatchContext, numbered: Sequence[tuple[int, BatchWork]]) -> None:
    """Step 2 for one or more batches of a table, in ONE store transaction: each as `applying`
    with its ledger entries, the batches committed before as `done`, the lock extended."""
    with ctx.store.session() as session:
        _settle_committed(session, ctx)
        for batch_no, work in numbered:
            session.add(_progress(ctx, batch_no, work.lo, work.hi, work.changed.rows))
            _write_ledger(session, work.entries)
        _refresh_lock(session, ctx)


def apply_batch(ctx: BatchContext, conn: Connection, lo: Any, hi: Any, batch_no: int, announce: bool) -> Tally:
    """Apply one batch, steps 1 to 3 as described above; `announce=False` re-applies an
    announced batch. Returns the rows it changed, each counted once."""
    work = run_batch(ctx, conn, lo, hi, announce)
    with work.transaction:  # step 3: commits after step 2, rolls back when step 2 fails
        if announce and work.changed:
            announce_batches(ctx, [(batch_no, work)])
    if announce and work.changed:
        ctx.committed = [batch_no]
    return work.changed


def finish_table(ctx: BatchContext) -> None:
    """Mark the table's last committed batches done."""
    if ctx.committed:
        with ctx.store.session() as session:
            _settle_committed(session, ctx)


def keep_lock(ctx: BatchContext, every_seconds: float = 60.0) -> None:
    """Refresh the lock on its own when no batch has announced anything for a while (a long
    stretch of rows with nothing to erase), so it does not expire under a running sweep."""
    if time.monotonic() - ctx.refreshed > every_seconds:
        with ctx.store.session() as session:
            _refresh_lock(session, ctx)


def _run_step(
    ctx: BatchContext, conn: Connection, step: EraseStep, where: ColumnElement[bool], want_hashes: bool, track: bool
) -> tuple[StepChange, bytes | None]:
    """Run one step in the batch's transaction; with `want_hashes`, also return the identity
    hashes of the rows it erases, packed as the ledger keeps them (None when there are none). With `track`, a
    mask step also returns the keys of the rows it changed (`waarborg.retention.tally`)."""
    identity = step.identity if want_hashes else None
    if step.action == "delete":
        rows, hashes = _delete(ctx, conn, where, identity)
        return StepChange(step, rows), hashes
    keys, rows, hashes = _mask(ctx, conn, step, where, identity, track)
    return StepChange(step, rows, keys), hashes


def _delete(
    ctx: BatchContext, conn: Connection, where: ColumnElement[bool], identity: tuple[str, str] | None
) -> tuple[int, bytes | None]:
    deleting = delete(ctx.table).where(where)
    if identity is None:
        return _rowcount(conn, deleting), None
    value = _identity_hash(ctx, conn.dialect.name, identity)
    if conn.dialect.name == "postgresql":  # the deleted rows' hashes, in the same pass
        count, hashes, _ = _aggregated(conn, deleting.returning(value))
        return count, hashes
    hashes = _column(conn, select(value).where(where))
    return _rowcount(conn, deleting), hashes


def _mask(
    ctx: BatchContext, conn: Connection, step: EraseStep, where: ColumnElement[bool],
    identity: tuple[str, str] | None, track: bool,
) -> tuple[frozenset[Any] | None, int, bytes | None]:
    """(keys changed when `track`, rows changed, identity hashes) of one masking step."""
    dialect = conn.dialect.name
    pk = ctx.table.c[ctx.target.binding.primary_key]
    if identity is None:
        values, _ = mask_statement(dialect, ctx.table, step.columns, ctx.key, kinds=ctx.kinds)
        keys, rows = _changed(conn, update(ctx.table).where(where).values(values), pk, where, track)
        return keys, rows, None
    strategy = step.columns[identity[1]]
    capture = identity[1] if strategy == "hash" and dialect == "sqlite" else None
    values, _ = mask_statement(dialect, ctx.table, step.columns, ctx.key, capture, kinds=ctx.kinds)
    masking = update(ctx.table).where(where).values(values)
    # The new value is not the hash, or the engine cannot return it (MariaDB has no UPDATE ...
    # RETURNING): read the hashes of the values about to go, in the same transaction.
    if strategy != "hash" or not (dialect == "sqlite" or conn.dialect.update_returning):
        still = pending(dialect, ctx.table.c[identity[1]], strategy)
        hashes = _column(conn, select(_identity_hash(ctx, dialect, identity)).where(where, still))
        keys, rows = _changed(conn, masking, pk, where, track)
        return keys, rows, hashes
    # The new value IS the identity hash: SQLite's hash function hands each one over as it
    # computes it; PostgreSQL returns the new values.
    if dialect == "sqlite":
        with ledger_capture(conn, ctx.key) as captured:
            keys, rows = _changed(conn, masking, pk, where, track)
        return keys, rows, pack_hex(captured)
    returned = [ctx.table.c[identity[1]], *([pk] if track else [])]
    rows, hashes, keys = _aggregated(conn, masking.returning(*returned))
    return keys, rows, hashes


def _changed(
    conn: Connection, statement: Any, pk: ColumnElement[Any], where: ColumnElement[bool], track: bool
) -> tuple[frozenset[Any] | None, int]:
    """Run an UPDATE; with `track`, return the keys of the rows it changed as well: RETURNING
    where the database has it, else the keys read just before, in the same transaction."""
    if not track:
        return None, _rowcount(conn, statement)
    if conn.dialect.update_returning:
        keys = frozenset(conn.execute(statement.returning(pk)).scalars())
        return keys, len(keys)
    keys = frozenset(conn.execute(select(pk).where(where)).scalars())
    _rowcount(conn, statement)
    return keys, len(keys)


def _identity_hash(ctx: BatchContext, dialect: str, identity: tuple[str, str]) -> ColumnElement[Any]:
    """The identity hash of each row's identity value; a value already erased by `hash` is that hash."""
    kind, column = identity
    col = ctx.table.c[column]
    return case((pending(dialect, col, "hash"), identity_hash_expr(dialect, kind, col, ctx.key)), else_=col)


def _rowcount(conn: Connection, statement: Any) -> int:
    return cast(CursorResult[Any], conn.execute(statement)).rowcount


def _aggregated(conn: Connection, statement: Any) -> tuple[int, bytes | None, frozenset[Any] | None]:
    """PostgreSQL: (rows changed, the non-NULL values of the first RETURNING column (hex
    hashes) packed as raw digests, the values of a second RETURNING column, the keys, when there
    is one).

    The statement runs as a data-modifying CTE whose hashes come back as one `bytea`, already in
    the form the ledger stores (`waarborg.store.ledger_hashes`): one row per erased identity
    would cost the sweep's process about a microsecond each to receive and as much again to pack
    (10 s of CPU for 5 million), next to a server working on the other CPU.
    """
    erased = statement.cte("erased")
    returned = list(erased.c)
    packed = func.string_agg(func.decode(returned[0], "hex"), literal(b"", LargeBinary))
    aggregates = [func.count(), packed]
    if len(returned) > 1:
        aggregates.append(func.array_agg(returned[1]))
    row = conn.execute(select(*aggregates).select_from(erased)).one()
    keys = frozenset(row[2] or ()) if len(returned) > 1 else None
    return int(row[0]), bytes(row[1]) if row[1] else None, keys


def _column(conn: Connection, query: Any) -> bytes | None:
    """The non-NULL values of a one-column query (hex hashes) packed as the ledger keeps them,
    read straight from the driver's cursor (SQLAlchemy's row processing would cost more than the
    erasure)."""
    if conn.dialect.name == "mysql":
        return _concatenated(conn, query)
    result = conn.execute(query)
    rows = result.cursor.fetchall() if result.cursor is not None else []
    return pack_hex([row[0] for row in rows if row[0] is not None])


def _concatenated(conn: Connection, query: Any) -> bytes | None:
    """MariaDB/MySQL: the hex hashes of a one-column query packed by the server into one string of
    digests (`group_concat` of `unhex`), as PostgreSQL's `string_agg` does: PyMySQL parses every
    row in Python, which cost a sweep of 500,000 due rows about 2 s of the sweep's CPU."""
    conn.exec_driver_sql(f"SET SESSION group_concat_max_len = {GROUP_CONCAT_LIMIT}")
    inner = query.with_only_columns(query.selected_columns[0].label("h")).subquery("erased_hashes")
    packed = conn.execute(select(text("group_concat(unhex(h) SEPARATOR '')")).select_from(inner)).scalar()
    return bytes(packed) if packed else None


def _ledger_entry(ctx: BatchContext, step: EraseStep, changed: int, hashes: bytes | None) -> dict[str, Any]:
    return {
        "identity_kind": step.identity[0] if step.identity and hashes else None,
        "identity_hashes_packed": hashes,
        "erased_at": ctx.erased_at,
        "system": ctx.target.system,
        "table_name": ctx.target.table,
        "columns": {name: strategy_to_json(strategy) for name, strategy in step.columns.items()},
        "action": step.action,
        "source": "sweep",
        "sweep_run_id": ctx.run_id,
        "row_count": changed,
    }


def _write_ledger(session: Session, entries: list[dict[str, Any]]) -> None:
    """Insert the batch's ledger entries, their hashes packed already (one bytes value each)."""
    for entry in entries:
        session.execute(insert(ErasureLedgerEntry).values(entry))


def _progress(ctx: BatchContext, batch_no: int, lo: Any, hi: Any, rows: int) -> SweepProgress:
    return SweepProgress(
        run_id=ctx.run_id, system=ctx.target.system, table_name=ctx.target.table, batch_no=batch_no,
        first_key=[lo], last_key=[hi], status="applying", rows=rows,
    )


def mark_done(session: Session, ctx: BatchContext, batch_nos: Sequence[int]) -> None:
    """Mark batches of this table done (they are committed in the organisation's database)."""
    session.execute(
        update(SweepProgress)
        .where(SweepProgress.run_id == ctx.run_id, SweepProgress.system == ctx.target.system,
               SweepProgress.table_name == ctx.target.table, SweepProgress.batch_no.in_(list(batch_nos)))
        .values(status="done")
    )


def _settle_committed(session: Session, ctx: BatchContext) -> None:
    if ctx.committed:
        mark_done(session, ctx, ctx.committed)
        ctx.committed = []


def _refresh_lock(session: Session, ctx: BatchContext) -> None:
    """Extend the sweep's lock in the caller's store transaction; LockHeld when it was lost."""
    name, holder = ctx.lock
    statement = update(Lock).where(Lock.name == name, Lock.holder == holder).values(expires_at=utcnow() + DEFAULT_TTL)
    if _rowcount_session(session, statement) != 1:
        raise LockHeld(f"lost the lock {name}")
    ctx.refreshed = time.monotonic()


def _rowcount_session(session: Session, statement: Any) -> int:
    return cast(CursorResult[Any], session.execute(statement)).rowcount
