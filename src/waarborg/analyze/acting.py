"""The organisation named as the one that acts, when the statement never calls it the controller.

Real statements often name the organisation only as the subject of what is done with the data
("fysiodeurloo deelt patiëntengegevens niet met derden", "Muziekschool X verwerkt persoonsgegevens")
and never use a word like "verantwoordelijke". A name that opens two or more sentences with an
acting verb is such an organisation; those sentences are the evidence, so the reader sees the name
acting. One sentence is not enough: "Google Analytics verzamelt gegevens" happens once in passing,
and names of vendors are left out altogether.
"""

from __future__ import annotations

from .document import Document
from .lexicon import Lexicon
from .model import Evidence, PartyFact
from .scoring import MAX_EVIDENCE

_MIN_SENTENCES = 2
_MARKER = "-•*·▪●◦> \t"


def acting_organisation(document: Document, lexicon: Lexicon, parties: list[PartyFact]) -> list[Evidence]:
    """The sentences in which one name acts, when it acts in at least two of them (else none)."""
    vendors = [party.name.lower() for party in parties]
    by_subject: dict[str, list[int]] = {}
    for index, sentence in enumerate(document.sentences):
        if sentence.heading:
            continue
        text = document.lower[sentence.start:sentence.end].lstrip(_MARKER)
        match = lexicon.acting_subject.match(text)
        if match is None:
            continue
        subject = match.group("subject").strip()
        if any(vendor in subject or subject in vendor for vendor in vendors):
            continue
        by_subject.setdefault(subject, []).append(index)
    best = max(by_subject.values(), key=len, default=[])
    if len(best) < _MIN_SENTENCES:
        return []
    # the sentences where the name processes the data come first: they are the reason
    best.sort(key=lambda index: (lexicon.acting_processing.search(document.lower, document.sentences[index].start,
                                                                   document.sentences[index].end) is None, index))
    return [document.evidence(index) for index in best[:MAX_EVIDENCE]]
