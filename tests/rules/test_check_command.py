"""`waarborg check` on the command line: exit statuses, text and JSON output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from register_mutations import Mutation, appending, base_data, dropping, dump_yaml, setting
from typer.testing import CliRunner, Result

CheckRunner = Callable[..., Result]


@pytest.fixture
def waarborg_check() -> CheckRunner:
    """Run `waarborg check ARGS...` in process and return the result (stdout and stderr apart)."""
    # Imported here, not at module level: the composition root pulls in every command group, and a
    # half-finished group elsewhere should fail these tests, not the collection of the whole suite.
    from waarborg.cli.app import build_app

    app, runner = build_app(), CliRunner()
    return lambda *args: runner.invoke(app, ["check", *map(str, args)])


def _write(tmp_path: Path, *mutations: Mutation) -> Path:
    data = base_data()
    for mutation in mutations:
        mutation(data)
    path = tmp_path / "register.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path


def test_clean_register_exits_zero(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    result = waarborg_check(_write(tmp_path))
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings, 0 infos" in result.stdout


def test_register_with_an_error_exits_one_and_names_it(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, dropping("activities.membership.retention"))
    result = waarborg_check(path)
    assert result.exit_code == 1
    assert "retention-missing" in result.stdout
    assert "Ledenadministratie" in result.stdout
    assert "1 error," in result.stdout


def test_warnings_alone_do_not_fail_the_check(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, dropping("activities.membership.systems"))
    result = waarborg_check(path)
    assert result.exit_code == 0
    assert "activity-without-system" in result.stdout


def test_text_output_keeps_list_indexes_in_paths(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, appending("systems.crm.data_categories", "user.demographic.date_of_birth"))
    result = waarborg_check(path, "--lang", "en")
    assert result.exit_code == 0
    assert "systems.crm.data_categories[2]" in result.stdout
    assert "The data category ‘date of birth’ is listed for the system ‘Membership file’" in result.stdout


def test_json_output_lists_findings_with_five_keys_in_english(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, setting("recipients.mailer.transfer.mechanism", "privacy_shield"))
    result = waarborg_check(path, "--format", "json", "--lang", "en")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert [set(f) for f in findings] == [{"rule", "severity", "article", "message", "path"}]
    assert findings[0]["rule"] == "transfer-privacy-shield"
    assert findings[0]["path"] == "recipients.mailer.transfer.mechanism"
    assert "Privacy Shield, invalid since 16 July 2020" in findings[0]["message"]


def test_json_output_of_a_clean_register_is_an_empty_list(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    result = waarborg_check(_write(tmp_path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_malformed_register_exits_two_and_prints_nothing_to_stdout(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("controller:\n  name: [unclosed\n", encoding="utf-8")
    result = waarborg_check(path, "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "broken.yaml" in result.stderr


def test_register_with_an_unknown_field_exits_two_naming_it(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    path = _write(tmp_path, setting("activities.membership.retentoin", "1 year"))
    result = waarborg_check(path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "retentoin" in result.stderr


def test_unknown_format_is_refused(waarborg_check: CheckRunner, tmp_path: Path) -> None:
    result = waarborg_check(_write(tmp_path), "--format", "xml")
    assert result.exit_code == 2
    assert result.stdout == ""
