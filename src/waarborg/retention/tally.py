"""Counting the rows a batch of a sweep changed, per table and per activity.

A table's steps can overlap: the demo's employee row whose personnel file (two years) has run out
while its payroll columns (seven years) have not is masked by one step, and a row past both by
three — names (personnel and payroll), contact details (personnel), salary and BSN (payroll).
Summing the steps' row counts would count that row three times. What a person reads in the
report and the audit trail is the number of rows changed, so rows are counted once, per table and
per activity.

Steps that cannot overlap are counted by their row counts alone: the delete step (it runs first,
and a deleted row matches nothing after it) and a table's only mask step. When a table has
several mask steps, each reports the keys of the rows it changed and the rows are counted as a
union. The dry run (`waarborg.retention.plan`) counts the same unions in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .steps import EraseStep


@dataclass(frozen=True)
class StepChange:
    """What one step changed: its row count and, when tracked, the keys of those rows."""

    step: EraseStep
    rows: int
    keys: frozenset[Any] | None = None


@dataclass
class Tally:
    """Rows changed, each counted once: in total and per activity of the table."""

    rows: int = 0
    activities: dict[str, int] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.rows > 0

    def add(self, other: Tally) -> None:
        """Add the rows of another batch (batches are disjoint key ranges)."""
        self.rows += other.rows
        for activity, rows in other.activities.items():
            self.activities[activity] = self.activities.get(activity, 0) + rows


def tracks_keys(steps: Sequence[EraseStep]) -> bool:
    """True when the mask steps of a table can change the same row (more than one of them)."""
    return sum(step.action == "mask" for step in steps) > 1


def tally(changes: Iterable[StepChange]) -> Tally:
    """Rows changed by a batch's steps, a row changed by several steps counted once."""
    changes = list(changes)
    activities = dict.fromkeys(a for change in changes for a in change.step.activities)
    out = Tally(_distinct(changes))
    for activity in activities:
        out.activities[activity] = _distinct([c for c in changes if activity in c.step.activities])
    return out


def _distinct(changes: Sequence[StepChange]) -> int:
    untracked = sum(change.rows for change in changes if change.keys is None)
    keys: set[Any] = set()
    for change in changes:
        if change.keys is not None:
            keys |= change.keys
    return untracked + len(keys)
