"""The mailing filter removes, per reason, everyone who may not be mailed, and streams the list."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest
from consent_support import KEY
from hypothesis import given
from hypothesis import strategies as st

from waarborg.consent import suppression
from waarborg.consent.filter import FilterError, Links, filter_mailing, hash_addresses
from waarborg.consent.ledger import ConsentChange, Person, record
from waarborg.consent.preferences import one_click_unsubscribe
from waarborg.consent.subscribers import write_subscribers
from waarborg.datasets.identities import identity_hash
from waarborg.store.models import Restriction
from waarborg.store.sealing import seal

T = datetime(2026, 3, 1, tzinfo=UTC)
LIST = """naam,E-mail,plaats
Ann,ann@example.nl,Delft
Bob,BOB@example.nl ,Gouda
Cor,cor@example.nl,Ede
Dirk,dirk@example.nl,Epe
Eva,eva@example.nl,Lisse
Fem,fem@example.nl,Oss
Geen,,Nergens
Hans,hans@example.nl,Sneek
"""


@pytest.fixture
def filled(store, register):
    """Ann objected, Bob unsubscribed everything, Cor is restricted, Dirk withdrew the newsletter,
    Eva and Hans consented (Hans's restriction was lifted), Fem has no consent at all."""
    with store.session() as session:
        suppression.add(session, KEY, "email", "ann@example.nl", "objection")
        suppression.add(session, KEY, "email", "bob@example.nl", "unsubscribe")
        for who, lifted in (("cor@example.nl", None), ("hans@example.nl", T)):
            session.add(Restriction(identity_kind="email", identity_hash=identity_hash(KEY, "email", who),
                                    identity_sealed=seal(KEY, who), lifted_at=lifted))
        for who, action, at in (("dirk", "given", T), ("dirk", "withdrawn", T + timedelta(days=1)),
                                ("eva", "withdrawn", T), ("eva", "given", T + timedelta(days=2)),
                                ("hans", "given", T), ("cor", "given", T), ("ann", "given", T)):
            record(session, KEY, register, Person("email", f"{who}@example.nl"),
                   ConsentChange("newsletter", action, "paper", {}, at))
    return store


def _filter(store, register, type_key=None, text=LIST, chunk_rows=3):
    out = io.StringIO()
    with store.session() as session:
        report = filter_mailing(session, KEY, register, io.StringIO(text), out, type_key, chunk_rows=chunk_rows)
    return report, [row[0] for row in csv.reader(io.StringIO(out.getvalue()))]


def test_a_consent_mailing_keeps_only_those_with_a_standing_consent(filled, register) -> None:
    report, kept = _filter(filled, register, "newsletter")
    assert kept == ["naam", "Eva", "Hans"]
    assert report.as_dict() == {"mailing_type": "newsletter", "read": 8, "kept": 2, "removed": {
        "no_address": 1, "objection": 1, "suppressed": 1, "restricted": 1, "unsubscribed": 1, "no_consent": 1}}


def test_an_existing_customer_mailing_needs_no_consent_but_honours_every_no(filled, register) -> None:
    report, kept = _filter(filled, register, "customer_mailings")
    assert kept == ["naam", "Dirk", "Eva", "Fem", "Hans"]
    assert report.removed["unsubscribed"] == 0 and report.removed["no_consent"] == 0


def test_without_a_type_only_the_suppression_list_and_restrictions_apply(filled, register) -> None:
    report, kept = _filter(filled, register, None)
    assert kept == ["naam", "Dirk", "Eva", "Fem", "Hans"]
    assert (report.read, report.kept) == (8, 4)


def test_the_result_does_not_depend_on_the_chunk_size(filled, register) -> None:
    results = {tuple(_filter(filled, register, "newsletter", chunk_rows=size)[1]) for size in (1, 2, 5, 1000)}
    assert len(results) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "the file is empty"), ("naam,plaats\nAnn,Delft\n", "no e-mail column"),
     ("email,e-mail\na@b.nl,a@b.nl\n", "more than one e-mail column")],
)
def test_a_list_without_one_address_column_is_refused(filled, register, text, message) -> None:
    with pytest.raises(FilterError, match=message):
        _filter(filled, register, None, text)


@given(st.lists(st.text(max_size=30), max_size=20))
def test_the_filters_fast_hash_is_the_one_identity_rule(addresses: list[str]) -> None:
    expected = [identity_hash(KEY, "email", a) if a.strip() else "" for a in addresses]
    assert hash_addresses(KEY, addresses) == expected


def test_personal_links_are_added_to_kept_rows_and_unsubscribe_that_person(filled, register) -> None:
    out = io.StringIO()
    with filled.session() as session:
        filter_mailing(session, KEY, register, io.StringIO(LIST), out, "newsletter",
                       links=Links("https://privacy.proef.example", "afmelden@proef.example"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [row["naam"] for row in rows] == ["Eva", "Hans"]
    assert rows[0]["list_unsubscribe_post"] == "List-Unsubscribe=One-Click"
    assert rows[0]["list_unsubscribe"].startswith(f"<{rows[0]['unsubscribe_url']}>, <mailto:afmelden@proef.example")
    token = rows[0]["unsubscribe_url"].rsplit("/", 1)[1]
    with filled.session() as session:
        assert one_click_unsubscribe(session, KEY, register, token, T + timedelta(days=5)).withdrawn == ("newsletter",)
    assert _filter(filled, register, "newsletter")[1] == ["naam", "Hans"]


@pytest.mark.parametrize(("type_key", "base", "message"), [(None, "https://x.example", "need the mailing type"),
                                                           ("newsletter", "http://x.example", "https")])
def test_links_need_a_type_and_an_https_base(filled, register, type_key, base, message) -> None:
    with pytest.raises(FilterError, match=message), filled.session() as session:
        filter_mailing(session, KEY, register, io.StringIO(LIST), io.StringIO(), type_key, links=Links(base))


def test_the_subscribers_of_a_type_come_from_the_ledger_with_their_sealed_address(filled, register) -> None:
    with filled.session() as session:
        record(session, KEY, register, Person("email", "Ina@Example.nl"),
               ConsentChange("newsletter", "given", "web_form", {}, T), contact=True)
        out = io.StringIO()
        report = write_subscribers(session, KEY, register, "newsletter", out)
    assert out.getvalue().splitlines() == ["email", "ina@example.nl"]
    # Eva, Hans, Cor and Ann consented without a stored address (paper, contact=False); Dirk withdrew.
    assert (report.written, report.without_address) == (1, 4)


def test_on_sqlite_each_lookup_probes_an_index_from_the_staged_chunk(sqlite_store) -> None:
    """Without this the filter scans the whole suppression list and ledger once per chunk."""
    from sqlalchemy import text

    from waarborg.consent import filter as mailing_filter

    with sqlite_store.session() as session:
        mailing_filter._stage(session.connection(), {"0" * 64})
        for query in (mailing_filter._SUPPRESSED, mailing_filter._RESTRICTED, mailing_filter._CONSENTS):
            plan = " | ".join(row[3] for row in session.execute(text(f"EXPLAIN QUERY PLAN {query.text}"),
                                                                 {"purpose": "newsletter"}))
            assert plan.startswith("SCAN t | SEARCH ") and "USING INDEX" in plan, plan
