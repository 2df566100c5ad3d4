"""A database URL naming a SQLite file that is not there is refused, and nothing is created
(SQLite would make an empty file and fail later with "no such table")."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_fixture import ENV_CRM
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.datasets.connect import BindingConnectionError, connect, missing_sqlite_file
from waarborg.register import Register
from waarborg.workspace import Workspace


def test_a_missing_sqlite_file_is_refused_naming_file_system_and_variable(
    fixture_register: Register, tmp_path: Path
) -> None:
    target = tmp_path / "typo" / "crm.sqlite"
    connections = connect(fixture_register, {ENV_CRM: f"sqlite:///{target}"})
    with pytest.raises(BindingConnectionError) as raised:
        connections.engine("crm")
    message = str(raised.value)
    assert "database file not found" in message and str(target) in message
    assert "'crm'" in message and ENV_CRM in message
    assert not target.exists() and not target.parent.exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "postgresql+psycopg://db/crm"])
def test_urls_without_a_local_file_are_not_taken_for_missing_files(url: str) -> None:
    assert missing_sqlite_file(url) is None


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    "command",
    [["sweep"], ["sweep", "--dry-run"], ["index"],
     ["request", "access", "--identity", "email=anna@example.nl", "--no-pdf"],
     ["request", "erase", "--identity", "email=anna@example.nl"]],
    ids=["sweep", "sweep-dry-run", "index", "access", "erase"],
)
def test_commands_refuse_a_missing_database_file_and_create_nothing(
    fresh_workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: list[str]
) -> None:
    target = tmp_path / "elsewhere" / "crm.sqlite"
    for name, value in {**fresh_workspace.env, ENV_CRM: f"sqlite:///{target}"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(build_app(), [*command, "--register", str(fresh_workspace.register_path)])
    assert result.exit_code != 0
    output = " ".join(result.output.split())
    assert "database file not found" in output and "crm.sqlite" in output, output
    assert not target.exists() and not target.parent.exists()
