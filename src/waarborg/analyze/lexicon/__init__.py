"""The analyzer's lexicons: regex patterns with weights per element, per language, as data.

`lexicon("nl")` and `common_lexicon()` load and compile the YAML once, on first use (no work at
import time). Patterns are matched against the lower-cased text without re.IGNORECASE: CPython's
regex engine skips ahead on a pattern's possible first characters only for case-sensitive
patterns, and on this corpus that makes matching about fifty times faster. Abbreviations that must
match exactly (AP, FG, Wbp) are `exact` patterns, matched against the text as written. All of an
element's patterns are compiled into one alternation with a named group per pattern, so scoring an
element costs one pass over the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from waarborg.register.text import Language

from ..document import Document
from ..yamlfile import load_yaml
from .triggers import triggers

_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


class LexiconError(ValueError):
    """A lexicon pattern that cannot be used; the message names the file and the pattern."""


@dataclass(frozen=True)
class Matcher:
    """A case-insensitive part (matched on lower-cased text) and an exact part (on the text).

    When `triggers` are known, the lower-cased part only runs on sentences containing one (see
    triggers.py); matches then never cross a sentence boundary, which is what we want anyway.
    """

    lower: re.Pattern[str] | None
    exact: re.Pattern[str] | None = None
    triggers: tuple[str, ...] | None = None
    exact_triggers: tuple[str, ...] | None = None
    # For an exact pattern matched on the whole text: a regex for where its triggers begin (see `anywhere`).
    exact_starts: re.Pattern[str] | None = None

    @classmethod
    def of(cls, lower: str | None, exact: str | None = None) -> Matcher:
        """Compile a lower-case pattern and an exact one, deriving the triggers."""
        return cls(re.compile(lower) if lower else None, re.compile(exact) if exact else None,
                   triggers(lower) if lower else None, triggers(exact) if exact else None)

    @classmethod
    def anywhere(cls, exact: str) -> Matcher:
        """An exact pattern matched anywhere in the text, inside sentences or not.

        The regex engine tries a pattern that opens with a word boundary at every position of the text;
        when the pattern's triggers are known, it is tried only where one begins (found by a plain
        alternation, which the engine skips ahead to): the same matches, a twentieth of the work.
        """
        found = triggers(exact)
        starts = re.compile("|".join(map(re.escape, found))) if found else None
        return cls(None, re.compile(exact), exact_starts=starts)

    def finditer(self, document: Document) -> Iterator[re.Match[str]]:
        """All matches in the document; offsets index the original text."""
        if self.lower is not None:
            if self.triggers is None:
                yield from self.lower.finditer(document.lower)
            else:
                for start, end in document.trigger_spans(self.triggers):
                    yield from self.lower.finditer(document.lower, start, end)
        if self.exact is not None:
            if self.exact_starts is not None:
                yield from _matches_at(self.exact, self.exact_starts, document.clean)
            elif self.exact_triggers is None:
                yield from self.exact.finditer(document.clean)
            else:
                for start, end in document.trigger_spans(self.exact_triggers, exact=True):
                    yield from self.exact.finditer(document.clean, start, end)

    def search(self, document: Document, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        """The first match between `start` and `end` (lower-cased part first)."""
        stop = len(document.clean) if end is None else end
        if self.lower is not None and (found := self.lower.search(document.lower, start, stop)):
            return found
        return self.exact.search(document.clean, start, stop) if self.exact is not None else None

    def finditer_text(self, text: str) -> Iterator[re.Match[str]]:
        """All matches in a short string such as a heading."""
        if self.lower is not None:
            yield from self.lower.finditer(text.lower())
        if self.exact is not None:
            yield from self.exact.finditer(text)


def _matches_at(pattern: re.Pattern[str], starts: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The matches of `pattern.finditer(text)`, trying the pattern only where `starts` matches.

    Every match begins with a trigger, so no other position can start one; after a match the search
    goes on from its end, as finditer's does (a match is never empty: it holds its trigger).
    """
    position = 0
    while (trigger := starts.search(text, position)) is not None:
        match = pattern.match(text, trigger.start())
        if match is not None:
            yield match
        position = max(match.end() if match is not None else 0, trigger.start() + 1)


@dataclass(frozen=True)
class WeightedPattern:
    """One lexicon pattern with its weight and group (patterns of a group count once)."""

    matcher: Matcher
    weight: float
    group: str


