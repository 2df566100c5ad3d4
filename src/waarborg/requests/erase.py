"""Erasure (Art. 17): remove or mask every field of the person unless a hold still needs it.

Per row and column the engine's lawful-keep function decides (`retention.keep`, with
`erasure_request=True`, so only activities with an Art. 17(3) ground still count): a row goes
when nothing in it must be kept and the table erases by deleting; otherwise each column that no
hold needs is masked by its strategy. The report says what was erased and what was kept and
why (activity, legal basis, Art. 17(3) ground, until when).

Across databases: the person is found in every database before anything changes, so a database
that cannot be reached fails the request untouched. Each database is erased in its own
transaction, all of them open at once; then ONE transaction of Waarborg's store records the
ledger entries of every database (and the suppression entry) — write-ahead: durable before any
organisation database commits — and then the databases commit, systems that point at others by
value first (the newsletter before the CRM whose e-mail address it follows). A crash or failure
before the store commit changes nothing anywhere; after it, the ledger can only hold entries too
many (a replay then erases what the person asked to erase anyway), never an erasure it does not
know. If a later database fails to commit, the request fails, a retry still finds the person
through the untouched database, and the ones already erased have nothing left to do (every
erasure is idempotent).

After erasure the person stays on, or is put on, the suppression list when they were in a table
used for direct marketing: without a hashed do-not-contact entry a re-import of an old list would
mail them again (generally defended as legitimate interest; only the keyed hash is kept).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Executable, RootTransaction, any_, bindparam, delete

from waarborg.consent import suppression
from waarborg.datasets.connect import flush_erased
from waarborg.datasets.erase import CHUNK, identity_kinds, mask_statement, strategy_to_json, table_clause
from waarborg.datasets.graph import PersonRows, fetch_rows, find_person, reference_edges
from waarborg.register import Register
from waarborg.register.binding import ErasureStrategy, TableBinding
from waarborg.retention.keep import KeepReason, decide_column, decide_row
from waarborg.store.models import ErasureLedgerEntry

from .runner import Fulfil, Fulfilment, RequestContext


@dataclass
class RowGroup:
    """Rows of one table erased the same way."""

    delete_row: bool
    columns: dict[str, ErasureStrategy]
    keys: list[Any] = field(default_factory=list)


@dataclass
class TableErasure:
    """The erasure of one table: row groups to apply and the fields kept, with reasons."""

    system: str
    table: str
    groups: list[RowGroup] = field(default_factory=list)
    kept: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  # reason key -> columns
    kept_rows: dict[tuple[str, ...], set[Any]] = field(default_factory=dict)  # reason key -> row keys

    @property
    def name(self) -> str:
        return f"{self.system}.{self.table}"


def plan_table(
    register: Register, system: str, table: str, rows: Sequence[Mapping[str, Any]], now: datetime
) -> TableErasure:
    """Decide row by row and column by column what an erasure request does to this table."""
    binding = _binding(register, system, table)
    plan = TableErasure(system, table)
    groups: dict[tuple[bool, tuple[str, ...]], RowGroup] = {}
    for row in rows:
        delete_row, columns = _row_erasure(register, binding, row, now, plan)
        if not delete_row and not columns:
            continue
        group = groups.setdefault((delete_row, tuple(sorted(columns))), RowGroup(delete_row, columns))
        group.keys.append(row[binding.primary_key])
    plan.groups = list(groups.values())
    return plan


def _row_erasure(
    register: Register, binding: TableBinding, row: Mapping[str, Any], now: datetime, plan: TableErasure
) -> tuple[bool, dict[str, ErasureStrategy]]:
    strategies = {name: column.erase for name, column in binding.columns.items()}
    deletes_rows = binding.row_erasure == "delete" or "delete" in strategies.values()
    if deletes_rows and not decide_row(register, binding, row, now, erasure_request=True).keep:
        return True, {}
    columns: dict[str, ErasureStrategy] = {}
    for name, strategy in strategies.items():
        if strategy == "keep":
            _note(plan, ("binding", "", "", "", "the binding never erases this column"), name, row[binding.primary_key])
            continue
        decision = decide_column(register, binding, name, row, now, erasure_request=True)
        if decision.keep:
            for reason in decision.reasons:
                _note(plan, _reason_key(reason), name, row[binding.primary_key])
        else:
            columns[name] = strategy
    return False, columns


def _reason_key(reason: KeepReason) -> tuple[str, ...]:
    until = reason.kept_until.date().isoformat() if reason.kept_until else ""
    return (reason.activity, reason.basis or "", reason.ground or "", until, reason.why)


def _note(plan: TableErasure, reason: tuple[str, ...], column: str, row_key: Any) -> None:
    columns = plan.kept.setdefault(reason, [])
    if column not in columns:
        columns.append(column)
    plan.kept_rows.setdefault(reason, set()).add(row_key)


def _binding(register: Register, system: str, table: str) -> TableBinding:
    database = register.systems[system].database
    assert database is not None  # find_person only returns bound tables
    return database.tables[table]


def system_order(register: Register, systems: Sequence[str]) -> list[str]:
    """Systems that follow others by value first, the systems they follow last."""
    followed: dict[str, set[str]] = defaultdict(set)  # system -> systems that reference it
    for edge in reference_edges(register):
        if edge.child[0] != edge.parent[0]:
            followed[edge.parent[0]].add(edge.child[0])
    remaining, order = list(systems), []
    while remaining:
        ready = [s for s in remaining if not (followed[s] & set(remaining) - {s})] or remaining[:1]
        order.append(ready[0])
        remaining.remove(ready[0])
    return order


def plan_erasure(
    register: Register, rows: Mapping[tuple[str, str], list[dict[str, Any]]], now: datetime
) -> list[TableErasure]:
    """The erasure of every table holding the person's rows, in the order it is applied."""
    plans = [plan_table(register, system, table, table_rows, now) for (system, table), table_rows in rows.items()]
    order = system_order(register, list(dict.fromkeys(p.system for p in plans)))
    return sorted(plans, key=lambda p: order.index(p.system))


