"""Verify database bindings against the live schema, and find personal data no binding covers.

`verify_bindings` reports, as findings like the register checks:

- ``binding-table-missing`` / ``binding-column-missing`` (error): the binding names a table or a
  column (primary key, identity, reference, event, data column) the database does not have;
- ``binding-unbound-personal-data`` (warning): a column that no binding covers but whose name or
  sampled values look like personal data (e-mail, IBAN, Dutch phone number, BSN, date of birth).
  The evidence says how many sampled values matched — never the values themselves;
- ``binding-column-too-short`` (error): a text column too short for the hash, pseudonym or fixed
  text its erasure writes (checked where the database enforces declared lengths);
- ``binding-lookup-unindexed`` (warning): a lookup a person search makes (identity, normalised
  e-mail, reference) that the database can only answer by reading a table of at least
  `INDEX_MIN_ROWS` rows (`waarborg.datasets.search_indexes`; `waarborg index` fixes it);
- ``binding-not-verified`` (info) when the URL's environment variable is unset, and
  ``binding-unreachable`` (error) when the database cannot be opened.

Reading is all it does: it never creates a database file or changes a row.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlalchemy.engine.interfaces import ReflectedColumn

from waarborg.register import Register
from waarborg.register.binding import DatabaseBinding, ErasureStrategy, FixedText, TableBinding
from waarborg.rules.rule import Finding, Severity

from . import mariadb_sql
from .connect import BindingConnectionError, Connections, driver_message
from .detectors import BIRTH_DATE, VALUE_DETECTORS, Detector, as_date, name_suggests, suggests_birth_date
from .erase import PSEUDONYM_DIGITS, PSEUDONYM_PREFIX
from .live_rules import LIVE_RULES
from .search_indexes import missing_search_indexes

SAMPLE_ROWS = 200  # rows sampled per table for value detection
MATCH_SHARE = 0.6  # share of non-empty sampled values that must match a detector
LIVE_RULES_BY_ID = {rule.id: rule for rule in LIVE_RULES}
_ADULT_YEARS = 12  # a DATE column whose dates lie at least this far back looks like birth dates
HASH_LENGTH = 64  # HMAC-SHA256 as hex
# Below this many rows a whole-table read costs a request less than its own bookkeeping: no finding.
INDEX_MIN_ROWS = 10_000


@dataclass(frozen=True)
class Evidence:
    """Why a column looks personal: a detector and how many sampled values it matched."""

    kind: str
    category: str
    matched: int
    sampled: int

    def describe_en(self) -> str:
        if self.sampled == 0:
            return f"its name suggests {self.kind}"
        return f"{self.matched} of {self.sampled} sampled values look like {self.kind}"

    def describe_nl(self) -> str:
        if self.sampled == 0:
            return f"de naam wijst op {_NL_KIND.get(self.kind, self.kind)}"
        kind = _NL_KIND.get(self.kind, self.kind)
        return f"{self.matched} van de {self.sampled} bekeken waarden lijken op een {kind}"


_NL_KIND = {
    "e-mail": "e-mailadres",
    "phone": "telefoonnummer",
    "date of birth": "geboortedatum",
    "personal data": "persoonsgegevens",
}


def verify_bindings(
    register: Register,
    connections: Connections,
    *,
    sample_rows: int = SAMPLE_ROWS,
    today: date | None = None,
    index_min_rows: int = INDEX_MIN_ROWS,
) -> list[Finding]:
    """Findings for every bound system: missing tables and columns, uncovered personal data, and
    person lookups without an index on tables of at least `index_min_rows` rows."""
    covered = _covered_tables(register, connections)
    findings: list[Finding] = []
    for system in connections.bound_systems():
        found = _verify_system(register, connections, system, covered, sample_rows, today or date.today())
        if not any(f.rule in ("binding-unreachable", "binding-not-verified") for f in found):
            found += _unindexed_lookups(register, connections, system, index_min_rows)
        findings += found
    return findings


def _unindexed_lookups(register: Register, connections: Connections, system: str, min_rows: int) -> list[Finding]:
    findings = []
    for item in missing_search_indexes(register, connections, system):
        if item.rows < min_rows:
            continue
        where = f"{item.lookup.table}.{item.lookup.column}"
        rows_nl = f"{item.rows:,}".replace(",", ".")
        findings.append(
            _finding(
                "binding-lookup-unindexed",
                "warning",
                f"systems.{system}.database.tables.{item.lookup.table}",
                f"Een verzoek zoekt personen op {where}, maar daar is geen index op: elk verzoek leest alle "
                f"{rows_nl} rijen. `waarborg index` maakt hem aan: {item.statement}",
                f"A request finds people by {where}, which has no index: every request reads all {item.rows:,} "
                f"rows. `waarborg index` creates it: {item.statement}",
            )
        )
    return findings


def _verify_system(
    register: Register,
    connections: Connections,
    system: str,
    covered: set[tuple[str, str]],
    sample_rows: int,
    today: date,
) -> list[Finding]:
    binding = connections.binding(system)
    base = f"systems.{system}.database"
    url = connections.env.get(binding.url_env)
    if not url:
        return [
            _finding(
                "binding-not-verified",
                "info",
                base,
                f"De koppeling is niet gecontroleerd tegen de database: {binding.url_env} is niet gezet.",
                f"The binding was not verified against the database: {binding.url_env} is unset.",
            )
        ]
    try:
        inspector = sa.inspect(connections.engine(system))
        tables = set(inspector.get_table_names())
    except (BindingConnectionError, sa.exc.SQLAlchemyError, OSError) as exc:
        return [
            _finding(
                "binding-unreachable",
                "error",
                base,
                f"De database van {binding.url_env} is niet te openen: {driver_message(exc)}",
                f"The database in {binding.url_env} cannot be opened: {driver_message(exc)}",
            )
        ]
    schema = {table: {c["name"]: c for c in inspector.get_columns(table)} for table in tables}
    findings = _missing_parts(binding, schema, base)
    if connections.dialect(system) != "sqlite":  # SQLite does not enforce declared lengths
        findings += _too_short_for_erasure(binding, schema, base)
    findings += _reference_targets(register, connections, system, binding, base)
    engine = connections.engine(system)
    for table in sorted(tables):
        if (url, table) in covered and table not in binding.tables:
            continue  # bound by another system that shares this database
        bound = bound_columns(binding.tables[table]) if table in binding.tables else set()
        unbound = [
            c for c in schema[table].values()
            if c["name"] not in bound and not mariadb_sql.is_norm_column(c["name"])  # `waarborg index` made it
        ]
        findings += _unbound_personal(engine, table, unbound, f"{base}.tables.{table}", sample_rows, today)
    return findings


def bound_columns(table: TableBinding) -> set[str]:
    """Every column a table binding names: key, identities, references, events, data columns."""
    return {table.primary_key, *table.identities.values(), *table.references, *table.events.values(), *table.columns}


def _roles(table: TableBinding) -> Iterator[tuple[str, str]]:
    yield table.primary_key, "primary_key"
    yield from ((column, f"identities.{kind}") for kind, column in table.identities.items())
    yield from ((column, f"references.{column}") for column in table.references)
    yield from ((column, f"events.{event}") for event, column in table.events.items())
    yield from ((column, f"columns.{column}") for column in table.columns)


def _missing_parts(binding: DatabaseBinding, schema: dict[str, dict[str, ReflectedColumn]], base: str) -> list[Finding]:
    findings: list[Finding] = []
    for name, table in binding.tables.items():
        path = f"{base}.tables.{name}"
        if name not in schema:
            findings.append(
                _finding(
                    "binding-table-missing",
                    "error",
                    path,
                    f"Tabel {name!r} bestaat niet in de database.",
                    f"Table {name!r} does not exist in the database.",
                )
            )
            continue
        for column, role in _roles(table):
            if column not in schema[name]:
                findings.append(
                    _finding(
                        "binding-column-missing",
                        "error",
                        f"{path}.{role}",
                        f"Kolom {name}.{column} bestaat niet in de database.",
                        f"Column {name}.{column} does not exist in the database.",
                    )
                )
    return findings


def erased_length(strategy: ErasureStrategy) -> int:
    """How many characters a column needs to hold its erased value (0 when nothing is written)."""
    if isinstance(strategy, FixedText):
        return len(strategy.fixed)
    return {"hash": HASH_LENGTH, "pseudonym": len(PSEUDONYM_PREFIX) + PSEUDONYM_DIGITS}.get(strategy, 0)


def _too_short_for_erasure(
    binding: DatabaseBinding, schema: dict[str, dict[str, ReflectedColumn]], base: str
) -> list[Finding]:
    """A text column too short for its hash, pseudonym or fixed text would make every erasure fail."""
    findings: list[Finding] = []
    for name, table in binding.tables.items():
        for column, bound in table.columns.items():
            live = schema.get(name, {}).get(column)
            length = getattr(live["type"], "length", None) if live else None
            needed = erased_length(bound.erase)
            if length is not None and needed > length:
                findings.append(
                    _finding(
                        "binding-column-too-short",
                        "error",
                        f"{base}.tables.{name}.columns.{column}.erase",
                        f"Kolom {name}.{column} heeft ruimte voor {length} tekens; "
                        f"de verwijderde waarde heeft er {needed} nodig.",
                        f"Column {name}.{column} holds {length} characters; its erased value needs {needed}.",
                    )
                )
    return findings


def _reference_targets(
    register: Register, connections: Connections, system: str, binding: DatabaseBinding, base: str
) -> list[Finding]:
    """A reference must point at a column that exists in the (possibly other) database."""
    findings: list[Finding] = []
    for name, table in binding.tables.items():
        for column, target in table.references.items():
            parts = target.split(".")
            other, table_name, target_column = (system, *parts) if len(parts) == 2 else parts
            columns = _live_columns(connections, other, table_name)
            if columns is not None and target_column not in columns:
                findings.append(
                    _finding(
                        "binding-column-missing",
                        "error",
                        f"{base}.tables.{name}.references.{column}",
                        f"De verwijzing {target!r} wijst naar een kolom die niet bestaat.",
                        f"The reference {target!r} points at a column that does not exist.",
                    )
                )
    return findings


def _live_columns(connections: Connections, system: str, table: str) -> set[str] | None:
    """Column names of a table in a system's database; None when it cannot be looked at."""
    url = connections.env.get(connections.binding(system).url_env)
    if not url:
        return None
    try:
        inspector = sa.inspect(connections.engine(system))
        if not inspector.has_table(table):
            return None  # reported as a missing table for that system
        return {c["name"] for c in inspector.get_columns(table)}
    except (BindingConnectionError, sa.exc.SQLAlchemyError, OSError):
        return None


