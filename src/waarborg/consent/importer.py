"""Importing consents and unsubscribes from an existing mailing tool (CSV).

Columns (header row required, names exact, order free):

    email               the address (required)
    purpose             the activity of the register, e.g. a mailing type such as ``newsletter`` (required)
    action              given | withdrawn (``subscribed`` / ``unsubscribed`` are read as these) (required)
    at                  when, ISO date or date-time; without a zone it is UTC (required)
    statement_version   the privacy statement version shown then (optional; ``unknown`` when empty)
    evidence            free text: what the old tool recorded as proof (optional)

The whole file is checked first; any problem is reported as FILE:LINE: column: message and nothing
is written. A valid file is written in one transaction. An event already in the ledger (same person,
purpose, action, moment, imported) is skipped, so importing the same file twice changes nothing.
Someone who ends the import with no mailing type subscribed and at least one unsubscribe goes on
the suppression list, as an unsubscribe through a link would.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.audit import append
from waarborg.register import Register

from . import suppression
from .ledger import ConsentChange, Person, build_event, states_of
from .mailing_types import mailing_types
from .state import Action, consents_to
from .subscribe import EMAIL_KIND, check_email

REQUIRED = ("email", "purpose", "action", "at")
OPTIONAL = ("statement_version", "evidence")
_ACTIONS: dict[str, Action] = {"given": "given", "subscribed": "given", "withdrawn": "withdrawn",
                               "unsubscribed": "withdrawn"}


class ImportProblems(ValueError):
    """The file has problems (each FILE:LINE: column: message); nothing was written."""

    def __init__(self, problems: list[str]):
        super().__init__(f"{len(problems)} problem(s) in the import file; nothing was written")
        self.problems = problems


@dataclass(frozen=True)
class ImportRow:
    line: int
    person: Person
    change: ConsentChange


@dataclass
class ImportReport:
    rows: int = 0
    recorded: int = 0
    already_there: int = 0
    suppressed: int = 0
    purposes: dict[str, int] = field(default_factory=dict)


def read_import(path: Path, register: Register) -> list[ImportRow]:
    """Every row checked; ImportProblems listing all problems by line when any row is wrong."""
    problems: list[str] = []
    rows: list[ImportRow] = []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for line, values, header_problem in _records(handle):
                if header_problem:
                    raise ImportProblems([f"{path}:1: {header_problem}"])
                row, row_problems = _parse(line, values, register)
                problems.extend(f"{path}:{line}: {problem}" for problem in row_problems)
                if row is not None:
                    rows.append(row)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ImportProblems([f"{path}: cannot read as UTF-8 CSV: {exc}"]) from exc
    if problems:
        raise ImportProblems(problems)
    return rows


def _records(handle: TextIO) -> Iterator[tuple[int, dict[str, str], str | None]]:
    reader = csv.DictReader(handle)
    names = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED if name not in names]
    unknown = [name for name in names if name not in REQUIRED + OPTIONAL]
    if missing or unknown:
        parts = ([f"missing column(s) {', '.join(missing)}"] if missing else []) + (
            [f"unknown column(s) {', '.join(unknown)}"] if unknown else [])
        yield 1, {}, "; ".join(parts) + f" (columns: {', '.join(REQUIRED + OPTIONAL)})"
        return
    reader.fieldnames = names
    for values in reader:
        yield reader.line_num, {k: (v or "").strip() for k, v in values.items() if k is not None}, None


def _parse(line: int, values: dict[str, str], register: Register) -> tuple[ImportRow | None, list[str]]:
    problems: list[str] = []
    try:
        email = check_email(values["email"])
    except ValueError as exc:
        problems.append(str(exc))
    purpose = values["purpose"]
    if purpose not in register.activities:
        problems.append(f"purpose: {purpose!r} is not an activity of the register")
    action = _ACTIONS.get(values["action"].lower())
    if action is None:
        problems.append(f"action: {values['action']!r} is not given, withdrawn, subscribed or unsubscribed")
    at = _moment(values["at"])
    if at is None:
        problems.append(f"at: {values['at']!r} is not a date (write 2024-03-01 or 2024-03-01T09:30:00)")
    if problems or action is None or at is None:
        return None, problems
    evidence = {"imported_from_line": line} | ({"note": values["evidence"]} if values.get("evidence") else {})
    change = ConsentChange(purpose, action, "import", evidence, at, values.get("statement_version") or "unknown")
    return ImportRow(line, Person(EMAIL_KIND, email), change), []


def _moment(value: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(value) if "T" in value or " " in value else None
        if moment is None:
            day = date.fromisoformat(value)
            moment = datetime(day.year, day.month, day.day)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def import_consents(
    session: Session, key: bytes, register: Register, rows: list[ImportRow], source: str, actor: str = "cli"
) -> ImportReport:
    """Record the rows not yet in the ledger (one transaction: the caller's); audited."""
    report = ImportReport(rows=len(rows))
    seen = _imported_already(session, {row.person.hashed(key) for row in rows})
    unsubscribed: dict[str, str] = {}
    for row in rows:
        hashed = row.person.hashed(key)
        signature = (hashed, row.change.purpose, row.change.action, _utc(row.change.at))
        if row.change.action == "withdrawn":
            unsubscribed[hashed] = row.person.kind
        if signature in seen:
            report.already_there += 1
            continue
        seen.add(signature)
        session.add(build_event(key, register, row.person, row.change, contact=row.change.action == "given"))
        report.recorded += 1
        report.purposes[row.change.purpose] = report.purposes.get(row.change.purpose, 0) + 1
    session.flush()
    report.suppressed = _suppress_the_unsubscribed(session, register, unsubscribed)
    append(session, actor, "consent_import", {"source": source, "rows": report.rows, "recorded": report.recorded,
                                              "already_there": report.already_there, "suppressed": report.suppressed})
    return report


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.astimezone(UTC)


def _imported_already(session: Session, hashes: set[str]) -> set[tuple[str, str, str, datetime | None]]:
    from waarborg.store.consent_models import ConsentEvent

    found: set[tuple[str, str, str, datetime | None]] = set()
    ordered = sorted(hashes)
    for start in range(0, len(ordered), 5000):
        query = select(ConsentEvent.identity_hash, ConsentEvent.purpose, ConsentEvent.action, ConsentEvent.at).where(
            ConsentEvent.method == "import", ConsentEvent.identity_hash.in_(ordered[start : start + 5000]))
        found.update((h, p, a, _utc(at)) for h, p, a, at in session.execute(query))
    return found


def _suppress_the_unsubscribed(session: Session, register: Register, people: dict[str, str]) -> int:
    types = list(mailing_types(register))
    states = states_of(session, list(people))
    unsubscribed = {hashed: kind for hashed, kind in people.items()
                    if not any(consents_to(states[hashed], name) for name in types)}
    return suppression.add_hashes(session, unsubscribed, "unsubscribe")
