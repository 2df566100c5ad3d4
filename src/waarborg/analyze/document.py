"""The statement being analysed: original text, its clean twin, and its sentences.

Matching runs on the clean text (same length, markup removed); evidence is always cut from the
original, so `Evidence.text == text[start:end]` holds for every span the analyzer reports.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from .model import Evidence
from .segment import Sentence, clean_text, segment

if TYPE_CHECKING:
    import re

    from .lexicon import Matcher


@dataclass
class Document:
    """A statement ready for matching."""

    text: str
    clean: str = field(init=False)
    lower: str = field(init=False, repr=False)  # `clean` lower-cased, same length
    sentences: list[Sentence] = field(init=False)
    _starts: list[int] = field(init=False, repr=False)
    _found: dict[str, dict[int, int]] = field(init=False, repr=False)  # trigger -> {sentence: first position}
    # the three-character runs of `lower` (key False) and `clean` (key True), collected on first use
    _trigrams: dict[bool, set[tuple[str, ...]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.clean = clean_text(self.text)
        self.lower = _lower_same_length(self.clean)
        self.sentences = segment(self.text, self.clean)
        self._starts = [sentence.start for sentence in self.sentences]
        self._found = {}
        self._trigrams = {}

    def index_at(self, position: int) -> int | None:
        """The index of the sentence containing `position`, or None between sentences."""
        index = bisect_right(self._starts, position) - 1
        if index < 0 or position >= self.sentences[index].end:
            return None
        return index

    def trigger_spans(self, literals: tuple[str, ...], exact: bool = False) -> list[tuple[int, int]]:
        """(start, end) ranges to run a pattern on whose every match starts with one of `literals`: the
        sentences containing one (in the lower-cased text, or as written when `exact`), in order,
        neighbours on one line merged, each range starting where its first literal does.

        Fewer, longer ranges mean fewer regex calls; sentences on different lines stay apart so that a
        match never runs from one paragraph into the next. No match can start before the first literal,
        so the regex engine need not try its alternatives at each position of the text before it.
        """
        firsts: dict[int, int] = {}
        for literal in literals:
            key = f"={literal}" if exact else literal
            if key not in self._found:
                self._found[key] = {} if self._absent(literal, exact) else self._find(
                    self.clean if exact else self.lower, literal)
            for index, position in self._found[key].items():
                if position < firsts.get(index, position + 1):
                    firsts[index] = position
        spans: list[tuple[int, int]] = []
        previous = -2
        for index in sorted(firsts):
            sentence = self.sentences[index]
            if index == previous + 1 and spans and "\n" not in self.clean[spans[-1][1]:sentence.start]:
                spans[-1] = (spans[-1][0], sentence.end)
            else:
                spans.append((firsts[index], sentence.end))
            previous = index
        return spans

    def _absent(self, literal: str, exact: bool) -> bool:
        """True when a three-character run of `literal` occurs nowhere in the text, so neither does it.

        Most of the six hundred triggers looked up per statement are absent from it. One pass collecting
        the text's trigrams and a set comparison per trigger cost less than a scan of the text for each.
        """
        if exact not in self._trigrams:
            text = self.clean if exact else self.lower
            self._trigrams[exact] = set(zip(text, text[1:], text[2:], strict=False))
        return not self._trigrams[exact].issuperset(_trigrams_of(literal))

    def _find(self, text: str, literal: str) -> dict[int, int]:
        """Sentence index -> where `literal` first starts inside that sentence."""
        found: dict[int, int] = {}
        position = text.find(literal)
        while position != -1:
            index = self.index_at(position)
            if index is None:
                position = text.find(literal, position + 1)
                continue
            found[index] = position
            position = text.find(literal, self.sentences[index].end)
        return found

    def sentence_text(self, index: int) -> str:
        """The clean text of sentence `index` (for matching)."""
        sentence = self.sentences[index]
        return self.clean[sentence.start:sentence.end]

    def evidence(self, index: int) -> Evidence:
        """Sentence `index` as evidence."""
        sentence = self.sentences[index]
        return self.span(sentence.start, sentence.end)

    def span(self, start: int, end: int) -> Evidence:
        """Evidence for text[start:end], trimmed of surrounding whitespace and markup."""
        while start < end and (self.clean[start].isspace()):
            start += 1
        while end > start and (self.clean[end - 1].isspace()):
            end -= 1
        return Evidence(self.text[start:end], start, end)

    def search_in(self, matcher: Matcher, index: int) -> re.Match[str] | None:
        """The first match of `matcher` inside sentence `index`."""
        sentence = self.sentences[index]
        return matcher.search(self, sentence.start, sentence.end)


@cache
def _trigrams_of(literal: str) -> frozenset[tuple[str, ...]]:
    """The three-character runs of a trigger (none for a shorter one), kept: triggers come from the lexicon."""
    return frozenset(zip(literal, literal[1:], literal[2:], strict=False))


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. U+0130) grow when lower-cased; keep those as they are.
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
