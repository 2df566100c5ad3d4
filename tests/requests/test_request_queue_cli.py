"""`waarborg request list` filters and `waarborg request show` read the same queue and view as
the office's pages (waarborg.requests.queue)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from request_fixtures import JAN, PIET
from test_request_cli import invoke

from waarborg.requests import queue, workflow
from waarborg.requests.identity import Identity
from waarborg.workspace import Workspace

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def test_list_filters_by_kind_state_and_person_like_the_office(workspace: Workspace) -> None:
    jan_access = workflow.receive(workspace, "access", Identity("email", JAN), "ans", NOW)
    piet_erase = workflow.receive(workspace, "erase", Identity("email", PIET), "ans", NOW - timedelta(days=40))
    workflow.ask_identity(workspace, jan_access, "ans", NOW + timedelta(days=1))
    status, output = invoke(workspace, "list", "--kind", "erase", "--now", "2025-03-02")
    assert status == 0 and piet_erase in output and jan_access not in output and "OVERDUE" in output
    status, output = invoke(workspace, "list", "--identity", f"email={JAN.upper()}", "--format", "json",
                            "--now", "2025-03-02")
    listed = json.loads(output)
    assert [item["id"] for item in listed] == [jan_access] and listed[0]["status"] == "awaiting_identity"
    office = queue.queue(workspace, NOW + timedelta(days=1), queue.QueueFilter(status="awaiting_identity"))
    assert [item["id"] for item in office] == [jan_access]
    status, output = invoke(workspace, "list", "--status", "waiting")
    assert status == 2 and "state 'waiting'" in output


def test_show_prints_the_history_from_the_audit_trail(workspace: Workspace) -> None:
    request_id = workflow.receive(workspace, "access", Identity("email", JAN), "ans", NOW)
    workflow.extend(workspace, request_id, "ans", 2, "veertig jaar archief", NOW + timedelta(days=2))
    status, output = invoke(workspace, "show", request_id, "--now", "2025-03-05")
    assert status == 0, output
    assert "extended by 2 month(s)" in output and "veertig jaar archief" in output
    assert "request.received" in output and "request.extended" in output and "due 2025-06-01" in output
    view = json.loads(invoke(workspace, "show", request_id, "--format", "json")[1])
    assert view["extension"]["months"] == 2 and [e["action"] for e in view["history"]] == [
        "request.received", "request.extended", "request.mailed"]  # the extension went to the requester
    assert invoke(workspace, "show", "no-such-id")[0] == 2
