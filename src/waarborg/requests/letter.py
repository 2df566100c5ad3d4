"""The access letter (Art. 15): from the register, for the activities that hold the person's data.

Pure: `build_letter` turns the register and the list of tables where the person was found into
a view-model; `render_letter_html` fills the Jinja2 template. Only activities bound to a table
that actually holds the person's rows are described — the letter answers for this person, not
for the organisation as a whole (that is the privacy statement's job).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from waarborg.register import ProcessingActivity, Register
from waarborg.register.model import AutomatedDecision
from waarborg.register.parties import Recipient
from waarborg.register.taxonomy import EEA_COUNTRIES, country_name
from waarborg.register.text import Language
from waarborg.register.wording import long_date, period_text, until_text

from . import letter_text as T


@dataclass(frozen=True)
class Holding:
    """A table where the person's data were found, with the number of rows."""

    system: str
    table: str
    rows: int


@dataclass(frozen=True)
class RecipientView:
    name: str
    service: str
    transfer: str | None  # Art. 15(2): only for recipients outside the EEA


@dataclass(frozen=True)
class ActivityView:
    key: str
    name: str
    purposes: list[str]
    basis: str
    interest: str | None
    categories: list[str]
    recipients: list[RecipientView]
    retention: str
    source: str
    automated: list[str] | None


@dataclass(frozen=True)
class HoldingView:
    """Where data were found, in the register's words: the system, what the data are used for, and
    which data they are. Table names (`persons`, `event_registrations`) mean nothing to the reader."""

    system: str
    used_for: list[str]  # the names of the activities bound to the table
    categories: list[str]  # the labels of the data categories of its columns
    rows: int


@dataclass(frozen=True)
class LetterView:
    """Everything the letter template shows, already in the reader's language."""

    lang: Language
    words: dict[str, str]
    controller_name: str
    controller_lines: list[str]
    date: str
    reference: str
    intro: str
    holdings: list[HoldingView]
    activities: list[ActivityView]
    rights: list[str]
    contact: str
    dpo: str | None
    attachments: list[str] = field(default_factory=list)

    @property
    def any_automated(self) -> bool:
        """Art. 15(1)(h): the letter says so explicitly when no automated decision is taken."""
        return any(activity.automated for activity in self.activities)


def activities_holding(register: Register, holdings: Iterable[Holding]) -> list[str]:
    """Keys of the activities bound to the tables that hold the person's data, in register order."""
    keys: set[str] = set()
    for holding in holdings:
        database = register.systems[holding.system].database
        if database is None or holding.table not in database.tables:
            continue
        table = database.tables[holding.table]
        keys.update(table.activities)
        for column in table.columns.values():
            keys.update(column.activities or [])
    return [key for key in register.activities if key in keys]


def build_letter(
    register: Register,
    holdings: list[Holding],
    *,
    received: date,
    written: date,
    reference: str,
    lang: Language | None = None,
    attachments: list[str] | None = None,
) -> LetterView:
    """The view-model of the access letter for a person found in `holdings`."""
    lang = lang or register.language
    found = [h for h in holdings if h.rows > 0]
    activity_keys = activities_holding(register, found)
    return LetterView(
        lang=lang,
        words={key: words[lang] for key, words in T.HEADINGS.items()}
        | {
            "salutation": T.SALUTATION[lang],
            "closing": T.CLOSING[lang],
            "nothing": T.NOTHING_FOUND[lang],
            "no_recipients": T.NO_RECIPIENTS[lang],
            "no_automated": T.NO_AUTOMATED[lang],
        },
        controller_name=register.controller.full_name,
        controller_lines=_controller_lines(register),
        date=long_date(written, lang),
        reference=reference,
        intro=_intro(received, lang, copy_enclosed=bool(found)),
        holdings=[_holding_view(register, h, lang) for h in found],
        activities=[_activity_view(register, key, register.activities[key], lang) for key in activity_keys],
        rights=_rights(register, [register.activities[k] for k in activity_keys], lang),
        contact=T.CONTACT[lang].format(contact=_contact(register, lang)),
        dpo=_dpo(register, lang),
        attachments=attachments or [],
    )


def _intro(received: date, lang: Language, copy_enclosed: bool) -> str:
    """A full copy is announced only when there is something to copy (Art. 15(3))."""
    intro = T.INTRO[lang].format(received=long_date(received, lang))
    return f"{intro} {T.COPY_ENCLOSED[lang]}" if copy_enclosed else intro


def _holding_view(register: Register, holding: Holding, lang: Language) -> HoldingView:
    system = register.systems[holding.system]
    names = table_words(register, holding.system, holding.table, lang)
    return HoldingView(system.name.get(lang, register.language), names[0], names[1], holding.rows)


def table_words(register: Register, system: str, table: str, lang: Language) -> tuple[list[str], list[str]]:
    """(activity names, data-category labels) of a bound table: how the letter and the package's
    enclosures describe it to the person."""
    database = register.systems[system].database
    binding = database.tables.get(table) if database is not None else None
    if binding is None:
        return [], []
    keys = set(binding.activities) | {k for column in binding.columns.values() for k in column.activities or []}
    activities = [a.name.get(lang, register.language) for key, a in register.activities.items() if key in keys]
    labels = [register.category_label(column.category, lang) for column in binding.columns.values()]
    return activities, list(dict.fromkeys(labels))


