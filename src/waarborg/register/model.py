"""The register of processing: one source of truth for the statement, the Art. 30 register,
access-request answers, retention sweeps and erasure.

The model checks structure (types, required fields, vocabulary words); `reference_problems`
checks that keys point at things that exist. Legal judgement lives in `waarborg.rules`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from . import taxonomy
from .base import Strict
from .office import OfficeConfig
from .parties import Agreement, Contact, Controller, Cookie, Recipient, System
from .retention import Period, RetentionRule
from .text import Language, LocalText

LegalBasis = Literal[
    "consent",  # 6(1)(a)
    "contract",  # 6(1)(b)
    "legal_obligation",  # 6(1)(c)
    "vital_interests",  # 6(1)(d)
    "public_task",  # 6(1)(e)
    "legitimate_interests",  # 6(1)(f)
]

LEGAL_BASIS_ARTICLE: dict[str, str] = {
    "consent": "6(1)(a)",
    "contract": "6(1)(b)",
    "legal_obligation": "6(1)(c)",
    "vital_interests": "6(1)(d)",
    "public_task": "6(1)(e)",
    "legitimate_interests": "6(1)(f)",
}

# Art. 9(2)(a)-(j): the condition that lifts the ban on special categories.
Art9Condition = Literal[
    "explicit_consent",  # (a)
    "employment_law",  # (b)
    "vital_interests",  # (c)
    "not_for_profit_body",  # (d)
    "made_public",  # (e)
    "legal_claims",  # (f)
    "substantial_public_interest",  # (g)
    "health_care",  # (h)
    "public_health",  # (i)
    "archiving_research",  # (j)
]

# Art. 17(3): why data may be kept despite an erasure request.
ErasureException = Literal["expression", "legal_obligation", "public_health", "archiving", "legal_claims"]


class SpecialCategoryUse(Strict):
    category: str
    condition: Art9Condition | None = None
    note: LocalText | None = None


class ConsentDetails(Strict):
    """How consent is asked and withdrawn (Art. 7)."""

    how_given: LocalText | None = None
    withdrawal: LocalText | None = None  # Art. 7(3): how to withdraw, as easily as given
    parental_consent_below: int | None = Field(default=None, ge=13, le=18)  # Art. 8


class Source(Strict):
    """Where the data come from (Art. 14(2)(f))."""

    kind: Literal["data_subject", "third_party", "public"] = "data_subject"
    description: LocalText | None = None


class Provision(Strict):
    """Whether people must provide the data and what follows if they don't (Art. 13(2)(e))."""

    requirement: Literal["statutory", "contractual", "contract_condition", "voluntary"]
    consequence: LocalText | None = None


class AutomatedDecision(Strict):
    """A decision based solely on automated processing, including profiling (Art. 22)."""

    description: LocalText
    logic: LocalText | None = None
    significance: LocalText | None = None


class DirectMarketing(Strict):
    """Marketing messages sent to people (Telecommunicatiewet 11.7)."""

    channel: Literal["email", "sms", "post", "phone"]
    basis: Literal["opt_in", "existing_customer", "none"]
    opt_out_in_every_message: bool = False


class ProcessingActivity(Strict):
    """One processing activity of the controller: its purposes, data, basis and retention."""

    name: LocalText
    description: LocalText | None = None
    purposes: list[LocalText] = Field(min_length=1)
    subject_groups: list[str] = Field(min_length=1)
    data_categories: list[str] = Field(min_length=1)
    special_categories: list[SpecialCategoryUse] = Field(default_factory=list)
    legal_basis: LegalBasis | None = None
    legitimate_interest: LocalText | None = None
    consent: ConsentDetails | None = None
    source: Source = Field(default_factory=Source)
    provision: Provision | None = None
    automated_decision: AutomatedDecision | None = None
    retention: RetentionRule | None = None
    recipients: list[str] = Field(default_factory=list)
    systems: list[str] = Field(default_factory=list)
    children: bool = False  # children's data may be processed
    direct_marketing: DirectMarketing | None = None
    erasure_exception: ErasureException | None = None

    @property
    def keeps_after_erasure(self) -> ErasureException | None:
        """The Art. 17(3) ground that keeps this activity's data after an erasure request."""
        if self.erasure_exception is not None:
            return self.erasure_exception
        return "legal_obligation" if self.legal_basis == "legal_obligation" else None


class ProcessorActivity(Strict):
    """Processing the organisation does on behalf of another controller (Art. 30(2))."""

    name: LocalText
    controllers: list[LocalText] = Field(min_length=1)
    categories_of_processing: list[LocalText] = Field(min_length=1)
    data_categories: list[str] = Field(default_factory=list)
    sub_processors: list[str] = Field(default_factory=list)
    agreement: Agreement | None = None


