"""The mailing filter: who on a mailing list may be mailed.

A row is removed when its address is on the suppression list (an objection to direct marketing,
Art. 21(3), or an unsubscribe), under an active restriction (Art. 18), unsubscribed from the
mailing type, or — where the type's activity rests on consent — has no consent on record. Each
removed row is counted under the first of those reasons; the report holds counts only, never
addresses.

The list is streamed: rows are read in chunks, hashed, and looked up a chunk at a time with
set-based queries (the chunk's hashes in a temporary table, joined to the indexed hash columns),
so memory stays bounded by the chunk size however long the list is
(benchmarks/bench_mailing_filter.py).
"""

from __future__ import annotations

import csv
import hmac
import itertools
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from waarborg.datasets.identities import is_email_kind, normalise_identity
from waarborg.register import Register

from .headers import PREFERENCES_PATH, HeaderError, check_base_url, list_unsubscribe_headers, unsubscribe_url
from .mailing_types import MailingType, mailing_type
from .tokens import preference_token, unsubscribe_token

REASONS = ("no_address", "objection", "suppressed", "restricted", "unsubscribed", "no_consent")
CHUNK_ROWS = 20_000


class FilterError(ValueError):
    """The mailing list cannot be filtered (no header, no address column); nothing was written."""


@dataclass
class FilterReport:
    """How many rows were read and kept, and how many were removed for which reason."""

    mailing_type: str | None
    read: int = 0
    kept: int = 0
    removed: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {"mailing_type": self.mailing_type, "read": self.read, "kept": self.kept,
                "removed": {reason: self.removed[reason] for reason in REASONS}}


def address_column(header: Sequence[str], column: str | None) -> int:
    """The index of the address column: the one named, else the single e-mail-like column."""
    names = [name.strip() for name in header]
    if column is not None:
        if column not in names:
            raise FilterError(f"line 1: no column {column!r} in the header ({', '.join(names)})")
        return names.index(column)
    found = [i for i, name in enumerate(names) if is_email_kind(name)]
    if len(found) != 1:
        raise FilterError("line 1: name the address column with --column (the header has "
                          f"{'no' if not found else 'more than one'} e-mail column: {', '.join(names)})")
    return found[0]


@dataclass(frozen=True)
class Links:
    """Add each kept row's personal links: the one-click unsubscribe URL, the preference centre,
    and the RFC 8058 header values, for a mailing tool to merge into every message."""

    base_url: str
    mailto: str | None = None

    COLUMNS = ("unsubscribe_url", "preferences_url", "list_unsubscribe", "list_unsubscribe_post")

    def columns(self, key: bytes, hashed: str, type_key: str) -> list[str]:
        unsubscribe = unsubscribe_token(key, "email", hashed, type_key)
        headers = list_unsubscribe_headers(self.base_url, unsubscribe, self.mailto)
        preferences = f"{check_base_url(self.base_url)}{PREFERENCES_PATH}{preference_token(key, 'email', hashed)}"
        return [unsubscribe_url(self.base_url, unsubscribe), preferences, headers["List-Unsubscribe"],
                headers["List-Unsubscribe-Post"]]


def filter_mailing(
    session: Session, key: bytes, register: Register, source: TextIO, target: TextIO,
    type_key: str | None = None, column: str | None = None, chunk_rows: int = CHUNK_ROWS, links: Links | None = None,
) -> FilterReport:
    """Copy the rows of `source` that may be mailed to `target` (same header); count the rest."""
    kind = mailing_type(register, type_key) if type_key is not None else None
    if links is not None:
        if type_key is None:
            raise FilterError("personal links need the mailing type (--type): each unsubscribe link is for one")
        try:
            check_base_url(links.base_url)
        except HeaderError as exc:
            raise FilterError(str(exc)) from None
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None:
        raise FilterError("line 1: the file is empty; a header row naming the columns is needed")
    index = address_column(header, column)
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(header + list(Links.COLUMNS) if links else header)
    report = FilterReport(type_key)
    for chunk in _chunks(reader, chunk_rows):
        hashes = hash_addresses(key, [row[index] if index < len(row) else "" for row in chunk])
        report.read += len(chunk)
        for row, hashed, reason in zip(chunk, hashes, judge_hashes(session, kind, hashes), strict=True):
            if reason is not None:
                report.removed[reason] += 1
                continue
            writer.writerow(row + links.columns(key, hashed, type_key) if links and type_key else row)
            report.kept += 1
    return report


