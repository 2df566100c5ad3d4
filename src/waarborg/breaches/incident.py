"""A personal-data breach as the Dutch DPA's notification form asks for it, section by section.

Pure (pydantic, no storage): `Incident` holds the answers to sections 0-9 of the Autoriteit
Persoonsgegevens' form (LAW.md, "Breaches") in the form's order. Every answer may stay open while
the facts are still being gathered (Art. 33(4): information may be given in phases); `missing`
lists what the authority will ask for and is not yet answered.

Moments are aware datetimes kept in UTC; a moment written without a zone (in an answers file)
is read as Dutch local time (Europe/Amsterdam), as an officer would write it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from waarborg.register.parties import EmailAddress

from . import options as O

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")


def as_utc(value: datetime) -> datetime:
    """A moment in UTC; a naive moment is Dutch local time (daylight saving included)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_ZONE)
    return value.astimezone(UTC)


Moment = Annotated[datetime, AfterValidator(as_utc)]


class Part(BaseModel):
    """Base of every part of the form: unknown fields are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Person(Part):
    """Someone the authority can call: name, function, telephone, e-mail."""

    name: str | None = None
    function: str | None = None
    phone: str | None = None
    email: EmailAddress | None = None

    def is_complete(self) -> bool:
        return bool(self.name and self.function and (self.phone or self.email))


class Party(Part):
    """Another organisation involved in the breach (a processor that had the data, a joint controller)."""

    name: str
    role: O.PartyRole = "processor"
    country: str = Field(default="NL", pattern=r"^[A-Z]{2}$")
    informed_at: Moment | None = None  # a processor's controllers: when they were told (Art. 33(2))


class Section0(Part):
    """0 — Legal regime and the kind of notification."""

    regime: O.Regime = "gdpr"
    kind: O.NotificationKind = "new"
    follows: str | None = None  # the earlier notification's number at the authority (follow-up, withdrawal)
    withdrawal_reason: str | None = None


class Section1(Part):
    """1 — The organisation, the reporter, the contact person, other organisations involved."""

    organisation: str | None = None
    registration: str | None = None  # KvK number (NL) or KBO number (BE)
    address: str | None = None
    role: O.Role = "controller"
    reporter: Person = Field(default_factory=Person)
    contact: Person = Field(default_factory=Person)
    parties: list[Party] = Field(default_factory=list)
    flemish_public_authority: bool | None = None  # BE only: decides GBA or Vlaamse Toezichtcommissie


class Section2(Part):
    """2 — When it happened, when it was discovered, whether it is still going on."""

    period: O.Period = "unknown"
    started_at: Moment | None = None
    ended_at: Moment | None = None
    discovered_at: Moment | None = None  # the moment of becoming aware: the 72 hours run from here
    how_discovered: str | None = None
    ongoing: O.YesNoUnknown = "unknown"
    delay_reason: str | None = None  # Art. 33(1): why the notification comes after 72 hours

    @model_validator(mode="after")
    def _dates_fit(self) -> Section2:
        if self.period == "on_date" and self.started_at is None:
            raise ValueError("period 'on_date' needs started_at")
        if self.period == "between_dates" and (self.started_at is None or self.ended_at is None):
            raise ValueError("period 'between_dates' needs started_at and ended_at")
        if self.started_at and self.ended_at and self.ended_at < self.started_at:
            raise ValueError("ended_at lies before started_at")
        return self


class Section3(Part):
    """3 — What happened: a summary, the nature of the breach, the kind of incident."""

    summary: str | None = None
    nature: list[O.Nature] = Field(default_factory=list)
    incident_kind: O.IncidentKind | None = None
    incident_other: str | None = None


class Section4(Part):
    """4 — The kinds of personal data and the approximate number of records."""

    kinds: list[O.DataKind] = Field(default_factory=list)
    special: list[O.SpecialKind] = Field(default_factory=list)
    other: str | None = None
    records: int | None = Field(default=None, ge=0)
    categories: list[str] = Field(default_factory=list)  # the register's data-category keys behind `kinds`


class Section5(Part):
    """5 — The groups of people and the minimum and maximum number of people."""

    groups: list[str] = Field(default_factory=list)  # register subject-group keys or a description
    description: str | None = None
    minimum: int | None = Field(default=None, ge=0)
    maximum: int | None = Field(default=None, ge=0)
    characteristics: list[O.Characteristic] = Field(default_factory=list)

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Section5:
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"minimum {self.minimum} is larger than maximum {self.maximum}")
        return self


class Section6(Part):
    """6 — Whether the data were encrypted, hashed or otherwise unintelligible, and how."""

    unintelligible: O.Unintelligible | None = None
    partly_which: str | None = None
    how: str | None = None
    key_compromised: bool = False  # encryption protects only while the key is safe (EDPB 9/2022)


class Section7(Part):
    """7 — Consequences for confidentiality, integrity and availability; the possible harm."""

    confidentiality: bool = False
    integrity: bool = False
    availability: bool = False
    availability_restored: bool = False  # a copy was restored quickly, nobody was affected for long
    harms: list[O.Harm] = Field(default_factory=list)
    harm_other: str | None = None
    consequences: str | None = None


class Section8(Part):
    """8 — The people informed, the measures taken, cross-border aspects."""

    informed: O.Informed | None = None
    informed_at: Moment | None = None
    channels: list[O.InformChannel] = Field(default_factory=list)
    message: str | None = None
    not_informed_reason: O.NotInformedReason | None = None
    not_informed_explanation: str | None = None
    measures: str | None = None
    measures_planned: str | None = None
    cross_border: O.YesNoUnknown = "unknown"
    countries: list[str] = Field(default_factory=list)
    other_authorities: list[str] = Field(default_factory=list)


class Section9(Part):
    """9 — Anything else."""

    other: str | None = None


class Incident(Part):
    """Every question of the form, in the form's order (sections 0-9)."""

    notification: Section0 = Field(default_factory=Section0)
    organisation: Section1 = Field(default_factory=Section1)
    timing: Section2 = Field(default_factory=Section2)
    what: Section3 = Field(default_factory=Section3)
    data: Section4 = Field(default_factory=Section4)
    people: Section5 = Field(default_factory=Section5)
    protection: Section6 = Field(default_factory=Section6)
    consequences: Section7 = Field(default_factory=Section7)
    follow_up: Section8 = Field(default_factory=Section8)
    other: Section9 = Field(default_factory=Section9)


