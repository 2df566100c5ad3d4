"""Restriction reasons are sealed, and a killed request is shown failed and retried once its
lease has expired (issue 10, item 6)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from request_fixtures import JAN, NOW
from sqlalchemy import select, text, update

from waarborg.requests.identity import Identity
from waarborg.requests.restrict import restrict_fulfilment, restriction_reason
from waarborg.requests.runner import INTERRUPTED, Fulfilment, RequestBusy, list_requests, run_request
from waarborg.store import AuditEntry, DataSubjectRequest, Restriction
from waarborg.store.models import utcnow
from waarborg.workspace import Workspace

REASON = f"disputes the address {JAN} (Art. 18(1)(a))"


def test_a_restriction_reason_is_sealed_not_stored_as_typed(workspace: Workspace) -> None:
    outcome = run_request(workspace, "restrict", Identity("email", JAN), restrict_fulfilment(False, REASON), now=NOW)
    assert outcome.status == "completed"
    with workspace.store.session() as session:
        stored = session.execute(text("SELECT reason FROM restrictions")).scalar_one()
        restriction = session.execute(select(Restriction)).scalar_one()
    assert JAN not in stored and "disputes" not in stored
    assert restriction_reason(restriction, workspace.erasure_key()) == REASON


def test_a_reason_stored_in_plain_by_an_older_version_is_sealed_when_the_store_opens(workspace: Workspace) -> None:
    with workspace.store.session() as session:
        session.add(Restriction(identity_kind="email", identity_hash="a" * 64, identity_sealed="x", reason=REASON))
    reopened = Workspace(workspace.root, workspace.register_path, workspace.env)
    with reopened.store.session() as session:
        stored = session.execute(text("SELECT reason FROM restrictions")).scalar_one()
        restriction = session.execute(select(Restriction)).scalar_one()
    reopened.close()
    assert JAN not in stored
    assert restriction_reason(restriction, workspace.erasure_key()) == REASON


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs, not even the runner's failure handling."""


def _killed(context) -> Fulfilment:
    raise Killed


def _request(workspace: Workspace) -> DataSubjectRequest:
    with workspace.store.session() as session:
        return session.execute(select(DataSubjectRequest)).scalar_one()


def test_a_killed_request_is_shown_failed_after_its_lease_expires_and_is_retried(workspace: Workspace) -> None:
    identity = Identity("email", JAN)
    with pytest.raises(Killed):
        run_request(workspace, "access", identity, _killed, now=NOW)
    assert _request(workspace).status == "in_progress"
    with pytest.raises(RequestBusy, match="being worked on"):  # the lease still runs: not run twice
        run_request(workspace, "access", identity, lambda context: Fulfilment({}), now=NOW)
    with workspace.store.session() as session:
        session.execute(update(DataSubjectRequest).values(lease_expires_at=utcnow() - timedelta(seconds=1)))
    shown = list_requests(workspace, open_only=True)
    assert [(r.status, r.error) for r in shown] == [("failed", "interrupted: the run ended without an outcome")]
    retried = run_request(workspace, "access", identity, lambda context: Fulfilment({"tables": {}}), now=NOW)
    assert (retried.request_id, retried.status, retried.attempts) == (shown[0].id, "completed", 2)
    assert _request(workspace).lease_expires_at is None
    with workspace.store.session() as session:
        actions = list(session.execute(select(AuditEntry.action).order_by(AuditEntry.seq)).scalars())
    assert actions == ["request.received", "request.started", "request.failed", "request.started",
                       "request.completed"]


def test_a_request_held_by_a_process_that_died_is_failed_at_once(workspace: Workspace) -> None:
    with pytest.raises(Killed):
        run_request(workspace, "access", Identity("email", JAN), _killed, now=NOW)
    with workspace.store.session() as session:  # the holder's pid no longer exists on this host
        holder = _request(workspace).lease_holder
        assert holder is not None
        host = holder.split(":")[0]
        session.execute(update(DataSubjectRequest).values(lease_holder=f"{host}:999999999:dead"))
    assert [r.status for r in list_requests(workspace)] == ["failed"]


def test_an_objection_awaiting_a_decision_is_not_taken_for_a_killed_one(workspace: Workspace) -> None:
    outcome = run_request(workspace, "access", Identity("email", JAN),
                          lambda context: Fulfilment({"to_weigh": ["x"]}, status="in_progress"), now=NOW)
    assert outcome.status == "in_progress"
    assert _request(workspace).lease_expires_at is None
    assert [r.status for r in list_requests(workspace)] == ["in_progress"]


RUN_AND_HANG = """
import json, sys, time
from pathlib import Path
from waarborg.requests.identity import Identity
from waarborg.requests.runner import run_request
from waarborg.workspace import Workspace

root, marker = Path(sys.argv[1]), Path(sys.argv[2])
workspace = Workspace(root, root / "waarborg.yaml", json.loads(sys.argv[3]))

def hang(context):
    marker.write_text("started")
    time.sleep(120)

run_request(workspace, "access", Identity("email", "jan@example.nl"), hang)
"""


def test_a_request_whose_process_is_killed_is_failed_and_retried(workspace: Workspace, tmp_path) -> None:
    import json
    import signal
    import subprocess
    import sys
    import time

    marker = tmp_path / "started"
    child = subprocess.Popen([sys.executable, "-c", RUN_AND_HANG, str(workspace.root), str(marker),
                              json.dumps(dict(workspace.env))])
    deadline = time.monotonic() + 60
    while not marker.exists() and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert marker.exists(), "the child never started the request"
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert [(r.status, r.error) for r in list_requests(workspace)] == [("failed", INTERRUPTED)]
    retried = run_request(workspace, "access", Identity("email", JAN), lambda context: Fulfilment({}), now=NOW)
    assert (retried.status, retried.attempts) == ("completed", 2)