def _controller_lines(register: Register) -> list[str]:
    controller = register.controller
    lines: list[str] = []  # the legal name is in the letterhead's name already (Controller.full_name)
    if controller.address is not None:
        lines += [controller.address.street, f"{controller.address.postal_code} {controller.address.city}"]
    lines += [value for value in (controller.email, controller.phone, controller.website) if value]
    return lines


def _activity_view(register: Register, key: str, activity: ProcessingActivity, lang: Language) -> ActivityView:
    default = register.language
    return ActivityView(
        key=key,
        name=activity.name.get(lang, default),
        purposes=[purpose.get(lang, default) for purpose in activity.purposes],
        basis=T.BASIS[activity.legal_basis][lang] if activity.legal_basis else T.NO_BASIS[lang],
        interest=activity.legitimate_interest.get(lang, default) if activity.legitimate_interest else None,
        categories=[register.category_label(c, lang) for c in activity.data_categories],
        recipients=[_recipient_view(register.recipients[r], lang, default) for r in activity.recipients],
        retention=_retention(register, activity, lang),
        source=_source(activity, lang, default),
        automated=_automated(activity.automated_decision, lang, default),
    )


def _recipient_view(recipient: Recipient, lang: Language, default: Language) -> RecipientView:
    transfer = None
    if recipient.country not in EEA_COUNTRIES:
        mechanism = recipient.transfer.mechanism if recipient.transfer else None
        safeguard = T.SAFEGUARD[mechanism][lang] if mechanism else T.NO_SAFEGUARD_RECORDED[lang]
        transfer = T.TRANSFER[lang].format(country=country_name(recipient.country, lang), safeguard=safeguard)
        if recipient.transfer and recipient.transfer.copy_available_at:
            transfer += "; " + T.COPY_AT[lang].format(url=recipient.transfer.copy_available_at)
    return RecipientView(recipient.name.get(lang, default), recipient.service.get(lang, default), transfer)


def _retention(register: Register, activity: ProcessingActivity, lang: Language) -> str:
    rule = activity.retention
    if rule is None:
        return T.RETENTION_UNKNOWN[lang]
    parts: list[str] = []
    if rule.period is not None and rule.from_event is not None:
        event = register.event_label(rule.from_event, lang)
        if rule.is_until_event:
            parts.append(until_text(event, lang))
        else:
            parts.append(f"{period_text(rule.period, lang)} {event}")
    for extra in (rule.criterion, rule.note):
        if extra is not None:
            parts.append(extra.get(lang, register.language))
    return "; ".join(parts) if parts else T.RETENTION_UNKNOWN[lang]


def _source(activity: ProcessingActivity, lang: Language, default: Language) -> str:
    # Art. 14(2)(f) and 15(1)(g): where the data came from when not from the person.
    text = T.SOURCE[activity.source.kind][lang]
    if activity.source.description is not None:
        text += f": {activity.source.description.get(lang, default)}"
    return text


def _automated(decision: AutomatedDecision | None, lang: Language, default: Language) -> list[str] | None:
    if decision is None:
        return None
    lines = [decision.description.get(lang, default)]
    if decision.logic is not None:
        lines.append(T.AUTOMATED_LOGIC[lang].format(text=decision.logic.get(lang, default)))
    if decision.significance is not None:
        lines.append(T.AUTOMATED_EFFECT[lang].format(text=decision.significance.get(lang, default)))
    return lines


def _rights(register: Register, activities: list[ProcessingActivity], lang: Language) -> list[str]:
    rights = [T.RIGHTS[key][lang] for key in ("rectification", "erasure", "restriction", "objection")]
    if any(a.legal_basis in ("consent", "contract") and a.source.kind == "data_subject" for a in activities):
        rights.append(T.RIGHTS["portability"][lang])
    if any(a.legal_basis == "consent" for a in activities):
        rights.append(T.RIGHTS["withdraw_consent"][lang])
    authority = register.authority()
    if authority is None:
        rights.append(T.RIGHTS["complaint_generic"][lang])
    else:
        name = authority["name_nl"] if lang == "nl" else authority["name_en"]
        rights.append(
            T.RIGHTS["complaint"][lang].format(
                authority=name, address=authority["address"], website=authority["website"]
            )
        )
    return rights


def _contact(register: Register, lang: Language) -> str:
    if register.rights.contact is not None:
        return register.rights.contact.get(lang, register.language).rstrip(".")
    return register.controller.email or register.controller.name


def _dpo(register: Register, lang: Language) -> str | None:
    dpo = register.controller.dpo
    if dpo is None:
        return None
    parts = [part for part in (dpo.name, dpo.email, dpo.phone) if part]
    return T.DPO[lang].format(dpo=", ".join(parts)) if parts else None


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("waarborg.requests", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_letter_html(view: LetterView) -> str:
    """The letter as a standalone HTML page (its stylesheet inlined, so the PDF needs nothing else)."""
    environment = _environment()
    css = environment.loader.get_source(environment, "letter.css")[0]  # type: ignore[union-attr]
    return environment.get_template("letter.html.j2").render(view=view, css=css)


def render_letter_pdf(html: str) -> bytes:
    """The letter as PDF (WeasyPrint; imported here because it is slow to load)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
