"""The current consent state, derived from the ledger: for each purpose, the last event decides.

Pure (no store): the ledger is a list of facts, and the state is a function of it. "Last" is the
latest moment the consent was given or withdrawn (`at`); two events at the same moment are ordered
by when they were recorded (`seq`), so an import of old paper forms never overrules a later
withdrawal, and a withdrawal recorded after a consent of the same second wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Action = Literal["given", "withdrawn"]
ACTIONS: tuple[Action, ...] = ("given", "withdrawn")


@dataclass(frozen=True)
class ConsentFact:
    """One event of the ledger as far as the state is concerned."""

    purpose: str
    action: Action
    at: datetime
    seq: int

    @property
    def order(self) -> tuple[datetime, int]:
        return (self.at, self.seq)


def current_state(facts: Iterable[ConsentFact]) -> dict[str, ConsentFact]:
    """The deciding (last) fact per purpose, whatever order the facts come in.

    >>> from datetime import UTC
    >>> given = ConsentFact("newsletter", "given", datetime(2026, 1, 1, tzinfo=UTC), 1)
    >>> withdrawn = ConsentFact("newsletter", "withdrawn", datetime(2026, 2, 1, tzinfo=UTC), 2)
    >>> current_state([withdrawn, given])["newsletter"].action
    'withdrawn'
    """
    state: dict[str, ConsentFact] = {}
    for fact in facts:
        known = state.get(fact.purpose)
        if known is None or fact.order > known.order:
            state[fact.purpose] = fact
    return state


def consents_to(state: Mapping[str, ConsentFact], purpose: str) -> bool:
    """True when the last word for `purpose` was a consent given."""
    fact = state.get(purpose)
    return fact is not None and fact.action == "given"
