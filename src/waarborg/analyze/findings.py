"""Findings judged from the statement's text, each with the spans that show it.

The ids are those of tests/data/statements/LABELLING.md: privacy-shield, retention-vague,
no-complaint-route, analytics-without-conditions, consent-without-withdrawal,
template-placeholder, pre-gdpr-law.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .document import Document
from .elements import ElementVerdicts
from .lexicon import CommonLexicon, Lexicon, Matcher
from .model import AnalyzerFinding, Evidence, Facts
from .scoring import MAX_EVIDENCE

MESSAGES: dict[str, tuple[str, str, str]] = {
    "privacy-shield": (
        "error",
        "De verklaring beroept zich op het EU-VS Privacy Shield. Dat is sinds het Schrems II-arrest "
        "(16 juli 2020) ongeldig; noem het EU-VS Data Privacy Framework of standaardcontractbepalingen.",
        "The statement relies on the EU-US Privacy Shield, invalid since the Schrems II judgment "
        "(16 July 2020); name the EU-US Data Privacy Framework or standard contractual clauses instead."),
    "retention-vague": (
        "warning",
        "De verklaring noemt geen bewaartermijn en geen criterium, alleen 'zo lang als nodig' (art. 13 lid 2 "
        "sub a AVG).",
        "The statement gives no retention period or criterion, only 'as long as necessary' (Art. 13(2)(a) GDPR)."),
    "no-complaint-route": (
        "error",
        "De verklaring noemt niet het recht om een klacht in te dienen bij de toezichthouder (art. 13 lid 2 "
        "sub d AVG).",
        "The statement does not mention the right to lodge a complaint with a supervisory authority "
        "(Art. 13(2)(d) GDPR)."),
    "analytics-without-conditions": (
        "warning",
        "Er worden analytische cookies gebruikt zonder toestemming en zonder de voorwaarden van de Autoriteit "
        "Persoonsgegevens (verwerkersovereenkomst, IP-adres gemaskeerd, gegevens delen uit).",
        "Analytics cookies are used without consent and without the Dutch DPA's conditions (processor "
        "agreement, IP address masked, data sharing switched off)."),
    "consent-without-withdrawal": (
        "error",
        "De verklaring gebruikt toestemming maar zegt niet dat die altijd kan worden ingetrokken "
        "(art. 7 lid 3 en art. 13 lid 2 sub c AVG).",
        "The statement uses consent but does not say it can be withdrawn at any time (Art. 7(3) and 13(2)(c) GDPR)."),
    "template-placeholder": (
        "error",
        "De verklaring bevat nog een invulveld uit een sjabloon.",
        "The statement still contains a template placeholder."),
    "pre-gdpr-law": (
        "warning",
        "De verklaring noemt wetgeving van vóór de AVG (Wbp, Richtlijn 95/46/EG of het CBP) alsof die nog geldt.",
        "The statement cites pre-GDPR law (the Dutch Wbp, Directive 95/46/EC or the CBP) as if it still applied."),
}


def _finding(finding_id: str, evidence: list[Evidence]) -> AnalyzerFinding:
    severity, message_nl, message_en = MESSAGES[finding_id]
    return AnalyzerFinding(finding_id, severity, message_nl, message_en, evidence[:MAX_EVIDENCE])


def _sentences_with(document: Document, pattern: Matcher, negative: Matcher | None = None) -> list[int]:
    found: list[int] = []
    for match in pattern.finditer(document):
        index = document.index_at(match.start())
        if index is None or index in found:
            continue
        if negative is None or not document.search_in(negative, index):
            found.append(index)
    return found


def _by_pattern(document: Document, common: CommonLexicon, finding_id: str) -> Iterator[AnalyzerFinding]:
    patterns = common.findings[finding_id]
    indexes = _sentences_with(document, patterns.matcher, patterns.negative)
    if indexes:
        yield _finding(finding_id, [document.evidence(index) for index in indexes])


def _placeholders(document: Document, common: CommonLexicon) -> Iterator[AnalyzerFinding]:
    spans: list[Evidence] = []
    for match in common.findings["template-placeholder"].matcher.finditer(document):
        token = document.clean[match.start():match.end()]
        if token.startswith("["):
            inner = token[1:-1]
            if not (common.placeholder_words.search(inner) or (inner.isupper() and len(inner) > 2)):
                continue
        spans.append(document.span(match.start(), match.end()))
    if spans:
        yield _finding("template-placeholder", spans)


def _retention_vague(facts: Facts, verdicts: ElementVerdicts) -> Iterator[AnalyzerFinding]:
    concrete = [fact for fact in facts.retention_periods if fact.kind != "vague"]
    vague = [fact.evidence for fact in facts.retention_periods if fact.kind == "vague"]
    if verdicts.elements["retention"].present and not concrete:
        yield _finding("retention-vague", vague or verdicts.elements["retention"].evidence)


def _complaint(document: Document, lexicon: Lexicon, verdicts: ElementVerdicts) -> Iterator[AnalyzerFinding]:
    if verdicts.elements["right_complaint"].present:
        return
    complaint = Matcher(re.compile(r"\bklacht\w*|\bcomplain\w*"))
    yield _finding("no-complaint-route", [document.evidence(index)
                                          for index in _sentences_with(document, complaint)])


def _analytics(document: Document, lexicon: Lexicon) -> Iterator[AnalyzerFinding]:
    used = _sentences_with(document, lexicon.analytics_use)
    if not used:
        return
    cookie_word = Matcher(re.compile(r"\bcookie"))
    around = set(used) | set(_sentences_with(document, cookie_word))
    window = around | {index + 1 for index in around if index + 1 < len(document.sentences)}
    if any(document.search_in(lexicon.analytics_conditions, index) for index in window):
        return
    yield _finding("analytics-without-conditions", [document.evidence(index) for index in used])


def _withdrawal(verdicts: ElementVerdicts) -> Iterator[AnalyzerFinding]:
    if verdicts.uses_consent and not verdicts.elements["right_withdraw_consent"].present:
        yield _finding("consent-without-withdrawal", verdicts.consent_evidence)


def judge(document: Document, lexicon: Lexicon, common: CommonLexicon, facts: Facts,
          verdicts: ElementVerdicts) -> list[AnalyzerFinding]:
    """Every finding the statement deserves, in a fixed order."""
    steps: list[Callable[[], Iterator[AnalyzerFinding]]] = [
        lambda: _by_pattern(document, common, "privacy-shield"),
        lambda: _retention_vague(facts, verdicts),
        lambda: _complaint(document, lexicon, verdicts),
        lambda: _analytics(document, lexicon),
        lambda: _withdrawal(verdicts),
        lambda: _placeholders(document, common),
        lambda: _by_pattern(document, common, "pre-gdpr-law"),
    ]
    return [finding for step in steps for finding in step()]
