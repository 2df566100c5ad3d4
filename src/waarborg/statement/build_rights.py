"""The rights part of the view: where to send a request, how fast we answer, which activities
each conditional right (objection, portability, withdrawing consent) applies to."""

from __future__ import annotations

from waarborg.register.model import ProcessingActivity, Register
from waarborg.register.text import Language
from waarborg.register.wording import period_text

from .view import RightsView
from .wording import answer_period, local, sentence_or_none


def rights_view(register: Register, lang: Language) -> RightsView:
    """How people exercise their rights (Art. 12) and which activities each right concerns."""
    activities = list(register.activities.values())

    def names(keep: list[ProcessingActivity]) -> list[str]:
        return [a.name.get(lang, register.language) for a in keep]

    return RightsView(
        contact=sentence_or_none(local(register.rights.contact, register, lang)) or _default_contact(register, lang),
        email=register.controller.email,
        response_time=_response_time(register, lang),
        identity_check=sentence_or_none(local(register.rights.identity_check, register, lang)),
        objection_activities=names([a for a in activities if a.legal_basis in ("public_task", "legitimate_interests")]),
        marketing_activities=names([a for a in activities if a.direct_marketing is not None]),
        portability_activities=names([a for a in activities if a.legal_basis in ("consent", "contract")]),
        consent_activities=names([a for a in activities if _rests_on_consent(a)]),
    )


def _rests_on_consent(activity: ProcessingActivity) -> bool:
    explicit = any(use.condition == "explicit_consent" for use in activity.special_categories)
    return activity.legal_basis == "consent" or explicit


def _response_time(register: Register, lang: Language) -> str:
    """The promised answer time, never longer than the one month of Art. 12(3)."""
    return period_text(answer_period(register.rights.response_time), lang)


def _default_contact(register: Register, lang: Language) -> str:
    """Without a rights contact in the register, people write to the controller (Art. 12(2))."""
    controller = register.controller
    ways = []
    if controller.email:
        ways.append(f"een e-mail te sturen naar {controller.email}" if lang == "nl"
                    else f"e-mailing {controller.email}")
    if controller.address:
        ways.append(f"te schrijven naar {controller.name}, {controller.address.one_line()}" if lang == "nl"
                    else f"writing to {controller.name}, {controller.address.one_line()}")
    if controller.phone and not ways:
        ways.append(f"te bellen naar {controller.phone}" if lang == "nl" else f"calling {controller.phone}")
    if not ways:
        return "Neem contact met ons op." if lang == "nl" else "Please contact us."
    joined = " of ".join(ways) if lang == "nl" else " or ".join(ways)
    return f"U kunt dit doen door {joined}." if lang == "nl" else f"You can do so by {joined}."