SECTION_FIELDS: tuple[str, ...] = tuple(Incident.model_fields)


def missing(incident: Incident) -> list[str]:
    """What Art. 33(3) requires and the incident does not answer yet, as field paths."""
    checks: list[tuple[str, bool]] = [
        ("organisation.contact", incident.organisation.contact.is_complete()),
        ("timing.discovered_at", incident.timing.discovered_at is not None),
        ("what.summary", bool(incident.what.summary)),
        ("what.nature", bool(incident.what.nature)),
        ("data.kinds", bool(incident.data.kinds)),
        ("data.records", incident.data.records is not None),
        ("people.maximum", incident.people.maximum is not None),
        ("protection.unintelligible", incident.protection.unintelligible is not None),
        ("consequences.harms", bool(incident.consequences.harms) or bool(incident.consequences.consequences)),
        ("follow_up.measures", bool(incident.follow_up.measures)),
    ]
    return [path for path, answered in checks if not answered]


def merge(incident: Incident, changes: dict[str, Any]) -> Incident:
    """The incident with `changes` (section -> fields) laid over it; validated as a whole.

    >>> merge(Incident(), {"people": {"maximum": 40}}).people.maximum
    40
    """
    data = incident.model_dump(mode="python")
    for section, fields in changes.items():
        if section not in SECTION_FIELDS:
            raise ValueError(f"unknown section {section!r} (sections: {', '.join(SECTION_FIELDS)})")
        if not isinstance(fields, dict):
            raise ValueError(f"section {section!r} must be a mapping of answers")
        data[section] = {**data[section], **fields}
    return Incident.model_validate(data)