def _unbound_personal(
    engine: sa.Engine, table: str, columns: Sequence[ReflectedColumn], path: str, sample_rows: int, today: date
) -> list[Finding]:
    if not columns:
        return []
    samples = _sample(engine, table, [str(c["name"]) for c in columns], sample_rows)
    findings: list[Finding] = []
    for column in columns:
        name = str(column["name"])
        evidence = classify_column(name, column["type"], samples[name], today)
        if evidence is not None:
            findings.append(
                _finding(
                    "binding-unbound-personal-data",
                    "warning",
                    path,
                    f"Kolom {table}.{name} staat niet in de koppeling, maar lijkt persoonsgegevens te bevatten "
                    f"({evidence.describe_nl()}; categorie {evidence.category}). Neem de kolom op in de koppeling, "
                    "met een categorie en een verwijderwijze.",
                    f"Column {table}.{name} is not in the binding but seems to hold personal data "
                    f"({evidence.describe_en()}; category {evidence.category}). Bind it with a category and "
                    "an erasure strategy.",
                )
            )
    return findings


def _sample(engine: sa.Engine, table: str, columns: list[str], rows: int) -> dict[str, list[object]]:
    """Up to `rows` rows of the given columns, fetched in one query; NULLs dropped per column."""
    live = sa.table(table, *(sa.column(c) for c in columns))  # quoted by the dialect
    with engine.connect() as conn:
        fetched = conn.execute(sa.select(live).limit(rows)).all()
    return {c: [row[i] for row in fetched if row[i] is not None] for i, c in enumerate(columns)}


