"""The columns of the Art. 30 register, with Dutch and English headers and the article each serves."""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.register.text import Language


@dataclass(frozen=True)
class Column:
    """One column of an Art. 30 sheet."""

    key: str
    nl: str
    en: str
    article: str  # the GDPR provision the column answers, e.g. "30(1)(b)"; empty for helper columns
    width: int = 30  # a sensible spreadsheet width, in characters

    def header(self, lang: Language) -> str:
        return self.nl if lang == "nl" else self.en


# Art. 30(1): the controller's record, one row per processing activity.
CONTROLLER_COLUMNS: tuple[Column, ...] = (
    Column("activity_key", "Kenmerk", "Reference", "", 18),
    Column("activity", "Verwerkingsactiviteit", "Processing activity", "30(1)(b)", 28),
    Column("controller", "Verwerkingsverantwoordelijke", "Controller", "30(1)(a)", 30),
    Column("controller_contact", "Contactgegevens", "Contact details", "30(1)(a)", 30),
    Column("joint_controllers", "Gezamenlijke verwerkingsverantwoordelijken", "Joint controllers", "30(1)(a)", 24),
    Column("representative", "Vertegenwoordiger", "Representative", "30(1)(a)", 20),
    Column("dpo", "Functionaris gegevensbescherming", "Data protection officer", "30(1)(a)", 24),
    Column("purposes", "Doeleinden", "Purposes", "30(1)(b)", 50),
    Column("legal_basis", "Rechtsgrond", "Legal basis", "6(1)", 30),
    Column("legitimate_interest", "Gerechtvaardigd belang", "Legitimate interest", "6(1)(f), 13(1)(d)", 40),
    Column("subject_groups", "Categorieën van betrokkenen", "Categories of data subjects", "30(1)(c)", 30),
    Column("data_categories", "Categorieën van persoonsgegevens", "Categories of personal data", "30(1)(c)", 40),
    Column(
        "special_categories",
        "Bijzondere persoonsgegevens en uitzonderingsgrond",
        "Special categories and Art. 9(2) condition",
        "9(2), 30(1)(c)",
        36,
    ),
    Column("recipients", "Ontvangers", "Recipients", "30(1)(d)", 45),
    Column(
        "transfers",
        "Doorgifte naar derde landen en waarborgen",
        "Transfers to third countries and safeguards",
        "30(1)(e)",
        40,
    ),
    Column("retention", "Bewaartermijn", "Time limit for erasure", "30(1)(f)", 40),
    Column("security", "Beveiligingsmaatregelen", "Security measures", "30(1)(g), 32(1)", 50),
    Column("systems", "Systemen", "Systems", "", 28),
    Column("source", "Bron van de gegevens", "Source of the data", "14(2)(f)", 36),
)

# Art. 30(2): the record the organisation keeps as a processor, one row per processor activity.
PROCESSOR_COLUMNS: tuple[Column, ...] = (
    Column("activity_key", "Kenmerk", "Reference", "", 18),
    Column("activity", "Verwerkingsactiviteit", "Processing activity", "30(2)(b)", 30),
    Column("processor", "Verwerker", "Processor", "30(2)(a)", 30),
    Column("processor_contact", "Contactgegevens", "Contact details", "30(2)(a)", 30),
    Column("representative", "Vertegenwoordiger", "Representative", "30(2)(a)", 20),
    Column("dpo", "Functionaris gegevensbescherming", "Data protection officer", "30(2)(a)", 24),
    Column(
        "controllers",
        "Verwerkingsverantwoordelijken (opdrachtgevers)",
        "Controllers on whose behalf we act",
        "30(2)(a)",
        36,
    ),
    Column("categories_of_processing", "Categorieën van verwerkingen", "Categories of processing", "30(2)(b)", 50),
    Column("data_categories", "Categorieën van persoonsgegevens", "Categories of personal data", "28(3)", 40),
    Column("sub_processors", "Subverwerkers", "Sub-processors", "28(2), 28(4)", 30),
    Column(
        "transfers",
        "Doorgifte naar derde landen en waarborgen",
        "Transfers to third countries and safeguards",
        "30(2)(c)",
        40,
    ),
    Column("security", "Beveiligingsmaatregelen", "Security measures", "30(2)(d), 32(1)", 50),
    Column("agreement", "Verwerkersovereenkomst", "Processor agreement", "28(3)", 30),
)

SHEET_TITLES: dict[str, dict[Language, str]] = {
    "activities": {"nl": "Verwerkingen (art. 30 lid 1)", "en": "Activities (Art. 30(1))"},
    "processor_activities": {"nl": "Als verwerker (art. 30 lid 2)", "en": "As processor (Art. 30(2))"},
}

REGISTER_TITLES: dict[str, dict[Language, str]] = {
    "activities": {
        "nl": "Register van verwerkingsactiviteiten (art. 30 lid 1 AVG)",
        "en": "Record of processing activities (Art. 30(1) GDPR)",
    },
    "processor_activities": {
        "nl": "Register van verwerkingen als verwerker (art. 30 lid 2 AVG)",
        "en": "Record of processing as a processor (Art. 30(2) GDPR)",
    },
}


def article_reference(article: str, lang: Language) -> str:
    """'30(1)(b)' -> 'art. 30 lid 1 onder b AVG' / 'Art. 30(1)(b) GDPR'; '' stays ''."""
    if not article:
        return ""
    if lang == "en":
        return f"Art. {article} GDPR"
    return "art. " + ", ".join(_dutch_article(part.strip()) for part in article.split(",")) + " AVG"


def _dutch_article(article: str) -> str:
    """'30(1)(b)' -> '30 lid 1 onder b' (the way Dutch legal texts cite)."""
    number, *rest = article.replace(")", "").split("(")
    words = [number]
    if rest:
        words.append(f"lid {rest[0]}")
    if len(rest) > 1:
        words.append(f"onder {rest[1]}")
    return " ".join(words)