class CustomTerm(Strict):
    """A register's own subject group, data category or event, with its labels."""

    nl: str
    en: str
    special: bool = False


class Change(Strict):
    version: str
    changed_on: date = Field(alias="date")
    summary: LocalText


class StatementMeta(Strict):
    """Version, date and change log of the published statement (Art. 12(1), 13(3))."""

    version: str
    published_on: date = Field(alias="date")
    changes: list[Change] = Field(default_factory=list)
    notify_changes: LocalText | None = None  # how people are told of changes
    websites: list[str] = Field(default_factory=list)
    scope: LocalText | None = None  # e.g. "staff data fall under another policy"


class RightsPolicy(Strict):
    """How people exercise their rights (Art. 12)."""

    contact: LocalText | None = None  # defaults to the controller's e-mail and address
    response_time: Period = Field(default_factory=lambda: Period(value=1, unit="months"))
    identity_check: LocalText | None = None  # Art. 12(6)


class Register(Strict):
    """A register of processing as code (format version 1)."""

    waarborg: Literal[1] = 1
    language: Language = "nl"
    controller: Controller
    statement: StatementMeta
    rights: RightsPolicy = Field(default_factory=RightsPolicy)
    subject_groups: dict[str, CustomTerm] = Field(default_factory=dict)
    data_categories: dict[str, CustomTerm] = Field(default_factory=dict)
    events: dict[str, CustomTerm] = Field(default_factory=dict)
    systems: dict[str, System] = Field(default_factory=dict)
    recipients: dict[str, Recipient] = Field(default_factory=dict)
    activities: dict[str, ProcessingActivity] = Field(min_length=1)
    processor_activities: dict[str, ProcessorActivity] = Field(default_factory=dict)
    cookies: list[Cookie] = Field(default_factory=list)
    security_measures: list[LocalText] = Field(default_factory=list)
    office: OfficeConfig = Field(default_factory=OfficeConfig)

    @field_validator("activities", "recipients", "systems", "processor_activities", "subject_groups", "events")
    @classmethod
    def _keys_are_identifiers(cls, value: dict[str, object]) -> dict[str, object]:
        for key in value:
            if not key.replace("_", "a").replace("-", "a").isalnum() or not key[0].isalpha():
                raise ValueError(f"key {key!r} must start with a letter and use letters, digits, _ or -")
        return value

    # --- vocabulary lookups that honour the register's own additions -----------------------

    def category_label(self, key: str, lang: Language) -> str:
        if key in self.data_categories:
            term = self.data_categories[key]
            return term.nl if lang == "nl" else term.en
        return taxonomy.category(key).label(lang)

    def group_label(self, key: str, lang: Language) -> str:
        if key in self.subject_groups:
            term = self.subject_groups[key]
            return term.nl if lang == "nl" else term.en
        return taxonomy.subject_groups()[key].label(lang)

    def event_label(self, key: str, lang: Language) -> str:
        if key in self.events:
            term = self.events[key]
            return term.nl if lang == "nl" else term.en
        return taxonomy.retention_events()[key].label(lang)

    def is_special_category(self, key: str) -> bool:
        custom = self.data_categories.get(key)
        return custom.special if custom else taxonomy.is_special(key)

    def categories_in_use(self) -> set[str]:
        return {key for activity in self.activities.values() for key in activity.data_categories}

    def activities_of_group(self, group: str) -> Iterator[tuple[str, ProcessingActivity]]:
        return ((key, a) for key, a in self.activities.items() if group in a.subject_groups)

    def groups_in_use(self) -> list[str]:
        """Subject groups in the order activities first name them."""
        seen: dict[str, None] = {}
        for activity in self.activities.values():
            seen.update(dict.fromkeys(activity.subject_groups))
        return list(seen)

    def authority(self) -> dict[str, str] | None:
        return taxonomy.SUPERVISORY_AUTHORITIES.get(self.controller.country)

    def child_consent_age(self) -> int:
        if self.controller.child_consent_age is not None:
            return self.controller.child_consent_age
        return taxonomy.CHILD_CONSENT_AGE.get(self.controller.country, 16)

    def rights_contact(self) -> Contact:
        return Contact(name=self.controller.name, email=self.controller.email, address=self.controller.address)

    # --- reference integrity -----------------------------------------------------------------

    def reference_problems(self) -> list[tuple[tuple[str | int, ...], str]]:
        """Keys that point nowhere, as (path, message) pairs; empty when all references resolve."""
        from .references import find_reference_problems

        return find_reference_problems(self)
