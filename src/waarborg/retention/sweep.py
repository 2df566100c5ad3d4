"""Retention sweeps: erase, table by table and batch by batch, every field whose every lawful
reason has ended (`waarborg.retention.keep`), skipping restricted persons and persons with an
open request. Resumable after a kill at any moment (see `waarborg.retention.batch`), one run at a
time (a lock in the store), and audited.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from waarborg.audit import append
from waarborg.datasets.connect import flush_erased
from waarborg.datasets.erase import identity_kinds
from waarborg.store import locks
from waarborg.store.models import SweepProgress, SweepRun, utcnow
from waarborg.workspace import Workspace

from . import DEFAULT_BATCH_SIZE
from .batch import BatchContext, apply_batch, finish_table, keep_lock, mark_done, next_bound
from .exclusions import Exclusions, find_exclusions, paused_identities
from .pipeline import ISOLATION, connections_for, key_ranges, run_pipeline
from .plan import SweepPlan, plan_sweep, sweep_targets
from .sweep_progress import ProgressDisplay
from .tally import Tally

LOCK_NAME = "retention-sweep"
ACTOR = "waarborg sweep"


@dataclass
class TableResult:
    """What this run changed in one table: rows (each counted once), per activity, in batches."""

    system: str
    table: str
    changed: Tally = field(default_factory=Tally)
    batches: int = 0

    @property
    def rows(self) -> int:
        return self.changed.rows

    @property
    def by_activity(self) -> dict[str, int]:
        return self.changed.activities


@dataclass
class SweepReport:
    run_id: str | None
    now: datetime
    dry_run: bool
    resumed: bool = False
    tables: list[TableResult] = field(default_factory=list)
    plan: SweepPlan | None = None
    skipped_persons: int = 0

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def naive_utc(moment: datetime | None) -> datetime:
    """The moment as naive UTC (how event columns are compared); now when None."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def run_sweep(
    workspace: Workspace, now: datetime | None = None, dry_run: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE, progress: bool = False, connections: int | None = None,
) -> SweepReport:
    """Run (or, with dry_run, only count) a retention sweep; resumes an interrupted run first.
    `connections`: on a server, how many batches are in flight at once (default
    `pipeline.SERVER_CONNECTIONS`; SQLite, and MariaDB tables with a DELETE step, always one)."""
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    if connections is not None and connections < 1:
        raise ValueError("connections must be at least 1")
    if dry_run:
        return _dry_run(workspace, naive_utc(now))
    holder = locks.new_holder()
    locks.acquire(workspace.store, LOCK_NAME, holder)
    try:
        return _locked_sweep(workspace, holder, naive_utc(now), batch_size, (progress, connections))
    finally:
        locks.release(workspace.store, LOCK_NAME, holder)


def _exclusions(workspace: Workspace) -> Exclusions:
    with workspace.store.session() as session:
        identities = paused_identities(session, workspace.erasure_key())
    return find_exclusions(workspace.register, workspace.connections(), identities)


def _dry_run(workspace: Workspace, now: datetime) -> SweepReport:
    exclusions = _exclusions(workspace)
    plan = plan_sweep(workspace.register, workspace.connections(), now, exclusions)
    with workspace.store.session() as session:
        append(session, ACTOR, "sweep.dry_run", {"now": now.isoformat(), "rows": plan.rows,
                                                 "skipped_persons": exclusions.persons})
    return SweepReport(None, now, True, plan=plan, skipped_persons=exclusions.persons)


def _start_or_resume(workspace: Workspace, now: datetime, batch_size: int) -> tuple[SweepRun, bool]:
    """An interrupted run is finished first, with its own `now` and batch size."""
    with workspace.store.session() as session:
        query = select(SweepRun).where(SweepRun.status == "running").order_by(SweepRun.started_at.desc())
        interrupted = session.execute(query.limit(1)).scalar_one_or_none()
        if interrupted is not None:
            return interrupted, True
        run = SweepRun(now=now.replace(tzinfo=UTC), batch_size=batch_size, status="running")
        session.add(run)
        session.flush()
        append(session, ACTOR, "sweep.started", {"run": run.id, "now": now.isoformat(), "batch_size": batch_size})
        return run, False


def _locked_sweep(
    workspace: Workspace, holder: str, now: datetime, batch_size: int, options: tuple[bool, int | None]
) -> SweepReport:
    progress, connections = options
    run, resumed = _start_or_resume(workspace, now, batch_size)
    now = naive_utc(run.now)
    exclusions = _exclusions(workspace)
    report = SweepReport(run.id, now, False, resumed, skipped_persons=exclusions.persons)
    targets = [t for t in sweep_targets(workspace.register, now) if t.steps]
    display = ProgressDisplay.start(workspace, now, exclusions) if progress else None
    try:
        for target in targets:
            ctx = BatchContext(workspace.store, run.id, target, target.clause(),
                               exclusions.for_table(target.system, target.table), workspace.erasure_key(), utcnow(),
                               (LOCK_NAME, holder), identity_kinds(target.binding))
            report.tables.append(_sweep_table(workspace, ctx, run.batch_size, display, connections))
    except Exception as exc:
        _audit(workspace, "sweep.interrupted", report, error=type(exc).__name__)
        raise
    finally:
        if display is not None:
            display.stop()
    _finish(workspace, run.id, report)
    return report


