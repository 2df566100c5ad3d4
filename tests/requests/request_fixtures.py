"""Data and helpers of the request tests: the fixture people, schemas and rows (see conftest.py)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Date, DateTime, Integer, MetaData, Numeric, String, Table, create_engine, insert, text

REGISTER_FILE = Path(__file__).with_name("register.yaml")
ERASURE_KEY = "test-erasure-key-0123456789abcdef0123456789"
NOW = datetime(2024, 6, 1, 12, 0)

JAN = "jan@example.nl"  # member with invoices (one under the fiscal hold), an exam, a newsletter subscription
PIET = "piet@example.nl"  # another member and subscriber: must never be touched by Jan's requests
SOLO = "solo@example.nl"  # only a newsletter subscriber, not in the CRM


def crm_schema() -> MetaData:
    metadata = MetaData()
    Table(
        "persons", metadata,
        Column("id", Integer, primary_key=True),
        Column("member_no", String(20)),
        Column("email", String(200)),
        Column("first_name", String(100)),
        Column("last_name", String(100)),
        Column("phone", String(30)),
        Column("employer", String(100)),
        Column("created_at", DateTime),
        Column("membership_ended_at", DateTime),
    )  # fmt: skip
    Table(
        "invoices", metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer),
        Column("amount", Numeric(10, 2)),
        Column("invoice_date", Date),
        Column("billing_email", String(200)),
    )  # fmt: skip
    Table(
        "exam_recordings", metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", Integer),
        Column("video_path", String(200)),
        Column("score", Integer),
        Column("taken_at", DateTime),
    )  # fmt: skip
    return metadata


def mail_schema() -> MetaData:
    metadata = MetaData()
    Table(
        "subscribers", metadata,
        Column("id", Integer, primary_key=True),
        Column("email", String(200)),
        Column("first_name", String(100)),
        Column("unsubscribed_at", DateTime),
    )  # fmt: skip
    Table(
        "clicks", metadata,
        Column("id", Integer, primary_key=True),
        Column("subscriber_id", Integer),
        Column("url", String(200)),
    )  # fmt: skip
    return metadata


CRM_ROWS: dict[str, list[dict[str, Any]]] = {
    "persons": [
        {"id": 1, "member_no": "M-1001", "email": JAN, "first_name": "Jan", "last_name": "Jansen",
         "phone": "0612345678", "employer": "Drukkerij Noord", "created_at": datetime(2020, 1, 1),
         "membership_ended_at": None},
        {"id": 2, "member_no": "M-1002", "email": PIET, "first_name": "Piet", "last_name": "Pieters",
         "phone": "0687654321", "employer": None, "created_at": datetime(2021, 5, 1),
         "membership_ended_at": None},
    ],
    "invoices": [
        # 2023: under the 7-year fiscal hold; 2015: the hold has ended.
        {"id": 10, "person_id": 1, "amount": Decimal("50.00"), "invoice_date": date(2023, 3, 1),
         "billing_email": JAN},
        {"id": 11, "person_id": 1, "amount": Decimal("45.00"), "invoice_date": date(2015, 3, 1),
         "billing_email": JAN},
        {"id": 12, "person_id": 2, "amount": Decimal("50.00"), "invoice_date": date(2023, 3, 1),
         "billing_email": PIET},
    ],
    "exam_recordings": [
        {"id": 20, "person_id": 1, "video_path": "/video/jan.mp4", "score": 81, "taken_at": datetime(2024, 1, 10)},
        {"id": 21, "person_id": 2, "video_path": "/video/piet.mp4", "score": 77, "taken_at": datetime(2024, 1, 10)},
    ],
}  # fmt: skip

MAIL_ROWS: dict[str, list[dict[str, Any]]] = {
    "subscribers": [
        {"id": 100, "email": JAN, "first_name": "Jan", "unsubscribed_at": None},
        {"id": 101, "email": PIET, "first_name": "Piet", "unsubscribed_at": None},
        {"id": 102, "email": SOLO, "first_name": "Sol", "unsubscribed_at": None},
    ],
    "clicks": [
        {"id": 200, "subscriber_id": 100, "url": "https://www.proefdruk.nl/nieuws/1"},
        {"id": 201, "subscriber_id": 100, "url": "https://www.proefdruk.nl/nieuws/2"},
        {"id": 202, "subscriber_id": 101, "url": "https://www.proefdruk.nl/nieuws/1"},
    ],
}


def fill(url: str, metadata: MetaData, rows: dict[str, list[dict[str, Any]]]) -> None:
    """Create the tables and insert the rows."""
    engine = create_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table, values in rows.items():
            conn.execute(insert(metadata.tables[table]), values)
    engine.dispose()


def read_table(url: str, table: str) -> list[dict[str, Any]]:
    """All rows of a table, by primary key, as plain dicts."""
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY id"))]
    engine.dispose()
    return rows
