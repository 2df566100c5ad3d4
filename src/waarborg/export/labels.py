"""Short Dutch and English terms for the Art. 30 register's cells.

The register is read by a privacy officer or a supervisory authority, so the terms are the short
legal names (e.g. "Overeenkomst (art. 6 lid 1 onder b AVG)"), not the explanations a privacy
statement gives its readers.
"""

from __future__ import annotations

from waarborg.register.text import Language

Terms = dict[str, dict[Language, str]]

LEGAL_BASIS: Terms = {
    "consent": {"nl": "Toestemming", "en": "Consent"},
    "contract": {"nl": "Overeenkomst", "en": "Contract"},
    "legal_obligation": {"nl": "Wettelijke plicht", "en": "Legal obligation"},
    "vital_interests": {"nl": "Vitaal belang", "en": "Vital interests"},
    "public_task": {"nl": "Taak van algemeen belang", "en": "Public task"},
    "legitimate_interests": {"nl": "Gerechtvaardigd belang", "en": "Legitimate interests"},
}

ART9_CONDITION: Terms = {
    "explicit_consent": {"nl": "uitdrukkelijke toestemming", "en": "explicit consent"},
    "employment_law": {"nl": "arbeidsrecht en sociale zekerheid", "en": "employment and social security law"},
    "vital_interests": {"nl": "vitaal belang", "en": "vital interests"},
    "not_for_profit_body": {"nl": "organisatie zonder winstoogmerk", "en": "not-for-profit body"},
    "made_public": {"nl": "door de betrokkene openbaar gemaakt", "en": "made public by the data subject"},
    "legal_claims": {"nl": "rechtsvordering", "en": "legal claims"},
    "substantial_public_interest": {"nl": "zwaarwegend algemeen belang", "en": "substantial public interest"},
    "health_care": {"nl": "gezondheidszorg", "en": "health or social care"},
    "public_health": {"nl": "volksgezondheid", "en": "public health"},
    "archiving_research": {"nl": "archivering, onderzoek of statistiek", "en": "archiving, research or statistics"},
}

ART9_LETTER: dict[str, str] = {
    "explicit_consent": "a",
    "employment_law": "b",
    "vital_interests": "c",
    "not_for_profit_body": "d",
    "made_public": "e",
    "legal_claims": "f",
    "substantial_public_interest": "g",
    "health_care": "h",
    "public_health": "i",
    "archiving_research": "j",
}

MECHANISM: Terms = {
    "adequacy": {"nl": "adequaatheidsbesluit (art. 45 AVG)", "en": "adequacy decision (Art. 45 GDPR)"},
    "dpf": {
        "nl": "EU-US Data Privacy Framework (Besluit 2023/1795)",
        "en": "EU-US Data Privacy Framework (Decision 2023/1795)",
    },
    "scc_2021": {
        "nl": "standaardcontractbepalingen 2021 (art. 46 AVG)",
        "en": "standard contractual clauses 2021 (Art. 46 GDPR)",
    },
    "bcr": {"nl": "bindende bedrijfsvoorschriften (art. 47 AVG)", "en": "binding corporate rules (Art. 47 GDPR)"},
    "art49": {"nl": "uitzondering van art. 49 AVG", "en": "derogation under Art. 49 GDPR"},
    "privacy_shield": {
        "nl": "EU-US Privacy Shield (ongeldig sinds 16 juli 2020)",
        "en": "EU-US Privacy Shield (invalid since 16 July 2020)",
    },
    "scc_2010": {
        "nl": "standaardcontractbepalingen 2010 (vervallen)",
        "en": "standard contractual clauses 2010 (repealed)",
    },
    "none": {"nl": "geen waarborg vastgelegd", "en": "no safeguard recorded"},
}

RECIPIENT_ROLE: Terms = {
    "processor": {"nl": "verwerker", "en": "processor"},
    "sub_processor": {"nl": "subverwerker", "en": "sub-processor"},
    "controller": {"nl": "zelfstandige verwerkingsverantwoordelijke", "en": "independent controller"},
    "joint_controller": {"nl": "gezamenlijke verwerkingsverantwoordelijke", "en": "joint controller"},
    "public_authority": {"nl": "overheidsinstantie", "en": "public authority"},
}

SOURCE_KIND: Terms = {
    "data_subject": {"nl": "De betrokkene zelf", "en": "The data subject"},
    "third_party": {"nl": "Derden", "en": "Third parties"},
    "public": {"nl": "Openbare bronnen", "en": "Public sources"},
}

ERASURE_EXCEPTION: Terms = {
    "expression": {
        "nl": "vrijheid van meningsuiting (art. 17 lid 3 onder a AVG)",
        "en": "freedom of expression (Art. 17(3)(a) GDPR)",
    },
    "legal_obligation": {
        "nl": "wettelijke plicht (art. 17 lid 3 onder b AVG)",
        "en": "legal obligation (Art. 17(3)(b) GDPR)",
    },
    "public_health": {"nl": "volksgezondheid (art. 17 lid 3 onder c AVG)", "en": "public health (Art. 17(3)(c) GDPR)"},
    "archiving": {
        "nl": "archivering of onderzoek (art. 17 lid 3 onder d AVG)",
        "en": "archiving or research (Art. 17(3)(d) GDPR)",
    },
    "legal_claims": {"nl": "rechtsvordering (art. 17 lid 3 onder e AVG)", "en": "legal claims (Art. 17(3)(e) GDPR)"},
}

REGISTRATION: Terms = {
    "kvk": {"nl": "KvK-nummer", "en": "Chamber of Commerce (KvK) number"},
    "kbo": {"nl": "Ondernemingsnummer", "en": "Enterprise number (KBO)"},
    "other": {"nl": "Registratienummer", "en": "Registration number"},
}

# Fixed words of the cells.
WORDS: Terms = {
    "none": {"nl": "geen", "en": "none"},
    "none_recorded": {"nl": "niet vastgelegd", "en": "not recorded"},
    "no_condition": {"nl": "geen uitzonderingsgrond vastgelegd", "en": "no Art. 9(2) condition recorded"},
    "outside_eea": {"nl": "buiten de EER", "en": "outside the EEA"},
    "criterion": {"nl": "Criterium", "en": "Criterion"},
    "kept_after_erasure": {"nl": "Blijft bewaard na een verwijderverzoek", "en": "Kept after an erasure request"},
    "operated_by": {"nl": "beheerd door", "en": "run by"},
    "signed": {"nl": "getekend", "en": "signed"},
    "signed_on": {"nl": "getekend op", "en": "signed on"},
    "not_signed": {"nl": "niet getekend", "en": "not signed"},
    "no_agreement": {"nl": "geen overeenkomst vastgelegd", "en": "no agreement recorded"},
    "until": {"nl": "tot", "en": "until"},
    "after": {"nl": "na", "en": "after"},
    "phone": {"nl": "telefoon", "en": "phone"},
}


def term(table: Terms, key: str, lang: Language) -> str:
    """The term for `key` in `lang`; the key itself when the table does not know it."""
    return table.get(key, {}).get(lang, key)
