"""Hand-made organisation databases for the engine tests (SQLite or PostgreSQL).

The moment of every test is NOW. Who is due for erasure at NOW, by the fixture register:

- persons 2 (bram), 4 (dirk), 5 (eva): membership ended more than 2 years ago; 1 (anna) is still a
  member, 3 (cees) ended only recently;
- invoice 1 (eva, 2018) is past the 7-year fiscal duty, invoice 2 (eva, 2021) is not;
- registrations 1 and 2 (event held 2024-02-01) are past 1 year, 3 (2026) is not;
- recording 1 (2025-01-10) is past 6 months, recording 2 (2026-04-01) is not;
- subscribers 2 (bram) and 3 (fenna) have unsubscribed, 1 (anna) has not.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, create_engine, insert

NOW = datetime(2026, 6, 1, 12, 0, 0)
REGISTER = Path(__file__).with_name("fixture_register.yaml")
ENV_CRM = "WAARBORG_CRM_URL"
ENV_NEWSLETTER = "WAARBORG_NEWSLETTER_URL"


def _crm_tables(metadata: MetaData) -> dict[str, Table]:
    return {
        "persons": Table(
            "persons", metadata,
            Column("id", Integer, primary_key=True), Column("email", String(200)), Column("member_no", String(40)),
            Column("first_name", String(100)), Column("last_name", String(100)), Column("phone", String(40)),
            Column("created_at", DateTime), Column("membership_ended_at", DateTime),
        ),
        "invoices": Table(
            "invoices", metadata,
            Column("id", Integer, primary_key=True), Column("person_id", Integer), Column("billing_name", String(200)),
            Column("amount", Integer), Column("invoice_date", DateTime),
        ),
        "events": Table("events", metadata, Column("id", Integer, primary_key=True), Column("title", String(200))),
        "registrations": Table(
            "registrations", metadata,
            Column("id", Integer, primary_key=True), Column("person_id", Integer), Column("event_id", Integer),
            Column("attendee_name", String(200)), Column("remarks", String(400)), Column("event_date", DateTime),
        ),
        "candidates": Table(
            "candidates", metadata,
            Column("id", Integer, primary_key=True), Column("email", String(200)), Column("name", String(200)),
            Column("result", String(20)), Column("exam_date", DateTime),
        ),
        "recordings": Table(
            "recordings", metadata,
            Column("id", Integer, primary_key=True), Column("candidate_id", Integer), Column("video_path", String(400)),
            Column("recorded_at", DateTime),
        ),
    }


def _d(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


PERSONS = [
    (1, "anna@example.nl", "L-0001", "Anna", "de Vries", "0612345678", "2015-03-01", None),
    (2, "bram@example.nl", "L-0002", "Bram", "Jansen", "0687654321", "2012-05-01", "2020-03-01"),
    (3, "cees@example.nl", "L-0003", "Cees", "Bakker", None, "2016-09-01", "2025-10-01"),
    (4, "dirk@example.nl", "L-0004", "Dirk", "Visser", "0611112222", "2010-01-01", "2019-05-01"),
    (5, "eva@example.nl", "L-0005", "Eva", "Smit", "0633334444", "2011-01-01", "2017-01-01"),
]
INVOICES = [(1, 5, "Eva Smit", 4500, "2018-03-15"), (2, 5, "Eva Smit", 5000, "2021-06-30")]
EVENTS = [(1, "Jaarcongres 2024"), (2, "Voorjaarsdag 2026")]
REGISTRATIONS = [
    (1, 1, 1, "Anna de Vries", "vegetarisch", "2024-02-01"),
    (2, 3, 1, "Cees Bakker", None, "2024-02-01"),
    (3, 2, 2, "Bram Jansen", "rolstoel", "2026-03-01"),
]
CANDIDATES = [
    (1, "gijs@example.nl", "Gijs de Boer", "geslaagd", "2025-01-10"),
    (2, "hanna@example.nl", "Hanna Mulder", None, "2026-04-01"),
]
RECORDINGS = [(1, 1, "/video/gijs-2025.mp4", "2025-01-10"), (2, 2, "/video/hanna-2026.mp4", "2026-04-01")]
SUBSCRIBERS = [
    (1, "anna@example.nl", "Anna", "2019-01-01", None),
    (2, "bram@example.nl", "Bram", "2018-01-01", "2024-01-01"),
    (3, "fenna@example.nl", "Fenna", "2020-01-01", "2026-05-31"),
]


def _rows(table: Table, values: list[tuple[object, ...]]) -> list[dict[str, object]]:
    names = [column.name for column in table.columns]
    out = []
    for row in values:
        record = dict(zip(names, row, strict=True))
        out.append({k: _d(v) if isinstance(v, str) and k.endswith(("_at", "_date")) else v for k, v in record.items()})
    return out


def build_crm(url: str) -> None:
    """Create and fill the CRM database."""
    metadata = MetaData()
    tables = _crm_tables(metadata)
    engine = create_engine(url)
    metadata.create_all(engine)
    data = {"persons": PERSONS, "invoices": INVOICES, "events": EVENTS, "registrations": REGISTRATIONS,
            "candidates": CANDIDATES, "recordings": RECORDINGS}
    with engine.begin() as conn:
        for name, values in data.items():
            conn.execute(insert(tables[name]), _rows(tables[name], values))
    engine.dispose()


def build_newsletter(url: str) -> None:
    """Create and fill the newsletter database (a second database, linked to the CRM by e-mail)."""
    metadata = MetaData()
    subscribers = Table(
        "subscribers", metadata,
        Column("id", Integer, primary_key=True), Column("email", String(200)), Column("name", String(100)),
        Column("subscribed_at", DateTime), Column("unsubscribed_at", DateTime),
    )
    engine = create_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(subscribers), _rows(subscribers, SUBSCRIBERS))
    engine.dispose()
