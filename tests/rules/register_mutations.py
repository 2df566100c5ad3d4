"""Building test registers: the clean base register, and small named changes to it.

A mutation is a function that changes the register's plain data in place; `build` applies
mutations to a fresh copy of the base and validates the result like `parse_register` does.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from waarborg.register import Register

BASE_FILE = Path(__file__).with_name("base_register.yaml")

Data = dict[str, Any]
Mutation = Callable[[Data], None]


@cache
def _base() -> Data:
    loaded: Data = YAML(typ="safe").load(BASE_FILE.read_text(encoding="utf-8"))
    return loaded


def base_data() -> Data:
    """A fresh, deep copy of the base register's plain data."""
    return copy.deepcopy(_base())


def _walk(data: Data, path: str) -> tuple[Any, str | int]:
    """The container holding the last part of a dotted path ('cookies.0.consent') and that part."""
    *parents, last = path.split(".")
    node: Any = data
    for part in parents:
        node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
    return node, int(last) if isinstance(node, list) else last


def setting(path: str, value: Any) -> Mutation:
    """Set a dotted path ('activities.membership.legal_basis') to a value."""

    def mutate(data: Data) -> None:
        node, key = _walk(data, path)
        node[key] = copy.deepcopy(value)

    return mutate


def dropping(path: str) -> Mutation:
    """Remove the field at a dotted path."""

    def mutate(data: Data) -> None:
        node, key = _walk(data, path)
        del node[key]

    return mutate


def appending(path: str, value: Any) -> Mutation:
    """Append a value to the list at a dotted path."""

    def mutate(data: Data) -> None:
        node, key = _walk(data, path)
        node[key].append(copy.deepcopy(value))

    return mutate


def combined(*mutations: Mutation) -> Mutation:
    """Apply several mutations in order."""

    def mutate(data: Data) -> None:
        for mutation in mutations:
            mutation(data)

    return mutate


def monolingual(data: Data) -> None:
    """Replace every {nl, en} text by its Dutch string, as a Dutch-only organisation writes it."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {"nl", "en"} and all(isinstance(v, str) for v in node.values()):
                return node["nl"]
            return {key: strip(value) for key, value in node.items()}
        if isinstance(node, list):
            return [strip(value) for value in node]
        return node

    stripped = strip(data)
    data.clear()
    data.update(stripped)


def build(*mutations: Mutation) -> Register:
    """The base register with the mutations applied; fails the test if the result would not load."""
    data = base_data()
    for mutation in mutations:
        mutation(data)
    register = Register.model_validate(data)
    assert register.reference_problems() == [], register.reference_problems()
    return register


def dump_yaml(data: Data) -> str:
    """Plain register data as YAML text, for tests that go through a file."""
    import io

    buffer = io.StringIO()
    YAML(typ="safe", pure=True).dump(data, buffer)
    return buffer.getvalue()
