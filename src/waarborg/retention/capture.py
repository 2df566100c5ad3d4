"""SQLite: the keyed hash that also hands each result to the erasure ledger.

A sweep masking an identity by `hash` needs, for the ledger, exactly the hashes its UPDATE writes.
On SQLite the UPDATE computes them with a Python function, once per erased row; this module
registers a variant of that function (`LEDGER_HMAC`) on the sweep's connection for the duration of
one statement, which also appends every result to a list. That spares a second pass over the rows
(a fifth of a sweep) and RETURNING (a third more).

It is also cheaper per row than the general `waarborg_hmac(key, value)`, which a hand-written
statement calls: the key is the sweep's for the whole statement, so it is absorbed once, into the
inner and outer SHA-256 states of HMAC (RFC 2104), instead of reaching Python with every row. Per
row that leaves two state copies and two updates, about two thirds of the general function's
cost (measured: 1.1 s against 1.6 s for 500,000 values).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from waarborg.datasets.erase import LEDGER_HMAC, _hmac_pads


def ledger_hmac(key: bytes, collect: Callable[[str], Any]) -> Callable[[Any], str | None]:
    """The SQLite function `waarborg_hmac` (`waarborg.datasets.connect.sqlite_hmac`) with `key`
    fixed, value for value the same hash, that also passes each hash to `collect`."""
    inner_pad, outer_pad = _hmac_pads(key)
    inner_start, outer_start = hashlib.sha256(inner_pad), hashlib.sha256(outer_pad)

    def hash_and_collect(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            value = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        inner = inner_start.copy()
        inner.update(value.encode("utf-8"))
        outer = outer_start.copy()
        outer.update(inner.digest())
        digest = outer.hexdigest()
        collect(digest)
        return digest

    return hash_and_collect


@contextmanager
def ledger_capture(conn: Connection, key: bytes) -> Iterator[list[str]]:
    """Collect every hash `LEDGER_HMAC` computes (under `key`) on this SQLite connection while
    the block runs."""
    collected: list[str] = []
    raw: Any = conn.connection.driver_connection
    raw.create_function(LEDGER_HMAC, 1, ledger_hmac(key, collected.append))  # not deterministic: once per row
    try:
        yield collected
    finally:
        raw.create_function(LEDGER_HMAC, 1, None)  # disabled: nothing collects outside the block
