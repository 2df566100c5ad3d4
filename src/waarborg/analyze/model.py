"""What the analyzer reports about a privacy statement: elements, facts and findings.

Pure dataclasses; `Analysis.as_json()` gives the shape `waarborg analyze --format json` prints.
Every claim carries `Evidence`: a span of the analysed text, so a reader can check the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from waarborg.register.elements import ELEMENT_KEYS
from waarborg.register.text import Language


@dataclass(frozen=True)
class Evidence:
    """A span of the analysed text: `text == analysed_text[start:end]`."""

    text: str
    start: int
    end: int

    def as_json(self) -> dict[str, Any]:
        """The span as {"text", "start", "end"}."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass
class ElementResult:
    """Whether one Art. 13/14 element is present, and whether the law requires it here.

    `required` is False for legitimate_interests when Art. 6(1)(f) is not used, for
    right_withdraw_consent when consent is not used, and always for dpo_contact (most small
    organisations need no DPO, so its absence is informational). `note` explains that in the
    statement's language; `note_nl` and `note_en` give it in both, for a report in either language.
    """

    present: bool
    evidence: list[Evidence]
    required: bool
    note: str = ""
    note_nl: str = ""
    note_en: str = ""
    # What would count as the element, for a report that says what was looked for and not found.
    looked_for_nl: str = ""
    looked_for_en: str = ""

    def note_in(self, lang: Language) -> str:
        """The note in Dutch or English (the statement-language `note` when that one is not given)."""
        return (self.note_nl if lang == "nl" else self.note_en) or self.note

    def looked_for(self, lang: Language) -> str:
        """What the analyzer looked for, in Dutch or English."""
        return self.looked_for_nl if lang == "nl" else self.looked_for_en

    def as_json(self) -> dict[str, Any]:
        """The element as {"present", "required", "evidence", "note", "note_nl", "note_en", "looked_for_nl",
        "looked_for_en"}: the evidence says why it is present, looked_for what would have counted."""
        return {
            "present": self.present,
            "required": self.required,
            "evidence": [item.as_json() for item in self.evidence],
            "note": self.note,
            "note_nl": self.note_in("nl"),
            "note_en": self.note_in("en"),
            "looked_for_nl": self.looked_for_nl,
            "looked_for_en": self.looked_for_en,
        }


@dataclass
class RetentionFact:
    """One retention period or criterion; value and unit are None for a criterion without a number."""

    value: int | None
    unit: str | None  # days, weeks, months or years
    applies_to: str
    evidence: Evidence
    kind: str = "period"  # period (a number), criterion (an event such as "until you unsubscribe"), vague

    def as_json(self) -> dict[str, Any]:
        """The fact with its evidence."""
        return {"value": self.value, "unit": self.unit, "applies_to": self.applies_to, "kind": self.kind,
                "evidence": self.evidence.as_json()}


@dataclass
class PartyFact:
    """A named third party: vendor, platform or authority, with its usual role and country."""

    name: str
    role: str  # processor, analytics, advertising, social, payment, authority, ...
    country: str | None
    evidence: Evidence

    def as_json(self) -> dict[str, Any]:
        """The party with its evidence."""
        return {"name": self.name, "role": self.role, "country": self.country,
                "evidence": self.evidence.as_json()}


@dataclass
class Facts:
    """Concrete facts found in the statement."""

    controller_name: str | None = None
    addresses: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    registration_numbers: list[dict[str, str]] = field(default_factory=list)  # {"kind": "kvk"|"kbo", "number"}
    retention_periods: list[RetentionFact] = field(default_factory=list)
    third_parties: list[PartyFact] = field(default_factory=list)
    data_categories: list[str] = field(default_factory=list)  # taxonomy keys
    legal_bases: list[str] = field(default_factory=list)  # LegalBasis literals
    supervisory_authority: str | None = None
    cookies: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The facts with nested evidence serialised."""
        return {
            "controller_name": self.controller_name,
            "addresses": list(self.addresses),
            "emails": list(self.emails),
            "phones": list(self.phones),
            "registration_numbers": [dict(number) for number in self.registration_numbers],
            "retention_periods": [fact.as_json() for fact in self.retention_periods],
            "third_parties": [party.as_json() for party in self.third_parties],
            "data_categories": list(self.data_categories),
            "legal_bases": list(self.legal_bases),
            "supervisory_authority": self.supervisory_authority,
            "cookies": list(self.cookies),
            "websites": list(self.websites),
        }


@dataclass(frozen=True)
class AnalyzerFinding:
    """A problem judged from the text, e.g. `privacy-shield`, with the spans that show it."""

    id: str
    severity: str  # error, warning or info
    message_nl: str
    message_en: str
    evidence: list[Evidence]

    def message(self, lang: Language) -> str:
        """The message in Dutch or English."""
        return self.message_nl if lang == "nl" else self.message_en

    def as_json(self) -> dict[str, Any]:
        """The finding with both messages and its evidence."""
        return {"id": self.id, "severity": self.severity, "message_nl": self.message_nl,
                "message_en": self.message_en, "evidence": [item.as_json() for item in self.evidence]}


@dataclass
class Analysis:
    """The analyzer's full report on one statement."""

    language: Language
    elements: dict[str, ElementResult]
    uses_legitimate_interest: bool
    uses_consent: bool
    facts: Facts
    findings: list[AnalyzerFinding]

    def missing(self) -> list[str]:
        """Keys of required elements that the statement does not give, in Art. 13/14 order."""
        return [key for key in ELEMENT_KEYS if key in self.elements
                and self.elements[key].required and not self.elements[key].present]

    def as_json(self) -> dict[str, Any]:
        """The JSON report; all 21 element keys are always present, in Art. 13/14 order."""
        absent = ElementResult(present=False, evidence=[], required=True)
        return {
            "language": self.language,
            "elements": {key: self.elements.get(key, absent).as_json() for key in ELEMENT_KEYS},
            "uses_legitimate_interest": self.uses_legitimate_interest,
            "uses_consent": self.uses_consent,
            "facts": self.facts.as_json(),
            "findings": [finding.as_json() for finding in self.findings],
        }
