"""The mailing filter: who on a mailing list may be mailed.

A row is removed when its address is on the suppression list (an objection to direct marketing,
Art. 21(3), or an unsubscribe), under an active restriction (Art. 18), unsubscribed from the
mailing type, or — where the type's activity rests on consent — has no consent on record. Each
removed row is counted under the first of those reasons; the report holds counts only, never
addresses.

The list is streamed: rows are read in chunks, hashed, and looked up a chunk at a time with
set-based queries (IN lists within the drivers' parameter limits), so memory stays bounded by
the chunk size however long the list is (benchmarks/bench_mailing_filter.py).
"""

from __future__ import annotations

import csv
import itertools
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from waarborg.datasets.identities import identity_hash, is_email_kind
from waarborg.register import Register
from waarborg.store.consent_models import ConsentEvent
from waarborg.store.models import Restriction, Suppression

from .mailing_types import MailingType, mailing_type

REASONS = ("no_address", "objection", "suppressed", "restricted", "unsubscribed", "no_consent")
CHUNK_ROWS = 20_000
IN_LIST = 5_000  # hashes per IN list: well under SQLite's and PostgreSQL's parameter limits


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


def filter_mailing(
    session: Session, key: bytes, register: Register, source: TextIO, target: TextIO,
    type_key: str | None = None, column: str | None = None, chunk_rows: int = CHUNK_ROWS,
) -> FilterReport:
    """Copy the rows of `source` that may be mailed to `target` (same header); count the rest."""
    kind = mailing_type(register, type_key) if type_key is not None else None
    reader = csv.reader(source)
    header = next(reader, None)
    if header is None:
        raise FilterError("line 1: the file is empty; a header row naming the columns is needed")
    index = address_column(header, column)
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(header)
    report = FilterReport(type_key)
    for chunk in _chunks(reader, chunk_rows):
        verdicts = judge_chunk(session, key, kind, [row[index] if index < len(row) else "" for row in chunk])
        report.read += len(chunk)
        for row, reason in zip(chunk, verdicts, strict=True):
            if reason is None:
                writer.writerow(row)
                report.kept += 1
            else:
                report.removed[reason] += 1
    return report


def _chunks(rows: Iterable[list[str]], size: int) -> Iterator[list[list[str]]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def judge_chunk(session: Session, key: bytes, kind: MailingType | None, addresses: Sequence[str]) -> list[str | None]:
    """Per address: None when it may be mailed, else the first reason it may not."""
    hashes = [identity_hash(key, "email", a) if a.strip() else "" for a in addresses]
    unique = sorted(set(hashes) - {""})
    suppressed = dict(_lookup(session, unique, select(Suppression.identity_hash, Suppression.reason)))
    restricted = {h for h, _ in _lookup(session, unique, select(Restriction.identity_hash, Restriction.lifted_at),
                                        Restriction.lifted_at.is_(None))}
    last = _last_consent(session, unique, kind.key) if kind is not None else {}
    return [_reason(h, suppressed, restricted, last, kind) for h in hashes]


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


def _lookup(
    session: Session, hashes: list[str], query: Any, *where: ColumnElement[bool]
) -> Iterator[tuple[str, Any]]:
    hash_column = query.selected_columns[0]
    for start in range(0, len(hashes), IN_LIST):
        part = hashes[start : start + IN_LIST]
        yield from session.execute(query.where(hash_column.in_(part), *where))


def _last_consent(session: Session, hashes: list[str], purpose: str) -> dict[str, str]:
    """The action of each person's last event for `purpose` (ordered by moment, then recording)."""
    query = (select(ConsentEvent.identity_hash, ConsentEvent.action)
             .where(ConsentEvent.purpose == purpose).order_by(ConsentEvent.at, ConsentEvent.id))
    last: dict[str, str] = {}
    for hashed, action in _lookup(session, hashes, query):
        last[hashed] = str(action)  # rows come oldest first, so the last one read decides
    return last


def filter_file(
    session: Session, key: bytes, register: Register, source: Path, output: Path | None,
    type_key: str | None = None, column: str | None = None,
) -> FilterReport:
    """Filter a CSV file into `output` (standard output when None).

    The output is written to a temporary file beside it and renamed only when the whole list was
    filtered, so a failure never leaves half a list that looks complete.
    """
    try:
        with source.open(newline="", encoding="utf-8-sig") as reading:
            if output is None:
                return filter_mailing(session, key, register, reading, sys.stdout, type_key, column)
            temporary = output.with_name(f".{output.name}.tmp")
            try:
                with temporary.open("w", newline="", encoding="utf-8") as target:
                    report = filter_mailing(session, key, register, reading, target, type_key, column)
                temporary.replace(output)
            finally:
                temporary.unlink(missing_ok=True)
    except UnicodeDecodeError as exc:
        raise FilterError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except csv.Error as exc:
        raise FilterError(f"not readable as CSV: {exc}") from None
    return report
