"""Score sentences for one element from its weighted patterns.

A sentence's score is the sum, over pattern groups, of the heaviest pattern of the group that
matched in it, plus the heaviest context pattern matched in its heading or list intro (context
only counts when the sentence matched something itself). A negative pattern vetoes a sentence.
Some groups carry into the next sentence of a paragraph, and some count only where consent is used
(see ElementLexicon).
"""

from __future__ import annotations

from .document import Document
from .lexicon import ElementLexicon, WeightedPatterns
from .model import Evidence

MAX_EVIDENCE = 3
SUPPORT = 0.5


def group_hits(document: Document, patterns: WeightedPatterns) -> dict[int, dict[str, float]]:
    """For each sentence index with a match, the heaviest weight per group.

    Patterns lighter than SUPPORT only support: they are tried only in sentences another pattern
    matched. ("uw gegevens" says nothing alone; it strengthens "verbeteren" beside it.) This keeps
    the generic words from being matched all over the text.
    """
    hits: dict[int, dict[str, float]] = {}
    for entry in patterns.entries:
        if entry.weight < SUPPORT:
            continue
        for match in entry.matcher.finditer(document):
            index = document.index_at(match.start())
            if index is not None:
                _record(hits.setdefault(index, {}), entry.group, entry.weight)
    for entry in patterns.entries:
        if entry.weight >= SUPPORT:
            continue
        for index, groups in hits.items():
            if document.search_in(entry.matcher, index):
                _record(groups, entry.group, entry.weight)
    return hits


def _record(groups: dict[str, float], group: str, weight: float) -> None:
    if groups.get(group, 0.0) < weight:
        groups[group] = weight


def score_sentences(document: Document, element: ElementLexicon, consent_used: bool = True,
                    joined: dict[int, int] | None = None) -> dict[int, float]:
    """Score per sentence index (only sentences with a match and no veto appear).

    Without `consent_used`, the element's consent-only groups are left out. A sentence that takes a
    carried group from the sentence before it is recorded in `joined` (index -> earlier index).
    """
    patterns = element.patterns if consent_used or not element.consent_only else element.core()
    hits = group_hits(document, patterns)
    if element.carry:
        _carry(document, hits, element.carry, joined if joined is not None else {})
    scores: dict[int, float] = {}
    context_cache: dict[str, float] = {}
    for index, groups in hits.items():
        if element.negative is not None and document.search_in(element.negative, index):
            continue
        sentence = document.sentences[index]
        if sentence.heading and not element.headings:
            continue
        score = sum(groups.values())
        if element.context is not None and sentence.context and not sentence.heading:
            if sentence.context not in context_cache:
                context_cache[sentence.context] = element.context.best_in_text(sentence.context)
            score += context_cache[sentence.context]
        scores[index] = score
    if element.section is not None:
        _score_sections(document, element, scores)
    return scores


def _carry(document: Document, hits: dict[int, dict[str, float]], carried: frozenset[str],
           joined: dict[int, int]) -> None:
    """Give a sentence the carried groups of the sentence before it in the same paragraph."""
    before = {index: dict(groups) for index, groups in hits.items()}
    for index, groups in hits.items():
        previous = before.get(index - 1)
        if previous is None or not _same_paragraph(document, index - 1, index):
            continue
        for group in carried & previous.keys():
            if group not in groups:
                groups[group] = previous[group]
                joined[index] = index - 1


def _same_paragraph(document: Document, first: int, second: int) -> bool:
    one, two = document.sentences[first], document.sentences[second]
    return not one.heading and not two.heading and "\n" not in document.clean[one.end:two.start]


def element_evidence(document: Document, element: ElementLexicon, consent_used: bool = True) -> list[Evidence]:
    """The evidence that shows the element: its strongest sentences (see `best_evidence`)."""
    joined: dict[int, int] = {}
    scores = score_sentences(document, element, consent_used, joined)
    return best_evidence(document, scores, element.threshold, joined)


def _score_sections(document: Document, element: ElementLexicon, scores: dict[int, float]) -> None:
    """The first sentence below a heading that names the element shows it ("Wat doen we ermee?")."""
    assert element.section is not None
    sentences = document.sentences
    for index in range(1, len(sentences)):
        above = sentences[index - 1]
        if not above.heading or sentences[index].heading:
            continue
        if next(element.section.finditer_text(above.context), None) is None:
            continue
        if element.section_needs_hit and index not in scores:
            continue
        if element.negative is None or not document.search_in(element.negative, index):
            scores[index] = max(scores.get(index, 0.0), element.threshold)


def best_evidence(document: Document, scores: dict[int, float], threshold: float,
                  joined: dict[int, int] | None = None) -> list[Evidence]:
    """The strongest sentences at or above `threshold`, at most three, strongest first.

    The first quote is the reason the element counts as present, so the order is by score (text order
    among equals). A heading only names a topic ("Bewaartermijn"): it is quoted only when no sentence of
    the text itself shows the element. A sentence in `joined` is quoted together with the earlier
    sentence it continues.
    """
    passing = [(score, index) for index, score in scores.items() if score >= threshold - 1e-9]
    if any(not document.sentences[index].heading for _, index in passing):
        passing = [(score, index) for score, index in passing if not document.sentences[index].heading]
    strongest = sorted(passing, key=lambda pair: (-pair[0], pair[1]))[:MAX_EVIDENCE]
    evidence: list[Evidence] = []
    for _, index in strongest:
        first = (joined or {}).get(index, index)
        evidence.append(document.span(document.sentences[first].start, document.sentences[index].end))
    return evidence