def classify_column(name: str, column_type: object, values: Sequence[object], today: date) -> Evidence | None:
    """Evidence that a column holds personal data, from its values first and its name second."""
    detectors: list[Detector] = list(VALUE_DETECTORS)
    if suggests_birth_date(name) or _looks_like_birth_dates(column_type, values, today):
        detectors.append(BIRTH_DATE)
    for detector in detectors:
        matched = sum(1 for value in values if detector.matches(value))
        if values and matched / len(values) >= MATCH_SHARE:
            return Evidence(detector.kind, detector.category, matched, len(values))
    category = name_suggests(name)
    if category is not None:
        return Evidence("personal data", category, 0, 0)
    return None


def _looks_like_birth_dates(column_type: object, values: Sequence[object], today: date) -> bool:
    # A DATE column (not a timestamp) whose dates lie well in the past: birth dates, not events.
    if not isinstance(column_type, sa.Date) or isinstance(column_type, sa.DateTime) or not values:
        return False
    limit = today.replace(year=today.year - _ADULT_YEARS)
    adults = sum(1 for v in values if (moment := as_date(v)) is not None and date(1900, 1, 1) <= moment <= limit)
    return adults / len(values) >= MATCH_SHARE


def _covered_tables(register: Register, connections: Connections) -> set[tuple[str, str]]:
    """(url, table) for every bound table, so systems sharing one database don't flag each other."""
    covered: set[tuple[str, str]] = set()
    for system in connections.bound_systems():
        binding = connections.binding(system)
        url = connections.env.get(binding.url_env, "")
        covered |= {(url, table) for table in binding.tables}
    return covered


def _finding(rule: str, severity: Severity, path: str, nl: str, en: str) -> Finding:
    article = LIVE_RULES_BY_ID[rule].article  # KeyError for an uncatalogued id: every check is documented
    return Finding(rule=rule, severity=severity, article=article, path=path, message_nl=nl, message_en=en)
