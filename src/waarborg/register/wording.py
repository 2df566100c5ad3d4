"""How the register's own values read in Dutch and English: periods, 'until' events, dates.

Shared by everything that puts register values into sentences (the statement, the Art. 30
export, the access letter), so the same period never reads two ways.
"""

from __future__ import annotations

from datetime import date

from .retention import Period
from .text import Language

UNIT_WORDS: dict[str, dict[Language, tuple[str, str]]] = {
    "days": {"nl": ("dag", "dagen"), "en": ("day", "days")},
    "weeks": {"nl": ("week", "weken"), "en": ("week", "weeks")},
    "months": {"nl": ("maand", "maanden"), "en": ("month", "months")},
    "years": {"nl": ("jaar", "jaar"), "en": ("year", "years")},
}

_UNTIL: dict[Language, str] = {"nl": "tot", "en": "until"}
_LEADING_WORDS = ("na ", "after ", "vanaf ", "from ")


def period_text(period: Period, lang: Language) -> str:
    """Period(7, 'years') -> '7 jaar' / '7 years'; Period(1, 'months') -> '1 maand'."""
    singular, plural = UNIT_WORDS[period.unit][lang]
    return f"{period.value} {singular if period.value == 1 else plural}"


def until_text(event_label: str, lang: Language) -> str:
    """An event label as the end of a zero period: 'na afloop van de training' -> 'tot afloop van de training'.

    Labels that already read 'tot ...' / 'until ...' stay as they are.
    """
    until = _UNTIL[lang]
    if event_label.startswith(until + " "):
        return event_label
    for leading in _LEADING_WORDS:
        if event_label.startswith(leading):
            event_label = event_label[len(leading) :]
            break
    return f"{until} {event_label}"


def long_date(day: date, lang: Language) -> str:
    """1 March 2024 -> '1 maart 2024' / '1 March 2024' (Babel, CLDR long format)."""
    from babel.dates import format_date

    return format_date(day, format="long", locale="nl_NL" if lang == "nl" else "en_GB")
