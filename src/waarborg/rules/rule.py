"""What a compliance rule is and what it reports.

A rule is a catalogue entry (`Rule`) plus a pure function over the register. The function yields
`Issue`s — a register path and a message in both languages — and the `@rule(...)` decorator turns
it into a `Check` that stamps each issue with the rule's id, severity and article:

    @rule(id="retention-missing", severity="error", article="Art. 5(1)(e), 13(2)(a) AVG/GDPR", ...)
    def retention_missing(register: Register) -> Iterator[Issue]:
        ...
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from waarborg.register import Register

Severity = Literal["error", "warning", "info"]
Lang = Literal["nl", "en"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Rule:
    """One entry of the rule catalogue: what is checked, how serious it is, and on which law."""

    id: str
    severity: Severity
    article: str
    title_nl: str
    title_en: str
    description_nl: str
    description_en: str


@dataclass(frozen=True)
class Finding:
    """A rule's verdict on one place in the register."""

    rule: str
    severity: Severity
    article: str
    path: str
    message_nl: str
    message_en: str

    def message(self, lang: Lang) -> str:
        """The message in Dutch or English."""
        return self.message_nl if lang == "nl" else self.message_en

    def as_json(self, lang: Lang) -> dict[str, str]:
        """The finding as the five keys `waarborg check --format json` prints."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "article": self.article,
            "message": self.message(lang),
            "path": self.path,
        }

    def sort_key(self) -> tuple[int, str, str, str]:
        """Errors first, then by register path, so output is stable and reads top-down."""
        return (SEVERITY_ORDER[self.severity], self.path, self.rule, self.message_en)


@dataclass(frozen=True)
class Issue:
    """What a check function reports: where, and what is wrong in both languages."""

    path: str
    nl: str
    en: str


CheckFunction = Callable[[Register], Iterable[Issue]]


@dataclass(frozen=True)
class Check:
    """A rule bound to the pure function that applies it."""

    rule: Rule
    function: CheckFunction

    def __call__(self, register: Register) -> list[Finding]:
        """Apply the rule to a register."""
        r = self.rule
        return [
            Finding(r.id, r.severity, r.article, issue.path, issue.nl, issue.en) for issue in self.function(register)
        ]


def rule(
    *,
    id: str,
    severity: Severity,
    article: str,
    title_nl: str,
    title_en: str,
    description_nl: str,
    description_en: str,
) -> Callable[[CheckFunction], Check]:
    """Decorate a check function with its catalogue entry."""
    entry = Rule(id, severity, article, title_nl, title_en, description_nl, description_en)

    def bind(function: CheckFunction) -> Check:
        return Check(entry, function)

    return bind
