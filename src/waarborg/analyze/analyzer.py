"""The analyzer's entry point: statement text in, `Analysis` out."""

from __future__ import annotations

from waarborg.register.text import Language

from .contacts import find_contacts
from .document import Document
from .elements import detect_elements
from .facts import collect_facts
from .findings import judge
from .language import detect_language
from .lexicon import common_lexicon, lexicon
from .model import Analysis


def analyze_text(text: str, language: Language | None = None) -> Analysis:
    """Analyse a privacy statement given as plain text (Dutch or English, detected when None).

    >>> analyze_text("U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.").elements[
    ...     "right_complaint"].present
    True
    """
    lang: Language = language or detect_language(text)
    document = Document(text)
    words, common = lexicon(lang), common_lexicon()
    contacts = find_contacts(document)
    facts = collect_facts(document, words, common, contacts)
    verdicts = detect_elements(document, words, contacts, facts.third_parties)
    facts.legal_bases = verdicts.legal_bases
    findings = judge(document, words, common, facts, verdicts)
    return Analysis(
        language=lang,
        elements=verdicts.elements,
        uses_legitimate_interest=verdicts.uses_legitimate_interest,
        uses_consent=verdicts.uses_consent,
        facts=facts,
        findings=findings,
    )