@dataclass(frozen=True)
class WeightedPatterns:
    """The patterns of one element (or one table such as the vendors), in lexicon order."""

    entries: tuple[WeightedPattern, ...]

    def hits(self, document: Document) -> Iterator[tuple[re.Match[str], int]]:
        """Every match with the index of the entry that produced it."""
        for position, entry in enumerate(self.entries):
            for match in entry.matcher.finditer(document):
                yield match, position

    def matchers(self, group: str | None = None) -> list[Matcher]:
        """The matchers of all entries, or of one group's entries."""
        return [entry.matcher for entry in self.entries if group is None or entry.group == group]

    def best_in_text(self, text: str) -> float:
        """The heaviest weight among patterns matching a short text such as a heading."""
        return max((entry.weight for entry in self.entries
                    if next(entry.matcher.finditer_text(text), None) is not None), default=0.0)


@dataclass(frozen=True)
class ElementLexicon:
    """How one Art. 13/14 element shows in a sentence."""

    key: str
    patterns: WeightedPatterns
    context: WeightedPatterns | None
    negative: Matcher | None
    threshold: float
    section: Matcher | None = None  # a heading that names the element: its first sentence shows it
    # Groups whose hit in a sentence carries to the next sentence of the same paragraph
    # ("Wij hebben een FG. U bereikt hem via fg@..." names the DPO once, the contact after it).
    carry: frozenset[str] = frozenset()
    # Groups that count only when the statement uses consent: unsubscribing withdraws consent
    # (Art. 7(3)) only where consent is the basis; otherwise it is an objection (Art. 21).
    consent_only: frozenset[str] = frozenset()
    # A heading that only asks ("Op basis van welke grondslag?") names the topic, not the answer: with
    # `headings` False a heading never shows the element by itself, and with `section_needs_hit` the
    # first sentence below a heading shows it only when it matches one of the element's patterns
    # itself (a heading "Doel en grondslag" is answered by a sentence about the purposes).
    headings: bool = True
    section_needs_hit: bool = False

    def core(self) -> WeightedPatterns:
        """The patterns without the consent-only groups."""
        return WeightedPatterns(tuple(entry for entry in self.patterns.entries
                                      if entry.group not in self.consent_only))


@dataclass(frozen=True)
class RetentionLexicon:
    """Words that make a number a retention period, and criteria with or without a number."""

    verbs: Matcher
    period: Matcher
    criterion: Matcher
    vague: Matcher
    subject_verbs: re.Pattern[str]
    applies_after: re.Pattern[str]
    numbers: dict[str, int]
    units: dict[str, str]


@dataclass(frozen=True)
class Lexicon:
    """Everything language-specific the analyzer matches."""

    language: Language
    elements: dict[str, ElementLexicon]
    uses_consent: Matcher
    uses_legitimate_interest: Matcher
    uses_legitimate_interest_negative: Matcher
    legal_bases: dict[str, Matcher]
    categories: WeightedPatterns  # group names are taxonomy keys
    retention: RetentionLexicon
    analytics_use: Matcher
    analytics_conditions: Matcher
    acting_subject: re.Pattern[str]  # group "subject": a name acting at the start of a sentence (lower-cased)
    acting_processing: re.Pattern[str]  # the verbs of processing itself, preferred as evidence
    acting_kind: re.Pattern[str]  # a word naming a kind of organisation ("stichting", "club", "institute")


@dataclass(frozen=True)
class FindingPatterns:
    """What shows a finding in a sentence, and what (in the same sentence) cancels it."""

    matcher: Matcher
    negative: Matcher | None


@dataclass(frozen=True)
class CommonLexicon:
    """Language-independent lexicon: vendors, authorities, cookies, finding patterns."""

    vendors: WeightedPatterns  # entry i is vendor_table[i]
    vendor_table: tuple[tuple[str, str, str | None], ...]  # (name, role, country)
    authorities: tuple[tuple[str, Matcher], ...]
    cookies: Matcher
    cookie_kinds: Matcher
    findings: dict[str, FindingPatterns]
    placeholder_words: re.Pattern[str]


def _load(name: str) -> dict[str, Any]:
    source = resources.files("waarborg.analyze.lexicon").joinpath(name)
    loaded: dict[str, Any] = load_yaml(source.read_text(encoding="utf-8"))
    return loaded


def lowered(source: str) -> str:
    """A pattern for lower-cased text; upper-case escapes (\\S, \\W, \\D, \\B) would change meaning."""
    if _UPPER_ESCAPE.search(source):
        raise LexiconError(f"pattern uses an upper-case escape, which lower-casing breaks: {source!r}")
    return source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")


def _matcher(lower: list[str], exact: list[str] | None = None) -> Matcher:
    joined = "|".join(f"(?:{lowered(pattern)})" for pattern in lower)
    return Matcher.of(joined or None, "|".join(f"(?:{pattern})" for pattern in exact or []) or None)


