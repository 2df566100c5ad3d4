"""The docs are checked: generated parts are current, and nothing is undocumented."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import typer

from waarborg.cli.app import build_app
from waarborg.register import Register

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _gen_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", DOCS / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_docs_are_current() -> None:
    assert _gen_docs().stale_files() == [], "run `make docs` and commit the result"


def _commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(build_app())
    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: str) -> None:
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, f"{path} {name}")
        else:
            found.append((path, command))

    walk(root, "waarborg")
    return found


def test_every_command_and_option_has_help() -> None:
    for path, command in _commands():
        assert (command.help or "").strip(), f"{path} has no help text"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert (param.help or "").strip(), f"{path} {param.opts} has no help text"


def test_every_command_appears_in_the_cli_reference() -> None:
    reference = (DOCS / "cli.md").read_text(encoding="utf-8")
    for path, _ in _commands():
        assert f"## `{path}`" in reference


def _field_names(schema: dict[str, object]) -> set[str]:
    names: set[str] = set()
    definitions = schema.get("$defs", {})
    assert isinstance(definitions, dict)
    for part in [schema, *definitions.values()]:
        properties = part.get("properties", {}) if isinstance(part, dict) else {}
        names.update(properties)
    return names


def test_every_register_field_is_described_in_the_format_reference() -> None:
    reference = (DOCS / "register-format.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", reference))
    missing = sorted(_field_names(Register.model_json_schema()) - documented - {"plain"})
    assert missing == [], f"fields not described in docs/register-format.md: {missing}"


def test_every_rule_is_in_the_catalogue() -> None:
    from waarborg.rules import catalogue

    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for rule in catalogue():
        assert rule.id in text


def test_every_live_binding_check_is_in_the_catalogue() -> None:
    from waarborg.datasets.live_rules import LIVE_RULES

    source = (Path(__file__).resolve().parents[1] / "src/waarborg/datasets/inspect.py").read_text(encoding="utf-8")
    reported = set(re.findall(r'"(binding-[a-z-]+)"', source))
    catalogued = {rule.id for rule in LIVE_RULES}
    assert reported and reported <= catalogued, f"undocumented live checks: {sorted(reported - catalogued)}"
    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    assert all(f"`{rule_id}`" in text for rule_id in catalogued)
