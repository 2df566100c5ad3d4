"""Naming register things in findings, in Dutch and English.

Every message names the activity, recipient, cookie or category concerned, so a privacy officer
can act on it without reading the YAML path.
"""

from __future__ import annotations

from waarborg.register import LocalText, Register, taxonomy
from waarborg.register.retention import Period

Names = tuple[str, str]  # (Dutch, English)


def quoted(text: str) -> str:
    """‘text’ — the quotation marks used in every message."""
    return f"‘{text}’"


def excerpt(text: str, limit: int = 70) -> str:
    """A quoted text cut short at a word boundary, so a long criterion does not swamp the message."""
    if len(text) <= limit:
        return quoted(text)
    return quoted(text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…")


def both(text: LocalText, register: Register) -> Names:
    """A register text in Dutch and in English, falling back to what exists."""
    return text.get("nl", register.language), text.get("en", register.language)


def quoted_both(text: LocalText, register: Register) -> Names:
    """A register text quoted, in Dutch and in English."""
    nl, en = both(text, register)
    return quoted(nl), quoted(en)


def activity(register: Register, key: str) -> Names:
    """The quoted name of activity `key` in both languages."""
    return quoted_both(register.activities[key].name, register)


def recipient(register: Register, key: str) -> Names:
    """The quoted name of recipient `key` in both languages (often a description, not a proper name)."""
    return quoted_both(register.recipients[key].name, register)


def category(register: Register, key: str) -> Names:
    """The quoted label of a data category, or its key when the vocabulary does not know it."""
    try:
        return quoted(register.category_label(key, "nl")), quoted(register.category_label(key, "en"))
    except KeyError:
        return quoted(key), quoted(key)


def country(code: str) -> Names:
    """A country's name in Dutch and English, e.g. ('Verenigde Staten', 'United States')."""
    return taxonomy.country_name(code, "nl"), taxonomy.country_name(code, "en")


_UNITS_NL = {
    "days": ("dag", "dagen"),
    "weeks": ("week", "weken"),
    "months": ("maand", "maanden"),
    "years": ("jaar", "jaar"),
}


def period_nl(period: Period) -> str:
    """A period in Dutch, e.g. '6 maanden', '1 jaar' (the English form is `str(period)`)."""
    singular, plural = _UNITS_NL[period.unit]
    return f"{period.value} {singular if period.value == 1 else plural}"
