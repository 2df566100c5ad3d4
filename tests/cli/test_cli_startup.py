"""The CLI answers at once: importing it loads none of the heavy libraries, and its help reads plainly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from waarborg.cli.app import build_app

# What made `waarborg --help` take seconds: the engine, the writers, the register model.
HEAVY = ("sqlalchemy", "weasyprint", "openpyxl", "alembic", "rich", "jinja2", "yaml")


def _modules_after(code: str) -> set[str]:
    """The top-level packages loaded by `code` in a fresh interpreter."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_importing_the_cli_loads_no_heavy_library() -> None:
    loaded = _modules_after("import waarborg.cli.app")
    assert sorted(loaded & {*HEAVY, "pydantic"}) == []


def test_building_the_command_tree_loads_no_heavy_library() -> None:
    loaded = _modules_after("import typer\nfrom waarborg.cli.app import build_app\ntyper.main.get_command(build_app())")
    assert sorted(loaded & set(HEAVY)) == []


def test_help_loads_no_heavy_library() -> None:
    # (Typer itself loads pydantic to convert values when a command runs: that one is allowed.)
    code = (
        "from waarborg.cli.app import build_app\n"
        "try:\n    build_app()(['sweep', '--help'])\nexcept SystemExit:\n    pass"
    )
    loaded = _modules_after(code)
    assert sorted(loaded & set(HEAVY)) == []


def _command_paths() -> list[list[str]]:
    paths: list[list[str]] = []

    def walk(command: Any, path: list[str]) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(build_app()), [])
    return paths


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "waarborg")
def test_help_has_readable_placeholders(path: list[str]) -> None:
    result = CliRunner().invoke(build_app(), [*path, "--help"])
    assert result.exit_code == 0, result.output
    # No `<bool>`, `<str>`, `<path>`, `{REGISTER}`: a person reads these pages.
    assert re.findall(r"<[a-z][a-z ]*>|\{[A-Z.]+\}", result.output) == []
    assert "Usage: waarborg" in result.output


def test_command_list_gives_each_summary_whole() -> None:
    """Click cut summaries at the first full stop: "Report the Art." for analyze."""
    output = CliRunner().invoke(build_app(), ["--help"]).output
    assert "Report the Art. 13/14 elements" in output
    assert "Handle data-subject requests (GDPR Art. 15-21)" in output


def test_flags_and_values_show_in_help() -> None:
    output = CliRunner().invoke(build_app(), ["request", "rectify", "--help"]).output
    assert "--identity KIND=VALUE" in output
    assert "--dry-run " in output and "--dry-run <" not in output
    check = CliRunner().invoke(build_app(), ["check", "--help"]).output
    assert "Usage: waarborg check [OPTIONS] REGISTER" in check
    publish = CliRunner().invoke(build_app(), ["publish", "--help"]).output
    assert "Usage: waarborg publish [OPTIONS] REGISTER...\n" in publish and "REGISTER...." not in publish


def test_a_command_registered_without_the_help_classes_still_reads_plainly() -> None:
    """Commands added later by another module (without `cls=Command`) get the same plain help."""
    from waarborg.cli.help_format import plain_help_everywhere

    app = build_app()
    extra = typer.Typer()

    @extra.command("hello")
    def hello(name: str = typer.Option("x", "--name", help="Who."), loud: bool = typer.Option(False, "--loud",
                                                                                            help="Shout.")) -> None:
        """Say hello. Art. 1 of nothing."""

    app.add_typer(extra, name="extra", help="Extra commands.")
    output = CliRunner().invoke(plain_help_everywhere(app), ["extra", "hello", "--help"]).output
    assert "--name TEXT" in output and "<str>" not in output and "<bool>" not in output
