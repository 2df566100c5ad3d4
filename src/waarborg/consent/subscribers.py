"""The current subscribers of a mailing type, from the ledger, as a mailing list to filter and send.

Streams the ledger's events of one purpose in (person, moment) order, so memory stays flat;
a person is a subscriber when their last event is a consent given, and their address is the
sealed one of their latest event that kept it. Someone whose consent was recorded without an
address (e.g. given by hash only) is counted, not written.
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.register import Register
from waarborg.store.consent_models import ConsentEvent
from waarborg.store.sealing import unseal

from .mailing_types import mailing_type


@dataclass(frozen=True)
class SubscribersReport:
    mailing_type: str
    written: int
    without_address: int


def write_subscribers(
    session: Session, key: bytes, register: Register, type_key: str, target: TextIO
) -> SubscribersReport:
    """Write `email` rows for everyone whose last word for the mailing type is a consent given."""
    mailing_type(register, type_key)
    query = (select(ConsentEvent.identity_hash, ConsentEvent.action, ConsentEvent.identity_sealed)
             .where(ConsentEvent.purpose == type_key)
             .order_by(ConsentEvent.identity_hash, ConsentEvent.at, ConsentEvent.id)
             .execution_options(yield_per=10_000))
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(["email"])
    written = without = 0
    for _, events in itertools.groupby(session.execute(query), key=lambda row: row[0]):
        rows = list(events)
        if rows[-1][1] != "given":
            continue
        sealed = next((row[2] for row in reversed(rows) if row[2]), None)
        if sealed is None:
            without += 1
            continue
        writer.writerow([unseal(key, sealed)])
        written += 1
    return SubscribersReport(type_key, written, without)
