"""Build the StatementView from a register: the one place that decides what a statement says."""

from __future__ import annotations

from waarborg.register import taxonomy
from waarborg.register.model import LEGAL_BASIS_ARTICLE, ProcessingActivity, Register
from waarborg.register.parties import Contact
from waarborg.register.text import Language
from waarborg.register.wording import long_date

from .build_parties import all_processors_bound, cookie_views, recipient_views, transfer_views
from .build_rights import rights_view
from .phrases import (
    ART9_CONDITION,
    CONSENT_PROVISION,
    LEGAL_BASIS,
    OWN_LEGAL_DUTY_PROVISION,
    PROVISION,
    REGISTRATION,
    SOURCE_KIND,
    article_6,
)
from .view import (
    ActivityView,
    AuthorityView,
    AutomatedView,
    BasisView,
    ChangeView,
    ContactView,
    ControllerView,
    Gaps,
    GroupView,
    ProcessorRoleView,
    RetentionRow,
    SpecialUseView,
    StatementView,
)
from .wording import (
    as_clause,
    as_phrase,
    as_sentence,
    capitalise,
    local,
    retention_text,
    sentence_or_none,
    starts_a_sentence,
)


def build_view(register: Register, lang: Language) -> StatementView:
    """Everything the statement will say, in `lang`; gaps in the register are recorded, not guessed."""
    gaps = Gaps()
    meta = register.statement
    activities = {key: _activity(register, key, activity, lang, gaps) for key, activity in register.activities.items()}
    _retention_gaps(register, gaps)
    return StatementView(
        lang=lang,
        title=("Privacyverklaring " if lang == "nl" else "Privacy statement ") + register.controller.name,
        version=meta.version,
        date=long_date(meta.published_on, lang),
        controller=_controller(register, lang, gaps),
        scope=sentence_or_none(local(meta.scope, register, lang)),
        websites=list(meta.websites),
        activities=list(activities.values()),
        groups=_groups(register, lang, activities),
        all_from_subject=all(a.source is None for a in activities.values()),
        automated=[a.automated for a in activities.values() if a.automated is not None],
        retention=_retention(register, lang),
        processors=recipient_views(register, lang, processors=True),
        processor_agreements=all_processors_bound(register),
        other_recipients=recipient_views(register, lang, processors=False),
        transfers=transfer_views(register, lang, gaps),
        cookies=cookie_views(register, lang),
        rights=rights_view(register, lang),
        authority=_authority(register, lang),
        complaint_country=taxonomy.country_name(register.controller.country, lang),
        security=[m.get(lang, register.language) for m in register.security_measures],
        child_age=_child_age(register),
        notify_changes=sentence_or_none(local(meta.notify_changes, register, lang)),
        changes=[ChangeView(c.version, long_date(c.changed_on, lang), c.summary.get(lang, register.language))
                 for c in meta.changes],
        processor_roles=[ProcessorRoleView(p.name.get(lang, register.language),
                                           [c.get(lang, register.language) for c in p.controllers])
                         for p in register.processor_activities.values()],
        gaps=gaps,
        channels=_channels(register, lang),
    )


def _contact(contact: Contact, register: Register, lang: Language) -> ContactView:
    return ContactView(
        name=contact.name,
        role=local(contact.role, register, lang),
        address=contact.address.one_line() if contact.address else None,
        email=contact.email,
        phone=contact.phone,
    )


def _controller(register: Register, lang: Language, gaps: Gaps) -> ControllerView:
    controller = register.controller
    contact = _contact(controller, register, lang)
    if not contact.reachable:
        gaps.note("controller_contact", "the controller has no address, e-mail or phone")
    dpo = _contact(controller.dpo, register, lang) if controller.dpo else None
    if dpo is not None and not dpo.reachable:
        gaps.note("dpo_contact", "the data protection officer has no address, e-mail or phone")
    registration = controller.registration
    return ControllerView(
        name=controller.name,
        legal_name=controller.legal_name,
        full_name=controller.full_name,
        contact=contact,
        registration=f"{REGISTRATION[registration.kind][lang]} {registration.number}" if registration else None,
        website=controller.website,
        dpo=dpo,
        representative=_contact(controller.representative, register, lang) if controller.representative else None,
    )


