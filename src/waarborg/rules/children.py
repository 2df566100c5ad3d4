"""Children's consent for online services (Art. 8): a parent consents below the national age."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule


@rule(
    id="child-consent-parental",
    severity="error",
    article="Art. 8 AVG/GDPR; UAVG art. 5 (NL 16); BE wet 30 juli 2018 art. 7 (13)",
    title_nl="Toestemming van ouders ontbreekt",
    title_en="Parental consent missing",
    description_nl=(
        "Wie gegevens van kinderen op basis van toestemming verwerkt, moet onder de wettelijke leeftijd "
        "(Nederland 16, België 13) toestemming van een ouder vragen. `consent.parental_consent_below` "
        "moet minstens die leeftijd zijn."
    ),
    description_en=(
        "Processing children's data on consent needs a parent's consent below the national age "
        "(Netherlands 16, Belgium 13). `consent.parental_consent_below` must be at least that age."
    ),
)
def child_consent_parental(register: Register) -> Iterator[Issue]:
    """Flag: consent-based activities with children where parental consent starts below the national age."""
    required = register.child_consent_age()
    for key, activity in register.activities.items():
        if not (activity.children and activity.legal_basis == "consent"):
            continue
        below = activity.consent.parental_consent_below if activity.consent else None
        if below is not None and below >= required:
            continue
        nl, en = wording.activity(register, key)
        found_nl = "geen leeftijd" if below is None else f"{below} jaar"
        found_en = "no age" if below is None else f"{below} years"
        yield Issue(
            f"activities.{key}.consent.parental_consent_below",
            f"De verwerking {nl} betreft kinderen; onder {required} jaar moet een ouder toestemming geven "
            f"(vastgelegd: {found_nl}).",
            f"The activity {en} concerns children; below {required} a parent must consent (recorded: {found_en}).",
        )


CHECKS: tuple[Check, ...] = (child_consent_parental,)
