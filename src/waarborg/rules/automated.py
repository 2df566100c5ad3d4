"""Automated decisions with legal or similarly significant effect (Art. 22, 13(2)(f))."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule

BASIS_NAMES = {
    "legitimate_interests": ("gerechtvaardigd belang", "legitimate interests"),
    "vital_interests": ("vitaal belang", "vital interests"),
}

# Art. 22(2): only (a) necessity for a contract, (b) authorisation by law, or (c) explicit consent.
PERMITTED_BASES = frozenset({"contract", "legal_obligation", "public_task", "consent"})


@rule(
    id="automated-decision-not-permitted",
    severity="error",
    article="Art. 22(1), 22(2) AVG/GDPR",
    title_nl="Geautomatiseerd besluit zonder toegestane grond",
    title_en="Automated decision on a ground Art. 22 does not allow",
    description_nl=(
        "Een besluit dat uitsluitend geautomatiseerd wordt genomen, mag alleen als het nodig is voor een "
        "overeenkomst, als een wet het toestaat of met uitdrukkelijke toestemming. Een gerechtvaardigd "
        "belang volstaat niet."
    ),
    description_en=(
        "A decision based solely on automated processing is allowed only when necessary for a contract, "
        "authorised by law, or based on explicit consent. Legitimate interests do not suffice."
    ),
)
def automated_decision_not_permitted(register: Register) -> Iterator[Issue]:
    """Flag: automated decisions on legitimate or vital interests, which Art. 22(2) does not allow."""
    for key, activity in register.activities.items():
        basis = activity.legal_basis
        if activity.automated_decision is None or basis is None or basis in PERMITTED_BASES:
            continue
        nl, en = wording.activity(register, key)
        basis_nl, basis_en = BASIS_NAMES.get(basis, (basis, basis))
        yield Issue(
            f"activities.{key}.automated_decision",
            f"De verwerking {nl} neemt geautomatiseerde besluiten op grond van {basis_nl}; artikel 22 staat "
            "dat niet toe.",
            f"The activity {en} takes automated decisions on the basis of {basis_en}, which Art. 22 does not allow.",
        )


@rule(
    id="automated-decision-unexplained",
    severity="warning",
    article="Art. 13(2)(f), 14(2)(g), 15(1)(h) AVG/GDPR",
    title_nl="Geautomatiseerd besluit niet uitgelegd",
    title_en="Automated decision not explained",
    description_nl=(
        "Bij geautomatiseerde besluiten moet de privacyverklaring de onderliggende logica uitleggen en "
        "zeggen wat de gevolgen voor de betrokkene zijn. Vul `logic` en `significance` in."
    ),
    description_en=(
        "For automated decisions the statement must explain the logic involved and the consequences for "
        "the person. Fill in `logic` and `significance`."
    ),
)
def automated_decision_unexplained(register: Register) -> Iterator[Issue]:
    """Flag: automated decisions whose logic or consequences are not recorded."""
    for key, activity in register.activities.items():
        decision = activity.automated_decision
        if decision is None or (decision.logic is not None and decision.significance is not None):
            continue
        gaps: list[tuple[str, str]] = []
        if decision.logic is None:
            gaps.append(("de onderliggende logica", "the logic involved"))
        if decision.significance is None:
            gaps.append(("de gevolgen voor de betrokkene", "the consequences for the person"))
        nl, en = wording.activity(register, key)
        yield Issue(
            f"activities.{key}.automated_decision",
            f"Bij het geautomatiseerde besluit van de verwerking {nl} "
            f"{'ontbreken' if len(gaps) > 1 else 'ontbreekt'} {' en '.join(g[0] for g in gaps)}.",
            f"The automated decision of the activity {en} lacks {' and '.join(g[1] for g in gaps)}.",
        )


CHECKS: tuple[Check, ...] = (automated_decision_not_permitted, automated_decision_unexplained)
