"""`verify_bindings` compares a register's bindings with the live schema and finds unbound personal data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from waarborg.datasets.connect import connect
from waarborg.datasets.inspect import verify_bindings
from waarborg.register import Register, parse_register
from waarborg.rules import Finding

REGISTER = """
waarborg: 1
controller: {name: Testvereniging, email: privacy@test.example}
statement: {version: "1", date: 2025-01-01}
systems:
  crm:
    name: CRM
    database:
      url_env: TEST_CRM_URL
      tables:
        members:
          primary_key: id
          identities: {email: email}
          activities: [membership]
          events: {membership_ended: ended_at}
          columns:
            email: {category: user.contact.email, erase: hash}
            full_name: {category: user.name}
        fees:
          primary_key: id
          references: {member_id: members.id}
          activities: [membership]
activities:
  membership:
    name: Ledenadministratie
    purposes: [het lidmaatschap uitvoeren]
    subject_groups: [member]
    data_categories: [user.name, user.contact.email]
    legal_basis: contract
    retention: 1 year from membership_ended
"""

EMAILS = [f"lid{i}@example.nl" for i in range(40)]


def _register() -> Register:
    return parse_register(REGISTER)


def _create(url: str, *, drop: tuple[str, ...] = (), extra_table: bool = False, email_length: int = 80) -> None:
    """The members/fees schema with a deliberately unbound `contact_mail` column full of addresses."""
    meta = sa.MetaData()
    columns = [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(email_length)),
        sa.Column("full_name", sa.String(80)),
        sa.Column("ended_at", sa.DateTime),
        sa.Column("contact_mail", sa.String(80)),
        sa.Column("fee_cents", sa.Integer),
    ]
    members = sa.Table("members", meta, *(c for c in columns if c.name not in drop))
    if "fees" not in drop:
        sa.Table("fees", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("member_id", sa.Integer))
    if extra_table:
        sa.Table(
            "staff",
            meta,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("geboortedatum", sa.Date),
            sa.Column("iban", sa.String(34)),
        )
    engine = sa.create_engine(url)
    meta.create_all(engine)
    with engine.begin() as conn:
        rows = [
            {"id": i + 1, "email": e, "full_name": f"Lid {i}", "contact_mail": e, "fee_cents": 9500}
            for i, e in enumerate(EMAILS)
        ]
        conn.execute(members.insert(), [{k: v for k, v in r.items() if k not in drop} for r in rows])
        if extra_table:
            conn.execute(
                meta.tables["staff"].insert(),
                [
                    {"id": 1, "geboortedatum": date(1970, 3, 1), "iban": "NL91ABNA0417164300"},
                    {"id": 2, "geboortedatum": date(1985, 7, 9), "iban": "NL91ABNA0417164300"},
                ],
            )
    engine.dispose()


def _verify(url: str | None) -> list[Finding]:
    register = _register()
    connections = connect(register, {"TEST_CRM_URL": url} if url else {})
    try:
        return verify_bindings(register, connections, today=date(2025, 1, 1))
    finally:
        connections.close()


@pytest.mark.org_engines
def test_unbound_column_full_of_email_addresses_is_reported_with_evidence_only(db_url: str) -> None:
    _create(db_url)
    findings = _verify(db_url)
    assert [(f.rule, f.severity) for f in findings] == [("binding-unbound-personal-data", "warning")]
    finding = findings[0]
    assert "members.contact_mail" in finding.message_en
    assert "40 of 40 sampled values look like e-mail" in finding.message_en
    assert "40 van de 40" in finding.message_nl
    assert finding.path == "systems.crm.database.tables.members"
    assert not any(email in finding.message_en + finding.message_nl for email in EMAILS)


@pytest.mark.org_engines
def test_missing_table_and_missing_bound_columns_are_errors(db_url: str) -> None:
    _create(db_url, drop=("fees", "email", "ended_at"))
    errors = {(f.rule, f.path) for f in _verify(db_url) if f.severity == "error"}
    assert errors == {
        ("binding-table-missing", "systems.crm.database.tables.fees"),
        ("binding-column-missing", "systems.crm.database.tables.members.identities.email"),
        ("binding-column-missing", "systems.crm.database.tables.members.events.membership_ended"),
        ("binding-column-missing", "systems.crm.database.tables.members.columns.email"),
    }


@pytest.mark.org_engines
def test_personal_data_in_a_table_no_binding_names_is_found(db_url: str) -> None:
    _create(db_url, extra_table=True)
    unbound = [f.message_en for f in _verify(db_url) if "staff." in f.message_en]
    assert len(unbound) == 2
    assert any("staff.geboortedatum" in m and "date of birth" in m for m in unbound)
    assert any("staff.iban" in m and "IBAN" in m for m in unbound)


def test_unset_environment_variable_gives_an_info_naming_it() -> None:
    findings = _verify(None)
    assert [(f.rule, f.severity) for f in findings] == [("binding-not-verified", "info")]
    assert "TEST_CRM_URL" in findings[0].message_en


def test_missing_sqlite_file_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "typo.sqlite"
    findings = _verify(f"sqlite:///{target}")
    assert [(f.rule, f.severity) for f in findings] == [("binding-unreachable", "error")]
    assert "database file not found" in findings[0].message_en and str(target) in findings[0].message_en
    assert not target.exists()


@pytest.mark.org_engines
def test_verification_only_reads(db_urls: Callable[[str], str]) -> None:
    url = db_urls("readonly")
    _create(url)
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        before = conn.execute(sa.text("SELECT id, email, contact_mail FROM members ORDER BY id")).all()
    _verify(url)
    with engine.connect() as conn:
        after = conn.execute(sa.text("SELECT id, email, contact_mail FROM members ORDER BY id")).all()
    engine.dispose()
    assert before == after


@pytest.mark.parametrize("sample_rows", [1, 5])
def test_sampling_is_limited_to_the_requested_rows(tmp_path: Path, sample_rows: int) -> None:
    url = f"sqlite:///{tmp_path / 'crm.sqlite'}"
    _create(url)
    register = _register()
    connections = connect(register, {"TEST_CRM_URL": url})
    findings = verify_bindings(register, connections, sample_rows=sample_rows)
    connections.close()
    assert f"{sample_rows} of {sample_rows} sampled values" in findings[0].message_en


@pytest.mark.org_engines
def test_column_too_short_for_its_keyed_hash_is_an_error_where_lengths_are_enforced(db_url: str, db_kind: str) -> None:
    _create(db_url, email_length=40)  # a 64-character HMAC does not fit
    too_short = [f for f in _verify(db_url) if f.rule == "binding-column-too-short"]
    if db_kind == "sqlite":  # SQLite ignores declared lengths, so the erasure would work
        assert too_short == []
    else:
        assert [(f.severity, f.path) for f in too_short] == [
            ("error", "systems.crm.database.tables.members.columns.email.erase")
        ]
        assert "40" in too_short[0].message_en and "64" in too_short[0].message_en
