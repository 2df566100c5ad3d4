"""The tables of the demo databases: a CRM (eight tables) and a separate newsletter database.

Identities and references get indexes, created after the bulk load (faster than maintaining them
row by row): finding one person among a million must not scan a table.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, Index, Integer, MetaData, String, Table


def _key() -> Column[int]:
    # Ids are given by the generator (derived from the person id), never by the database.
    return Column("id", Integer, primary_key=True, autoincrement=False)


def crm_metadata() -> MetaData:
    """The CRM database: persons and everything that hangs off them, plus staff."""
    meta = MetaData()
    Table(
        "persons",
        meta,
        _key(),
        Column("first_name", String(80)),
        Column("last_name", String(120)),
        Column("gender", String(1)),
        Column("email", String(254)),
        Column("phone", String(20)),
        Column("street", String(160)),
        Column("postal_code", String(7)),
        Column("city", String(80)),
        Column("company_name", String(160)),
        Column("job_title", String(80)),
        Column("created_at", DateTime),
        Column("last_contact_at", DateTime),
    )
    Table(
        "memberships",
        meta,
        _key(),
        Column("person_id", Integer, nullable=False),
        Column("member_no", String(24)),  # room for a pseudonym (psn- and 16 hex digits)
        Column("iban", String(34)),
        Column("company_size", String(8)),
        Column("fee_cents", Integer),
        Column("started_at", DateTime),
        Column("ended_at", DateTime),
    )
    Table(
        "exam_candidates",
        meta,
        _key(),
        Column("person_id", Integer, nullable=False),
        Column("exam_code", String(12)),
        Column("exam_date", DateTime),
        Column("date_of_birth", Date),
        Column("result", String(20)),
        Column("certificate_no", String(20)),
    )
    Table(
        "proctoring_recordings",
        meta,
        _key(),
        Column("candidate_id", Integer, nullable=False),
        Column("candidate_email", String(254)),
        Column("recorded_at", DateTime),
        Column("video_uri", String(200)),
        Column("duration_s", Integer),
    )
    Table(
        "event_registrations",
        meta,
        _key(),
        Column("person_id", Integer, nullable=False),
        Column("event_name", String(120)),
        Column("event_date", DateTime),
        Column("dietary_wishes", String(40)),
        Column("photo_consent", Integer),
        Column("attended", Integer),
    )
    Table(
        "invoices",
        meta,
        _key(),
        Column("person_id", Integer, nullable=False),
        Column("invoice_no", String(20)),
        Column("invoice_date", DateTime),
        Column("description", String(120)),
        Column("amount_cents", Integer),
        Column("billing_name", String(200)),
        Column("billing_address", String(250)),
        Column("iban", String(34)),
    )
    Table(
        "request_log",
        meta,
        _key(),
        Column("person_id", Integer, nullable=False),
        Column("kind", String(12)),
        Column("received_at", DateTime),
        Column("closed_at", DateTime),
        Column("first_name", String(80)),
        Column("last_name", String(120)),
        Column("note", String(300)),
    )
    Table(
        "employees",
        meta,
        _key(),
        Column("first_name", String(80)),
        Column("last_name", String(120)),
        Column("email", String(254)),
        Column("phone", String(20)),
        Column("date_of_birth", Date),
        Column("bsn", String(64)),  # room for the keyed hash that replaces it
        Column("iban", String(34)),
        Column("salary_cents", Integer),
        Column("started_at", DateTime),
        Column("ended_at", DateTime),
    )
    return meta


def newsletter_metadata() -> MetaData:
    """The newsletter tool's own database."""
    meta = MetaData()
    Table(
        "subscribers",
        meta,
        _key(),
        Column("email", String(254)),
        Column("first_name", String(80)),
        Column("interests", String(120)),
        Column("subscribed_at", DateTime),
        Column("unsubscribed_at", DateTime),
    )
    return meta


# Indexes created after loading: (table, columns, unique). Identities, references and the
# moments retention runs from, so requests find a person and sweeps find due rows by index.
INDEXES: dict[str, tuple[tuple[str, tuple[str, ...], bool], ...]] = {
    "crm": (
        ("persons", ("email",), True),
        ("persons", ("last_contact_at",), False),
        ("memberships", ("person_id",), False),
        ("memberships", ("member_no",), False),
        ("memberships", ("ended_at",), False),
        ("exam_candidates", ("person_id",), False),
        ("exam_candidates", ("exam_date",), False),
        ("proctoring_recordings", ("candidate_id",), False),
        ("proctoring_recordings", ("candidate_email",), False),
        ("proctoring_recordings", ("recorded_at",), False),
        ("event_registrations", ("person_id",), False),
        ("event_registrations", ("event_date",), False),
        ("invoices", ("person_id",), False),
        ("invoices", ("invoice_date",), False),
        ("request_log", ("person_id",), False),
        ("employees", ("email",), True),
        ("employees", ("bsn",), False),
    ),
    "newsletter": (
        ("subscribers", ("email",), True),
        ("subscribers", ("unsubscribed_at",), False),
    ),
}


def index_objects(database: str, meta: MetaData) -> list[Index]:
    """The Index objects for one demo database, named ix_<table>_<column>."""
    return [
        Index(f"ix_{table}_{'_'.join(columns)}", *(meta.tables[table].c[c] for c in columns), unique=unique)
        for table, columns, unique in INDEXES[database]
    ]
