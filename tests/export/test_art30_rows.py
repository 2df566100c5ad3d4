"""The Art. 30 rows: every column, in both languages, with the register's values in the right place."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from waarborg.export.art30 import build_art30, controller_rows, processor_rows
from waarborg.export.columns import CONTROLLER_COLUMNS, PROCESSOR_COLUMNS, article_reference
from waarborg.register import Register

# Art. 30(1)(a)-(g) and 30(2)(a)-(d): every point must have a column.
REQUIRED_ARTICLES_1 = ["30(1)(a)", "30(1)(b)", "30(1)(c)", "30(1)(d)", "30(1)(e)", "30(1)(f)", "30(1)(g)"]
REQUIRED_ARTICLES_2 = ["30(2)(a)", "30(2)(b)", "30(2)(c)", "30(2)(d)"]


def row_of(rows: list[dict[str, list[str]]], key: str) -> dict[str, list[str]]:
    return next(row for row in rows if row["activity_key"] == [key])


@pytest.mark.parametrize(
    ("columns", "required"), [(CONTROLLER_COLUMNS, REQUIRED_ARTICLES_1), (PROCESSOR_COLUMNS, REQUIRED_ARTICLES_2)]
)
def test_every_point_of_article_30_has_a_column(columns: Any, required: list[str]) -> None:
    articles = " ".join(column.article for column in columns)
    assert [a for a in required if a not in articles] == []


@pytest.mark.parametrize("columns", [CONTROLLER_COLUMNS, PROCESSOR_COLUMNS])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_column_has_a_distinct_header_in_each_language(columns: Any, lang: str) -> None:
    headers = [column.header(lang) for column in columns]
    assert all(headers) and len(set(headers)) == len(headers)


def test_dutch_and_english_headers_differ() -> None:
    assert [c.header("nl") for c in CONTROLLER_COLUMNS] != [c.header("en") for c in CONTROLLER_COLUMNS]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_row_has_every_column_in_order(full_register: Register, lang: str, export_day: date) -> None:
    export = build_art30(full_register, lang, export_day)  # type: ignore[arg-type]
    assert [list(row) for row in export.controller.rows] == [[c.key for c in CONTROLLER_COLUMNS]] * 3
    assert [list(row) for row in export.processor.rows] == [[c.key for c in PROCESSOR_COLUMNS]]


CONTROLLER_CELLS = [
    # (activity, column, language, expected line)
    ("support", "activity", "en", "Support"),
    ("support", "controller", "nl", "Stichting Proefregister"),
    ("support", "controller", "nl", "KvK-nummer 12345678"),
    ("support", "controller_contact", "nl", "telefoon 020-1234567"),
    ("support", "dpo", "en", "fg@proef.example"),
    ("support", "representative", "nl", "Vertegenwoordiger BV"),
    ("support", "joint_controllers", "nl", "Partnerstichting (geen overeenkomst vastgelegd)"),
    ("support", "purposes", "nl", "Voortgang bijhouden"),
    ("support", "legal_basis", "nl", "Overeenkomst (art. 6 lid 1 onder b AVG)"),
    ("support", "legal_basis", "en", "Contract (Art. 6(1)(b) GDPR)"),
    ("support", "subject_groups", "nl", "cursisten en deelnemers"),
    ("support", "data_categories", "en", "support file"),
    (
        "support",
        "special_categories",
        "nl",
        "gezondheidsgegevens: uitdrukkelijke toestemming (art. 9 lid 2 onder a AVG)",
    ),
    ("support", "special_categories", "en", "health data: explicit consent (Art. 9(2)(a) GDPR)"),
    ("support", "retention", "nl", "2 jaar na afloop van de overeenkomst"),
    ("support", "retention", "en", "2 years after the end of the contract"),
    ("support", "systems", "nl", "Relatiebeheer (beheerd door Hostbedrijf)"),
    ("support", "source", "en", "Third parties"),
    ("support", "source", "en", "the referrer"),
    ("support", "security", "en", "Two-factor login"),
    ("support", "transfers", "nl", "geen"),
    ("newsletter", "legitimate_interest", "en", "Keeping members informed"),
    ("newsletter", "legal_basis", "nl", "Gerechtvaardigd belang (art. 6 lid 1 onder f AVG)"),
    ("newsletter", "retention", "nl", "tot uw afmelding"),
    ("newsletter", "transfers", "en", "Mailer Inc.: United States — standard contractual clauses 2021 (Art. 46 GDPR)"),
    (
        "newsletter",
        "recipients",
        "nl",
        "Mailer Inc. — verwerker; nieuwsbrieven versturen; Verenigde Staten (buiten de EER)",
    ),
    ("newsletter", "special_categories", "en", "none"),
    ("accounts", "retention", "en", "Criterion: as long as the law requires"),
    (
        "accounts",
        "retention",
        "nl",
        "Blijft bewaard na een verwijderverzoek: wettelijke plicht (art. 17 lid 3 onder b AVG)",
    ),
    ("accounts", "recipients", "en", "Belastingdienst — public authority; tax audits; Netherlands"),
    ("accounts", "systems", "en", "not recorded"),
]


@pytest.mark.parametrize(("activity", "column", "lang", "line"), CONTROLLER_CELLS)
def test_register_value_lands_in_its_column(
    full_register: Register, activity: str, column: str, lang: str, line: str
) -> None:
    row = row_of(controller_rows(full_register, lang), activity)  # type: ignore[arg-type]
    assert line in row[column]


def test_processors_of_the_systems_used_count_as_recipients(full_register: Register) -> None:
    row = row_of(controller_rows(full_register, "en"), "support")
    assert [line.split(" — ")[0] for line in row["recipients"]] == ["Partnerstichting", "Hostbedrijf"]


def test_legitimate_interest_is_empty_when_the_basis_is_another(full_register: Register) -> None:
    assert row_of(controller_rows(full_register, "nl"), "support")["legitimate_interest"] == []


def test_missing_basis_and_retention_are_shown_as_not_recorded(full_register: Register) -> None:
    data = full_register.model_dump(by_alias=True)
    data["activities"]["support"]["legal_basis"] = None
    data["activities"]["support"]["retention"] = None
    row = row_of(controller_rows(Register.model_validate(data), "nl"), "support")
    assert (row["legal_basis"], row["retention"]) == (["niet vastgelegd"], ["niet vastgelegd"])


PROCESSOR_CELLS = [
    ("processor", "nl", "Stichting Proef"),
    ("controllers", "en", "Client B"),
    ("categories_of_processing", "nl", "salarisstroken maken"),
    ("data_categories", "en", "salary"),
    ("sub_processors", "en", "Mailer Inc. — processor; sending newsletters; United States (outside the EEA)"),
    ("transfers", "nl", "Mailer Inc.: Verenigde Staten — standaardcontractbepalingen 2021 (art. 46 AVG)"),
    ("security", "nl", "Versleutelde opslag"),
    ("agreement", "nl", "niet getekend"),
    ("dpo", "nl", "Fenna Gegevens"),
]


@pytest.mark.parametrize(("column", "lang", "line"), PROCESSOR_CELLS)
def test_processor_activity_value_lands_in_its_column(
    full_register: Register, column: str, lang: str, line: str
) -> None:
    (row,) = processor_rows(full_register, lang)  # type: ignore[arg-type]
    assert line in row[column]


def test_export_metadata_names_organisation_version_and_day(full_register: Register, export_day: date) -> None:
    export = build_art30(full_register, "en", export_day)
    assert (export.organisation, export.statement_version, export.exported_on) == ("Stichting Proef", "2.1", export_day)


@pytest.mark.parametrize(
    ("article", "lang", "expected"),
    [
        ("30(1)(b)", "nl", "art. 30 lid 1 onder b AVG"),
        ("30(1)(b)", "en", "Art. 30(1)(b) GDPR"),
        ("6(1)(f), 13(1)(d)", "nl", "art. 6 lid 1 onder f, 13 lid 1 onder d AVG"),
        ("28(3)", "nl", "art. 28 lid 3 AVG"),
        ("", "nl", ""),
    ],
)
def test_article_reference_is_cited_the_dutch_or_english_way(article: str, lang: str, expected: str) -> None:
    assert article_reference(article, lang) == expected  # type: ignore[arg-type]
