"""A workspace reads database URLs from a `.env` beside its register; the process environment wins."""

from __future__ import annotations

from pathlib import Path

from waarborg.workspace import workspace_env


def test_dotenv_values_are_read_with_export_quotes_and_comments(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "# the demo databases\nexport WAARBORG_CRM_URL='sqlite:///crm.sqlite'\nWAARBORG_NEWSLETTER_URL=\"sqlite:///n.sqlite\"\n"
        "not a setting\n",
        encoding="utf-8",
    )
    env = workspace_env(tmp_path, environ={})
    assert env == {"WAARBORG_CRM_URL": "sqlite:///crm.sqlite", "WAARBORG_NEWSLETTER_URL": "sqlite:///n.sqlite"}


def test_process_environment_wins_over_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("WAARBORG_CRM_URL=sqlite:///from-file.sqlite\n", encoding="utf-8")
    env = workspace_env(tmp_path, environ={"WAARBORG_CRM_URL": "postgresql+psycopg://db/crm"})
    assert env["WAARBORG_CRM_URL"] == "postgresql+psycopg://db/crm"


def test_no_dotenv_means_just_the_environment(tmp_path: Path) -> None:
    assert workspace_env(tmp_path, environ={"A": "1"}) == {"A": "1"}
