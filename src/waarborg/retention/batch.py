"""One batch of a sweep, atomic across two databases.

A batch is a primary-key range (lo, hi] of `batch_size` rows, its upper key chosen in SQL by an
index walk (`ORDER BY pk LIMIT 1 OFFSET batch_size - 1`), so the retention predicate is evaluated
once per row, by the erasing statement itself. Its erasure runs in ONE transaction of the organisation's database; its
bookkeeping (progress and ledger) lives in Waarborg's store, a different database. No
transaction spans both, so the order of commits carries the guarantee (write-ahead):

1. in the organisation's open transaction: compute the keyed hashes of the identities the batch
   erases, and run its DELETE/UPDATE statements (not yet committed);
2. commit to the store: the batch as `applying` with its ledger entries;
3. commit the organisation's transaction;
4. commit to the store: the batch as `done`.

A batch that erased nothing commits nothing to the store (a resumed run walks such ranges again,
which costs a scan and changes nothing).

A kill before 2 leaves nothing behind (the organisation's transaction rolls back). A kill
between 2 and 4 leaves an `applying` batch: the resumed run applies the same range again. Every
statement only matches values that are still un-erased (hashes and pseudonyms have a
recognisable shape, NULL and fixed text are themselves), so re-applying a batch that already
committed changes nothing, and one that did not commit is applied now; either way the ledger,
written once in step 2, ends up true.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, case, delete, select, update
from sqlalchemy.sql import ColumnElement, TableClause

from waarborg.datasets.connect import capture_hashes
from waarborg.datasets.erase import hash_expr, mask_statement, pending, strategy_to_json
from waarborg.store import Store
from waarborg.store.models import ErasureLedgerEntry, SweepProgress

from .steps import EraseStep, TableSteps, not_excluded, step_where


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
    bounds: list[ColumnElement[bool]] = field(default_factory=list)  # the current batch's range


def range_clauses(ctx: BatchContext, lo: Any, hi: Any) -> list[ColumnElement[bool]]:
    pk = ctx.table.c[ctx.target.binding.primary_key]
    bounds = [pk <= hi] if lo is None else [pk > lo, pk <= hi]
    return bounds + not_excluded(ctx.table, ctx.target.binding.primary_key, ctx.excluded)


def next_bound(conn: Connection, ctx: BatchContext, lo: Any, batch_size: int) -> Any | None:
    """The upper key of the next batch: the `batch_size`-th key after `lo` (None when none is left)."""
    pk = ctx.table.c[ctx.target.binding.primary_key]
    where = [] if lo is None else [pk > lo]
    query = select(pk).where(*where).order_by(pk)
    with conn.begin():  # a short read transaction, closed before the batch's own
        bound = conn.execute(query.offset(batch_size - 1).limit(1)).scalar_one_or_none()
        if bound is None:  # fewer rows left than a batch: the last batch ends at the last of them
            bound = conn.execute(select(pk).where(*where).order_by(pk.desc()).limit(1)).scalar_one_or_none()
    return bound


def apply_batch(ctx: BatchContext, conn: Connection, lo: Any, hi: Any, batch_no: int, announce: bool) -> int:
    """Apply one batch as described above; `announce=False` re-applies an announced batch. Returns rows."""
    entries: list[ErasureLedgerEntry] = []
    rows = 0
    ctx.bounds = range_clauses(ctx, lo, hi)
    with conn.begin():
        for step in ctx.target.steps:
            where = and_(step_where(conn.dialect.name, ctx.table, step), *ctx.bounds)
            changed, hashes = _run_step(ctx, conn, step, where, want_hashes=announce)
            rows += changed
            if changed and announce:
                entries.append(_ledger_entry(ctx, step, changed, hashes))
        if announce and rows:
            with ctx.store.session() as session:
                session.add(_progress(ctx, batch_no, lo, hi, rows))
                session.add_all(entries)
    if rows or not announce:
        _mark_done(ctx, batch_no)
    return rows


def _run_step(
    ctx: BatchContext, conn: Connection, step: EraseStep, where: ColumnElement[bool], want_hashes: bool
) -> tuple[int, list[str]]:
    """Run one step in the batch's transaction; with `want_hashes`, also return the keyed hashes
    of the identities it erases (read by plain SELECTs: RETURNING costs SQLite a third more)."""
    dialect = conn.dialect.name
    identity = step.identity if want_hashes else None
    if step.action == "delete":
        hashes = _hashes_before(ctx, conn, identity[1], None, where) if identity else []
        return conn.execute(delete(ctx.table).where(where)).rowcount, hashes
    capture = identity[1] if identity and step.columns[identity[1]] == "hash" else None
    values, _ = mask_statement(dialect, ctx.table, step.columns, ctx.key, capture)
    masking = update(ctx.table).where(where).values(values)
    if identity is None:
        return conn.execute(masking).rowcount, []
    column, strategy = identity[1], step.columns[identity[1]]
    if strategy != "hash":
        hashes = _hashes_before(ctx, conn, column, strategy, where)
        return conn.execute(masking).rowcount, hashes
    # The new value IS the keyed hash of the old one: SQLite's UDF hands over each hash it
    # computes; PostgreSQL returns the new values (RETURNING is cheap there).
    if dialect == "sqlite":
        with capture_hashes() as captured:
            changed = conn.execute(masking).rowcount
        return changed, captured
    return _returning(conn, masking.returning(ctx.table.c[column]))


def _hashes_before(ctx: BatchContext, conn: Connection, column: str, strategy: Any, where: Any) -> list[str]:
    """Keyed hashes of the identity values the step is about to erase: those its strategy still
    changes, or (strategy None: the row goes) every value; a value already hashed is its own hash."""
    dialect, col = conn.dialect.name, ctx.table.c[column]
    value = case((pending(dialect, col, "hash"), hash_expr(dialect, col, ctx.key)), else_=col)
    still = col.is_not(None) if strategy is None else pending(dialect, col, strategy)
    return _column(conn, select(value).where(where, still))


def _returning(conn: Connection, statement: Any) -> tuple[int, list[str]]:
    """(rows changed, non-NULL values of the single RETURNING column)."""
    result = conn.execute(statement)
    rows = result.cursor.fetchall() if result.cursor is not None else []
    return len(rows), [row[0] for row in rows if row[0] is not None]


def _column(conn: Connection, query: Any) -> list[Any]:
    """One column of a query's rows, read straight from the driver's cursor (SQLAlchemy's row
    processing would cost more than the erasure at 50,000 rows a batch)."""
    result = conn.execute(query)
    return [row[0] for row in result.cursor.fetchall() if row[0] is not None] if result.cursor is not None else []


def _ledger_entry(ctx: BatchContext, step: EraseStep, changed: int, hashes: list[str]) -> ErasureLedgerEntry:
    return ErasureLedgerEntry(
        identity_kind=step.identity[0] if step.identity and hashes else None,
        identity_hashes=hashes or None,
        erased_at=ctx.erased_at,
        system=ctx.target.system,
        table_name=ctx.target.table,
        columns={name: strategy_to_json(strategy) for name, strategy in step.columns.items()},
        action=step.action,
        source="sweep",
        sweep_run_id=ctx.run_id,
        row_count=changed,
    )


def _progress(ctx: BatchContext, batch_no: int, lo: Any, hi: Any, rows: int) -> SweepProgress:
    return SweepProgress(
        run_id=ctx.run_id, system=ctx.target.system, table_name=ctx.target.table, batch_no=batch_no,
        first_key=[lo], last_key=[hi], status="applying", rows=rows,
    )


def _mark_done(ctx: BatchContext, batch_no: int) -> None:
    with ctx.store.session() as session:
        session.execute(
            update(SweepProgress)
            .where(SweepProgress.run_id == ctx.run_id, SweepProgress.system == ctx.target.system,
                   SweepProgress.table_name == ctx.target.table, SweepProgress.batch_no == batch_no)
            .values(status="done")
        )
