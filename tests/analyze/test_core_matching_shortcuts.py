"""The matching shortcuts find exactly what a plain regex scan finds.

The analyzer runs a lexicon pattern only from the first trigger of each range of sentences that
contain one, decides that a trigger is absent from its three-character runs, and tries a whole-text
pattern only where a trigger begins. Each is a speed-up that must not change a single match: these
tests compare every lexicon matcher with the plain scan it replaces, on the written statements and on
texts made to hit the edges (triggers overlapping, a match between sentences, word boundaries).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from waarborg.analyze.document import Document
from waarborg.analyze.lexicon import Matcher, common_lexicon, lexicon
from waarborg.register.text import Language

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
TEXTS = sorted(STATEMENTS.glob("dev_*.txt"))[:12]


def _plain_ranges(document: Document, literals: tuple[str, ...], exact: bool) -> list[tuple[int, int]]:
    """The ranges as the analyzer had them: whole sentences containing a literal, neighbours on one line merged."""
    text = document.clean if exact else document.lower
    indexes = [index for index, sentence in enumerate(document.sentences)
               if any(literal in text[sentence.start:sentence.end] for literal in literals)]
    ranges: list[tuple[int, int]] = []
    for position, index in enumerate(indexes):
        sentence = document.sentences[index]
        if position and indexes[position - 1] == index - 1 and "\n" not in document.clean[ranges[-1][1]:sentence.start]:
            ranges[-1] = (ranges[-1][0], sentence.end)
        else:
            ranges.append((sentence.start, sentence.end))
    return ranges


def _plain_scan(matcher: Matcher, document: Document) -> list[tuple[int, int]]:
    """What `matcher.finditer` must give: each regex scanned over its whole ranges (or the whole text)."""
    found: list[tuple[int, int]] = []
    for pattern, literals, text, exact in ((matcher.lower, matcher.triggers, document.lower, False),
                                           (matcher.exact, matcher.exact_triggers, document.clean, True)):
        if pattern is None:
            continue
        ranges = [(0, len(text))] if literals is None else _plain_ranges(document, literals, exact)
        found += [match.span() for start, end in ranges for match in pattern.finditer(text, start, end)]
    return found


def _all_matchers(language: Language) -> list[Matcher]:
    words, common = lexicon(language), common_lexicon()
    matchers = [entry.matcher for element in words.elements.values() for entry in element.patterns.entries]
    matchers += [entry.matcher for entry in words.categories.entries + common.vendors.entries]
    matchers += [words.uses_consent, words.uses_legitimate_interest, *words.legal_bases.values(),
                 words.retention.verbs, words.retention.period, common.cookies, common.cookie_kinds]
    return matchers


@pytest.mark.parametrize("path", TEXTS, ids=lambda path: path.name)
def test_every_lexicon_matcher_finds_what_a_plain_scan_finds(path: Path) -> None:
    document = Document(path.read_text(encoding="utf-8"))
    language: Language = "en" if "_en" in path.name else "nl"
    matchers = _all_matchers(language)
    found = sum(1 for matcher in matchers for _ in matcher.finditer(document))
    assert found > 20  # the statement does exercise the lexicon
    for matcher in matchers:
        assert [match.span() for match in matcher.finditer(Document(document.text))] == _plain_scan(matcher, document)


EDGES = [
    "Wij plaatsen _ga, _gid en _gat_UA-1 cookies.\n\n_ga\n\nen __utma, __utmz; x_ga is geen cookie.",
    "Cookies: _fbp_fbp _hjid _hj__utma _hjSessionUser PHPSESSID,IDE NID. Google Analytics en Hotjar.",
    "Bewaren, bewaartermijn en bewaard: wij bewaren uw gegevens 7 jaar.\nBewaar.Bewaren bewaren",
    "toestemming toestemming. U geeft toestemming; zonder uw toestemming niet. Intrekken kan altijd.",
]


@pytest.mark.parametrize("text", EDGES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_edge_texts_give_the_same_matches_as_a_plain_scan(text: str, language: Language) -> None:
    document = Document(text)
    for matcher in _all_matchers(language):
        assert [match.span() for match in matcher.finditer(document)] == _plain_scan(matcher, document)


def test_cookie_names_are_found_outside_sentences_as_before() -> None:
    cookies = common_lexicon().cookies
    assert cookies.exact_starts is not None  # the whole-text shortcut is in use
    text = "Cookies\n\n| _ga | 2 jaar |\n| _gid | 1 dag |\n\nFacebook Pixel en x_ga."
    shortcut = [match.group(0) for match in cookies.finditer(Document(text))]
    assert shortcut == [match.group(0) for match in cookies.exact.finditer(Document(text).clean)]  # type: ignore[union-attr]
    assert "_ga" in shortcut and "Facebook Pixel" in shortcut


def test_a_trigger_is_absent_only_when_the_text_lacks_it() -> None:
    document = Document("Wij bewaren uw gegevens.")
    assert document.trigger_spans(("bewaren",)) == [(4, 24)]  # from the trigger, to the sentence end
    assert document.trigger_spans(("bewaar", "verwijder")) == []  # "bewaar" is not in "bewaren"
    assert re.search("gegevens", document.lower) and document.trigger_spans(("ge",))[0][0] == 15
