"""The office's state machine, drawn here once more as a table: every pair of states is either
allowed (and passes) or refused (and names what is allowed). A change to TRANSITIONS that this
table does not repeat fails."""

from __future__ import annotations

import itertools

import pytest

from waarborg.requests.lifecycle import REQUEST_STATUSES, TRANSITIONS, TransitionError, check_transition

ALLOWED = {
    ("awaiting_verification", "received"),
    ("received", "in_progress"), ("received", "awaiting_identity"), ("received", "awaiting_approval"),
    ("received", "rejected"),
    ("awaiting_identity", "received"), ("awaiting_identity", "in_progress"), ("awaiting_identity", "rejected"),
    ("in_progress", "completed"), ("in_progress", "failed"), ("in_progress", "rejected"),
    ("in_progress", "awaiting_identity"), ("in_progress", "awaiting_approval"),
    ("awaiting_approval", "in_progress"), ("awaiting_approval", "rejected"),
    ("failed", "in_progress"), ("failed", "rejected"),
}
PAIRS = list(itertools.product(REQUEST_STATUSES, repeat=2))


def test_the_table_covers_every_state() -> None:
    assert set(TRANSITIONS) == set(REQUEST_STATUSES)
    assert {(a, b) for a, targets in TRANSITIONS.items() for b in targets} == ALLOWED


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_allowed(current: str, target: str) -> None:
    check_transition(current, target)  # type: ignore[arg-type]


@pytest.mark.parametrize(("current", "target"), sorted(set(PAIRS) - ALLOWED))
def test_refused(current: str, target: str) -> None:
    with pytest.raises(TransitionError, match=f"{current} cannot become {target}; allowed: "):
        check_transition(current, target)  # type: ignore[arg-type]
