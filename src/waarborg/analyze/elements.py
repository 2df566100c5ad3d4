"""Decide for each of the 21 Art. 13/14 elements whether the statement gives it, with evidence.

Most elements are decided by the lexicon (see scoring.py). A few need more than a pattern:
controller_contact comes from the contact facts; controller_identity also accepts a controller
name found by the fact extractor; data_categories also accepts a sentence or list naming three or
more categories. Whether an element is *required* follows the law: the legitimate interest only
where Art. 6(1)(f) is used (13(1)(d)), withdrawal only where consent is used (13(2)(c)), and the
DPO only where one is appointed (13(1)(b)) — which a statement cannot tell us, so informational.
"""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.register.elements import ELEMENT_KEYS
from waarborg.register.text import Language

from .acting import acting_organisation
from .contacts import ContactFacts
from .document import Document
from .explain import looked_for
from .facts import category_hits
from .lexicon import Lexicon, Matcher
from .model import ElementResult, Evidence, PartyFact
from .scoring import MAX_EVIDENCE, element_evidence

_MIN_LISTED_CATEGORIES = 3


@dataclass
class ElementVerdicts:
    """The element results plus the two facts that decide conditional requirements."""

    elements: dict[str, ElementResult]
    uses_legitimate_interest: bool
    uses_consent: bool
    consent_evidence: list[Evidence]
    legal_bases: list[str]


def _sentences_matching(document: Document, matcher: Matcher) -> list[int]:
    found: list[int] = []
    for match in matcher.finditer(document):
        index = document.index_at(match.start())
        if index is not None and index not in found:
            found.append(index)
    return found


def _uses_legitimate_interest(document: Document, lexicon: Lexicon) -> bool:
    for index in _sentences_matching(document, lexicon.uses_legitimate_interest):
        if not document.search_in(lexicon.uses_legitimate_interest_negative, index):
            return True
    return False


def _consent_sentences(document: Document, lexicon: Lexicon) -> list[int]:
    """Sentences that use consent as a ground, not those that only explain withdrawing it."""
    withdraw = lexicon.elements["right_withdraw_consent"].core().matchers()
    return [index for index in _sentences_matching(document, lexicon.uses_consent)
            if not any(document.search_in(matcher, index) for matcher in withdraw)]


def _contact_evidence(contacts: ContactFacts, document: Document, lexicon: Lexicon) -> list[Evidence]:
    authority = lexicon.elements["right_complaint"].patterns.matchers("authority")
    evidence: list[Evidence] = []
    for kind, span in contacts.spans:
        if kind not in {"email", "phone", "address"}:
            continue
        index = document.index_at(span.start)
        if kind == "address" and index is not None and any(document.search_in(m, index) for m in authority):
            continue  # the supervisory authority's address is not the controller's
        evidence.append(span)
    return evidence[:MAX_EVIDENCE]


def _item_like(document: Document, index: int) -> bool:
    """A list item, or a table row ("| Voornaam | Identificatie | Overeenkomst |"): one entry of a list."""
    sentence = document.sentences[index]
    return sentence.list_item or document.clean[sentence.start:sentence.start + 1] == "|"


def _listed_categories(document: Document, lexicon: Lexicon) -> list[Evidence]:
    """Sentences naming three or more categories, or runs of three list items (or table rows) naming one each."""
    hits = category_hits(document, lexicon)
    evidence = [document.evidence(index) for index, keys in sorted(hits.items())
                if len(keys) >= _MIN_LISTED_CATEGORIES]
    run: list[int] = []
    for index in sorted(hits):
        listed = _item_like(document, index)
        if listed and (not run or index - run[-1] <= 2):
            run.append(index)
        elif listed:
            run = [index]
        if len(run) == _MIN_LISTED_CATEGORIES:  # the run is quoted by its item naming the most categories
            evidence.append(document.evidence(max(run, key=lambda item: (len(hits[item]), -item))))
    return sorted(evidence, key=lambda item: item.start)[:MAX_EVIDENCE]


