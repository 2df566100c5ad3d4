"""How a sweep batch's identity hashes are kept in the erasure ledger.

A sweep batch erases up to a batch of people at once and records the identity hash (HMAC-SHA256)
of every one of them. They used to be a JSON list of hex strings (`identity_hashes`): 64 hex
digits and three characters of JSON per person, about 67 bytes. Since migration `sweep_1` they
are the raw 32-byte digests one after the other (`identity_hashes_packed`): less than half, with
nothing lost, so a replay matches exactly the hashes it always did. Entries written before stay
in the JSON column and are read as they are; `recorded_hashes` reads either form.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

DIGEST_BYTES = 32  # SHA-256


class LedgerFormatError(ValueError):
    """A packed hash list whose length is not a whole number of digests."""


def pack_hex(hashes: Sequence[str]) -> bytes | None:
    """Hex identity hashes as one string of raw digests (None for none). One join and one
    `bytes.fromhex` for a whole batch: no Python work per hash."""
    return bytes.fromhex("".join(hashes)) if hashes else None


def unpack(packed: bytes) -> list[str]:
    """The hex identity hashes of a packed list, in their recorded order."""
    if len(packed) % DIGEST_BYTES:
        raise LedgerFormatError(f"a packed hash list of {len(packed)} bytes is not a multiple of {DIGEST_BYTES}")
    text = packed.hex()
    width = 2 * DIGEST_BYTES
    return [text[i : i + width] for i in range(0, len(text), width)]


def recorded_hashes(packed: bytes | None, listed: Sequence[Any] | None) -> list[str]:
    """The identity hashes of a ledger entry, from whichever column holds them (new or old form)."""
    if packed:
        return unpack(bytes(packed))
    return [str(value) for value in listed or []]
