"""The state machine drawn in the handler's guide is the transition table: every allowed
transition is an arrow, and no arrow is drawn that the table does not allow."""

from __future__ import annotations

import re
from pathlib import Path

from waarborg.requests.lifecycle import TRANSITIONS

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "handling-requests.md"
ARROW = re.compile(r"^\s+(\w+) --> (\w+)$", re.M)


def test_every_transition_and_only_those_are_drawn() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    drawn = set(ARROW.findall(text.split("```mermaid", 1)[1].split("```", 1)[0]))
    allowed = {(source, target) for source, targets in TRANSITIONS.items() for target in targets}
    assert drawn == allowed and len(allowed) > 10