def _lexicon_results(document: Document, lexicon: Lexicon, uses_consent: bool) -> dict[str, list[Evidence]]:
    return {key: element_evidence(document, element, uses_consent) for key, element in lexicon.elements.items()}


def _legal_bases(document: Document, lexicon: Lexicon, basis_evidence: list[Evidence],
                 uses_consent: bool, uses_li: bool) -> list[str]:
    found: list[str] = []
    for basis, pattern in lexicon.legal_bases.items():
        if any(pattern.search(document, item.start, item.end) for item in basis_evidence):
            found.append(basis)
    for basis, used in (("consent", uses_consent), ("legitimate_interests", uses_li)):
        if used and basis not in found:
            found.append(basis)
    order = list(lexicon.legal_bases)
    return sorted(found, key=order.index)


def detect_elements(document: Document, lexicon: Lexicon, contacts: ContactFacts,
                    parties: list[PartyFact] | None = None) -> ElementVerdicts:
    """All 21 element results for the statement.

    Named vendors count as recipients: "our newsletter is sent with Mailchimp" tells who receives data.
    """
    consent_indexes = _consent_sentences(document, lexicon)
    uses_consent = bool(consent_indexes)
    evidence = _lexicon_results(document, lexicon, uses_consent)
    if not evidence["recipients"]:
        evidence["recipients"] = [party.evidence for party in parties or []
                                  if party.role != "authority"][:MAX_EVIDENCE]
    evidence["controller_contact"] = _contact_evidence(contacts, document, lexicon)
    if not evidence["controller_identity"] and contacts.controller_evidence is not None:
        evidence["controller_identity"] = [contacts.controller_evidence]
    if not evidence["controller_identity"]:
        evidence["controller_identity"] = acting_organisation(document, lexicon, parties or [])
    # A sentence or list naming the categories is better evidence than an intro ("welke gegevens?"): first.
    listed = _listed_categories(document, lexicon)[:2]
    evidence["data_categories"] = (
        listed + [item for item in evidence["data_categories"] if item not in listed][:MAX_EVIDENCE - len(listed)])
    uses_li = _uses_legitimate_interest(document, lexicon)
    required = {key: True for key in ELEMENT_KEYS}
    required.update(dpo_contact=False, legitimate_interests=uses_li, right_withdraw_consent=uses_consent)
    elements = {key: _result(key, evidence.get(key, []), required[key], lexicon.language) for key in ELEMENT_KEYS}
    bases = _legal_bases(document, lexicon, evidence["legal_basis"], uses_consent, uses_li)
    return ElementVerdicts(elements, uses_li, uses_consent,
                           [document.evidence(index) for index in consent_indexes[:MAX_EVIDENCE]], bases)


# Why a missing element is not required here, in Dutch and English.
_NOTES: dict[str, tuple[str, str]] = {
    "dpo_contact": ("informatief: alleen vereist als er een functionaris gegevensbescherming is aangesteld "
                    "(art. 13 lid 1 onder b AVG)",
                    "informational: only required where a DPO is appointed (Art. 13(1)(b))"),
    "legitimate_interests": ("niet vereist: de verklaring gebruikt geen gerechtvaardigd belang als grondslag "
                             "(art. 6 lid 1 onder f AVG)",
                             "not required: legitimate interests (Art. 6(1)(f)) are not used"),
    "right_withdraw_consent": ("niet vereist: de verklaring gebruikt geen toestemming als grondslag "
                               "(art. 6 lid 1 onder a AVG)",
                               "not required: consent (Art. 6(1)(a)) is not used"),
}


def _result(key: str, evidence: list[Evidence], required: bool, language: Language) -> ElementResult:
    """The element's result; a missing element that is not required carries a note saying why."""
    note_nl, note_en = ("", "") if evidence or required else _NOTES.get(key, ("", ""))
    return ElementResult(bool(evidence), evidence, required, note_nl if language == "nl" else note_en,
                         note_nl, note_en, looked_for(key, "nl"), looked_for(key, "en"))
