"""Legal basis: every activity needs one of the six grounds of Art. 6(1)."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule


@rule(
    id="legal-basis-missing",
    severity="error",
    article="Art. 6(1), 13(1)(c) AVG/GDPR",
    title_nl="Rechtsgrond ontbreekt",
    title_en="Legal basis missing",
    description_nl=(
        "Elke verwerking heeft een van de zes rechtsgronden van artikel 6, lid 1 nodig. "
        "Zonder rechtsgrond is de verwerking onrechtmatig en kan de privacyverklaring haar niet noemen."
    ),
    description_en=(
        "Every processing activity needs one of the six legal bases of Art. 6(1). Without one the "
        "processing is unlawful and the privacy statement cannot state it."
    ),
)
def legal_basis_missing(register: Register) -> Iterator[Issue]:
    """Flag: activities without a legal basis."""
    for key, activity in register.activities.items():
        if activity.legal_basis is None:
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.legal_basis",
                f"Voor de verwerking {nl} is geen rechtsgrond vastgelegd.",
                f"No legal basis is recorded for the activity {en}.",
            )


@rule(
    id="legitimate-interest-unstated",
    severity="error",
    article="Art. 6(1)(f), 13(1)(d) AVG/GDPR",
    title_nl="Gerechtvaardigd belang niet omschreven",
    title_en="Legitimate interest not stated",
    description_nl=(
        "Wie zich op een gerechtvaardigd belang beroept, moet in de privacyverklaring zeggen welk belang "
        "dat is. Leg het belang vast in `legitimate_interest`."
    ),
    description_en=(
        "Relying on legitimate interests means telling people which interest is pursued. Record it in "
        "`legitimate_interest`."
    ),
)
def legitimate_interest_unstated(register: Register) -> Iterator[Issue]:
    """Flag: activities on legitimate interests that do not name the interest."""
    for key, activity in register.activities.items():
        if activity.legal_basis == "legitimate_interests" and activity.legitimate_interest is None:
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.legitimate_interest",
                f"De verwerking {nl} steunt op een gerechtvaardigd belang, maar noemt niet welk belang.",
                f"The activity {en} relies on legitimate interests but does not say which interest.",
            )


CHECKS: tuple[Check, ...] = (legal_basis_missing, legitimate_interest_unstated)
