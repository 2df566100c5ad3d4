"""Reading and writing register YAML, with errors that name file, line and field.

>>> load_register(Path("kvgo.yaml"))          # raises RegisterError listing every problem
kvgo.yaml:41: activities.newsletter.retention: unknown unit 'mnths'
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from .fastyaml import load_fast
from .model import Register
from .problem import Problem, RegisterError, dotted
from .yamlguard import MAX_REGISTER_BYTES, scan_register_yaml

__all__ = ["Problem", "RegisterError", "dotted", "dump_register", "load_register", "parse_register"]


def load_register(path: Path) -> Register:
    """Read and validate a register file; RegisterError lists every problem with its line."""
    return parse_register(read_register_text(path), name=str(path))


def read_register_text(path: Path) -> str:
    """The file's text: UTF-8 (a UTF-16 file with a byte order mark is read too), size-limited."""
    try:
        if path.stat().st_size > MAX_REGISTER_BYTES:
            raise RegisterError([Problem(str(path), 0, "", f"larger than the {MAX_REGISTER_BYTES:,}-byte limit")])
        data = path.read_bytes()
    except OSError as exc:
        raise RegisterError([Problem(str(path), 0, "", f"cannot read file: {exc.strerror or exc}")]) from None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise RegisterError([Problem(str(path), 0, "", "cannot read file: UTF-32 text; save it as UTF-8")])
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(encoding, errors="replace").count("\n") + 1
        message = f"cannot read file: not valid {encoding.upper()} (byte 0x{data[exc.start]:02X}); save it as UTF-8"
        raise RegisterError([Problem(str(path), line, "", message)]) from None


def parse_register(source: str, name: str = "<register>") -> Register:
    """Validate register YAML given as text."""
    problems = scan_register_yaml(source, name)
    if problems:
        raise RegisterError(problems)
    register = _parse_fast(source)
    if register is not None:
        return register
    # Something is wrong: parse again with ruamel, which keeps line numbers, to say where.
    document = _parse_yaml(source, name)
    try:
        register = Register.model_validate(document)
    except ValidationError as exc:
        raise RegisterError(_problems_from_validation(exc.errors(), document, name)) from None
    dangling = register.reference_problems()
    if dangling:
        problems = [Problem(name, line_of(document, path), dotted(path), msg) for path, msg in dangling]
        raise RegisterError(sorted(problems, key=lambda p: p.line))
    return register


def _parse_fast(source: str) -> Register | None:
    """The register when the text is entirely valid; None when anything needs reporting."""
    try:
        document = load_fast(source)
    except yaml.YAMLError:
        return None
    if not isinstance(document, dict):
        return None
    try:
        register = Register.model_validate(document)
    except ValidationError:
        return None
    return None if register.reference_problems() else register


def _parse_yaml(source: str, name: str) -> Any:
    from ruamel.yaml import YAML  # slow to import and to parse: only on the error path
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML()  # round-trip loader: keeps line numbers, refuses duplicate keys
    try:
        document = yaml.load(source)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        problem = str(exc.problem or exc.context)
        if isinstance(exc, DuplicateKeyError):  # ruamel quotes both values in full: name the key only
            problem = problem.split(" with value ")[0]
        raise RegisterError([Problem(name, line, "", f"invalid YAML: {problem}")]) from None
    except YAMLError as exc:  # the library's other errors (reader, emitter): no mark to give
        raise RegisterError([Problem(name, 0, "", f"invalid YAML: {exc}")]) from None
    if not isinstance(document, CommentedMap):
        raise RegisterError([Problem(name, 1, "", "a register must be a YAML mapping (key: value)")])
    return document


def _problems_from_validation(errors: list[ErrorDetails], document: Any, name: str) -> list[Problem]:
    problems: dict[tuple[int, str, str], Problem] = {}
    for error in errors:
        path = _document_path(error["loc"], document)
        message = _plain_message(error, path)
        problem = Problem(name, line_of(document, path), dotted(path), message)
        problems.setdefault((problem.line, problem.path, problem.message), problem)
    return sorted(problems.values(), key=lambda p: (p.line, p.path))


def _document_path(loc: tuple[int | str, ...], document: Any) -> tuple[str | int, ...]:
    """Pydantic's error location with its internal tags (union members, validators) removed."""
    path: list[str | int] = []
    node = document
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not _is_internal_tag(part):
            path.append(part)  # a missing or extra field: name it, stop walking
            node = None
    return tuple(path)


def _is_internal_tag(part: str) -> bool:
    return "[" in part or part in {"str", "int", "dict", "list", "plain", "none"} or part.startswith("function-")


def _plain_message(error: ErrorDetails, path: tuple[str | int, ...]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown field {path[-1]!r}" if path else "unknown field"
    if kind == "missing":
        return f"missing required field {path[-1]!r}" if path else "missing required field"
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def line_of(document: Any, path: Sequence[str | int]) -> int:
    """The 1-based line of the deepest part of `path` found in the YAML document."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    line = 1
    node = document
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def register_to_data(register: Register) -> dict[str, Any]:
    """The register as plain data in its YAML shape (defaults left out)."""
    data: dict[str, Any] = register.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data = {"waarborg": 1, **data}
    return data


def dump_register(register: Register) -> str:
    """The register as YAML text that `parse_register` reads back to an equal register."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.default_flow_style = False
    yaml.width = 100
    yaml.allow_unicode = True
    buffer = io.StringIO()
    yaml.dump(register_to_data(register), buffer)
    return buffer.getvalue()
