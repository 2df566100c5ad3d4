"""The consent and mailing commands: thin shells that print counts, never addresses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from consent_support import REGISTER
from typer.testing import CliRunner

from waarborg.cli.app import build_app

runner = CliRunner()
IMPORT = """email,purpose,action,at
jan@example.nl,newsletter,subscribed,2024-02-01
piet@example.nl,newsletter,subscribed,2024-02-01
piet@example.nl,newsletter,unsubscribed,2024-03-01
"""
LIST = "email,name\njan@example.nl,Jan\npiet@example.nl,Piet\nkees@example.nl,Kees\n"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(REGISTER, tmp_path / "waarborg.yaml")
    monkeypatch.setenv("WAARBORG_ERASURE_KEY", "c" * 40)
    monkeypatch.setenv("WAARBORG_DATABASE_URL", f"sqlite:///{tmp_path / 'state.sqlite'}")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "export.csv").write_text(IMPORT, encoding="utf-8")
    (tmp_path / "list.csv").write_text(LIST, encoding="utf-8")
    return tmp_path


def _run(*args: str):
    return runner.invoke(build_app(), list(args))


def test_import_then_filter_keeps_only_the_consenting_and_prints_no_address(workspace: Path) -> None:
    first = _run("consent", "import", "export.csv")
    assert first.exit_code == 0
    assert "3 rows: 3 recorded, 0 already in the ledger, 1 put on the suppression list" in first.output
    again = _run("consent", "import", "export.csv")
    assert "3 rows: 0 recorded, 3 already in the ledger, 0 put on the suppression list" in again.output
    result = _run("mailing", "filter", "list.csv", "-o", "out.csv", "--type", "newsletter")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "read 3, kept 1, removed 2 (suppressed 1, no_consent 1)"
    assert "@" not in result.output
    assert (workspace / "out.csv").read_text() == "email,name\njan@example.nl,Jan\n"
    assert not list(workspace.glob(".out.csv*"))


def test_filter_counts_as_json(workspace: Path) -> None:
    _run("consent", "import", "export.csv")
    result = _run("mailing", "filter", "list.csv", "-o", "out.csv", "--json")
    assert json.loads(result.output)["removed"]["suppressed"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [(("mailing", "filter", "list.csv", "--type", "membership"), "--type: unknown mailing type 'membership'"),
     (("mailing", "filter", "missing.csv"), "missing.csv: no such file"),
     (("consent", "give", "--identity", "email=jan@example.nl", "--purpose", "lottery"), "unknown purpose 'lottery'"),
     (("consent", "proof", "--identity", "jan"), "--identity: write KIND=VALUE")],
)
def test_bad_input_exits_2_with_a_clear_message(workspace: Path, args, message) -> None:
    result = _run(*args)
    assert result.exit_code == 2 and message in result.output


def test_a_bad_import_names_the_line_and_writes_nothing(workspace: Path) -> None:
    (workspace / "bad.csv").write_text(IMPORT + "jan@example.nl,newsletter,given,someday\n", encoding="utf-8")
    result = _run("consent", "import", "bad.csv")
    assert result.exit_code == 2 and "bad.csv:5: at: 'someday' is not a date" in result.output
    proof = _run("consent", "proof", "--identity", "email=jan@example.nl")
    assert json.loads(proof.output)["events"] == []


def test_give_and_withdraw_take_the_same_options_and_the_proof_shows_both(workspace: Path) -> None:
    for verb in ("give", "withdraw"):
        result = _run("consent", verb, "--identity", "email=jan@example.nl", "--purpose", "newsletter",
                      "--evidence", "form 12")
        assert result.exit_code == 0, result.output
    proof = json.loads(_run("consent", "proof", "--identity", "email=Jan@example.nl").output)
    assert [e["action"] for e in proof["events"]] == ["given", "withdrawn"] and proof["current"] == {
        "newsletter": "withdrawn"}
    pdf = _run("consent", "proof", "--identity", "email=jan@example.nl", "--format", "pdf", "--lang", "en",
               "-o", "proof.pdf")
    assert pdf.exit_code == 0 and (workspace / "proof.pdf").read_bytes().startswith(b"%PDF")


def test_subscribers_then_filter_with_links_prepares_a_mailing(workspace: Path) -> None:
    _run("consent", "import", "export.csv")
    listed = _run("mailing", "subscribers", "--type", "newsletter", "-o", "subs.csv")
    assert listed.exit_code == 0 and listed.output.strip() == "1 subscribers written, 0 without a stored address"
    result = _run("mailing", "filter", "subs.csv", "--type", "newsletter", "--links", "https://privacy.example",
                  "-o", "send.csv")
    assert result.exit_code == 0, result.output
    header, row = (workspace / "send.csv").read_text().splitlines()
    assert header == "email,unsubscribe_url,preferences_url,list_unsubscribe,list_unsubscribe_post"
    assert row.startswith("jan@example.nl,https://privacy.example/centre/unsubscribe/")


def test_purge_pending_counts_in_a_dry_run_and_then_removes(workspace: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from waarborg.consent.subscribe import SubscribeForm, subscribe
    from waarborg.register import load_register
    from waarborg.store import open_store

    store = open_store(f"sqlite:///{workspace / 'state.sqlite'}")
    with store.session() as session:
        subscribe(session, b"c" * 40, load_register(workspace / "waarborg.yaml"),
                  SubscribeForm("jan@example.nl", ["newsletter"], "Ja"), datetime.now(UTC) - timedelta(days=3))
    store.close()
    assert _run("consent", "purge-pending", "--dry-run").output.strip() == "1 pending subscriptions would be removed"
    assert _run("consent", "purge-pending").output.strip() == "1 pending subscriptions were removed"
    assert _run("consent", "purge-pending").output.strip() == "0 pending subscriptions were removed"
