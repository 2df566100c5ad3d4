"""`waarborg erasure-traces`: which erased values a database engine may still hold, and what to run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .common import EXIT_FINDINGS
from .sweep import REGISTER_OPTION, cli_workspace

if TYPE_CHECKING:
    from waarborg.retention.mariadb_traces import ServerTraces
    from waarborg.retention.traces import TableTraces, TracesReport


def traces(register: Path = REGISTER_OPTION) -> None:
    """List the tables where erased values may remain in the engine (PostgreSQL: dead row versions
    until VACUUM; MariaDB: the binary log until its files expire, history rows of system-versioned
    tables); exit 1 while any of them may still hold erased values."""
    from waarborg.retention.traces import erasure_report

    with cli_workspace(register) as workspace:
        report = erasure_report(workspace, datetime.now(UTC))
    if not report.tables:
        typer.echo("the erasure ledger is empty: nothing erased, no traces to clear")
        return
    for item in report.tables:
        typer.echo(_table_line(item))
    for server in report.servers:
        for line in _server_lines(server, report.now):
            typer.echo(line)
    _summary(report)


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _table_line(item: TableTraces) -> str:
    label = f"{item.system}.{item.table}"
    if item.needs_vacuum:
        vacuumed = _when(item.vacuumed) if item.vacuumed else "never"
        return (f"{label}: {item.dead_tuples or 0} dead row version(s), last vacuum {vacuumed}, "
                f"last erasure {_when(item.last_erased)}: run VACUUM {item.table};")
    if item.dialect == "postgresql":
        return f"{label}: vacuumed since the last erasure"
    if item.dialect == "sqlite":
        return (f"{label}: erased with secure_delete, WAL truncated; {item.free_pages} free page(s) "
                "(VACUUM rewrites the file if values were deleted before Waarborg erased them)")
    if item.keeps_history:
        return (f"{label}: system-versioned, {item.history_rows} history row(s) keep old row versions, "
                f"last erasure {_when(item.last_erased)}: run DELETE HISTORY FROM {item.table};")
    if item.history_rows is not None:
        return f"{label}: system-versioned, no history rows"
    return f"{label}: InnoDB purges old row versions itself (history list of the server below)"


def _server_lines(server: ServerTraces, now: datetime) -> list[str]:
    lines = [_binlog_line(server, now)]
    backlog = "not exposed (INNODB_METRICS needs the PROCESS privilege)" if server.history_length is None \
        else f"{server.history_length} undo log record(s) not yet purged (information: it lags)"
    lines.append(f"{server.system}: InnoDB history list length {backlog}")
    if server.scrubbing is False:
        lines.append(f"{server.system}: innodb_immediate_scrub_data_uncompressed OFF: a deleted row's space keeps "
                     "its bytes until InnoDB reuses it (SET GLOBAL innodb_immediate_scrub_data_uncompressed = ON "
                     "zeroes it from then on)")
    for name in server.statement_logs:
        lines.append(f"{server.system}: {name} ON: statements are logged as text, with the values the "
                     "organisation's software wrote; remove old log files or rows")
    return lines


def _binlog_line(server: ServerTraces, now: datetime) -> str:
    # FLUSH closes the file being written; PURGE never removes the active file and reads its date
    # in the server's time zone: NOW() plus a second also takes the file FLUSH closed just now.
    log = server.binary_log
    if not log.on:
        return f"{server.system}: binary log OFF: no binlog file holds the erased values"
    days = f"{log.expire_seconds / 86400:g}"
    kept = f"files kept {log.expire_seconds} s ({days} days)" if log.expire_seconds else "files never expire"
    head = f"{server.system}: binary log ON ({log.format}, row image {log.row_image}), {kept}"
    if not server.binlog_holds_erasures(now):
        return f"{head}; the files of the last erasure ({_when(server.last_erased)}) have expired"
    expires = server.binlog_expires
    until = f"until {_when(expires)} (at the first rotation after)" if expires else "until they are purged"
    return (f"{head}; the last erasure ({_when(server.last_erased)}) stays in its binlog files {until}: "
            "to drop them sooner run FLUSH BINARY LOGS; "
            "PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 SECOND; once every replica has read them "
            "(a file InnoDB still needs for crash recovery stays until its next checkpoint: run it again); "
            "replicas, their relay logs and backups keep their own copies")


def _summary(report: TracesReport) -> None:
    if report.to_vacuum:
        typer.echo(f"{len(report.to_vacuum)} table(s) may still hold erased values in dead row versions until "
                   "VACUUM; the WAL, backups and replicas keep theirs until they are recycled or expire")
    if report.with_history:
        typer.echo(f"{len(report.with_history)} system-versioned table(s) keep erased values in history rows "
                   "until DELETE HISTORY")
    if report.in_binlog:
        typer.echo(f"{len(report.in_binlog)} server(s) keep the erased values in binary log files until they "
                   "expire or are purged")
    if not report.clear:
        raise typer.Exit(EXIT_FINDINGS)
