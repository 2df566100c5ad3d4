"""`waarborg statement` and `waarborg diff` through the real Typer app."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from statement_support import MINIMAL, RICH
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.register.elements import ELEMENT_KEYS


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(("fmt", "marker"), [("html", "<!DOCTYPE html>"), ("md", "# Privacy statement")])
def test_statement_writes_the_file_given_with_o(runner: CliRunner, tmp_path: Path, fmt: str, marker: str) -> None:
    target = tmp_path / f"statement.{fmt}"
    result = runner.invoke(build_app(), ["statement", str(RICH), "--lang", "en", "--format", fmt, "-o", str(target)])
    assert result.exit_code == 0, result.output
    written = target.read_text(encoding="utf-8")
    assert written.lstrip().startswith(marker)
    assert "Vereniging Drukwerk &" in written
    assert result.stdout == ""


def test_statement_defaults_to_html_in_the_registers_language_on_stdout(runner: CliRunner) -> None:
    result = runner.invoke(build_app(), ["statement", str(MINIMAL)])
    assert result.exit_code == 0
    assert '<html lang="nl">' in result.stdout and "Wie wij zijn" in result.stdout


def test_statement_pdf_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "verklaring.pdf"
    result = runner.invoke(build_app(), ["statement", str(MINIMAL), "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")


def test_coverage_prints_json_with_all_21_elements(runner: CliRunner) -> None:
    result = runner.invoke(build_app(), ["statement", str(MINIMAL), "--coverage"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert list(report) == list(ELEMENT_KEYS)
    assert report["provision_requirement"]["status"] == "missing"


def test_pdf_without_an_output_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(build_app(), ["statement", str(MINIMAL), "--format", "pdf"])
    assert result.exit_code == 2
    assert "-o FILE" in result.output
    assert "%PDF" not in result.output


@pytest.mark.parametrize(("args", "hint"), [(["--format", "docx"], "html, md or pdf"), (["--lang", "de"], "nl or en")])
def test_bad_options_are_usage_errors(runner: CliRunner, args: list[str], hint: str) -> None:
    result = runner.invoke(build_app(), ["statement", str(MINIMAL), *args])
    assert result.exit_code == 2
    assert hint in result.output


def test_bad_register_exits_2_naming_file_and_line_and_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = MINIMAL.read_text(encoding="utf-8").replace("1 year from last_contact", "1 yaer from last_contact")
    broken.write_text(text, encoding="utf-8")
    target = tmp_path / "out.html"
    result = runner.invoke(build_app(), ["statement", str(broken), "-o", str(target)])
    assert result.exit_code == 2
    assert "broken.yaml:" in result.output and "yaer" in result.output
    assert not target.exists()


def test_diff_lists_changes_in_plain_words(runner: CliRunner, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    text = MINIMAL.read_text(encoding="utf-8").replace("1 year from last_contact", "2 years from last_contact")
    new.write_text(text, encoding="utf-8")
    result = runner.invoke(build_app(), ["diff", str(MINIMAL), str(new), "--lang", "en"])
    assert result.exit_code == 0
    assert result.stdout == ("- We keep the data for ‘Contact requests’ longer: 2 years after the last contact "
                             "instead of 1 year after the last contact.\n")


def test_diff_of_identical_registers_says_nothing_changed(runner: CliRunner, tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    shutil.copy(MINIMAL, copy)
    result = runner.invoke(build_app(), ["diff", str(MINIMAL), str(copy)])
    assert result.exit_code == 0
    assert result.stdout == "Geen wijzigingen voor betrokkenen.\n"


def test_diff_with_a_bad_register_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("waarborg: 1\ncontroller: [\n", encoding="utf-8")
    result = runner.invoke(build_app(), ["diff", str(MINIMAL), str(bad)])
    assert result.exit_code == 2
    assert "bad.yaml:" in result.output
