"""Seeded mutations of the example registers, and the verdict of loading each (issue 10 item 2).

Shared by tests/register/test_register_fuzz.py (a few hundred cases) and
benchmarks/fuzz_register.py (thousands). A mutant is bytes, because a register arrives as a
file: some mutations break the encoding, some the lines, some the YAML structure.
"""

from __future__ import annotations

import random
import re
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from waarborg.register import Problem, RegisterError, load_register

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))

HOSTILE_SCALARS = [
    "2026-02-30",
    "2026-13-45",
    "2026-01-01 25:00:00",
    "2026-01-01T10:00:00+99:00",
    "9" * 5000,
    "0x" + "f" * 400,
    "1e999",
    ".nan",
    "-.inf",
    "~",
    "null",
    "true",
    "NO",
    "*nowhere",
    "&anchor",
    "!!python/object:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!timestamp '2026-02-30'",
    "!!int '12x'",
    "[",
    "{",
    "]",
    "}",
    "'",
    '"',
    "[a, [b, [c]]]",
    "{a: {b: {c: d}}}",
    "? [a, b]",
    "<<: *x",
    "- - - x",
    "|",
    ">-",
    "@reserved",
    "`tick`",
    "Voor\x07beeld",
    "\x00",
    "\ufeff",
    "\udcff",
    "x" * 200_000,
    "é" * 50,
    "\u202e",
    "%TAG ! tag:x,2000:",
    "---",
    "...",
    "#",
    ": :",
    "- ",
    "a: b: c",
    "{a: 1, a: 2}",
    "[*a, *a]",
]
HOSTILE_LINES = [
    "<<: *a",
    "? [a, b]\n: 1",
    "x: &a [1, 2, 3]",
    "y: [*a, *a, *a, *a]",
    "z: " + "[" * 1000 + "]" * 1000,
    "deep:\n  " + "- " * 500 + "x",
    "%YAML 1.1",
    "--- !!map",
    "!!python/name:os.system : 1",
    "*a : 1",
    "fan: &f [" + ", ".join(["v"] * 400) + "]\nout: [" + ", ".join(["*f"] * 400) + "]",
    "\t- tab",
    "key: 'unclosed",
]


def _bytes_mutation(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    span = rng.randint(1, 64)
    choice = rng.randrange(6)
    if choice == 0:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if choice == 1:
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[at:]
    if choice == 2:
        return data[:at] + data[at + span :]
    if choice == 3:
        return data[:at] + data[at : at + span] * rng.randint(2, 50) + data[at:]
    if choice == 4:
        return data[:at]
    return rng.choice([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00"]) + data


def _line_mutation(rng: random.Random, lines: list[str]) -> list[str]:
    at = rng.randrange(len(lines))
    other = rng.randrange(len(lines))
    choice = rng.randrange(6)
    if choice == 0:
        del lines[at]
    elif choice == 1:
        lines.insert(at, lines[other])
    elif choice == 2:
        lines[at], lines[other] = lines[other], lines[at]
    elif choice == 3:
        lines[at] = "  " + lines[at]
    elif choice == 4:
        lines[at] = lines[at][rng.randint(1, 4) :]
    else:
        indent = re.match(r"\s*", lines[at]).group()  # type: ignore[union-attr]
        lines.insert(at, "\n".join(indent + part for part in rng.choice(HOSTILE_LINES).split("\n")))
    return lines


def _structure_mutation(rng: random.Random, text: str) -> str:
    """Replace, wrap, anchor or alias one value, or rename one key."""
    values = list(re.finditer(r"(?m)^(\s*(?:- )?[\w.<]+:) (.+)$", text))
    if not values:
        return text
    found = rng.choice(values)
    key, value = found.group(1), found.group(2)
    choice = rng.randrange(5)
    if choice == 0:
        value = rng.choice(HOSTILE_SCALARS)
    elif choice == 1:
        value = rng.choice(["[{0}]", "{{x: {0}}}", "[[{0}]]", "&a {0}", "{0} #"]).format(value)
    elif choice == 2:
        value = "*" + rng.choice(["a", "n", "undefined", "voluntary", "necessary"])
    elif choice == 3:
        key = key.rsplit(":", 1)[0].rsplit(" ", 1)[0] + " " + rng.choice(["<<:", "? x:", "'':", "1:", "2026-02-30:"])
    else:
        value = f"&n {value}" if rng.random() < 0.5 else value + "\n" + key + " " + value  # a duplicate key
    return text[: found.start()] + f"{key} {value}" + text[found.end() :]


def mutant(seed: int) -> tuple[str, bytes]:
    """The example and the bytes of mutant number `seed` (1-3 mutations of one kind)."""
    rng = random.Random(seed)
    example = rng.choice(EXAMPLES)
    text = example.read_text(encoding="utf-8")
    kind = rng.randrange(3)
    for _ in range(rng.randint(1, 3)):
        if kind == 1:
            text = "\n".join(_line_mutation(rng, text.split("\n")))
        elif kind == 2:
            text = _structure_mutation(rng, text)
    data = text.encode("utf-8", errors="surrogatepass")
    if kind == 0:
        for _ in range(rng.randint(1, 3)):
            data = _bytes_mutation(rng, data)
    return example.name, data


@dataclass
class Verdict:
    """What loading one mutant did: 'loaded', 'refused' or 'traceback', and how long it took."""

    seed: int
    example: str
    outcome: str
    seconds: float
    detail: str = ""


def _bad_problems(error: RegisterError, name: str) -> str:
    """Problems that do not say file:line: message (empty when all do)."""
    if not error.problems:
        return "no problems listed"
    return "; ".join(str(p) for p in error.problems if p.file != name or not p.message or not _has_line(p))


def _has_line(problem: Problem) -> bool:
    """A problem names its line, unless it concerns the whole file (unreadable, too large)."""
    return problem.line >= 1 or problem.message.startswith(("cannot read file", "larger than"))


def judge(seed: int, directory: Path, load: Callable[[Path], object] = load_register) -> Verdict:
    """Load mutant `seed` from a file in `directory`; any exception but RegisterError is a traceback."""
    example, data = mutant(seed)
    path = directory / f"mutant-{seed}.yaml"
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        load(path)
        outcome, detail = "loaded", ""
    except RegisterError as exc:
        detail = _bad_problems(exc, str(path))
        outcome = "traceback" if detail else "refused"
    except Exception as exc:  # counting every kind of crash is the point
        outcome, detail = "traceback", f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        path.unlink()
    return Verdict(seed, example, outcome, time.perf_counter() - started, detail)


def judge_with_memory(seed: int, directory: Path) -> tuple[Verdict, int]:
    """`judge`, and the peak memory (bytes) Python allocated while loading."""
    tracemalloc.start()
    try:
        verdict = judge(seed, directory)
        return verdict, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
