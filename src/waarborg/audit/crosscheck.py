"""The cross-check: every request, erasure and sweep in the store has its audit entries.

A chain can be intact and still hide work: entries never written, or a whole chain deleted
while the store keeps the requests it recorded. So `audit verify` also reads the records the
trail speaks about and names each one whose entries are missing: a request without
`request.received` (or without the entry of the state it ended in), a sweep run without
`sweep.started` (or `sweep.completed`), a ledger entry whose request or sweep run the trail
never mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.store.models import DataSubjectRequest, ErasureLedgerEntry, SweepRun

# The entry a record in this final state must have, besides the one that opened it.
REQUEST_FINAL = {"completed": "completed", "rejected": "rejected", "failed": "failed"}
SWEEP_FINAL = {"completed": "completed"}


class References:
    """What the walked entries say about requests and sweep runs: id -> the actions seen."""

    def __init__(self) -> None:
        self.requests: dict[str, set[str]] = defaultdict(set)
        self.sweeps: dict[str, set[str]] = defaultdict(set)

    def note(self, action: str, detail: dict[str, Any]) -> None:
        group, _, verb = action.partition(".")
        if group == "request" and isinstance(detail.get("request_id"), str):
            self.requests[detail["request_id"]].add(verb)
        elif group == "sweep" and isinstance(detail.get("run"), str):
            self.sweeps[detail["run"]].add(verb)


def unaudited(session: Session, refs: References) -> Iterator[str]:
    """One line per record of the store that lacks its audit entries."""
    yield from _requests(session, refs)
    yield from _sweeps(session, refs)
    yield from _ledger(session, refs)


def _requests(session: Session, refs: References) -> Iterator[str]:
    query = select(DataSubjectRequest.id, DataSubjectRequest.kind, DataSubjectRequest.status)
    for request_id, kind, status in session.execute(query.order_by(DataSubjectRequest.received_at)):
        seen = refs.requests.get(request_id, set())
        # A request from the public centre opens with `request.submitted`; `received` follows its
        # e-mail verification (waarborg.requests.intake).
        opened = "submitted" if status == "awaiting_verification" else "received"
        for needed in (opened, REQUEST_FINAL.get(status)):
            if needed is not None and needed not in seen:
                yield f"request {request_id} ({kind}, {status}) has no audit entry request.{needed}"


def _sweeps(session: Session, refs: References) -> Iterator[str]:
    for run_id, status in session.execute(select(SweepRun.id, SweepRun.status).order_by(SweepRun.started_at)):
        seen = refs.sweeps.get(run_id, set())
        for needed in ("started", SWEEP_FINAL.get(status)):
            if needed is not None and needed not in seen:
                yield f"sweep run {run_id} ({status}) has no audit entry sweep.{needed}"


def _ledger(session: Session, refs: References) -> Iterator[str]:
    query = select(ErasureLedgerEntry.id, ErasureLedgerEntry.request_id, ErasureLedgerEntry.sweep_run_id)
    for entry_id, request_id, run_id in session.execute(query.order_by(ErasureLedgerEntry.id)):
        if request_id is not None and request_id not in refs.requests:
            yield f"erasure ledger entry {entry_id} names request {request_id}, which the audit trail never mentions"
        elif run_id is not None and run_id not in refs.sweeps:
            yield f"erasure ledger entry {entry_id} names sweep run {run_id}, which the audit trail never mentions"
