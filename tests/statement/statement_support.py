"""Registers for the statement tests: a rich one, a minimal one, and variants built from them."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from waarborg.register import Register, load_register

HERE = Path(__file__).parent
EXAMPLES = HERE.parents[1] / "examples"
RICH = HERE / "rich_register.yaml"
MINIMAL = HERE / "minimal_register.yaml"

# Every register the statement writer must handle; the example registers join automatically.
REGISTER_FILES = [RICH, MINIMAL, *sorted(EXAMPLES.glob("*.yaml"))]


@cache
def _raw(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def load_data(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=False).load(_raw(path))
    return data


def register_from(data: dict[str, Any]) -> Register:
    """Validate register data as the loader does (model, then references), without the slow YAML round trip."""
    register = Register.model_validate(data)
    assert register.reference_problems() == []
    return register


def plain_text(rendered: str, fmt: str) -> str:
    """What a reader sees: HTML without tags, Markdown without escapes, whitespace collapsed."""
    if fmt == "html":
        text = BeautifulSoup(rendered, "html.parser").get_text(" ")
        text = re.sub(r"\s+([:.,;)])", r"\1", re.sub(r"\(\s+", "(", text))  # inline tags split no words
    else:
        text = re.sub(r"(?<!\\)\*+", "", rendered)  # emphasis markers, not escaped asterisks
        text = re.sub(r"\\([\\`*_\[\]|#<>])", r"\1", text)
    return " ".join(text.split())


@pytest.fixture
def rich_data() -> dict[str, Any]:
    return load_data(RICH)


@pytest.fixture
def minimal_data() -> dict[str, Any]:
    return load_data(MINIMAL)


@cache
def cached_register(path: Path) -> Register:
    """Each register file through the real loader once per session (the YAML round trip is slow)."""
    return load_register(path)


@pytest.fixture
def rich() -> Register:
    return cached_register(RICH)


@pytest.fixture
def minimal() -> Register:
    return cached_register(MINIMAL)


@pytest.fixture
def variant(rich_data: dict[str, Any]) -> Callable[[Callable[[dict[str, Any]], None]], Register]:
    """variant(edit) -> the rich register after `edit` changed a deep copy of its data."""

    def build(edit: Callable[[dict[str, Any]], None], base: dict[str, Any] | None = None) -> Register:
        data = copy.deepcopy(base if base is not None else rich_data)
        edit(data)
        return register_from(data)

    return build
