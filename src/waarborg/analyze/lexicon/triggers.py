"""Literal trigger strings for a regex: every match of the pattern starts with one of them.

Python's regex engine tries every alternative of a pattern at every position of the text, which
made matching a long statement take a third of a second. Instead the analyzer looks for the
triggers with `str.find` (fast), and runs the full pattern only on the sentences that contain
one. Triggers are derived from the parsed pattern, so the lexicon needs no extra annotation; a
pattern without usable triggers (it may start with anything) is simply run on the whole text.
"""

from __future__ import annotations

import importlib
from typing import Any

_MAX_TRIGGERS = 64
_ENOUGH = 6  # characters of trigger that make a sentence worth a full match
_MAX_SET = 10  # a character class becomes triggers only when it is this small (e.g. [0-9])


def _constants() -> Any:
    return importlib.import_module("re._constants")


def _class_chars(items: Any, c: Any) -> list[str] | None:
    chars: list[str] = []
    for op, value in items:
        if op is c.LITERAL:
            chars.append(chr(value))
        elif op is c.RANGE and value[1] - value[0] < _MAX_SET:
            chars.extend(chr(code) for code in range(value[0], value[1] + 1))
        elif op is c.CATEGORY and value is c.CATEGORY_DIGIT:
            chars.extend("0123456789")
        else:
            return None
    return chars if len(chars) <= _MAX_SET else None


def _join(prefixes: set[str], tails: set[str]) -> set[str]:
    return {prefix + tail for prefix in prefixes for tail in tails}


def _sequence(items: Any, c: Any) -> tuple[set[str], bool]:
    """(prefixes, complete): complete means the prefixes cover the whole sequence."""
    prefixes = {""}
    for position, (op, value) in enumerate(items):
        if op is c.AT:
            continue  # zero-width: boundaries do not change what a match starts with
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] == 0 and value[1] == 1:
            tails, complete = _optional(value[2].data, items[position + 1:], c)
            joined = _join(prefixes, tails) if tails is not None else set()
            return (joined, complete) if 0 < len(joined) <= _MAX_TRIGGERS else (prefixes, False)
        tails, complete = _item(op, value, c)
        joined = _join(prefixes, tails) if tails is not None else set()
        if not joined or len(joined) > _MAX_TRIGGERS:
            return prefixes, False  # stop here: what we have so far still starts every match
        prefixes = joined
        if not complete or min(map(len, prefixes)) >= _ENOUGH:
            return prefixes, False  # long enough to be selective: stop before the product grows
    return prefixes, True


def _optional(inner: Any, rest: Any, c: Any) -> tuple[set[str] | None, bool]:
    """Prefixes of `inner? rest`: those with the optional part and those without it."""
    with_inner, inner_complete = _sequence(inner, c)
    without, rest_complete = _sequence(rest, c)
    if "" in with_inner:
        return None, False
    if inner_complete and len(with_inner) * len(without) <= _MAX_TRIGGERS:
        return _join(with_inner, without) | without, rest_complete
    return with_inner | without, False


def _item(op: Any, value: Any, c: Any) -> tuple[set[str] | None, bool]:
    if op is c.LITERAL:
        return {chr(value)}, True
    if op is c.IN:
        chars = _class_chars(value, c)
        return (set(chars), True) if chars else (None, False)
    if op is c.SUBPATTERN:
        return _sequence(value[-1].data, c)
    if op is c.BRANCH:
        union: set[str] = set()
        all_complete = True
        for branch in value[1]:
            prefixes, complete = _sequence(branch.data, c)
            if "" in prefixes:
                return None, False
            union |= prefixes
            all_complete = all_complete and complete
        return union, all_complete
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and value[0] >= 1:
        prefixes, _ = _sequence(value[2].data, c)
        return (prefixes, False) if "" not in prefixes else (None, False)
    return None, False


def triggers(pattern: str) -> tuple[str, ...] | None:
    """Literal strings one of which starts every match of `pattern`, or None when there are none.

    >>> triggers(r"\\bbewaar(?:en|d)|opgeslagen")
    ('bewaar', 'opgeslagen')
    """
    parsed = importlib.import_module("re._parser").parse(pattern)
    prefixes, _ = _sequence(parsed.data, _constants())
    if not prefixes or "" in prefixes or len(prefixes) > _MAX_TRIGGERS:
        return None
    # A trigger that starts with a shorter trigger adds nothing: keep the shortest.
    ordered = sorted(prefixes, key=len)
    kept: list[str] = []
    for prefix in ordered:
        if not any(prefix.startswith(shorter) for shorter in kept):
            kept.append(prefix)
    return tuple(sorted(kept))
