"""Transfers outside the EEA (Chapter V): each needs a valid safeguard, and people may see it."""

from __future__ import annotations

from collections.abc import Iterator

from waarborg.register import Register, taxonomy
from waarborg.register.parties import Transfer

from . import wording
from .rule import Check, Issue, rule

# Safeguards of Art. 46(2) of which Art. 13(1)(f) requires telling people how to get a copy.
COPYABLE_MECHANISMS = frozenset({"scc_2021", "bcr"})


def safeguard_gap(country: str, transfer: Transfer | None) -> tuple[str, str] | None:
    """Why a transfer to `country` lacks a valid safeguard, in (nl, en); None when it is covered.

    Privacy Shield and the 2010 clauses have rules of their own and are not reported here.
    """
    if country in taxonomy.EEA_COUNTRIES:
        return None
    mechanism = transfer.mechanism if transfer else "none"
    country_nl, country_en = wording.country(country)
    if mechanism == "none":
        return "er is geen doorgiftegrond vastgelegd", "no transfer safeguard is recorded"
    if mechanism == "adequacy" and country == "US":
        # Decision (EU) 2023/1795 covers only organisations self-certified under the DPF.
        return (
            "voor de Verenigde Staten geldt alleen het Data Privacy Framework (mechanism: dpf) als adequaat",
            "for the United States only the Data Privacy Framework (mechanism: dpf) counts as adequate",
        )
    if mechanism == "adequacy" and country not in taxonomy.ADEQUATE_COUNTRIES:
        return (
            f"er is geen adequaatheidsbesluit voor {country_nl}",
            f"there is no adequacy decision for {country_en}",
        )
    if mechanism == "dpf" and country != "US":
        return (
            "het Data Privacy Framework geldt alleen voor organisaties in de Verenigde Staten",
            "the Data Privacy Framework only covers organisations in the United States",
        )
    return None


@rule(
    id="transfer-safeguard-missing",
    severity="error",
    article="Art. 44-46 AVG/GDPR",
    title_nl="Doorgifte buiten de EER zonder waarborg",
    title_en="Transfer outside the EEA without a safeguard",
    description_nl=(
        "Gegevens mogen alleen naar een land buiten de EER als daarvoor een adequaatheidsbesluit geldt "
        "(voor de VS: het Data Privacy Framework), of een passende waarborg zoals de "
        "modelcontractbepalingen van 2021. Dit geldt voor ontvangers en voor systemen buiten de EER."
    ),
    description_en=(
        "Data may only go to a country outside the EEA under an adequacy decision (for the US: the Data "
        "Privacy Framework) or an appropriate safeguard such as the 2021 standard contractual clauses. "
        "This applies to recipients and to systems located outside the EEA."
    ),
)
def transfer_safeguard_missing(register: Register) -> Iterator[Issue]:
    """Flag: recipients and systems outside the EEA without a valid safeguard."""
    for key, recipient in register.recipients.items():
        gap = safeguard_gap(recipient.country, recipient.transfer)
        if gap:
            name_nl, name_en = wording.recipient(register, key)
            country_nl, country_en = wording.country(recipient.country)
            yield Issue(
                f"recipients.{key}.transfer",
                f"Gegevens gaan naar {name_nl} ({country_nl}), buiten de EER, maar {gap[0]}.",
                f"Data go to {name_en} ({country_en}), outside the EEA, but {gap[1]}.",
            )
    for key, system in register.systems.items():
        operator = register.recipients.get(system.operated_by or "")
        gap = safeguard_gap(system.country, operator.transfer if operator else None)
        if gap:
            country_nl, country_en = wording.country(system.country)
            name_nl, name_en = wording.quoted_both(system.name, register)
            yield Issue(
                f"systems.{key}.country",
                f"Het systeem {name_nl} staat buiten de EER ({country_nl}), maar {gap[0]}.",
                f"The system {name_en} is located outside the EEA ({country_en}), but {gap[1]}.",
            )


