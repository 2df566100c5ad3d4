"""`waarborg demo build` and the live binding check of `waarborg check`."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from waarborg.cli import check, demo

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("check")(check.check)
    app.add_typer(demo.app, name="demo")
    return app


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws")
    result = runner.invoke(
        _app(), ["demo", "build", str(root), "--persons", "60", "--seed", "2", "--as-of", "2025-06-01"]
    )
    assert result.exit_code == 0, result.output
    return root


def _env(root: Path) -> dict[str, str]:
    lines = (root / ".env").read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def test_build_prints_speed_and_the_environment_to_set(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["demo", "build", str(tmp_path), "-n", "20", "--as-of", "2025-06-01"])
    assert result.exit_code == 0, result.output
    assert "rows/s" in result.output
    assert f"export WAARBORG_CRM_URL=sqlite:///{tmp_path.resolve() / 'crm.sqlite'}" in result.output
    assert "export WAARBORG_NEWSLETTER_URL=" in result.output


def test_build_into_an_existing_workspace_fails_cleanly(workspace: Path) -> None:
    result = runner.invoke(_app(), ["demo", "build", str(workspace), "-n", "5"])
    assert result.exit_code == 2
    assert "already holds" in result.output and "--force" in result.output


def test_build_rejects_a_bad_date(tmp_path: Path) -> None:
    result = runner.invoke(_app(), ["demo", "build", str(tmp_path / "x"), "--as-of", "1 juni"])
    assert result.exit_code == 2
    assert not (tmp_path / "x").exists()


def test_check_without_database_urls_says_the_bindings_were_not_verified(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WAARBORG_CRM_URL", raising=False)
    monkeypatch.delenv("WAARBORG_NEWSLETTER_URL", raising=False)
    register = tmp_path / "waarborg.yaml"  # the register alone: no .env beside it
    shutil.copy(workspace / "waarborg.yaml", register)
    result = runner.invoke(_app(), ["check", str(register), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "binding-not-verified" in result.output and "WAARBORG_CRM_URL is unset" in result.output


def test_check_reads_the_database_urls_from_the_workspace_dotenv(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WAARBORG_CRM_URL", raising=False)
    monkeypatch.delenv("WAARBORG_NEWSLETTER_URL", raising=False)
    result = runner.invoke(_app(), ["check", str(workspace / "waarborg.yaml"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "binding-not-verified" not in result.output


def test_check_with_database_urls_verifies_the_demo_clean(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in _env(workspace).items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(_app(), ["check", str(workspace / "waarborg.yaml")])
    assert result.exit_code == 0, result.output
    assert "binding-" not in result.output


def test_check_no_live_skips_the_databases(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WAARBORG_CRM_URL", raising=False)
    result = runner.invoke(_app(), ["check", str(workspace / "waarborg.yaml"), "--no-live"])
    assert result.exit_code == 0
    assert "binding-" not in result.output


def test_check_fails_on_a_dropped_table_and_warns_about_an_unbound_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(_app(), ["demo", "build", str(tmp_path), "-n", "40", "--as-of", "2025-06-01"])
    with sqlite3.connect(tmp_path / "crm.sqlite") as conn:
        conn.execute("DROP TABLE request_log")
        conn.execute("ALTER TABLE persons ADD COLUMN private_mail TEXT")
        conn.execute("UPDATE persons SET private_mail = 'p' || id || '@example.org'")
    for name, value in _env(tmp_path).items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(_app(), ["check", str(tmp_path / "waarborg.yaml"), "--format", "json"])
    assert result.exit_code == 1
    assert '"rule": "binding-table-missing"' in result.output
    assert '"rule": "binding-unbound-personal-data"' in result.output
    assert "@example.org" not in result.output