def _resume_point(ctx: BatchContext) -> tuple[Any, int, list[SweepProgress]]:
    """(last key announced, last batch number, the announced batches to re-apply) for this table."""
    with ctx.store.session() as session:
        query = select(SweepProgress).where(
            SweepProgress.run_id == ctx.run_id, SweepProgress.system == ctx.target.system,
            SweepProgress.table_name == ctx.target.table,
        ).order_by(SweepProgress.batch_no)
        batches = list(session.execute(query).scalars())
    if not batches:
        return None, 0, []
    return batches[-1].last_key[0], batches[-1].batch_no, [b for b in batches if b.status == "applying"]


def _sweep_table(
    workspace: Workspace, ctx: BatchContext, batch_size: int, display: ProgressDisplay | None,
    connections: int | None,
) -> TableResult:
    result = TableResult(ctx.target.system, ctx.target.table)
    lo, batch_no, unfinished = _resume_point(ctx)
    engine = workspace.connections().engine(ctx.target.system)
    deletes = any(step.action == "delete" for step in ctx.target.steps)
    count = connections_for(engine.dialect.name, connections, deletes)
    with ExitStack() as stack:
        conn = stack.enter_context(engine.connect())
        _reapply(ctx, conn, unfinished, result)
        if count == 1:
            _sweep_serially(ctx, conn, (lo, batch_no), batch_size, result, display)
        else:
            workers = [stack.enter_context(engine.connect().execution_options(isolation_level=ISOLATION))
                       for _ in range(count)]
            pool = stack.enter_context(ThreadPoolExecutor(count, thread_name_prefix="sweep"))
            _sweep_in_pipeline(ctx, (pool, [conn, *workers]), (lo, batch_no), batch_size, result, display)
    finish_table(ctx)
    if result.rows:
        flush_erased(engine)
    return result


def _reapply(ctx: BatchContext, conn: Connection, unfinished: list[SweepProgress], result: TableResult) -> None:
    """Apply the batches an interrupted run announced again; counted as what they change now:
    nothing when they had committed before the interruption."""
    for batch in unfinished:
        lo, hi = batch.first_key[0], batch.last_key[0]
        result.changed.add(apply_batch(ctx, conn, lo, hi, batch.batch_no, announce=False))
    if unfinished:
        with ctx.store.session() as session:
            mark_done(session, ctx, [batch.batch_no for batch in unfinished])


def _sweep_serially(
    ctx: BatchContext, conn: Connection, start: tuple[Any, int], batch_size: int, result: TableResult,
    display: ProgressDisplay | None,
) -> None:
    lo, batch_no = start
    while (hi := next_bound(conn, ctx, lo, batch_size)) is not None:
        changed = apply_batch(ctx, conn, lo, hi, batch_no + 1, announce=True)
        if changed:  # only batches that erased something are recorded and numbered
            batch_no, result.batches = batch_no + 1, result.batches + 1
            result.changed.add(changed)
        keep_lock(ctx)
        lo = hi
        if display is not None:
            display.advance(ctx.target, changed.rows)


def _sweep_in_pipeline(
    ctx: BatchContext, workers: tuple[ThreadPoolExecutor, list[Connection]], start: tuple[Any, int],
    batch_size: int, result: TableResult, display: ProgressDisplay | None,
) -> None:
    """Several batches in flight, one per worker connection (`waarborg.retention.pipeline`); the
    first connection finds the ranges."""
    pool, conns = workers
    lo, batch_no = start

    def on_batch(changed: Tally) -> None:
        result.batches += bool(changed)
        result.changed.add(changed)
        keep_lock(ctx)
        if display is not None:
            display.advance(ctx.target, changed.rows)

    run_pipeline(ctx, pool, conns[1:], key_ranges(conns[0], ctx, lo, batch_size), on_batch, batch_no)


def _finish(workspace: Workspace, run_id: str, report: SweepReport) -> None:
    summary = {f"{t.system}.{t.table}": {"rows": t.rows, "batches": t.batches, "activities": t.by_activity}
               for t in report.tables}
    with workspace.store.session() as session:
        session.execute(update(SweepRun).where(SweepRun.id == run_id)
                        .values(status="completed", finished_at=utcnow(), summary=summary))
    _audit(workspace, "sweep.completed", report)


def _audit(workspace: Workspace, action: str, report: SweepReport, **extra: Any) -> None:
    detail = {
        "run": report.run_id, "now": report.now.isoformat(), "resumed": report.resumed, "rows": report.rows,
        "tables": {f"{t.system}.{t.table}": t.rows for t in report.tables},
        "activities": {f"{t.system}.{t.table}": t.by_activity for t in report.tables},
        "skipped_persons": report.skipped_persons, **extra,
    }
    with workspace.store.session() as session:
        append(session, ACTOR, action, detail)