@rule(
    id="transfer-privacy-shield",
    severity="error",
    article="Art. 45 AVG/GDPR; HvJ EU/CJEU C-311/18 (16 juli/July 2020)",
    title_nl="Doorgifte op grond van het ongeldige Privacy Shield",
    title_en="Transfer relying on the invalid Privacy Shield",
    description_nl=(
        "Het Hof van Justitie verklaarde het EU-VS Privacy Shield op 16 juli 2020 ongeldig (Schrems II). "
        "Gebruik het Data Privacy Framework, als de ontvanger gecertificeerd is, of de "
        "modelcontractbepalingen van 2021."
    ),
    description_en=(
        "The Court of Justice invalidated the EU-US Privacy Shield on 16 July 2020 (Schrems II). Use the "
        "Data Privacy Framework, if the recipient is certified, or the 2021 standard contractual clauses."
    ),
)
def transfer_privacy_shield(register: Register) -> Iterator[Issue]:
    """Flag: transfers relying on the invalidated Privacy Shield."""
    for key, recipient in register.recipients.items():
        if recipient.transfer and recipient.transfer.mechanism == "privacy_shield":
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}.transfer.mechanism",
                f"De doorgifte aan {name_nl} steunt op het Privacy Shield, dat sinds 16 juli 2020 ongeldig is.",
                f"The transfer to {name_en} relies on the Privacy Shield, invalid since 16 July 2020.",
            )


@rule(
    id="transfer-scc-2010",
    severity="error",
    article="Art. 46(2)(c) AVG/GDPR; Uitvoeringsbesluit/Decision (EU) 2021/914 art. 4",
    title_nl="Verouderde modelcontractbepalingen",
    title_en="Repealed standard contractual clauses",
    description_nl=(
        "De oude modelcontractbepalingen (2001/2004/2010) zijn ingetrokken; contracten daarop golden tot "
        "27 december 2022. Sluit de modelcontractbepalingen van 2021 af."
    ),
    description_en=(
        "The old standard contractual clauses (2001/2004/2010) were repealed; contracts on them stayed "
        "valid until 27 December 2022. Conclude the 2021 clauses."
    ),
)
def transfer_scc_2010(register: Register) -> Iterator[Issue]:
    """Flag: transfers relying on the repealed standard contractual clauses."""
    for key, recipient in register.recipients.items():
        if recipient.transfer and recipient.transfer.mechanism == "scc_2010":
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}.transfer.mechanism",
                f"De doorgifte aan {name_nl} steunt op de oude modelcontractbepalingen, die niet meer gelden.",
                f"The transfer to {name_en} relies on the old standard contractual clauses, no longer valid.",
            )


@rule(
    id="transfer-copy-missing",
    severity="warning",
    article="Art. 13(1)(f), 14(1)(f) AVG/GDPR",
    title_nl="Niet vermeld waar de doorgiftewaarborg in te zien is",
    title_en="No copy of the transfer safeguard offered",
    description_nl=(
        "Bij doorgifte op grond van modelcontractbepalingen of bindende bedrijfsvoorschriften moet de "
        "privacyverklaring zeggen hoe mensen een kopie krijgen. Vul `transfer.copy_available_at` in."
    ),
    description_en=(
        "For transfers under standard contractual clauses or binding corporate rules, the statement must "
        "say how people can get a copy. Fill in `transfer.copy_available_at`."
    ),
)
def transfer_copy_missing(register: Register) -> Iterator[Issue]:
    """Flag: transfers under clauses or BCRs without a place to get a copy."""
    for key, recipient in register.recipients.items():
        transfer = recipient.transfer
        if recipient.country in taxonomy.EEA_COUNTRIES or transfer is None:
            continue
        if transfer.mechanism in COPYABLE_MECHANISMS and transfer.copy_available_at is None:
            name_nl, name_en = wording.recipient(register, key)
            yield Issue(
                f"recipients.{key}.transfer.copy_available_at",
                f"Er staat niet waar mensen een kopie kunnen krijgen van de waarborg voor de doorgifte aan {name_nl}.",
                f"The register does not say where people can get a copy of the safeguard for the transfer to "
                f"{name_en}.",
            )


CHECKS: tuple[Check, ...] = (
    transfer_safeguard_missing,
    transfer_privacy_shield,
    transfer_scc_2010,
    transfer_copy_missing,
)
