"""The cells of the Art. 30 register: each a list of lines, built from the register. Pure.

A cell is a list of strings so each writer can lay it out as it needs: lines in one wrapped
spreadsheet cell, or a JSON array.
"""

from __future__ import annotations

from collections.abc import Callable

from waarborg.register import taxonomy
from waarborg.register.model import LEGAL_BASIS_ARTICLE, ProcessingActivity, Register
from waarborg.register.parties import Address, Agreement, Contact, Recipient
from waarborg.register.retention import RetentionRule
from waarborg.register.text import Language, LocalText
from waarborg.register.wording import period_text, until_text

from .columns import article_reference
from .labels import (
    ART9_CONDITION,
    ART9_LETTER,
    ERASURE_EXCEPTION,
    LEGAL_BASIS,
    MECHANISM,
    RECIPIENT_ROLE,
    REGISTRATION,
    SOURCE_KIND,
    WORDS,
    term,
)

Cell = list[str]


def text(value: LocalText | None, register: Register, lang: Language) -> str:
    """A register text in `lang`, falling back to the language it exists in; '' when absent."""
    return value.get(lang, register.language) if value is not None else ""


def word(key: str, lang: Language) -> str:
    return term(WORDS, key, lang)


def address_line(address: Address, lang: Language) -> str:
    """'Keizerstraat 20-22, 2000 Antwerpen, België'."""
    return f"{address.one_line()}, {taxonomy.country_name(address.country, lang)}"


def contact_lines(contact: Contact | None, lang: Language) -> Cell:
    """Name, e-mail, phone and address of a person or office; ['none recorded'] when there is none."""
    if contact is None:
        return [word("none_recorded", lang)]
    lines = [contact.name] if contact.name else []
    lines += [contact.email] if contact.email else []
    lines += [f"{word('phone', lang)} {contact.phone}"] if contact.phone else []
    lines += [address_line(contact.address, lang)] if contact.address else []
    return lines or [word("none_recorded", lang)]


def organisation_lines(register: Register, lang: Language) -> Cell:
    """The controller's name, legal name, registration number and address (Art. 30(1)(a))."""
    controller = register.controller
    lines = [controller.name]
    if controller.legal_name and controller.legal_name != controller.name:
        lines.append(controller.legal_name)
    if controller.registration is not None:
        label = term(REGISTRATION, controller.registration.kind, lang)
        lines.append(f"{label} {controller.registration.number}")
    if controller.address is not None:
        lines.append(address_line(controller.address, lang))
    return lines


def organisation_contact(register: Register, lang: Language) -> Cell:
    """How to reach the controller: e-mail, phone, website."""
    controller = register.controller
    lines = [value for value in (controller.email, controller.website) if value]
    if controller.phone:
        lines.insert(1 if controller.email else 0, f"{word('phone', lang)} {controller.phone}")
    return lines or [word("none_recorded", lang)]


def legal_basis(activity: ProcessingActivity, lang: Language) -> Cell:
    """'Overeenkomst (art. 6 lid 1 onder b AVG)'; ['not recorded'] without a basis."""
    if activity.legal_basis is None:
        return [word("none_recorded", lang)]
    name = term(LEGAL_BASIS, activity.legal_basis, lang)
    return [f"{name} ({article_reference(LEGAL_BASIS_ARTICLE[activity.legal_basis], lang)})"]


def labels(keys: list[str], label_of: Callable[[str, Language], str], lang: Language) -> Cell:
    """Vocabulary keys as their labels, in register order."""
    return [label_of(key, lang) for key in keys]


def special_categories(activity: ProcessingActivity, register: Register, lang: Language) -> Cell:
    """Each special category with its Art. 9(2) condition, or a note that none is recorded."""
    conditions = {use.category: use.condition for use in activity.special_categories}
    special = [key for key in activity.data_categories if register.is_special_category(key)]
    special += [key for key in conditions if key not in special]
    lines = []
    for key in special:
        condition = conditions.get(key)
        if condition is None:
            reason = word("no_condition", lang)
        else:
            reason = f"{term(ART9_CONDITION, condition, lang)} ({_article_9(condition, lang)})"
        lines.append(f"{register.category_label(key, lang)}: {reason}")
    return lines or [word("none", lang)]


def _article_9(condition: str, lang: Language) -> str:
    letter = ART9_LETTER[condition]
    return f"art. 9 lid 2 onder {letter} AVG" if lang == "nl" else f"Art. 9(2)({letter}) GDPR"


