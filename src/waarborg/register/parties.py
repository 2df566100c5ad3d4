"""Who is involved: the controller, recipients and processors, the systems that hold data."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from .base import Strict
from .binding import DatabaseBinding
from .text import LocalText


def plausible_email(value: str) -> str:
    """The value when it could be an e-mail address (an @, no spaces); ValueError otherwise."""
    if "@" not in value or " " in value.strip():
        raise ValueError(f"{value!r} is not an e-mail address")
    return value


EmailAddress = Annotated[str, AfterValidator(plausible_email)]

RecipientRole = Literal["processor", "sub_processor", "controller", "joint_controller", "public_authority"]

# How a transfer outside the EEA is made lawful (Art. 45-49). `privacy_shield` and `scc_2010`
# are accepted so a register can record what an organisation really relies on; the rules flag them.
TransferMechanism = Literal[
    "adequacy",  # Art. 45 decision for the country
    "dpf",  # EU-US Data Privacy Framework, Decision (EU) 2023/1795, self-certified recipient
    "scc_2021",  # standard contractual clauses, Decision (EU) 2021/914
    "bcr",  # binding corporate rules, Art. 47
    "art49",  # a derogation of Art. 49 (explicit consent, contract, ...)
    "privacy_shield",  # invalid since CJEU C-311/18, 16 July 2020
    "scc_2010",  # the old clauses, repealed from 27 September 2021 (transition ended 27 December 2022)
    "none",
]


class Address(Strict):
    street: str
    postal_code: str
    city: str
    country: str = "NL"

    def one_line(self) -> str:
        return f"{self.street}, {self.postal_code} {self.city}"


class Registration(Strict):
    """The trade-register number: KvK (NL) or ondernemingsnummer / KBO (BE)."""

    kind: Literal["kvk", "kbo", "other"]
    number: str

    @field_validator("number")
    @classmethod
    def _digits_only(cls, value: str) -> str:
        digits = value.replace(".", "").replace(" ", "")
        if not digits.isdigit():
            raise ValueError(f"registration number {value!r} must contain digits only")
        return value


class Contact(Strict):
    """A person or office to reach: the DPO, a representative, the privacy contact."""

    name: str | None = None
    role: LocalText | None = None
    email: EmailAddress | None = None
    phone: str | None = None
    address: Address | None = None


class Controller(Contact):
    """The organisation responsible (Art. 4(7), Art. 13(1)(a))."""

    name: str
    legal_name: str | None = None
    country: str = Field(default="NL", pattern=r"^[A-Z]{2}$")
    registration: Registration | None = None
    website: str | None = None
    dpo: Contact | None = None
    representative: Contact | None = None
    child_consent_age: int | None = Field(default=None, ge=13, le=16)

    @property
    def full_name(self) -> str:
        """The name with the registered name where that adds something, each said once:
        'KVGO (Koninklijk Verbond van Grafische Ondernemingen)', but 'Kwalipro Training, Coaching &
        Interim Management' rather than 'Kwalipro (Kwalipro Training, ...)'."""
        legal = self.legal_name
        if not legal or legal == self.name:
            return self.name
        return legal if self.name in legal else f"{self.name} ({legal})"


class Agreement(Strict):
    """A processor agreement (Art. 28(3)) or a joint-controller arrangement (Art. 26)."""

    signed: bool
    signed_on: date | None = Field(default=None, alias="date")
    reference: str | None = None


class Transfer(Strict):
    """The safeguard for data sent outside the EEA (Art. 44-49)."""

    mechanism: TransferMechanism
    note: LocalText | None = None
    copy_available_at: str | None = None  # Art. 13(1)(f): where people get a copy of the safeguard


class Recipient(Strict):
    """A party that receives personal data: a processor, another controller, an authority."""

    name: LocalText  # often a description ("Politie en andere bevoegde instanties"), so per language
    role: RecipientRole
    service: LocalText
    category: LocalText | None = None  # the category shown in a statement, e.g. "ICT-leveranciers"
    country: str = Field(default="NL", pattern=r"^[A-Z]{2}$")
    agreement: Agreement | None = None
    transfer: Transfer | None = None
    data_categories: list[str] = Field(default_factory=list)


class System(Strict):
    """Where data live: a CRM, a mailing tool, a database (with a binding to its tables)."""

    name: LocalText  # shown in the Art. 30 register ("Ledenadministratie" / "Membership records")
    description: LocalText | None = None
    operated_by: str | None = None  # recipient key of the processor that hosts it, if any
    country: str = Field(default="NL", pattern=r"^[A-Z]{2}$")
    data_categories: list[str] = Field(default_factory=list)
    database: DatabaseBinding | None = None


CookiePurpose = Literal["functional", "preferences", "analytics", "advertising", "social_media"]


class AnalyticsSettings(Strict):
    """The Dutch DPA's conditions under which analytics cookies need no consent."""

    processor_agreement: bool = False
    ip_masked: bool = False
    data_sharing_off: bool = False
    no_other_services: bool = False

    @property
    def privacy_friendly(self) -> bool:
        return self.processor_agreement and self.ip_masked and self.data_sharing_off and self.no_other_services


class Cookie(Strict):
    """A cookie or tracker placed by one of the organisation's websites."""

    name: LocalText  # a cookie's name or a group of them ("Functionele cookies"), shown in the statement
    provider: str  # a recipient key, or the first party's own name
    purpose: CookiePurpose
    lifetime: str | None = None  # 'session' or a period such as '2 years'; None when not recorded
    consent: bool  # whether the site asks consent before placing it
    description: LocalText | None = None
    analytics_settings: AnalyticsSettings | None = None
    websites: list[str] = Field(default_factory=list)

    @field_validator("lifetime")
    @classmethod
    def _lifetime_shape(cls, value: str | None) -> str | None:
        from .retention import parse_period

        if value is not None and value != "session":
            parse_period(value)
        return value
