"""The organisation named as the one that acts, when the statement never calls it the controller.

Real statements often name the organisation only as the subject of what is done with the data
("fysiodeurloo deelt patiëntengegevens niet met derden", "Muziekschool X verwerkt persoonsgegevens")
and never use a word like "verantwoordelijke". A name that opens two or more sentences with an
acting verb is such an organisation; those sentences are the evidence, so the reader sees the name
acting. One sentence is not enough for any name: "Google Analytics verzamelt gegevens" happens once in
passing, and names of vendors are left out altogether. It is enough for a name written with a capital
that either says what kind of organisation it is ("Stichting Zonnebloem plaatst geen cookies", "Zwemclub
De Dolfijn beschermt uw gegevens") or, being two words or more, processes the data itself ("Harbour Bikes
collects only ..."). An article may open the sentence only before a capitalised kind of organisation ("De Vereniging
van Eigenaren Parkzicht verwerkt ..."); "de vereniging verwerkt ..." names no one.
"""

from __future__ import annotations

from .document import Document
from .lexicon import Lexicon
from .model import Evidence, PartyFact
from .scoring import MAX_EVIDENCE

_MIN_SENTENCES = 2
_MARKER = "-•*·▪●◦> \t"


def acting_organisation(document: Document, lexicon: Lexicon, parties: list[PartyFact]) -> list[Evidence]:
    """The sentences in which one name acts, when it acts in at least two of them or names itself as an
    organisation acting in one (else none)."""
    vendors = [party.name.lower() for party in parties]
    by_subject: dict[str, list[int]] = {}
    strong: set[str] = set()
    for index, sentence in enumerate(document.sentences):
        if sentence.heading:
            continue
        raw = document.lower[sentence.start:sentence.end]
        text = raw.lstrip(_MARKER)
        match = lexicon.acting_subject.match(text)
        if match is None:
            continue
        subject = match.group("subject").strip()
        if any(vendor in subject or subject in vendor for vendor in vendors):
            continue
        start = sentence.start + len(raw) - len(text) + match.start("subject")
        if match.group("article") and (not document.clean[start:start + 1].isupper()
                                       or lexicon.acting_kind.fullmatch(subject) is not None):
            continue  # "de vereniging verwerkt ...", "De Stichting deelt ...": a kind, not the organisation's name
        by_subject.setdefault(subject, []).append(index)
        if _names_itself(document, lexicon, start, match.group(0)[match.start("subject"):], subject):
            strong.add(subject)
    name, best = max(by_subject.items(), key=lambda pair: (len(pair[1]), pair[0] in strong), default=("", []))
    if len(best) < _MIN_SENTENCES and name not in strong:
        return []
    # the sentences where the name processes the data come first: they are the reason
    best.sort(key=lambda index: (lexicon.acting_processing.search(document.lower, document.sentences[index].start,
                                                                   document.sentences[index].end) is None, index))
    return [document.evidence(index) for index in best[:MAX_EVIDENCE]]


def _names_itself(document: Document, lexicon: Lexicon, start: int, opening: str, subject: str) -> bool:
    """A capitalised name that says what kind of organisation it is, or a name of two or more words that
    processes the data itself (a one-word name processing once is as often a tool: "Vimeo verzamelt ...")."""
    if not document.clean[start:start + 1].isupper():
        return False
    return (lexicon.acting_kind.search(subject) is not None
            or (len(subject.split()) >= 2 and lexicon.acting_processing.search(opening, len(subject)) is not None))
