"""Retention (Art. 5(1)(e), 13(2)(a)): every activity says how long, in terms that can be enforced."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register
from waarborg.register.retention import Period

from . import wording
from .rule import Check, Issue, rule

# The longest statutory periods small NL/BE organisations meet: NL fiscal records 7 years (AWR art. 52),
# BE VAT records 10 years. Anything longer needs its own justification.
LONGEST_STATUTORY = Period(value=10, unit="years")


@rule(
    id="retention-missing",
    severity="error",
    article="Art. 5(1)(e), 13(2)(a) AVG/GDPR",
    title_nl="Bewaartermijn ontbreekt",
    title_en="Retention period missing",
    description_nl=(
        "Voor elke verwerking moet vaststaan hoe lang de gegevens worden bewaard, en de privacyverklaring "
        "moet dat vertellen."
    ),
    description_en="Every activity must state how long its data are kept, and the statement must say so.",
)
def retention_missing(register: Register) -> Iterator[Issue]:
    """Flag: activities without retention."""
    for key, activity in register.activities.items():
        if activity.retention is None:
            nl, en = wording.activity(register, key)
            yield Issue(
                f"activities.{key}.retention",
                f"Voor de verwerking {nl} is geen bewaartermijn vastgelegd.",
                f"No retention period is recorded for the activity {en}.",
            )


@rule(
    id="retention-unbounded",
    severity="error",
    article="Art. 5(1)(e), 13(2)(a) AVG/GDPR",
    title_nl="Bewaartermijn zonder einde",
    title_en="Retention without an end",
    description_nl=(
        "Een criterium als 'zolang nodig' zegt niet wanneer gegevens weg moeten en kan niet worden "
        "gehandhaafd. Geef een termijn en de gebeurtenis waarna die loopt, bijvoorbeeld '2 jaar na het "
        "laatste contact'."
    ),
    description_en=(
        "A criterion such as 'as long as necessary' does not say when data must go and cannot be enforced. "
        "Give a period and the event it runs from, e.g. '2 years after the last contact'."
    ),
)
def retention_unbounded(register: Register) -> Iterator[Issue]:
    """Flag: retention given only as a criterion, without period and starting event."""
    for key, activity in register.activities.items():
        retention = activity.retention
        if retention is None or retention.is_bounded:
            continue
        nl, en = wording.activity(register, key)
        criterion_nl, criterion_en = wording.both(retention.criterion, register) if retention.criterion else ("", "")
        yield Issue(
            f"activities.{key}.retention",
            f"De bewaartermijn van de verwerking {nl} noemt geen termijn met startmoment"
            + (f" (alleen: {wording.excerpt(criterion_nl)})." if criterion_nl else "."),
            f"The retention of the activity {en} has no period and starting event"
            + (f" (only: {wording.excerpt(criterion_en)})." if criterion_en else "."),
        )


@rule(
    id="retention-exceeds-fiscal",
    severity="warning",
    article="Art. 5(1)(c), 5(1)(e) AVG/GDPR",
    title_nl="Bewaartermijn langer dan tien jaar",
    title_en="Retention longer than ten years",
    description_nl=(
        "De langste wettelijke termijnen die een kleine organisatie tegenkomt zijn 7 jaar (fiscale "
        "bewaarplicht, NL) en 10 jaar (btw, BE). Een langere termijn vraagt een eigen, vastgelegde reden."
    ),
    description_en=(
        "The longest statutory periods a small organisation meets are 7 years (Dutch tax records) and "
        "10 years (Belgian VAT). A longer period needs its own documented reason."
    ),
)
def retention_exceeds_fiscal(register: Register) -> Iterator[Issue]:
    """Flag: retention periods longer than ten years."""
    for key, activity in register.activities.items():
        period = activity.retention.period if activity.retention else None
        if period is None or period.approx_days() <= LONGEST_STATUTORY.approx_days():
            continue
        nl, en = wording.activity(register, key)
        yield Issue(
            f"activities.{key}.retention",
            f"De verwerking {nl} bewaart gegevens {wording.period_nl(period)}, langer dan elke "
            "wettelijke termijn van 10 jaar; leg vast waarom.",
            f"The activity {en} keeps data for {period}, longer than any 10-year statutory period; document why.",
        )


CHECKS: tuple[Check, ...] = (retention_missing, retention_unbounded, retention_exceeds_fiscal)