def _chunks(rows: Iterable[list[str]], size: int) -> Iterator[list[list[str]]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def judge_chunk(session: Session, key: bytes, kind: MailingType | None, addresses: Sequence[str]) -> list[str | None]:
    """Per address: None when it may be mailed, else the first reason it may not."""
    return judge_hashes(session, kind, hash_addresses(key, addresses))


def judge_hashes(session: Session, kind: MailingType | None, hashes: Sequence[str]) -> list[str | None]:
    """`judge_chunk` for already hashed addresses ("" for a row without one)."""
    connection = session.connection()
    _stage(connection, {h for h in hashes if h})
    suppressed: dict[str, str | None] = dict(connection.execute(_SUPPRESSED).all())
    restricted = set(connection.execute(_RESTRICTED).scalars())
    last: dict[str, str] = {}
    if kind is not None:
        for hashed, action in connection.execute(_CONSENTS, {"purpose": kind.key}):
            last[hashed] = action  # oldest first, so the last row read decides (state.current_state's rule)
    return [_reason(h, suppressed, restricted, last, kind) for h in hashes]


def hash_addresses(key: bytes, addresses: Sequence[str]) -> list[str]:
    """`identities.identity_hash(key, "email", a)` for each address ("" for an empty cell).

    The same rule, computed with the one-shot C HMAC: on a million addresses the per-call
    `hmac.new` object costs more than the lookups do.
    """
    return [hmac.digest(key, normalise_identity("email", a).encode("utf-8"), "sha256").hex() if a.strip() else ""
            for a in addresses]


# The chunk's hashes go into a temporary table; each question is then one join on an index.
# CROSS JOIN with the condition in WHERE means the same as JOIN ... ON to PostgreSQL, and makes
# SQLite (which has no statistics on the temporary table) loop over the chunk and probe the index,
# instead of scanning the whole suppression list or ledger once per chunk.
_STAGE_TABLE = "waarborg_filter_hashes"
_SUPPRESSED = text(f"SELECT s.identity_hash, s.reason FROM {_STAGE_TABLE} t "
                   "CROSS JOIN suppression_list s WHERE s.identity_hash = t.h")
_RESTRICTED = text(f"SELECT DISTINCT r.identity_hash FROM {_STAGE_TABLE} t "
                   "CROSS JOIN restrictions r WHERE r.identity_hash = t.h AND r.lifted_at IS NULL")
_CONSENTS = text(f"SELECT e.identity_hash, e.action FROM {_STAGE_TABLE} t CROSS JOIN consent_events e "
                 "WHERE e.identity_hash = t.h AND e.purpose = :purpose ORDER BY e.at, e.id")


def _stage(connection: Connection, hashes: set[str]) -> None:
    connection.execute(text(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE_TABLE} (h VARCHAR(64) PRIMARY KEY)"))
    connection.execute(text(f"DELETE FROM {_STAGE_TABLE}"))
    if hashes:
        # The driver's own executemany: SQLAlchemy's per-row parameter handling costs more here.
        mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        connection.exec_driver_sql(f"INSERT INTO {_STAGE_TABLE} (h) VALUES ({mark})", [(h,) for h in hashes])
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"ANALYZE {_STAGE_TABLE}")  # a temporary table gets no autovacuum statistics


def _reason(
    hashed: str, suppressed: dict[str, str | None], restricted: set[str], last: dict[str, str],
    kind: MailingType | None,
) -> str | None:
    if not hashed:
        return "no_address"
    if hashed in suppressed:
        return "objection" if suppressed[hashed] == "objection" else "suppressed"
    if hashed in restricted:
        return "restricted"
    if kind is None:
        return None
    action = last.get(hashed)
    if action == "withdrawn":
        return "unsubscribed"
    if kind.needs_consent and action != "given":
        return "no_consent"
    return None


def filter_file(
    session: Session, key: bytes, register: Register, source: Path, output: Path | None,
    type_key: str | None = None, column: str | None = None, links: Links | None = None,
) -> FilterReport:
    """Filter a CSV file into `output` (standard output when None).

    The output is written to a temporary file beside it and renamed only when the whole list was
    filtered, so a failure never leaves half a list that looks complete.
    """
    try:
        with source.open(newline="", encoding="utf-8-sig") as reading:
            if output is None:
                return filter_mailing(session, key, register, reading, sys.stdout, type_key, column, links=links)
            temporary = output.with_name(f".{output.name}.tmp")
            try:
                with temporary.open("w", newline="", encoding="utf-8") as target:
                    report = filter_mailing(session, key, register, reading, target, type_key, column, links=links)
                temporary.replace(output)
            finally:
                temporary.unlink(missing_ok=True)
    except UnicodeDecodeError as exc:
        raise FilterError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise FilterError(f"not readable as CSV: {exc}") from None
    return report
