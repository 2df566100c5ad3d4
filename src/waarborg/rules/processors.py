"""Processors and joint controllers: the agreements Art. 26 and 28 require."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register

from . import wording
from .rule import Check, Issue, rule

PROCESSOR_ROLES = frozenset({"processor", "sub_processor"})


@rule(
    id="processor-agreement-missing",
    severity="error",
    article="Art. 28(3) AVG/GDPR",
    title_nl="Verwerkersovereenkomst ontbreekt",
    title_en="Processor agreement missing",
    description_nl=(
        "Met elke verwerker en subverwerker moet een getekende verwerkersovereenkomst zijn die de "
        "onderwerpen van artikel 28, lid 3 regelt."
    ),
    description_en=("Every processor and sub-processor needs a signed agreement covering the points of Art. 28(3)."),
)
def processor_agreement_missing(register: Register) -> Iterator[Issue]:
    """Flag: processors and sub-processors without a signed agreement."""
    for key, recipient in register.recipients.items():
        if recipient.role in PROCESSOR_ROLES and (recipient.agreement is None or not recipient.agreement.signed):
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}.agreement",
                f"Er is geen getekende verwerkersovereenkomst met {name_nl}.",
                f"There is no signed processor agreement with {name_en}.",
            )


@rule(
    id="processor-agreement-undated",
    severity="info",
    article="Art. 5(2), 28(3) AVG/GDPR",
    title_nl="Verwerkersovereenkomst zonder datum",
    title_en="Processor agreement without a date",
    description_nl=(
        "Leg vast wanneer een verwerkersovereenkomst is getekend. Zo kunt u aantonen dat de afspraken "
        "golden toen de verwerker de gegevens kreeg (verantwoordingsplicht)."
    ),
    description_en=(
        "Record when a processor agreement was signed, so you can show the terms applied when the "
        "processor received the data (accountability)."
    ),
)
def processor_agreement_undated(register: Register) -> Iterator[Issue]:
    """Flag: signed processor agreements without a signing date."""
    for key, recipient in register.recipients.items():
        agreement = recipient.agreement
        if recipient.role in PROCESSOR_ROLES and agreement and agreement.signed and agreement.signed_on is None:
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}.agreement.date",
                f"De verwerkersovereenkomst met {name_nl} heeft geen datum van ondertekening.",
                f"The processor agreement with {name_en} has no signing date.",
            )


@rule(
    id="joint-controller-arrangement-missing",
    severity="error",
    article="Art. 26(1), 26(2) AVG/GDPR",
    title_nl="Regeling met gezamenlijke verwerkingsverantwoordelijke ontbreekt",
    title_en="Joint-controller arrangement missing",
    description_nl=(
        "Gezamenlijke verwerkingsverantwoordelijken leggen in een regeling vast wie welke plicht "
        "nakomt; de kern daarvan moet voor betrokkenen beschikbaar zijn."
    ),
    description_en=(
        "Joint controllers set out in an arrangement who meets which obligation; its essence must be made "
        "available to the people concerned."
    ),
)
def joint_controller_arrangement_missing(register: Register) -> Iterator[Issue]:
    """Flag: joint controllers without a signed arrangement."""
    for key, recipient in register.recipients.items():
        if recipient.role == "joint_controller" and (recipient.agreement is None or not recipient.agreement.signed):
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}.agreement",
                f"Er is geen regeling met {name_nl}, met wie u gezamenlijk verantwoordelijk bent.",
                f"There is no arrangement with {name_en}, your joint controller.",
            )


CHECKS: tuple[Check, ...] = (
    processor_agreement_missing,
    processor_agreement_undated,
    joint_controller_arrangement_missing,
)
