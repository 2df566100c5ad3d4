"""Consent (Art. 7): withdrawable as easily as given, and freely given."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule

# Consent in an employment relationship is rarely free (Art. 7(4), recital 43; EDPB Guidelines 05/2020 §21).
EMPLOYMENT_GROUPS = frozenset({"employee"})


@rule(
    id="consent-withdrawal-missing",
    severity="error",
    article="Art. 7(3), 13(2)(c) AVG/GDPR",
    title_nl="Intrekken van toestemming niet geregeld",
    title_en="No way to withdraw consent",
    description_nl=(
        "Toestemming moet net zo makkelijk in te trekken zijn als te geven, en de privacyverklaring moet "
        "zeggen hoe. Leg de route vast in `consent.withdrawal`."
    ),
    description_en=(
        "Consent must be as easy to withdraw as to give, and the statement must say how. Record the "
        "route in `consent.withdrawal`."
    ),
)
def consent_withdrawal_missing(register: Register) -> Iterator[Issue]:
    """Flag: consent-based activities without a withdrawal route."""
    for key, activity in register.activities.items():
        if activity.legal_basis != "consent":
            continue
        if activity.consent is None or activity.consent.withdrawal is None:
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.consent.withdrawal",
                f"De verwerking {nl} steunt op toestemming, maar er staat niet hoe mensen hun toestemming intrekken.",
                f"The activity {en} relies on consent but does not say how people withdraw it.",
            )


@rule(
    id="consent-for-employees",
    severity="warning",
    article="Art. 7(4), 88 AVG/GDPR; overweging/recital 43",
    title_nl="Toestemming van medewerkers",
    title_en="Consent from employees",
    description_nl=(
        "Een medewerker is afhankelijk van de werkgever, dus toestemming is zelden vrij gegeven. "
        "Kies waar mogelijk een andere grondslag, zoals de arbeidsovereenkomst of een wettelijke plicht."
    ),
    description_en=(
        "Employees depend on their employer, so their consent is seldom freely given. Prefer another "
        "basis where possible, such as the employment contract or a legal obligation."
    ),
)
def consent_for_employees(register: Register) -> Iterator[Issue]:
    """Flag: activities that ask employees for consent."""
    for key, activity in register.activities.items():
        if activity.legal_basis == "consent" and EMPLOYMENT_GROUPS & set(activity.subject_groups):
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.legal_basis",
                f"De verwerking {nl} vraagt medewerkers om toestemming; die is zelden vrij gegeven.",
                f"The activity {en} asks employees for consent, which is seldom freely given.",
            )


CHECKS: tuple[Check, ...] = (consent_withdrawal_missing, consent_for_employees)
