"""Synthetic Dutch identifiers that pass the same checks real ones do.

BSNs pass the 11-check and IBANs the mod-97 check, so the PII detectors and any validation in
the organisation's own software treat them as real; none of them belongs to anyone.
"""

from __future__ import annotations

import random

from waarborg.datasets.detectors import bsn_check_sum

_BANKS = ("ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RBRB")
_AREA_CODES = (
    "010",
    "013",
    "020",
    "023",
    "024",
    "026",
    "030",
    "033",
    "035",
    "040",
    "043",
    "045",
    "050",
    "053",
    "055",
    "058",
    "070",
    "071",
    "072",
    "073",
    "076",
    "077",
    "078",
    "079",
)
# The numeric form of each bank code followed by "NL00", precomputed for the mod-97 check.
_BANK_NUMBER = {bank: "".join(str(int(ch, 36)) for ch in bank) for bank in _BANKS}
_NL00 = "232100"


def make_bsn(rng: random.Random) -> str:
    """Nine digits passing the 11-check (9*d1 + ... + 2*d8 - d9 divisible by 11)."""
    while True:
        head = f"{10_000_000 + int(rng.random() * 90_000_000):08d}"
        last = bsn_check_sum(head + "0") % 11  # d9 = sum mod 11 makes the total divisible by 11
        if last <= 9:
            return head + str(last)


def make_iban(rng: random.Random) -> str:
    """A Dutch IBAN (NLkk BANK 0123456789) with valid check digits."""
    bank = _BANKS[int(rng.random() * len(_BANKS))]
    account = f"{int(rng.random() * 10**10):010d}"
    check = 98 - int(_BANK_NUMBER[bank] + account + _NL00) % 97
    return f"NL{check:02d}{bank}{account}"


def make_phone(rng: random.Random) -> str:
    """A Dutch mobile or landline number in one of the notations people actually type."""
    style = int(rng.random() * 5)
    if style < 3:  # mobiles are the majority
        number = f"{int(rng.random() * 10**8):08d}"
        return ("06-" + number, "+31 6 " + number, "06 " + number[:2] + " " + number[2:])[style]
    area = _AREA_CODES[int(rng.random() * len(_AREA_CODES))]
    width = 10 - len(area)
    rest = f"{int(rng.random() * 10**width):0{width}d}"
    return f"{area}-{rest}" if style == 3 else f"+31 {area[1:]} {rest}"
