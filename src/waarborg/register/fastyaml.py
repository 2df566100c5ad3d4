"""A fast YAML reader for registers: libyaml (C) with YAML 1.2 core-schema scalars.

ruamel's round-trip parser keeps line numbers but is ~30x slower. Registers are read often
(every command, every test), so the happy path uses libyaml and only a register with a problem
is parsed again by ruamel to name lines. The resolvers follow YAML 1.2 like ruamel does, so the
two paths read the same values: `NO` (Norway) stays a string, `on`/`yes` are not booleans, `010`
is ten, `1:30` is text.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyError(yaml.YAMLError):
    """A mapping names the same key twice (YAML forbids it; PyYAML would keep the last one)."""


class _Yaml12Resolver(yaml.resolver.Resolver):
    pass


_Yaml12Resolver.yaml_implicit_resolvers = {}
_CORE_SCALARS: list[tuple[str, str, str]] = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
    (
        "tag:yaml.org,2002:timestamp",
        r"^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$",
        "0123456789",
    ),
]
for _tag, _pattern, _first in _CORE_SCALARS:
    _starts = [*_first, ""] if _tag.endswith("null") else list(_first)  # null may also be the empty scalar
    _Yaml12Resolver.add_implicit_resolver(_tag, re.compile(_pattern), _starts)


class _RegisterLoader(_Loader, _Yaml12Resolver):  # type: ignore[misc]
    """libyaml parser, safe constructors, YAML 1.2 scalars, duplicate keys refused."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise DuplicateKeyError(f"duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: Any) -> int:
        value = str(self.construct_scalar(node)).replace("_", "")
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)  # decimal even with leading zeros, as in YAML 1.2


_RegisterLoader.add_constructor("tag:yaml.org,2002:int", _RegisterLoader.construct_yaml_int)


_RESOLVER = _Yaml12Resolver()


def plain_scalar_tag(value: str) -> str:
    """The YAML 1.2 core-schema tag an unquoted value resolves to ('tag:yaml.org,2002:int', ...)."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


def load_fast(source: str) -> Any:
    """Parse YAML text; raises yaml.YAMLError (including DuplicateKeyError) on any problem."""
    return yaml.load(source, Loader=_RegisterLoader)  # a SafeLoader subclass: no arbitrary objects
