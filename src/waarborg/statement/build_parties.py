"""The parts of the view about other parties: recipients, transfers outside the EEA, cookies."""

from __future__ import annotations

from waarborg.register import taxonomy
from waarborg.register.model import Register
from waarborg.register.parties import Recipient
from waarborg.register.text import Language

from .phrases import COOKIE_PURPOSE, COPYABLE_MECHANISMS, MECHANISM_NAME, RECIPIENT_ROLE, TRANSFER, YES_NO
from .view import CookieView, Gaps, RecipientView, TransferView
from .wording import lifetime_text, local, sentence_or_none

PROCESSOR_ROLES = frozenset({"processor", "sub_processor"})


def disclosed_recipients(register: Register) -> dict[str, Recipient]:
    """Recipients of the controller's own processing.

    A recipient named only as a sub-processor of work done for another controller
    (`processor_activities`) receives that controller's data, not ours, so the statement leaves it out.
    """
    only_for_others = {key for p in register.processor_activities.values() for key in p.sub_processors}
    used = {key for a in register.activities.values() for key in a.recipients}
    used |= {s.operated_by for s in register.systems.values() if s.operated_by}
    used |= {c.provider for c in register.cookies}
    return {k: r for k, r in register.recipients.items() if k in used or k not in only_for_others}


def recipient_views(register: Register, lang: Language, processors: bool) -> list[RecipientView]:
    """Processors (processors=True) or the other recipients, in register order."""
    return [
        RecipientView(
            name=recipient.name.get(lang, register.language),
            service=local(recipient.service, register, lang) or "",
            category=local(recipient.category, register, lang) or RECIPIENT_ROLE[recipient.role][lang],
            country=taxonomy.country_name(recipient.country, lang),
        )
        for recipient in disclosed_recipients(register).values()
        if (recipient.role in PROCESSOR_ROLES) == processors
    ]


def all_processors_bound(register: Register) -> bool:
    """True when every processor we use has a signed processor agreement (Art. 28(3))."""
    processors = [r for r in disclosed_recipients(register).values() if r.role in PROCESSOR_ROLES]
    return bool(processors) and all(r.agreement is not None and r.agreement.signed for r in processors)


def transfer_views(register: Register, lang: Language, gaps: Gaps) -> list[TransferView]:
    """Recipients outside the EEA with their safeguard; records a gap where none is given."""
    views = []
    for key, recipient in disclosed_recipients(register).items():
        if recipient.country in taxonomy.EEA_COUNTRIES:
            continue
        transfer = recipient.transfer
        mechanism = transfer.mechanism if transfer is not None else "none"
        if mechanism == "none":
            gaps.note("transfers", "recipients outside the EEA without a safeguard", key)
        country = taxonomy.country_name(recipient.country, lang)
        name = recipient.name.get(lang, register.language)
        views.append(TransferView(
            recipient=name,
            country=country,
            mechanism=mechanism,
            mechanism_name=MECHANISM_NAME[mechanism][lang],
            explanation=TRANSFER[mechanism][lang].format(country=country, name=name),
            note=sentence_or_none(local(transfer.note, register, lang)) if transfer is not None else None,
            copy=_copy_route(register, recipient, mechanism, lang),
        ))
    return views


def _copy_route(register: Register, recipient: Recipient, mechanism: str, lang: Language) -> str | None:
    """Where people get a copy of the safeguard (Art. 13(1)(f))."""
    published = recipient.transfer.copy_available_at if recipient.transfer is not None else None
    if published:
        return (f"Een kopie vindt u op {published}." if lang == "nl"
                else f"You can find a copy at {published}.")
    if mechanism not in COPYABLE_MECHANISMS:
        return None
    email = register.controller.email
    if lang == "nl":
        return f"U kunt een kopie bij ons opvragen{f' via {email}' if email else ''}."
    return f"You can ask us for a copy{f' at {email}' if email else ''}."


def cookie_views(register: Register, lang: Language) -> list[CookieView]:
    """The cookie table: name, who places it, why, how long, and whether we ask consent first."""
    views = []
    for cookie in register.cookies:
        provider = register.recipients.get(cookie.provider)
        views.append(CookieView(
            name=cookie.name.get(lang, register.language),
            provider=provider.name.get(lang, register.language) if provider is not None else register.controller.name,
            purpose=COOKIE_PURPOSE[cookie.purpose][lang],
            lifetime=lifetime_text(cookie.lifetime, lang),
            consent=cookie.consent,
            consent_text=YES_NO[cookie.consent][lang],
            description=local(cookie.description, register, lang),
        ))
    return views