def erase_fulfilment() -> Fulfil:
    """The fulfilment function of an erasure request."""

    def fulfil(context: RequestContext) -> Fulfilment:
        workspace = context.workspace
        register, connections = workspace.register, workspace.connections()
        found = find_person(register, connections, context.identity.kind, context.identity.value)
        plans = plan_erasure(register, fetch_rows(register, connections, found), context.now.replace(tzinfo=None))
        marketing = _in_marketing(register, found)
        if not context.dry_run:
            _apply(context, plans, marketing)
        return Fulfilment(report(plans) | {"suppressed": marketing})

    return fulfil


def _apply(context: RequestContext, plans: list[TableErasure], marketing: bool) -> None:
    """Erase every system in its own open transaction, commit the ledger (and the suppression
    entry) to the store in one transaction, then commit the systems in order (module docstring)."""
    workspace = context.workspace
    key = workspace.erasure_key()
    entries: list[ErasureLedgerEntry] = []
    with ExitStack() as stack:
        pending: list[RootTransaction] = []
        by_url: dict[str, Connection] = {}  # two systems in one database share its transaction
        for system in dict.fromkeys(p.system for p in plans):
            engine = workspace.connections().engine(system)
            conn = by_url.get(str(engine.url))
            if conn is None:
                conn = by_url[str(engine.url)] = stack.enter_context(engine.connect())
                pending.append(conn.begin())
            entries += [
                entry for plan in plans if plan.system == system for entry in _apply_table(conn, context, plan, key)
            ]
        if entries or marketing:
            with workspace.store.session() as session:
                session.add_all(entries)
                if marketing:
                    suppression.add(session, key, context.identity.kind, context.identity.value, "erased")
        for transaction in pending:
            transaction.commit()
    for conn in by_url.values():
        flush_erased(conn.engine)


def _apply_table(conn: Connection, context: RequestContext, plan: TableErasure, key: bytes) -> list[ErasureLedgerEntry]:
    entries = []
    for group in plan.groups:
        statement = _erasure_statement(context, conn.dialect.name, plan, group, key)
        changed = sum(
            conn.execute(statement, {"keys": group.keys[start : start + CHUNK]}).rowcount
            for start in range(0, len(group.keys), CHUNK)
        )
        if changed:
            entries.append(
                ErasureLedgerEntry(
                    identity_kind=context.identity.kind,
                    identity_hash=context.identity_hash,
                    system=plan.system,
                    table_name=plan.table,
                    columns={name: strategy_to_json(s) for name, s in group.columns.items()},
                    action="delete" if group.delete_row else "mask",
                    source="request",
                    erased_at=context.now,  # the moment the keep decisions were made at (a replay decides again)
                    request_id=context.request_id,
                    row_count=changed,
                )
            )
    return entries


def _erasure_statement(
    context: RequestContext, dialect: str, plan: TableErasure, group: RowGroup, key: bytes
) -> Executable:
    """The DELETE or masking UPDATE of a group of rows (keys bound as `keys`), the same statement
    `apply_erasure` runs, built once per table and group shape and reused by later requests."""
    binding = _binding(context.workspace.register, plan.system, plan.table)

    def build() -> Executable:
        target = table_clause(plan.table, [binding.primary_key, *group.columns])
        pk = target.c[binding.primary_key]
        match = pk == any_(bindparam("keys")) if dialect == "postgresql" else pk.in_(bindparam("keys", expanding=True))
        if group.delete_row:
            return delete(target).where(match)
        values, condition = mask_statement(dialect, target, group.columns, key, kinds=identity_kinds(binding))
        return target.update().where(match, condition).values(values)

    shape = tuple((name, repr(strategy_to_json(s))) for name, s in sorted(group.columns.items()))
    cache_key = ("erase", plan.system, plan.table, group.delete_row, shape, key)  # the key is in the SQL
    return context.workspace.connections().statement(cache_key, build)


def _in_marketing(register: Register, found: Sequence[PersonRows]) -> bool:
    """True when the person was in a table used by a direct-marketing activity."""
    for rows in found:
        activities = _binding(register, rows.system, rows.table).activities
        if any(register.activities[a].direct_marketing is not None for a in activities if a in register.activities):
            return True
    return False


def report(plans: Sequence[TableErasure]) -> dict[str, Any]:
    """What was erased and what was kept and why, without personal data (tables, columns, counts)."""
    erased = [
        {
            "table": plan.name,
            "action": "delete" if group.delete_row else "mask",
            "rows": len(group.keys),
            "columns": sorted(group.columns),
        }
        for plan in plans
        for group in plan.groups
    ]
    kept = [
        {
            "table": plan.name,
            "rows": len(plan.kept_rows[(activity, basis, ground, until, why)]),
            "columns": columns,
            "activity": activity,
            "basis": basis or None,
            "ground": ground or None,
            "until": until or None,
            "why": why,
        }
        for plan in plans
        for (activity, basis, ground, until, why), columns in plan.kept.items()
    ]
    return {"erased": erased, "kept": kept}
