"""The statement as data: everything a template shows, already in the reader's language.

Built once from the register (see `build.py`); the HTML and Markdown templates and the
coverage report all read this view, so what coverage reports is what the templates print.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from waarborg.register.text import Language


class Gaps:
    """What the register lacks for an element, grouped by problem: {element: {problem: [subjects]}}."""

    def __init__(self) -> None:
        self.by_element: dict[str, dict[str, list[str]]] = {}

    def note(self, element: str, problem: str, subject: str | None = None) -> None:
        subjects = self.by_element.setdefault(element, {}).setdefault(problem, [])
        if subject is not None:
            subjects.append(subject)

    def reason(self, element: str) -> str | None:
        """'activities without a retention period or criterion: newsletter, events'; None when complete."""
        problems = self.by_element.get(element)
        if not problems:
            return None
        return "; ".join(f"{problem}: {', '.join(subjects)}" if subjects else problem
                         for problem, subjects in problems.items())


@dataclass(frozen=True)
class ContactView:
    """A person or office and the ways to reach them."""

    name: str | None
    role: str | None = None
    address: str | None = None
    email: str | None = None
    phone: str | None = None

    @property
    def reachable(self) -> bool:
        return bool(self.address or self.email or self.phone)


@dataclass(frozen=True)
class ControllerView:
    """Who we are (Art. 13(1)(a)) and the DPO (13(1)(b))."""

    name: str
    legal_name: str | None
    full_name: str  # the name and the registered name, each said once (Controller.full_name)
    contact: ContactView
    registration: str | None  # e.g. "KvK-nummer 40530123"
    website: str | None
    dpo: ContactView | None
    representative: ContactView | None


@dataclass(frozen=True)
class BasisView:
    """One legal basis (Art. 6(1)) explained in plain words."""

    key: str
    label: str
    article: str
    explanation: str
    interest: str | None = None  # Art. 13(1)(d), for legitimate interests
    withdrawal: str | None = None  # Art. 7(3), for consent


@dataclass(frozen=True)
class SpecialUseView:
    """A special category (Art. 9) and why we may process it."""

    label: str
    condition: str | None
    note: str | None


@dataclass(frozen=True)
class AutomatedView:
    """A decision made without human involvement (Art. 22), with its logic and significance."""

    activity: str
    description: str
    logic: str | None
    significance: str | None


@dataclass(frozen=True)
class ActivityView:
    """One processing activity, told once, with the subject groups it concerns."""

    key: str
    name: str
    groups: list[str]  # labels of the subject groups it concerns, e.g. ["leden", "examenkandidaten"]
    description: str | None
    purposes: list[str]
    categories: list[str]
    special: list[SpecialUseView]
    basis: BasisView | None
    source: str | None  # None when the data come from the person (Art. 14(2)(f) otherwise)
    provision: str | None  # Art. 13(2)(e)
    recipients: list[str]
    automated: AutomatedView | None


@dataclass(frozen=True)
class GroupView:
    """A subject group in the statement's index: which activities concern its members."""

    key: str
    label: str  # capitalised, fit for a heading
    activities: list[ActivityView]


@dataclass(frozen=True)
class RetentionRow:
    """One line of the retention table (Art. 13(2)(a))."""

    activity: str
    period: str  # "7 jaar", "tot u zich afmeldt", or the criterion text
    start: str | None  # "na afloop van de overeenkomst"; None for until-periods and criteria
    note: str | None


@dataclass(frozen=True)
class RecipientView:
    name: str
    service: str
    category: str
    country: str


@dataclass(frozen=True)
class TransferView:
    """Data going outside the EEA (Art. 13(1)(f)) and the safeguard that protects them."""

    recipient: str
    country: str
    mechanism: str
    mechanism_name: str
    explanation: str
    note: str | None
    copy: str | None  # where or how to get a copy of the safeguard


@dataclass(frozen=True)
class CookieView:
    name: str
    provider: str
    purpose: str
    lifetime: str
    consent: bool
    consent_text: str
    description: str | None


@dataclass(frozen=True)
class RightsView:
    """How to exercise the rights of Art. 15-22 (Art. 12)."""

    contact: str
    email: str | None
    response_time: str
    identity_check: str | None
    objection_activities: list[str]  # on public task or legitimate interests (Art. 21(1))
    marketing_activities: list[str]  # direct marketing (Art. 21(2)-(4))
    portability_activities: list[str]  # consent or contract (Art. 20(1))
    consent_activities: list[str]  # consent can be withdrawn (Art. 7(3))


@dataclass(frozen=True)
class AuthorityView:
    name: str
    address: str
    website: str


@dataclass(frozen=True)
class ChangeView:
    version: str
    date: str
    summary: str


@dataclass(frozen=True)
class ProcessorRoleView:
    """Processing we do on behalf of another organisation (we are its processor)."""

    name: str
    controllers: list[str]


@dataclass(frozen=True)
class StatementView:
    """The whole statement, ready for a template."""

    lang: Language
    title: str
    version: str
    date: str
    controller: ControllerView
    scope: str | None
    websites: list[str]
    activities: list[ActivityView]  # every activity once, in register order
    groups: list[GroupView]  # the index: per subject group, the activities that concern it
    all_from_subject: bool
    automated: list[AutomatedView]
    retention: list[RetentionRow]
    processors: list[RecipientView]
    processor_agreements: bool  # every processor has a signed agreement (Art. 28(3))
    other_recipients: list[RecipientView]
    transfers: list[TransferView]
    cookies: list[CookieView]
    rights: RightsView
    authority: AuthorityView | None
    complaint_country: str
    security: list[str]
    child_age: int | None  # set when children's data may be processed
    notify_changes: str | None
    changes: list[ChangeView]
    processor_roles: list[ProcessorRoleView]
    gaps: Gaps = field(default_factory=Gaps)  # what the register lacks, per element
    channels: list[str] = field(default_factory=list)  # how people give us their data themselves

    @property
    def legitimate_interests(self) -> list[ActivityView]:
        return [a for a in self.activities if a.basis is not None and a.basis.key == "legitimate_interests"]

    @property
    def third_party_sources(self) -> list[ActivityView]:
        return [a for a in self.activities if a.source is not None]

    @property
    def provisions(self) -> list[ActivityView]:
        return [a for a in self.activities if a.provision is not None]
