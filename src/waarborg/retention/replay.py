"""Replaying the erasure ledger on a database restored from a backup, so erased people never
come back.

The ledger knows people only by the keyed hash of an identity, of its normalised form (e-mail
addresses as lower(trim(value)), `waarborg.datasets.identities`). Replay computes the same hash of
the same normalised form in SQL (`waarborg_hmac` on SQLite, HMAC from `sha256()` on PostgreSQL),
so a restored ``Jan@Example.nl `` is recognised by the hash of ``jan@example.nl``; it finds the matching rows —
directly in the entry's table when it holds the identity, else by following references from the
tables that do — and erases them again with the recorded strategies. Erasure statements only
touch un-erased values, so replaying twice changes nothing.

Sweep entries of tables without an identity column (a recording hanging below a candidate) name
no one; they are counted, and a sweep after the replay erases those rows again, since whatever
was past its retention then still is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select

from waarborg.audit import append
from waarborg.datasets.erase import apply_erasure, identity_hash_expr, strategy_from_json, table_clause
from waarborg.datasets.graph import bound_tables, find_people_by_hashes
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

CHUNK = 1000


@dataclass
class ReplayReport:
    since: datetime
    entries: int = 0
    rows: int = 0
    per_table: dict[str, int] = field(default_factory=dict)
    without_identity: int = 0  # sweep entries naming no one: run a sweep after the replay
    unbound: list[str] = field(default_factory=list)  # ledger tables the register no longer binds


def replay_erasures(workspace: Workspace, since: datetime) -> ReplayReport:
    """Re-apply every ledger entry erased on or after `since`; audited, idempotent."""
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    report = ReplayReport(since)
    with workspace.store.session() as session:
        query = select(ErasureLedgerEntry).where(ErasureLedgerEntry.erased_at >= since)
        entries = session.execute(query.order_by(ErasureLedgerEntry.id)).scalars().all()
    for entry in entries:
        report.entries += 1
        _replay_entry(workspace, entry, report)
    with workspace.store.session() as session:
        append(session, "waarborg replay-erasures", "erasures.replayed", {
            "since": since.isoformat(), "entries": report.entries, "rows": report.rows,
            "tables": report.per_table, "without_identity": report.without_identity, "unbound": report.unbound,
        })
    return report


def _replay_entry(workspace: Workspace, entry: ErasureLedgerEntry, report: ReplayReport) -> None:
    label = f"{entry.system}.{entry.table_name}"
    binding = bound_tables(workspace.register).get((entry.system, entry.table_name))
    if binding is None:
        if label not in report.unbound:
            report.unbound.append(label)
        return
    hashes = [entry.identity_hash] if entry.identity_hash else list(entry.identity_hashes or [])
    if not hashes or entry.identity_kind is None:
        report.without_identity += 1
        return
    columns = {name: strategy_from_json(raw) for name, raw in entry.columns.items()}
    engine = workspace.connections().engine(entry.system)
    for start in range(0, len(hashes), CHUNK):
        keys = _matching_keys(workspace, entry, hashes[start : start + CHUNK])
        with engine.begin() as conn:
            changed = apply_erasure(conn, workspace.register, entry.system, entry.table_name, keys, columns,
                                    entry.action == "delete", workspace.erasure_key())
        report.rows += changed
        report.per_table[label] = report.per_table.get(label, 0) + changed


def _matching_keys(workspace: Workspace, entry: ErasureLedgerEntry, hashes: list[str]) -> list[Any]:
    """Keys of the entry's table whose person's identity hashes to one of `hashes`."""
    register, key = workspace.register, workspace.erasure_key()
    binding = bound_tables(register)[(entry.system, entry.table_name)]
    kind = str(entry.identity_kind)
    column = binding.identities.get(kind)
    if column is not None:  # the table itself holds the identity: match it there, no graph walk
        target = table_clause(entry.table_name, [binding.primary_key, column])
        with workspace.connections().engine(entry.system).connect() as conn:
            col = target.c[column]
            matches = or_(identity_hash_expr(conn.dialect.name, kind, col, key).in_(hashes), col.in_(hashes))
            return list(conn.execute(select(target.c[binding.primary_key]).where(matches)).scalars())
    found = find_people_by_hashes(register, workspace.connections(), kind, hashes, key)
    return [k for rows in found if (rows.system, rows.table) == (entry.system, entry.table_name) for k in rows.keys]
