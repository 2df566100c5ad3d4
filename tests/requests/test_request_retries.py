"""A retry is the same request with the same content, or a new one (issue 10, item 5)."""

from __future__ import annotations

from collections.abc import Mapping

from request_fixtures import JAN, NOW, PIET, read_table
from sqlalchemy import create_engine, select

from waarborg.register import Register
from waarborg.requests.corrections import parse_corrections
from waarborg.requests.identity import Identity
from waarborg.requests.objection import object_fulfilment
from waarborg.requests.rectify import rectify_fulfilment
from waarborg.requests.restrict import restrict_fulfilment
from waarborg.requests.runner import RequestOutcome, run_request
from waarborg.store import DataSubjectRequest
from waarborg.workspace import Workspace


def _unique_email(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE UNIQUE INDEX persons_email_unique ON persons (email)")
    engine.dispose()


def _rectify(workspace: Workspace, register: Register, *corrections: str) -> RequestOutcome:
    fulfil = rectify_fulfilment(parse_corrections(list(corrections), register))
    return run_request(workspace, "rectify", Identity("email", JAN), fulfil, now=NOW)


def _requests(workspace: Workspace) -> dict[str, tuple[str, int]]:
    with workspace.store.session() as session:
        rows = session.execute(select(DataSubjectRequest.id, DataSubjectRequest.status, DataSubjectRequest.attempts))
        return {request_id: (status, attempts) for request_id, status, attempts in rows}


def test_a_rectify_with_other_corrections_is_a_new_request_not_a_retry(
    workspace: Workspace, database_urls: Mapping[str, str], register: Register
) -> None:
    _unique_email(database_urls["crm"])
    clash = _rectify(workspace, register, f"persons.email={PIET}")  # B's address: the unique key refuses
    assert clash.status == "failed"
    other = _rectify(workspace, register, "persons.first_name=Johannes")
    assert other.request_id != clash.request_id
    assert (other.status, other.attempts) == ("completed", 1)
    assert _requests(workspace)[str(clash.request_id)] == ("failed", 1)  # still open, not shown completed
    assert [p["email"] for p in read_table(database_urls["crm"], "persons")] == [JAN, PIET]


def test_the_same_corrections_again_retry_the_failed_request(
    workspace: Workspace, database_urls: Mapping[str, str], register: Register
) -> None:
    _unique_email(database_urls["crm"])
    first = _rectify(workspace, register, "persons.phone=0600000000", f"persons.email={PIET}")
    again = _rectify(workspace, register, f"persons.email={PIET}", "persons.phone=0600000000")  # order is no content
    assert again.request_id == first.request_id
    assert (again.status, again.attempts) == ("failed", 2)


def test_lifting_a_restriction_is_not_a_retry_of_imposing_it(workspace: Workspace) -> None:
    identity = Identity("email", JAN)
    imposed = run_request(workspace, "restrict", identity, restrict_fulfilment(False, None), now=NOW)
    assert imposed.status == "completed"
    lifted = run_request(workspace, "restrict", identity, restrict_fulfilment(True, None), now=NOW)
    assert lifted.request_id != imposed.request_id


def test_an_objection_to_other_activities_is_another_request(workspace: Workspace, register: Register) -> None:
    identity = Identity("email", JAN)
    weighed = [key for key, a in register.activities.items() if a.legal_basis == "legitimate_interests"]
    assert weighed, "the fixture register needs an activity on legitimate interests"
    open_one = run_request(workspace, "object", identity, object_fulfilment(register, weighed[:1]), now=NOW)
    assert open_one.status == "in_progress"
    marketing = run_request(workspace, "object", identity, object_fulfilment(register, []), now=NOW)
    assert marketing.request_id != open_one.request_id and marketing.status == "completed"
    assert _requests(workspace)[str(open_one.request_id)] == ("in_progress", 1)