def _groups(register: Register, lang: Language, built: dict[str, ActivityView]) -> list[GroupView]:
    """The index of the statement: each activity is told once, and each group finds its own here."""
    return [
        GroupView(key=group, label=capitalise(register.group_label(group, lang)),
                  activities=[built[key] for key, _ in register.activities_of_group(group)])
        for group in register.groups_in_use()
    ]


def _activity(register: Register, key: str, activity: ProcessingActivity, lang: Language, gaps: Gaps) -> ActivityView:
    name = activity.name.get(lang, register.language)
    return ActivityView(
        key=key,
        name=name,
        groups=[register.group_label(group, lang) for group in activity.subject_groups],
        description=local(activity.description, register, lang),
        purposes=[p.get(lang, register.language) for p in activity.purposes],
        categories=[register.category_label(c, lang) for c in activity.data_categories],
        special=_special(register, key, activity, lang, gaps),
        basis=_basis(register, key, activity, lang, gaps),
        source=_source(register, key, activity, lang, gaps),
        provision=_provision(register, key, activity, lang, gaps),
        recipients=[register.recipients[r].name.get(lang, register.language) for r in activity.recipients],
        automated=_automated(register, key, activity, name, lang, gaps),
    )


def _basis(register: Register, key: str, activity: ProcessingActivity, lang: Language, gaps: Gaps) -> BasisView | None:
    basis = activity.legal_basis
    if basis is None:
        gaps.note("legal_basis", "activities without a legal basis", key)
        return None
    label, explanation = LEGAL_BASIS[basis][lang]
    interest = local(activity.legitimate_interest, register, lang)
    if basis == "legitimate_interests" and interest is None:
        gaps.note("legitimate_interests", "activities on legitimate interests that do not state the interest", key)
    return BasisView(
        key=basis,
        label=label,
        article=article_6(LEGAL_BASIS_ARTICLE[basis], lang),
        explanation=explanation,
        interest=as_clause(interest) if basis == "legitimate_interests" and interest else None,
        withdrawal=_withdrawal(register, activity, lang) if basis == "consent" else None,
    )


def _withdrawal(register: Register, activity: ProcessingActivity, lang: Language) -> str:
    """How to withdraw consent, as a whole sentence (Art. 7(3)); the controller's e-mail when the register
    names no easier way."""
    lead = "U kunt uw toestemming altijd intrekken" if lang == "nl" else "You can withdraw your consent at any time"
    recorded = local(activity.consent.withdrawal, register, lang) if activity.consent is not None else None
    if recorded is not None:
        # Registers hold either a phrase ("via de afmeldlink") or a whole sentence of their own.
        return f"{lead}. {as_sentence(recorded)}" if starts_a_sentence(recorded) else f"{lead} {as_phrase(recorded)}."
    email = register.controller.email
    if lang == "nl":
        return f"{lead} door ons een bericht te sturen{f' via {email}' if email else ''}."
    return f"{lead} by sending us a message{f' at {email}' if email else ''}."


def _special(register: Register, key: str, activity: ProcessingActivity, lang: Language,
             gaps: Gaps) -> list[SpecialUseView]:
    uses = []
    for use in activity.special_categories:
        if use.condition is None:
            gaps.note("legal_basis", "special categories without an Art. 9(2) condition", f"{use.category} in {key}")
        uses.append(SpecialUseView(
            label=register.category_label(use.category, lang),
            condition=ART9_CONDITION[use.condition][lang] if use.condition else None,
            note=as_clause(note) if (note := local(use.note, register, lang)) else None,
        ))
    return uses


