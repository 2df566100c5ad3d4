"""What is wrong with a register file, said as `file:line: path: message`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a register file."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    path: str  # dotted register path, e.g. activities.newsletter.retention
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class RegisterError(Exception):
    """A register that cannot be used; carries every problem found, in file order."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def dotted(path: Sequence[str | int]) -> str:
    """('activities', 'newsletter', 'purposes', 0) -> 'activities.newsletter.purposes[0]'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
