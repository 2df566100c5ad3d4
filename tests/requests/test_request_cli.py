"""`waarborg request ...`: thin commands over the request services, with clean errors."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from request_fixtures import JAN, read_table
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.workspace import Workspace

runner = CliRunner()


def invoke(workspace: Workspace, *args: str) -> tuple[int, str]:
    result = runner.invoke(
        build_app(), ["request", *args, "--register", str(workspace.register_path)], env=dict(workspace.env)
    )
    return result.exit_code, result.output


def test_erase_prints_what_was_kept_and_why(workspace: Workspace) -> None:
    status, output = invoke(workspace, "erase", "--identity", f"email={JAN}", "--now", "2024-06-01")
    assert status == 0, output
    assert "completed erase request" in output
    assert "kept crm.invoices amount, invoice_date: bookkeeping (legal_obligation" in output
    assert "until 2030-03-01" in output
    assert JAN not in output


def test_access_writes_the_package_into_the_output_directory(workspace: Workspace, tmp_path: Path) -> None:
    args = ["access", "--identity", f"email={JAN}", "--output", str(tmp_path), "--no-pdf", "--format", "json"]
    status, output = invoke(workspace, *args)
    assert status == 0, output
    summary = json.loads(output)
    assert summary["status"] == "completed" and summary["result"]["tables"]["crm.persons"] == 1
    assert (tmp_path / summary["result"]["package"] / "letter.html").is_file()


def test_rectify_with_a_column_outside_the_binding_changes_nothing(
    workspace: Workspace, database_urls: Mapping[str, str]
) -> None:
    status, output = invoke(workspace, "rectify", "--identity", f"email={JAN}", "--set", "persons.id=99")
    assert status == 2
    assert "'id' is not a bound personal-data column" in output
    assert [p["id"] for p in read_table(database_urls["crm"], "persons")] == [1, 2]
    assert invoke(workspace, "list")[1] == ""  # nothing recorded


def test_unknown_identity_kind_is_bad_input(workspace: Workspace) -> None:
    status, output = invoke(workspace, "erase", "--identity", "bsn=123456782")
    assert status == 2 and "unknown identity kind 'bsn'" in output


def test_failed_request_exits_1_and_says_how_to_retry(workspace: Workspace) -> None:
    broken = Workspace(workspace.root, workspace.register_path, {**workspace.env, "WB_TEST_MAIL_URL": ""})
    status, output = invoke(broken, "erase", "--identity", f"email={JAN}")
    assert status == 1
    assert "WB_TEST_MAIL_URL" in output and "run the same command again" in output
    status, output = invoke(workspace, "list", "--open")
    assert "erase    failed" in output and "attempts 1" in output


def test_a_request_for_someone_without_data_says_no_data_were_found(workspace: Workspace, tmp_path: Path) -> None:
    commands = [
        ["access", "--output", str(tmp_path), "--no-pdf"], ["erase"], ["port", "--output", str(tmp_path)],
        ["rectify", "--set", "persons.phone=0611112222"],
    ]
    for command in commands:
        status, output = invoke(workspace, command[0], "--identity", "email=nobody@example.org", *command[1:])
        assert status == 0, output
        assert "no data found: this person has no rows in any bound database (0 rows)" in output, command[0]
    status, output = invoke(workspace, "access", "--identity", f"email={JAN}", "--output", str(tmp_path), "--no-pdf")
    assert status == 0 and "no data found" not in output and "crm.persons: 1 row(s)" in output
