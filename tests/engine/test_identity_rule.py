"""One identity rule: e-mail identities are lower(trim(value)) for finding and hashing, in Python and SQL
alike; a restricted person stored with capitals is skipped by sweeps and found by replay."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from engine_fixture import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import literal, select, text

from waarborg.datasets.connect import Connections
from waarborg.datasets.erase import identity_hash_expr, keyed_hash
from waarborg.datasets.graph import find_person, find_person_by_hash
from waarborg.datasets.identities import identity_hash, is_email_kind, normalise_identity, normalised_sql
from waarborg.register import Register
from waarborg.requests.identity import Identity
from waarborg.requests.restrict import restrict_fulfilment
from waarborg.requests.runner import run_request
from waarborg.retention.sweep import run_sweep
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

KEY = b"n" * 32
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


@pytest.mark.parametrize(
    ("kind", "value", "normalised"),
    [
        ("email", "Jan@Example.nl ", "jan@example.nl"),
        ("email", "  JAN@EXAMPLE.NL", "jan@example.nl"),
        ("e-mail", "Jan@Example.nl", "jan@example.nl"),
        ("emailadres", "Jan@Example.nl", "jan@example.nl"),
        ("email", "\tJan@Example.nl", "\tjan@example.nl"),  # only spaces are trimmed, as SQL trim() does
        ("email", "ÉMILE@Example.be", "Émile@example.be"),  # only A-Z are folded, as SQL lower() does here
        ("member_number", " M-1001 ", " M-1001 "),  # other kinds are used exactly as given
        ("bsn", "123456782", "123456782"),
    ],
)
def test_identity_values_are_normalised_by_one_rule(kind: str, value: str, normalised: str) -> None:
    assert normalise_identity(kind, value) == normalised
    assert identity_hash(KEY, kind, value) == keyed_hash(KEY, normalised)


@pytest.mark.parametrize(
    ("kind", "email"), [("email", True), ("E_Mail", True), ("mail", True), ("member_number", False)]
)
def test_email_kinds_are_recognised_by_name(kind: str, email: bool) -> None:
    assert is_email_kind(kind) is email


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(TEXT, st.sampled_from(["Jan@Example.nl ", " ÉMILE@X.BE ", "a\u0130B@x.nl", "ǅ@x"])))
def test_sql_normalises_and_hashes_exactly_as_python(connections: Connections, value: str) -> None:
    with connections.engine("crm").connect() as conn:
        dialect = conn.dialect.name
        normalised = conn.execute(select(normalised_sql(dialect, "email", literal(value)))).scalar_one()
        hashed = conn.execute(select(identity_hash_expr(dialect, "email", literal(value), KEY))).scalar_one()
    assert normalised == normalise_identity("email", value)
    assert hashed == identity_hash(KEY, "email", value)


def _mixed_case_bram(workspace_or_connections: Workspace | Connections) -> None:
    """Store Bram's address with capitals and a trailing space in both databases, as a CRM might."""
    connections = (
        workspace_or_connections.connections()
        if isinstance(workspace_or_connections, Workspace)
        else workspace_or_connections
    )
    for system, table in (("crm", "persons"), ("newsletter", "subscribers")):
        with connections.engine(system).begin() as conn:
            conn.execute(text(f"UPDATE {table} SET email = 'Bram@Example.NL ' WHERE id = 2"))


def test_a_person_stored_with_capitals_is_found_by_the_plain_address(
    fixture_register: Register, connections: Connections
) -> None:
    _mixed_case_bram(connections)
    plain = find_person(fixture_register, connections, "email", "bram@example.nl")
    found = {(r.system, r.table): r.keys for r in plain}
    assert found == {("crm", "persons"): [2], ("crm", "registrations"): [3], ("newsletter", "subscribers"): [2]}
    hashed = identity_hash(KEY, "email", "BRAM@example.nl")
    by_hash = find_person_by_hash(fixture_register, connections, "email", hashed, KEY)
    assert {(r.system, r.table): r.keys for r in by_hash} == found


def test_sweep_skips_a_restricted_person_stored_with_capitals(fresh_workspace: Workspace) -> None:
    _mixed_case_bram(fresh_workspace)
    outcome = run_request(
        fresh_workspace, "restrict", Identity("email", "bram@example.nl"), restrict_fulfilment(),
        now=datetime(2026, 5, 1, tzinfo=UTC),
    )
    assert outcome.status == "completed"
    run_sweep(fresh_workspace, now=NOW)
    with fresh_workspace.connections().engine("crm").connect() as conn:
        names = dict(conn.execute(text("SELECT id, first_name FROM persons WHERE id IN (2, 4)")).all())
    with fresh_workspace.connections().engine("newsletter").connect() as conn:
        subscribers = dict(conn.execute(text("SELECT id, name FROM subscribers WHERE id IN (2, 3)")).all())
    assert names == {2: "Bram", 4: "[verwijderd]"}  # Bram is restricted, Dirk was swept
    assert subscribers == {2: "Bram", 3: None}  # in the other database too; Fenna was swept


def test_sweep_records_and_stores_the_identity_hash_of_a_person_stored_with_capitals(
    fresh_workspace: Workspace,
) -> None:
    _mixed_case_bram(fresh_workspace)
    run_sweep(fresh_workspace, now=NOW)
    key = fresh_workspace.erasure_key()
    with fresh_workspace.store.session() as session:
        entries = session.execute(select(ErasureLedgerEntry)).scalars().all()
    recorded = {h for e in entries if e.table_name == "persons" for h in e.hashes()}
    with fresh_workspace.connections().engine("crm").connect() as conn:
        stored = conn.execute(text("SELECT email FROM persons WHERE id = 2")).scalar_one()
    assert identity_hash(key, "email", "bram@example.nl") in recorded
    assert stored == identity_hash(key, "email", "bram@example.nl")
