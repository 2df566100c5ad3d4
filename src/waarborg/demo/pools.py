"""Pools of synthetic Dutch names, streets, towns and companies, drawn once from Faker('nl_NL').

Calling Faker for every field of ten million rows would take hours; the generator instead picks
from these pools with its own seeded random number generator, which is fast and reproducible.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_POOL_SIZE = {"first": 400, "last": 1500, "street": 1500, "town": 400, "company": 600}


@dataclass(frozen=True)
class Pools:
    """Ready-made values with their e-mail-safe slugs."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]
    streets: tuple[str, ...]
    towns: tuple[tuple[str, str], ...]  # (postcode digits, town)
    companies: tuple[str, ...]
    slugs: dict[str, str]


def slug(text: str) -> str:
    """'van der Veen-Brück' -> 'vanderveenbruck': ASCII letters and digits for e-mail addresses."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@lru_cache(maxsize=4)
def make_pools(seed: int) -> Pools:
    """Draw the pools for a seed (cached: the same seed gives the same pools)."""
    from faker import Faker  # imported here: Faker is slow to import and only the demo needs it

    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    female = _unique(fake.first_name_female, _POOL_SIZE["first"])
    male = _unique(fake.first_name_male, _POOL_SIZE["first"])
    last = _unique(fake.last_name, _POOL_SIZE["last"])
    streets = _unique(fake.street_name, _POOL_SIZE["street"])
    towns = tuple((fake.postcode()[:4], fake.city()) for _ in range(_POOL_SIZE["town"]))
    companies = _unique(fake.company, _POOL_SIZE["company"])
    slugs = {name: slug(name) for name in (*female, *male, *last, *companies)}
    return Pools(female, male, last, streets, towns, companies, slugs)


def _unique(draw: Callable[[], str], size: int) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for _ in range(size * 3):  # Faker's lists are finite; stop when they run dry
        seen[draw()] = None
        if len(seen) >= size:
            break
    return tuple(seen)