def activity_recipients(activity: ProcessingActivity, register: Register) -> list[str]:
    """Recipient keys of an activity: those it names, then the operators of the systems it uses."""
    keys = list(activity.recipients)
    for system_key in activity.systems:
        operator = register.systems[system_key].operated_by
        if operator is not None and operator not in keys:
            keys.append(operator)
    return keys


def recipient_line(recipient: Recipient, register: Register, lang: Language) -> str:
    """'Mailchimp — verwerker; verzenden van de nieuwsbrief; Verenigde Staten (buiten de EER)'."""
    parts = [term(RECIPIENT_ROLE, recipient.role, lang), text(recipient.service, register, lang)]
    country = taxonomy.country_name(recipient.country, lang)
    if recipient.country not in taxonomy.EEA_COUNTRIES:
        country += f" ({word('outside_eea', lang)})"
    parts.append(country)
    return f"{text(recipient.name, register, lang)} — " + "; ".join(part for part in parts if part)


def recipients(keys: list[str], register: Register, lang: Language) -> Cell:
    lines = [recipient_line(register.recipients[key], register, lang) for key in keys]
    return lines or [word("none", lang)]


def joint_controllers(keys: list[str], register: Register, lang: Language) -> Cell:
    """Joint controllers (Art. 26) among the recipients, with the state of their arrangement."""
    joint = [register.recipients[key] for key in keys if register.recipients[key].role == "joint_controller"]
    lines = [f"{text(r.name, register, lang)} ({agreement_text(r.agreement, lang)})" for r in joint]
    return lines or [word("none", lang)]


def transfers(keys: list[str], register: Register, lang: Language) -> Cell:
    """Recipients outside the EEA with country and safeguard (Art. 30(1)(e), 30(2)(c))."""
    lines = []
    for key in keys:
        recipient = register.recipients[key]
        if recipient.country in taxonomy.EEA_COUNTRIES:
            continue
        mechanism = recipient.transfer.mechanism if recipient.transfer else "none"
        country = taxonomy.country_name(recipient.country, lang)
        lines.append(f"{text(recipient.name, register, lang)}: {country} — {term(MECHANISM, mechanism, lang)}")
    return lines or [word("none", lang)]


def retention(activity: ProcessingActivity, register: Register, lang: Language) -> Cell:
    """The time limit for erasure (Art. 30(1)(f)): period and event, or the bare criterion, plus notes."""
    rule = activity.retention
    lines = [_retention_line(rule, register, lang)] if rule is not None else [word("none_recorded", lang)]
    if rule is not None and rule.note is not None:
        lines.append(text(rule.note, register, lang))
    exception = activity.keeps_after_erasure
    if exception is not None:
        lines.append(f"{word('kept_after_erasure', lang)}: {term(ERASURE_EXCEPTION, exception, lang)}")
    return lines


def _retention_line(rule: RetentionRule, register: Register, lang: Language) -> str:
    if rule.period is not None and rule.from_event is not None:
        event = register.event_label(rule.from_event, lang)
        if rule.is_until_event:
            return until_text(event, lang)
        return f"{period_text(rule.period, lang)} {event}"
    if rule.criterion is not None:
        return f"{word('criterion', lang)}: {text(rule.criterion, register, lang)}"
    return word("none_recorded", lang)


def systems(keys: list[str], register: Register, lang: Language) -> Cell:
    """System names, with the processor that runs each."""
    lines = []
    for key in keys:
        system = register.systems[key]
        name = text(system.name, register, lang)
        operator = text(register.recipients[system.operated_by].name, register, lang) if system.operated_by else None
        lines.append(f"{name} ({word('operated_by', lang)} {operator})" if operator else name)
    return lines or [word("none_recorded", lang)]


def source(activity: ProcessingActivity, register: Register, lang: Language) -> Cell:
    lines = [term(SOURCE_KIND, activity.source.kind, lang)]
    if activity.source.description is not None:
        lines.append(text(activity.source.description, register, lang))
    return lines


def security(register: Register, lang: Language) -> Cell:
    """The Art. 32 measures, as one general description for every row."""
    lines = [text(measure, register, lang) for measure in register.security_measures]
    return lines or [word("none_recorded", lang)]


def agreement_text(agreement: Agreement | None, lang: Language) -> str:
    """'getekend op 1 maart 2024' / 'niet getekend' / 'geen overeenkomst vastgelegd'."""
    if agreement is None:
        return word("no_agreement", lang)
    if not agreement.signed:
        state = word("not_signed", lang)
    elif agreement.signed_on is not None:
        state = f"{word('signed_on', lang)} {agreement.signed_on.isoformat()}"
    else:
        state = word("signed", lang)
    return f"{state}; {agreement.reference}" if agreement.reference else state
