"""The life of a data-subject request: its kinds, states, due date and allowed transitions.

The engine (the CLI) uses the middle row; the office adds intake, waiting and approval:

    awaiting_verification --(e-mail link clicked)--> received
    received ----------> in_progress ----------> completed
       |   ^                |  |  ^  \
       |   |                |  |  |   +--> failed (retryable; attempts counted) --> in_progress
       v   |                |  v  |
    awaiting_identity <-----+  awaiting_approval (a second person, for erasure when the register asks)
       (paused: the deadline stands still)
    received | awaiting_identity | in_progress | awaiting_approval | failed --> rejected (with reasons)

`completed` and `rejected` are final. An extension is not a state but a flag on the request
(`waarborg.requests.deadline`). Pure: no database. The service layers (`runner`, `workflow`)
store these states in the store's `requests` table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal, get_args

from waarborg.register.retention import Period

from .deadline import deadline

# `withdraw`: a withdrawal of consent (Art. 7(3)) made through the public centre; the office
# records it in the consent ledger (the engine has no fulfilment of its own for it).
RequestKind = Literal["access", "erase", "rectify", "restrict", "object", "port", "withdraw"]
RequestStatus = Literal[
    "awaiting_verification", "received", "awaiting_identity", "in_progress", "awaiting_approval",
    "completed", "failed", "rejected",
]
REQUEST_STATUSES: Final[tuple[RequestStatus, ...]] = get_args(RequestStatus)

REQUEST_KINDS: Final[tuple[RequestKind, ...]] = ("access", "erase", "rectify", "restrict", "object", "port", "withdraw")

# The GDPR article each kind of request rests on, for audit entries and reports.
ARTICLE: Final[dict[RequestKind, str]] = {
    "access": "15",
    "erase": "17",
    "rectify": "16",
    "restrict": "18",
    "object": "21",
    "port": "20",
    "withdraw": "7(3)",
}

TRANSITIONS: Final[dict[RequestStatus, frozenset[RequestStatus]]] = {
    # A request from the public centre exists for the office only once its e-mail is verified.
    "awaiting_verification": frozenset({"received"}),
    "received": frozenset({"in_progress", "awaiting_identity", "awaiting_approval", "rejected"}),
    # Waiting for the requester's proof of identity (Art. 12(6)); the deadline is paused.
    "awaiting_identity": frozenset({"received", "in_progress", "rejected"}),
    "in_progress": frozenset({"completed", "failed", "rejected", "awaiting_identity", "awaiting_approval"}),
    # Fulfilment of an erasure waits for a second person when the register says so.
    "awaiting_approval": frozenset({"in_progress", "rejected"}),
    # A failed request is retried: it goes back to work, and counts another attempt.
    "failed": frozenset({"in_progress", "rejected"}),
    "completed": frozenset(),
    "rejected": frozenset(),
}

# Open: the office owes an answer (sweeps pause for the person). An unverified intake is not yet.
OPEN_STATUSES: Final[frozenset[RequestStatus]] = frozenset(
    {"received", "awaiting_identity", "in_progress", "awaiting_approval", "failed"}
)
# Refusal grounds (Art. 12(5): manifestly unfounded or excessive; Art. 12(6)/11(2): identity).
REFUSAL_GROUNDS: Final[tuple[str, ...]] = ("manifestly_unfounded", "excessive", "identity_not_established")


class TransitionError(ValueError):
    """A request was asked to move to a state it cannot reach from where it is."""


def check_transition(current: RequestStatus, target: RequestStatus) -> None:
    """Raise TransitionError unless `current -> target` is allowed (a completed request is final)."""
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "nothing (final state)"
        raise TransitionError(f"a request that is {current} cannot become {target}; allowed: {allowed}")


def is_open(status: RequestStatus) -> bool:
    """True while the request still needs work (sweeps pause for the person meanwhile)."""
    return status in OPEN_STATUSES


def due_at(received_at: datetime, promised: Period | None = None) -> datetime:
    """The deadline: one calendar month after receipt (Art. 12(3)), or the register's shorter promise.

    >>> due_at(datetime(2024, 1, 31))
    datetime.datetime(2024, 2, 29, 0, 0)

    An organisation that promises four weeks (as KVGO does) is held to the four weeks; a promise
    longer than a month cannot stretch the legal deadline, only an Art. 12(3) extension can.
    """
    return deadline(received_at, promised)


def parse_kind(raw: str) -> RequestKind:
    """'erase' -> 'erase'; ValueError naming the known kinds otherwise."""
    for kind in REQUEST_KINDS:
        if raw == kind:
            return kind
    raise ValueError(f"unknown request kind {raw!r}; choose one of {', '.join(REQUEST_KINDS)}")
