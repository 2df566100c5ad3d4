"""Limits a register's YAML must respect before anything is built from it.

A register is a small hand-written file; YAML can make a small file expensive or crashing to
read (an alias repeated thousands of times, lists nested a thousand deep, a date that does not
exist, a key that is a list). One pass over libyaml's event stream, which never recurses and
never expands an alias, checks every such thing with its line and dotted path, so that the YAML
constructors and the model only ever see a document of bounded size and plain shape.

>>> scan_register_yaml("a: [[[[1]]]]\\n", "r.yaml")
[]
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .fastyaml import plain_scalar_tag
from .problem import Problem, dotted

# Limits, documented in docs/register-format.md ("Limits"). The largest example register has
# about 1,200 values, nesting 6 deep, and no text longer than 350 characters.
MAX_REGISTER_BYTES = 5_000_000
MAX_DEPTH = 32
MAX_VALUES = 50_000  # after expanding aliases: what the model would have to validate
MAX_SCALAR_CHARS = 100_000
MAX_NUMBER_DIGITS = 30
_MAX_PROBLEMS = 50
_STR = "tag:yaml.org,2002:str"

# YAML's printable set (YAML 1.2, 5.1): tab, line breaks, and everything but C0/C1 controls and
# surrogates; a byte order mark may start the text.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


class _Stop(Exception):
    """A problem after which the rest of the document cannot be judged."""


@dataclass
class _Frame:
    path: tuple[str | int, ...]
    is_mapping: bool
    anchor: str | None
    start_count: int
    index: int = 0
    key: str | None = None  # mappings: the key whose value comes next
    keys: dict[str, int] = field(default_factory=dict)  # key -> line, to name duplicates


class _Scan:
    """The walk over the events: a stack of open lists and mappings, with their paths and anchors."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, int] = {}  # anchor -> number of values it stands for
        self.anchor_lines: dict[str, int] = {}
        self.values = 0
        self.documents = 0

    def problem(self, line: int, path: tuple[str | int, ...], message: str, fatal: bool = False) -> None:
        self.problems.append(Problem(self.name, line, dotted(path), message))
        if fatal or len(self.problems) >= _MAX_PROBLEMS:
            raise _Stop

    def run(self, source: str) -> None:
        for event in yaml.parse(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            self.step(event)

    def step(self, event: Any) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(line, (), "a register is one YAML document; remove the second '---'", fatal=True)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.close()
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
            self.node(event, line)

    def node(self, event: Any, line: int) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_mapping and parent.key is None:
            self.key(event, line, parent)
            return
        path = self.child_path(parent)
        if event.anchor is not None and not isinstance(event, yaml.AliasEvent):
            self.define(event.anchor, line, path)
        if getattr(event, "tag", None) not in (None, "!"):
            tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
            self.problem(line, path, f"YAML tags such as {tag!r} are not used in a register")
        if isinstance(event, yaml.AliasEvent):
            self.alias(str(event.anchor), line, path)
        elif isinstance(event, yaml.ScalarEvent):
            self.scalar(event, line, path)
            self.count(1, line, path, event.anchor)
        else:
            if len(self.stack) >= MAX_DEPTH:
                self.problem(line, path, f"nested more than {MAX_DEPTH} levels deep", fatal=True)
            is_mapping = isinstance(event, yaml.MappingStartEvent)
            self.stack.append(_Frame(path, is_mapping, event.anchor, self.values))
            self.count(1, line, path, None)

    def key(self, event: Any, line: int, mapping: _Frame) -> None:
        if not isinstance(event, yaml.ScalarEvent):
            what = "an alias" if isinstance(event, yaml.AliasEvent) else "a list or mapping"
            self.problem(line, mapping.path, f"a key must be a plain name, not {what}", fatal=True)
        value: str = event.value
        if event.implicit[0] and value == "<<":
            self.problem(line, mapping.path, "merge keys (<<) are not used in a register: write the fields out")
        if len(value) > MAX_SCALAR_CHARS:
            self.problem(line, mapping.path, f"a key longer than {MAX_SCALAR_CHARS:,} characters", fatal=True)
        self.scalar(event, line, mapping.path)
        tag = plain_scalar_tag(value) if event.implicit[0] else _STR
        identity = value if tag == _STR else f"{tag} {value}"  # 1 and '1' are different keys
        if identity in mapping.keys:
            first = mapping.keys[identity]
            self.problem(line, (*mapping.path, value), f"duplicate key {value!r}: also on line {first}")
        mapping.keys.setdefault(identity, line)
        mapping.key = value
        if event.anchor is not None:
            self.define(event.anchor, line, mapping.path)
        self.count(1, line, mapping.path, event.anchor)

    def child_path(self, parent: _Frame | None) -> tuple[str | int, ...]:
        if parent is None:
            return ()
        if parent.is_mapping:
            path = (*parent.path, parent.key if parent.key is not None else "?")
            parent.key = None
            return path
        parent.index += 1
        return (*parent.path, parent.index - 1)

    def define(self, anchor: str, line: int, path: tuple[str | int, ...]) -> None:
        if anchor in self.anchor_lines:
            self.problem(line, path, f"anchor &{anchor} is defined twice: also on line {self.anchor_lines[anchor]}")
        self.anchor_lines.setdefault(anchor, line)

    def close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = self.values - frame.start_count

    def alias(self, anchor: str, line: int, path: tuple[str | int, ...]) -> None:
        if any(frame.anchor == anchor for frame in self.stack):
            self.problem(line, path, f"alias *{anchor} is used inside its own anchor", fatal=True)
        if anchor not in self.anchors:
            self.problem(line, path, f"alias *{anchor} has no anchor &{anchor} before it", fatal=True)
        self.count(self.anchors[anchor], line, path, None)

    def count(self, values: int, line: int, path: tuple[str | int, ...], anchor: str | None) -> None:
        self.values += values
        if anchor is not None:
            self.anchors[anchor] = values
        if self.values > MAX_VALUES:
            message = f"more than {MAX_VALUES:,} values (counting each alias as a copy of its anchor)"
            self.problem(line, path, message, fatal=True)

    def scalar(self, event: Any, line: int, path: tuple[str | int, ...]) -> None:
        value: str = event.value
        if len(value) > MAX_SCALAR_CHARS:
            self.problem(line, path, f"a value longer than {MAX_SCALAR_CHARS:,} characters")
        elif event.implicit[0]:
            message = _plain_scalar_problem(value)
            if message:
                self.problem(line, path, message)


def _plain_scalar_problem(value: str) -> str | None:
    """Why an unquoted value cannot be read as the number or date it looks like (None: it can)."""
    tag = plain_scalar_tag(value)
    if tag.endswith(":int") and len(value.lstrip("+-")) > MAX_NUMBER_DIGITS:
        return f"a number of more than {MAX_NUMBER_DIGITS} digits (put it in quotes if it is text)"
    if tag.endswith(":timestamp"):
        node = yaml.ScalarNode(tag, value)
        try:
            yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            return f"{value!r} is not a real date or time ({exc}); put it in quotes if it is text"
    return None


def _line_of_offset(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def check_characters(source: str, name: str) -> list[Problem]:
    """The first character YAML does not allow (a control character), with its line."""
    found = _FORBIDDEN.search(source)
    if found is None:
        return []
    kind = " (a control character)" if unicodedata.category(found.group()) == "Cc" else ""
    message = f"character U+{ord(found.group()):04X} is not allowed in YAML{kind}"
    return [Problem(name, _line_of_offset(source, found.start()), "", message)]


def scan_register_yaml(source: str, name: str) -> list[Problem]:
    """Every limit the YAML text breaks, with line and path; [] when it is safe to construct."""
    if len(source) > MAX_REGISTER_BYTES:
        return [Problem(name, 0, "", f"larger than the limit for a register ({MAX_REGISTER_BYTES:,} characters)")]
    problems = check_characters(source, name)
    if problems:
        return problems
    scan = _Scan(name)
    try:
        scan.run(source)
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = f"invalid YAML: {exc.problem or exc.context}"
        scan.problems.append(Problem(name, mark.line + 1 if mark else 0, "", message))
    except yaml.YAMLError as exc:  # a reader error: the characters were checked above
        scan.problems.append(Problem(name, 0, "", f"invalid YAML: {exc}"))
    return scan.problems