def _weighted(entries: list[dict[str, Any]]) -> WeightedPatterns:
    return WeightedPatterns(tuple(
        WeightedPattern(
            matcher=Matcher.of(None, entry["re"]) if entry.get("exact") else Matcher.of(lowered(entry["re"])),
            weight=float(entry.get("w", 1.0)),
            group=str(entry.get("group", f"g{index}")),
        )
        for index, entry in enumerate(entries)
    ))


def _element(key: str, spec: dict[str, Any]) -> ElementLexicon:
    context = spec.get("context")
    negative = spec.get("negative")
    return ElementLexicon(
        key=key,
        patterns=_weighted(spec["patterns"]),
        context=_weighted(context) if context else None,
        negative=_matcher(negative) if negative else None,
        threshold=float(spec.get("threshold", 1.0)),
        section=_matcher(spec["section"]) if spec.get("section") else None,
        carry=frozenset(spec.get("carry") or ()),
        consent_only=frozenset(spec.get("consent_only") or ()),
        headings=bool(spec.get("headings", True)),
        section_needs_hit=bool(spec.get("section_needs_hit", False)),
    )


def _retention(spec: dict[str, str], numbers: dict[str, int], units: dict[str, str]) -> RetentionLexicon:
    return RetentionLexicon(
        verbs=_matcher([spec["verbs"]]),
        period=_matcher([spec["period"]]),
        criterion=_matcher([spec["criterion"]]),
        vague=_matcher([spec["vague"]]),
        subject_verbs=re.compile(lowered(spec["subject_verbs"])),
        applies_after=re.compile(lowered(spec["applies_after"])),
        numbers={str(word): int(value) for word, value in numbers.items()},
        units={str(word): str(unit) for word, unit in units.items()},
    )


def _acting(spec: dict[str, str]) -> re.Pattern[str]:
    """A sentence opening with a name of one to six words (not a pronoun or a thing) and an acting verb; the name
    may follow an article when it starts with a kind of organisation ("De Vereniging van Eigenaren X verwerkt")."""
    verbs, not_subject, kinds = lowered(spec["verbs"]), lowered(spec["not_subject"]), lowered(spec["kinds"])
    article = rf"(?:(?P<article>{lowered(spec['articles'])}) (?=[^,.:;()\n]{{0,40}}?{kinds}))?"
    return re.compile(rf"{article}(?P<subject>(?!{not_subject}\b)[^\s,.:;()]+(?: [^\s,:;]+){{0,5}}?) {verbs}\b")


@cache
def lexicon(language: Language) -> Lexicon:
    """The compiled lexicon for Dutch or English (loaded once)."""
    data = _load(f"{language}.yaml")
    categories = [{"re": pattern, "group": key}
                  for key, patterns in data["categories"].items() for pattern in patterns]
    try:
        return Lexicon(
            language=language,
            elements={key: _element(key, spec) for key, spec in data["elements"].items()},
            uses_consent=_matcher(data["uses_consent"]),
            uses_legitimate_interest=_matcher(data["uses_legitimate_interest"]),
            uses_legitimate_interest_negative=_matcher(data["uses_legitimate_interest_negative"]),
            legal_bases={basis: _matcher(patterns) for basis, patterns in data["legal_bases"].items()},
            categories=_weighted(categories),
            retention=_retention(data["retention"], data["numbers"], data["units"]),
            analytics_use=_matcher([data["analytics_use"]]),
            analytics_conditions=_matcher([data["analytics_conditions"]]),
            acting_subject=_acting(data["acting_organisation"]),
            acting_processing=re.compile(lowered(data["acting_organisation"]["processing"])),
            acting_kind=re.compile(lowered(data["acting_organisation"]["kinds"])),
        )
    except (LexiconError, re.error) as error:
        raise LexiconError(f"lexicon/{language}.yaml: {error}") from error


@cache
def common_lexicon() -> CommonLexicon:
    """The compiled language-independent lexicon (loaded once)."""
    data = _load("common.yaml")
    findings = {
        finding_id: FindingPatterns(
            _matcher([spec["re"]], [spec["exact"]] if spec.get("exact") else None),
            _matcher([spec["negative"]]) if spec.get("negative") else None)
        for finding_id, spec in data["findings"].items()
    }
    return CommonLexicon(
        vendors=_weighted(data["vendors"]),
        vendor_table=tuple((entry["name"], entry["role"], entry.get("country")) for entry in data["vendors"]),
        authorities=tuple((entry["name"], _matcher([entry["re"]], [entry["exact"]] if entry.get("exact") else None))
                          for entry in data["authorities"]),
        cookies=Matcher.anywhere(data["cookies"]),
        cookie_kinds=_matcher([data["cookie_kinds"]]),
        findings=findings,
        placeholder_words=re.compile(lowered(data["findings"]["template-placeholder"]["bracket_words"])),
    )
