"""Rectification (16), restriction (18), objection (21) and portability (20) on real databases."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from request_fixtures import ERASURE_KEY, JAN, NOW, PIET, SOLO, read_table
from sqlalchemy import select

from waarborg.consent import suppression
from waarborg.register import Register
from waarborg.requests.corrections import parse_corrections
from waarborg.requests.identity import Identity
from waarborg.requests.objection import ObjectionError, object_fulfilment
from waarborg.requests.port import port_fulfilment, portable_columns
from waarborg.requests.rectify import rectify_fulfilment
from waarborg.requests.restrict import restrict_fulfilment
from waarborg.requests.runner import run_request
from waarborg.retention.exclusions import paused_identities
from waarborg.store import DataSubjectRequest, Restriction
from waarborg.workspace import Workspace

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

KEY = ERASURE_KEY.encode()


def test_rectification_updates_the_named_field_of_the_person_only(
    workspace: Workspace, database_urls: Mapping[str, str], register: Register
) -> None:
    corrections = parse_corrections(["persons.phone=0611112222"], register)
    outcome = run_request(workspace, "rectify", Identity("email", JAN), rectify_fulfilment(corrections), now=NOW)
    assert outcome.status == "completed" and outcome.result["updated"] == {"crm.persons.phone": 1}
    persons = read_table(database_urls["crm"], "persons")
    assert [p["phone"] for p in persons] == ["0611112222", "0687654321"]


def test_rectified_email_is_corrected_where_other_databases_follow_it(
    workspace: Workspace, database_urls: Mapping[str, str], register: Register
) -> None:
    corrections = parse_corrections(["persons.email=jan.jansen@example.nl"], register)
    outcome = run_request(workspace, "rectify", Identity("email", JAN), rectify_fulfilment(corrections), now=NOW)
    assert outcome.result["updated"] == {"crm.persons.email": 1, "mail.subscribers.email": 1}
    assert read_table(database_urls["mail"], "subscribers")[0]["email"] == "jan.jansen@example.nl"
    assert JAN not in json.dumps(outcome.result) and "jan.jansen" not in json.dumps(outcome.result)


def test_hostile_value_is_stored_as_text_not_run_as_sql(
    workspace: Workspace, database_urls: Mapping[str, str], register: Register
) -> None:
    hostile = "x'; DROP TABLE persons; --"
    corrections = parse_corrections([f"persons.last_name={hostile}"], register)
    run_request(workspace, "rectify", Identity("email", JAN), rectify_fulfilment(corrections), now=NOW)
    assert read_table(database_urls["crm"], "persons")[0]["last_name"] == hostile


def test_rectify_dry_run_changes_nothing(
    workspace: Workspace, database_urls: Mapping[str, str], register: Register
) -> None:
    corrections = parse_corrections(["persons.phone=0611112222"], register)
    fulfil = rectify_fulfilment(corrections)
    preview = run_request(workspace, "rectify", Identity("email", JAN), fulfil, now=NOW, dry_run=True)
    assert preview.result["updated"] == {"crm.persons.phone": 1}
    assert read_table(database_urls["crm"], "persons")[0]["phone"] == "0612345678"


def test_restriction_pauses_sweeps_and_marketing_until_lifted(workspace: Workspace) -> None:
    outcome = run_request(workspace, "restrict", Identity("email", JAN), restrict_fulfilment(), now=NOW)
    assert outcome.result == {"restricted": True, "changed": True}
    with workspace.store.session() as session:
        (restriction,) = session.execute(select(Restriction)).scalars()
        assert JAN not in restriction.identity_sealed
        assert ("email", JAN) in paused_identities(session, KEY)  # the sweep can find the person again
        assert suppression.allowed_recipients(session, KEY, "email", [JAN, PIET]) == [PIET]
    lifted = run_request(workspace, "restrict", Identity("email", JAN), restrict_fulfilment(lift=True), now=NOW)
    assert lifted.result == {"restricted": False, "changed": True}
    with workspace.store.session() as session:
        assert paused_identities(session, KEY) == set()
        assert suppression.allowed_recipients(session, KEY, "email", [JAN, PIET]) == [JAN, PIET]


def test_restricting_twice_keeps_one_active_restriction(workspace: Workspace) -> None:
    run_request(workspace, "restrict", Identity("email", JAN), restrict_fulfilment(), now=NOW)
    again = run_request(workspace, "restrict", Identity("email", JAN), restrict_fulfilment(), now=NOW)
    assert again.result["changed"] is False
    with workspace.store.session() as session:
        assert len(session.execute(select(Restriction)).all()) == 1


def test_objection_to_direct_marketing_puts_the_person_on_the_suppression_list(
    workspace: Workspace, register: Register
) -> None:
    outcome = run_request(workspace, "object", Identity("email", SOLO), object_fulfilment(register), now=NOW)
    assert outcome.status == "completed" and outcome.result["suppressed"] is True
    with workspace.store.session() as session:
        assert suppression.allowed_recipients(session, KEY, "email", [JAN, SOLO]) == [JAN]


def test_objection_to_legitimate_interests_stays_open_for_the_privacy_officer(
    workspace: Workspace, register: Register
) -> None:
    fulfil = object_fulfilment(register, ["referrals"])
    outcome = run_request(workspace, "object", Identity("email", JAN), fulfil, now=NOW)
    assert outcome.status == "in_progress" and outcome.result["to_weigh"] == ["referrals"]
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, outcome.request_id)
        assert request is not None and request.status == "in_progress"
        assert ("email", JAN) in paused_identities(session, KEY)  # open: sweeps leave the data alone
        assert not suppression.contains(session, KEY, "email", JAN)


@pytest.mark.parametrize(
    ("activities", "message"),
    [(["membership"], "rests on contract"), (["nope"], "unknown activity 'nope'")],
)
def test_objection_to_an_activity_it_cannot_cover_is_refused(
    register: Register, activities: list[str], message: str
) -> None:
    with pytest.raises(ObjectionError, match=message):
        object_fulfilment(register, activities)


def test_portable_columns_are_those_given_under_consent_or_contract(register: Register) -> None:
    assert portable_columns(register) == {
        ("crm", "persons"): ["member_no", "email", "first_name", "last_name", "phone"],  # not employer (3rd party)
        ("crm", "invoices"): ["billing_email"],  # amounts are kept for the fiscal duty, not given by contract
        ("crm", "exam_recordings"): ["video_path", "score"],
        ("mail", "subscribers"): ["email", "first_name"],
        ("mail", "clicks"): ["url"],
    }


def test_portability_package_holds_only_portable_columns(workspace: Workspace, tmp_path: Path) -> None:
    outcome = run_request(workspace, "port", Identity("email", JAN), port_fulfilment(tmp_path), now=NOW)
    package = tmp_path / outcome.result["package"]
    data = json.loads((package / "data.json").read_text(encoding="utf-8"))["data"]
    assert data["crm.persons"] == [
        {"member_no": "M-1001", "email": JAN, "first_name": "Jan", "last_name": "Jansen", "phone": "0612345678"}
    ]
    assert data["crm.invoices"] == [{"billing_email": JAN}, {"billing_email": JAN}]
    assert sorted(p.name for p in package.iterdir()) == sorted(
        ["data.json", *(f"{t}.csv" for t in outcome.result["tables"])]
    )