def _channels(register: Register, lang: Language) -> list[str]:
    """How people give their data themselves (website, e-mail, ...), as the register describes it."""
    described = (
        local(activity.source.description, register, lang)
        for activity in register.activities.values()
        if activity.source.kind == "data_subject"
    )
    return list(dict.fromkeys(as_sentence(text) for text in described if text))


def _source(register: Register, key: str, activity: ProcessingActivity, lang: Language, gaps: Gaps) -> str | None:
    """Art. 14(2)(f): None when the data come from the person themselves."""
    source = activity.source
    if source.kind == "data_subject":
        return None
    description = local(source.description, register, lang)
    if description is None:
        gaps.note("data_source", "activities with data from elsewhere that do not describe the source", key)
        generic = {"third_party": {"nl": "anderen", "en": "others"},
                   "public": {"nl": "openbare bronnen", "en": "public sources"}}
        return SOURCE_KIND[source.kind][lang].format(description=generic[source.kind][lang])
    # The register's own words, without a lead of ours: a lead "not from you, but from:" contradicted
    # sources that are partly the person ("Uit contact met uzelf of met een collega: ...").
    return as_sentence(description)


def _provision(register: Register, key: str, activity: ProcessingActivity, lang: Language,
               gaps: Gaps) -> str | None:
    """Art. 13(2)(e), only for data collected from the person (Art. 14 has no such element)."""
    if activity.provision is None:
        if activity.legal_basis == "consent":
            # Consent is voluntary by law (Art. 7(4)), so the answer needs no register entry.
            return CONSENT_PROVISION[lang]
        if activity.source.kind == "data_subject":
            gaps.note("provision_requirement", "activities without provision information", key)
        return None
    requirement = activity.provision.requirement
    own_duty = requirement == "statutory" and activity.legal_basis == "legal_obligation"
    text = OWN_LEGAL_DUTY_PROVISION[lang] if own_duty else PROVISION[requirement][lang]
    consequence = local(activity.provision.consequence, register, lang)
    return f"{text} {as_sentence(consequence)}" if consequence else text


def _automated(register: Register, key: str, activity: ProcessingActivity, name: str, lang: Language,
               gaps: Gaps) -> AutomatedView | None:
    decision = activity.automated_decision
    if decision is None:
        return None
    if decision.logic is None or decision.significance is None:
        # Art. 13(2)(f) asks for the logic involved and the significance and consequences.
        gaps.note("automated_decisions", "automated decisions without their logic or significance", key)
    logic, significance = local(decision.logic, register, lang), local(decision.significance, register, lang)
    return AutomatedView(name, as_sentence(decision.description.get(lang, register.language)),
                         as_sentence(logic) if logic else None, as_sentence(significance) if significance else None)


def _retention(register: Register, lang: Language) -> list[RetentionRow]:
    rows = []
    for activity in register.activities.values():
        stated = retention_text(activity.retention, register, lang) if activity.retention else None
        if stated is not None and activity.retention is not None:
            rows.append(RetentionRow(activity.name.get(lang, register.language), stated[0], stated[1],
                                     local(activity.retention.note, register, lang)))
    return rows


def _retention_gaps(register: Register, gaps: Gaps) -> None:
    for key, activity in register.activities.items():
        if activity.retention is None or retention_text(activity.retention, register, "en") is None:
            gaps.note("retention", "activities without a retention period or criterion", key)


def _authority(register: Register, lang: Language) -> AuthorityView | None:
    authority = register.authority()
    if authority is None:
        return None
    return AuthorityView(authority[f"name_{lang}"], authority["address"], authority["website"])


def _child_age(register: Register) -> int | None:
    """The age below which a parent consents (Art. 8), when children's data may be processed at all."""
    ages = [a.consent.parental_consent_below for a in register.activities.values()
            if a.consent is not None and a.consent.parental_consent_below is not None]
    if ages:
        return max(ages)
    if any(a.children for a in register.activities.values()):
        return register.child_consent_age()
    return None
