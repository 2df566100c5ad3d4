"""The 21 information elements of Art. 13 and 14 that a privacy statement must give.

Shared by the statement writer (coverage of a generated statement) and the analyzer
(coverage of an existing one), so both speak of the same keys.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Element:
    key: str
    article: str
    nl: str
    en: str


ELEMENTS: tuple[Element, ...] = (
    Element(
        "controller_identity",
        "13(1)(a)",
        "identiteit van de verwerkingsverantwoordelijke",
        "identity of the controller",
    ),
    Element(
        "controller_contact",
        "13(1)(a)",
        "contactgegevens van de verwerkingsverantwoordelijke",
        "contact details of the controller",
    ),
    Element(
        "dpo_contact",
        "13(1)(b)",
        "contactgegevens van de functionaris gegevensbescherming",
        "contact details of the data protection officer",
    ),
    Element("purposes", "13(1)(c)", "verwerkingsdoeleinden", "purposes of the processing"),
    Element("legal_basis", "13(1)(c)", "rechtsgrond van de verwerking", "legal basis of the processing"),
    Element("legitimate_interests", "13(1)(d)", "gerechtvaardigde belangen", "legitimate interests pursued"),
    Element("recipients", "13(1)(e)", "ontvangers of categorieën ontvangers", "recipients or categories of recipients"),
    Element(
        "transfers",
        "13(1)(f)",
        "doorgifte naar derde landen en waarborgen",
        "transfers to third countries and safeguards",
    ),
    Element("retention", "13(2)(a)", "bewaartermijn of criteria daarvoor", "retention period or the criteria for it"),
    Element("right_access", "13(2)(b)", "recht op inzage", "right of access"),
    Element("right_rectification", "13(2)(b)", "recht op rectificatie", "right to rectification"),
    Element("right_erasure", "13(2)(b)", "recht op gegevenswissing", "right to erasure"),
    Element(
        "right_restriction", "13(2)(b)", "recht op beperking van de verwerking", "right to restriction of processing"
    ),
    Element("right_objection", "13(2)(b)", "recht van bezwaar", "right to object"),
    Element("right_portability", "13(2)(b)", "recht op overdraagbaarheid", "right to data portability"),
    Element("right_withdraw_consent", "13(2)(c)", "recht om toestemming in te trekken", "right to withdraw consent"),
    Element(
        "right_complaint",
        "13(2)(d)",
        "recht om een klacht in te dienen bij de toezichthouder",
        "right to lodge a complaint with a supervisory authority",
    ),
    Element(
        "provision_requirement",
        "13(2)(e)",
        "verplichting tot verstrekking en gevolgen",
        "whether providing data is required and the consequences",
    ),
    Element(
        "automated_decisions",
        "13(2)(f)",
        "geautomatiseerde besluitvorming en profilering",
        "automated decision-making and profiling",
    ),
    Element("data_categories", "14(1)(d)", "categorieën van persoonsgegevens", "categories of personal data"),
    Element("data_source", "14(2)(f)", "bron van de persoonsgegevens", "source of the personal data"),
)

ELEMENT_KEYS: tuple[str, ...] = tuple(element.key for element in ELEMENTS)
ELEMENTS_BY_KEY: dict[str, Element] = {element.key: element for element in ELEMENTS}
