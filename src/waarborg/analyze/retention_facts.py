"""Retention facts: every period ("6 maanden", "7 jaar na afloop", "4 weeks") and every criterion
("zolang het lidmaatschap duurt", "until you unsubscribe") with what it applies to.

A number is a retention period only in a sentence about keeping or deleting data (or under a
retention heading), so "binnen vier weken reageren" and "jonger dan 16 jaar" are not periods.
Vague phrases ("niet langer dan noodzakelijk") are recorded as kind "vague": Art. 13(2)(a)
asks for a period or the criteria that determine it, and such a phrase gives neither.
"""

from __future__ import annotations

import re

from .document import Document
from .lexicon import Lexicon, Matcher, RetentionLexicon, WeightedPatterns
from .model import RetentionFact

_MAX_APPLIES = 90


def _retention_sentences(document: Document, words: RetentionLexicon, heading: WeightedPatterns | None) -> list[int]:
    """Sentences about keeping data: with a retention verb, or under a retention heading."""
    found = {index for match in words.verbs.finditer(document)
             if (index := document.index_at(match.start())) is not None}
    if heading is not None:
        verdicts: dict[str, bool] = {}
        for index, sentence in enumerate(document.sentences):
            if sentence.context and not sentence.heading:
                if sentence.context not in verdicts:
                    verdicts[sentence.context] = heading.best_in_text(sentence.context) > 0
                if verdicts[sentence.context]:
                    found.add(index)
    return sorted(found)


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-()")
    return text if len(text) <= _MAX_APPLIES else text[: _MAX_APPLIES - 1].rstrip() + "…"


def _applies_to(document: Document, index: int, at: int, words: RetentionLexicon) -> str:
    """What the period applies to: the subject before "wordt/worden", the object after
    "bewaren wij", or else the section heading."""
    sentence = document.sentences[index]
    before = document.lower[sentence.start:at]
    written = document.clean[sentence.start:at]
    subject = words.subject_verbs.search(before)
    if subject and subject.start() > 2:
        return _tidy(written[: subject.start()])
    after = words.applies_after.search(before)
    if after:
        rest = written[after.end():]
        verb = words.subject_verbs.search(before, after.end())
        return _tidy(written[after.end():verb.start()] if verb else rest)
    return _tidy(sentence.context.split(" | ")[0] if sentence.context else document.sentence_text(index))


def _period(match: re.Match[str], words: RetentionLexicon) -> tuple[int, str]:
    raw_value = match.group("value").lower()
    value = int(raw_value) if raw_value.isdigit() else words.numbers[raw_value]
    return value, words.units[match.group("unit").lower()]


def _within(matcher: Matcher, document: Document, start: int, end: int) -> list[re.Match[str]]:
    assert matcher.lower is not None  # retention patterns are all case-insensitive
    return list(matcher.lower.finditer(document.lower, start, end))


def find_retention(document: Document, lexicon: Lexicon) -> list[RetentionFact]:
    """Every retention period, criterion and vague phrase, in text order."""
    words = lexicon.retention
    facts: list[RetentionFact] = []
    for index in _retention_sentences(document, words, lexicon.elements["retention"].context):
        sentence = document.sentences[index]
        for match in _within(words.period, document, sentence.start, sentence.end):
            value, unit = _period(match, words)
            facts.append(RetentionFact(value, unit, _applies_to(document, index, match.start(), words),
                                       document.span(match.start(), match.end()), "period"))
        numbered = bool(facts) and facts[-1].evidence.start >= sentence.start
        for kind, pattern in (("criterion", words.criterion), ("vague", words.vague)):
            if numbered:
                break  # "7 jaar na afloop van de overeenkomst" is one period, not a period and a criterion
            for match in _within(pattern, document, sentence.start, sentence.end):
                facts.append(RetentionFact(None, None, _applies_to(document, index, match.start(), words),
                                           document.span(match.start(), match.end()), kind))
    facts.sort(key=lambda fact: fact.evidence.start)
    return facts
