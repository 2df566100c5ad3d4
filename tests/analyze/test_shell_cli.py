"""`waarborg analyze` on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.register import load_register
from waarborg.register.elements import ELEMENT_KEYS

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
SEED = STATEMENTS / "seed_kwalipro.txt"
ENGLISH = STATEMENTS / "holdout_accountant_en.txt"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(build_app(), ["analyze", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_report_has_all_21_elements() -> None:
    code, out, _ = _run(str(SEED), "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert list(report["elements"]) == list(ELEMENT_KEYS)
    assert report["language"] == "nl"
    assert report["facts"]["controller_name"]


def test_text_report_is_the_default_and_follows_the_statement_language() -> None:
    code, out, _ = _run(str(ENGLISH))
    assert code == 0
    assert "Privacy statement analysis" in out and "required elements are present" in out


def test_lang_option_sets_the_report_language() -> None:
    code, out, _ = _run(str(SEED), "--lang", "en")
    assert code == 0 and "Elements of GDPR Art. 13 and 14" in out


def test_html_report_and_draft_are_written_to_files(tmp_path: Path) -> None:
    report, draft = tmp_path / "rapport.html", tmp_path / "concept.yaml"
    code, out, _ = _run(str(SEED), "--format", "html", "-o", str(report), "--draft", str(draft))
    assert code == 0 and out == ""
    assert report.read_text(encoding="utf-8").startswith("<!doctype html>")
    register = load_register(draft)
    assert register.controller.name in SEED.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*.tmp"))


def test_draft_is_accepted_by_check_and_statement(tmp_path: Path) -> None:
    draft = tmp_path / "concept.yaml"
    assert _run(str(ENGLISH), "--draft", str(draft))[0] == 0
    runner = CliRunner()
    checked = runner.invoke(build_app(), ["check", str(draft), "--format", "json"])
    assert checked.exit_code in (0, 1)
    assert isinstance(json.loads(checked.stdout), list)
    rendered = runner.invoke(build_app(), ["statement", str(draft), "--lang", "en", "--format", "md"])
    assert rendered.exit_code == 0
    assert load_register(draft).controller.name in rendered.stdout


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [("missing.txt", None, "no such file"), ("garbage.pdf", b"\x00\x01garbage" * 50, "not a PDF"),
     ("garbage.txt", bytes(range(256)) * 4, "binary")],
)
def test_unreadable_input_exits_2_and_writes_nothing(tmp_path: Path, name: str, data: bytes | None,
                                                      message: str) -> None:
    source = tmp_path / name
    if data is not None:
        source.write_bytes(data)
    report, draft = tmp_path / "out.html", tmp_path / "draft.yaml"
    code, _, err = _run(str(source), "--format", "html", "-o", str(report), "--draft", str(draft))
    assert code == 2
    assert name in err and message in err and "Traceback" not in err
    assert not report.exists() and not draft.exists()


@pytest.mark.parametrize(("option", "value"), [("--format", "pdf"), ("--lang", "de")])
def test_bad_options_exit_2(option: str, value: str) -> None:
    code, _, err = _run(str(SEED), option, value)
    assert code == 2 and option in err
