"""Replaying the erasure ledger on a database restored from a backup, so erased people never
come back.

The ledger knows people only by the keyed hash of an identity, of its normalised form (e-mail
addresses as lower(trim(value)), `waarborg.datasets.identities`). Replay computes the same hash of
the same normalised form in SQL (`waarborg_hmac` on SQLite, HMAC from `sha256()` on PostgreSQL),
so a restored ``Jan@Example.nl `` is recognised by the hash of ``jan@example.nl``. It finds the
matching rows — directly in the entry's table when it holds the identity, else by following
references from the tables that do — and erases again, with the recorded strategies, those rows
the entry's erasure applied to: the lawful-keep function decides each row again at the entry's own
moment (the request's time, the sweep run's `now`; for a request only Art. 17(3) holds count), so
this year's invoice, kept under the fiscal duty when last decade's was erased, stays kept. Erasure
statements only touch un-erased values, so replaying twice changes nothing.

The counts are rows changed, per table, each row once (two entries erasing one row, a request's
and a sweep's, count it once). A dry run does all of it — finds the rows, decides them, runs the
erasing statements — on the same connections in one transaction per database that is rolled
back at the end instead of committed after each erasure, so every entry sees what the entries
before it erased, exactly as in a real replay: its counts are what the replay will change, and
nothing changes.

Sweep entries of tables without an identity column (a recording hanging below a candidate) name
no one; they are counted, and a sweep after the replay erases those rows again, since whatever
was past its retention then still is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select

from waarborg.audit import append
from waarborg.datasets.connect import flush_erased
from waarborg.datasets.erase import erase_keys, strategy_from_json
from waarborg.datasets.graph import bound_tables, find_people_by_hashes
from waarborg.datasets.lookup import Lookups, Row
from waarborg.register.binding import TableBinding
from waarborg.store.models import ErasureLedgerEntry, SweepRun
from waarborg.workspace import Workspace

from .keep import decide_column, decide_row

CHUNK = 1000


@dataclass
class ReplayReport:
    since: datetime
    entries: int = 0
    rows: int = 0
    per_table: dict[str, int] = field(default_factory=dict)
    without_identity: int = 0  # sweep entries naming no one: run a sweep after the replay
    unbound: list[str] = field(default_factory=list)  # ledger tables the register no longer binds
    dry_run: bool = False


def replay_erasures(workspace: Workspace, since: datetime, dry_run: bool = False) -> ReplayReport:
    """Re-apply every ledger entry erased on or after `since` (with `dry_run`, count and roll
    back); audited, idempotent."""
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    report = ReplayReport(since, dry_run=dry_run)
    with workspace.store.session() as session:
        query = select(ErasureLedgerEntry).where(ErasureLedgerEntry.erased_at >= since)
        entries = session.execute(query.order_by(ErasureLedgerEntry.id)).scalars().all()
    changed: dict[str, set[Any]] = {}
    with _Held(workspace) as held:
        for group in _by_request(entries):
            report.entries += len(group)
            _replay_group(workspace, group, report, held, changed)
        if not dry_run:
            held.commit()
    if not dry_run:  # the erased values' old pages leave SQLite's WAL file too (secure_delete)
        for system in {label.partition(".")[0] for label, keys in changed.items() if keys}:
            flush_erased(workspace.connections().engine(system))
    report.per_table = {label: len(keys) for label, keys in changed.items()}
    report.rows = sum(report.per_table.values())
    with workspace.store.session() as session:
        action = "erasures.replay_dry_run" if dry_run else "erasures.replayed"
        append(session, "waarborg replay-erasures", action, {
            "since": since.isoformat(), "entries": report.entries, "rows": report.rows,
            "tables": report.per_table, "without_identity": report.without_identity, "unbound": report.unbound,
        })
    return report


class _Held:
    """One connection per database for the whole replay, through which it both finds and erases.

    A real replay commits after every erasure. A dry run never commits and rolls everything back
    at the end, so each entry sees what the entries before it erased (a row two entries erase is
    erased once, a row deleted earlier is no longer found), exactly as in a real replay. Systems
    in one database share its connection.
    """

    def __init__(self, workspace: Workspace):
        self.workspace = workspace
        self._stack = ExitStack()
        self._by_url: dict[str, Connection] = {}
        self.systems: dict[str, Connection] = {}

    def __enter__(self) -> _Held:
        return self

    def __exit__(self, *_exc: object) -> None:
        for conn in self._by_url.values():
            conn.rollback()  # a dry run's erasures; nothing left after a real replay's commits
        self._stack.close()

    def connection(self, system: str) -> Connection:
        if system not in self.systems:
            engine = self.workspace.connections().engine(system)
            url = engine.url.render_as_string(hide_password=False)
            if url not in self._by_url:
                self._by_url[url] = self._stack.enter_context(engine.connect())
            self.systems[system] = self._by_url[url]
        return self.systems[system]

    def commit(self) -> None:
        for conn in self._by_url.values():
            conn.commit()


def _by_request(entries: Sequence[ErasureLedgerEntry]) -> list[list[ErasureLedgerEntry]]:
    """The entries of one request together (they name one person), every other entry alone."""
    groups: dict[object, list[ErasureLedgerEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.request_id or ("entry", entry.id), []).append(entry)
    return list(groups.values())


def _replay_group(
    workspace: Workspace, group: list[ErasureLedgerEntry], report: ReplayReport, held: _Held,
    changed: dict[str, set[Any]],
) -> None:
    """Find the rows of every entry of the group first, then erase them: a request that deleted a
    subscriber and their clicks is found through the subscriber, which its first entry deletes.
    `changed` collects per table the keys of the rows changed, so a row is counted once."""
    chunks = [(entry, keys) for entry in group for keys in _replayed_keys(workspace, entry, report, held)]
    for entry, keys in chunks:
        columns = {name: strategy_from_json(raw) for name, raw in entry.columns.items()}
        conn = held.connection(entry.system)
        erased = erase_keys(conn, workspace.register, entry.system, entry.table_name, keys, columns,
                            entry.action == "delete", workspace.erasure_key())
        if not report.dry_run:
            conn.commit()
        changed.setdefault(f"{entry.system}.{entry.table_name}", set()).update(erased)


def _replayed_keys(
    workspace: Workspace, entry: ErasureLedgerEntry, report: ReplayReport, held: _Held
) -> Iterator[list[Any]]:
    """The keys to erase again for one entry, a chunk of its identities at a time."""
    label = f"{entry.system}.{entry.table_name}"
    binding = bound_tables(workspace.register).get((entry.system, entry.table_name))
    if binding is None:
        if label not in report.unbound:
            report.unbound.append(label)
        return
    hashes = [entry.identity_hash] if entry.identity_hash else entry.hashes()
    if not hashes or entry.identity_kind is None:
        report.without_identity += 1
        return
    moment = _moment(workspace, entry)
    for start in range(0, len(hashes), CHUNK):
        rows = _matching_rows(workspace, entry, hashes[start : start + CHUNK], held)
        yield _erased_by_entry(workspace, binding, entry, rows, moment)


def _matching_rows(workspace: Workspace, entry: ErasureLedgerEntry, hashes: list[str], held: _Held) -> list[Row]:
    """Rows of the entry's table whose person's identity hashes to one of `hashes`."""
    register, key = workspace.register, workspace.erasure_key()
    binding = bound_tables(register)[(entry.system, entry.table_name)]
    kind = str(entry.identity_kind)
    column = binding.identities.get(kind)
    if column is not None:  # the table itself holds the identity: match it there, no graph walk
        with Lookups(workspace.connections(), held.connection) as lookups:
            return lookups.rows_with_identity_hash(entry.system, entry.table_name, column, kind, hashes, key)
    found = find_people_by_hashes(register, workspace.connections(), kind, hashes, key, held.connection)
    node = (entry.system, entry.table_name)
    return [row for rows in found if (rows.system, rows.table) == node for row in rows.rows or []]


def _erased_by_entry(
    workspace: Workspace, binding: TableBinding, entry: ErasureLedgerEntry, rows: list[Row], moment: datetime
) -> list[Any]:
    """Keys of the rows the entry's erasure applied to, decided again at its moment."""
    register, request, pk = workspace.register, entry.source == "request", binding.primary_key
    if entry.action == "delete":
        return [row[pk] for row in rows if not decide_row(register, binding, row, moment, request).keep]
    return [
        row[pk]
        for row in rows
        if not any(decide_column(register, binding, name, row, moment, request).keep for name in entry.columns)
    ]


def _moment(workspace: Workspace, entry: ErasureLedgerEntry) -> datetime:
    """The moment the entry's erasure was decided at (naive UTC, as the keep function takes it)."""
    moment = entry.erased_at
    if entry.sweep_run_id is not None:
        with workspace.store.session() as session:
            run = session.get(SweepRun, entry.sweep_run_id)
            moment = run.now if run is not None else moment
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
