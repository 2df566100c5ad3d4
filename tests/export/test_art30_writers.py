"""The xlsx, csv and json writers of the Art. 30 register."""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import date

import pytest
from openpyxl import load_workbook

from waarborg.export import build_art30, export_register
from waarborg.export.columns import CONTROLLER_COLUMNS, PROCESSOR_COLUMNS
from waarborg.export.json_format import art30_data
from waarborg.export.xlsx import FIRST_DATA_ROW, HEADER_ROW
from waarborg.register import Register


def read_csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


# --- xlsx ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("nl", ["Verwerkingen (art. 30 lid 1)", "Als verwerker (art. 30 lid 2)"]),
        ("en", ["Activities (Art. 30(1))", "As processor (Art. 30(2))"]),
    ],
)
def test_workbook_has_the_two_article_30_sheets(full_register: Register, lang: str, names: list[str]) -> None:
    workbook = load_workbook(io.BytesIO(export_register(full_register, "xlsx", lang)))  # type: ignore[arg-type]
    assert workbook.sheetnames == names


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_workbook_header_row_has_every_column_bold_frozen_and_filtered(full_register: Register, lang: str) -> None:
    workbook = load_workbook(io.BytesIO(export_register(full_register, "xlsx", lang)))  # type: ignore[arg-type]
    for sheet, columns in zip(workbook.worksheets, (CONTROLLER_COLUMNS, PROCESSOR_COLUMNS), strict=True):
        header = [cell.value for cell in sheet[HEADER_ROW]]
        assert header == [column.header(lang) for column in columns]  # type: ignore[arg-type]
        assert all(cell.font.bold for cell in sheet[HEADER_ROW])
        assert sheet.freeze_panes == f"C{FIRST_DATA_ROW}"
        assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:")


def test_workbook_rows_hold_the_cells_as_wrapped_lines(full_register: Register, export_day: date) -> None:
    data = export_register(full_register, "xlsx", "nl", today=export_day)
    sheet = load_workbook(io.BytesIO(data))  # type: ignore[arg-type]
    first = sheet.worksheets[0]
    keys = [first.cell(row=r, column=1).value for r in range(FIRST_DATA_ROW, first.max_row + 1)]
    assert keys == ["support", "newsletter", "accounts"]
    purposes = first.cell(row=FIRST_DATA_ROW, column=8)
    assert purposes.value == "Deelnemers begeleiden\nVoortgang bijhouden"
    assert purposes.alignment.wrap_text


def test_workbook_heading_names_organisation_version_and_export_date(full_register: Register, export_day: date) -> None:
    data = export_register(full_register, "xlsx", "nl", today=export_day)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]  # type: ignore[arg-type]
    heading = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in (2, 3, 4)}
    assert heading == {
        "Organisatie": "Stichting Proef",
        "Versie privacyverklaring": "2.1 (15 januari 2026)",
        "Geëxporteerd op": "2 maart 2026",
    }


def test_workbook_keeps_text_that_looks_like_a_formula_as_text(full_register: Register) -> None:
    sheet = load_workbook(io.BytesIO(export_register(full_register, "xlsx", "en"))).worksheets[0]  # type: ignore[arg-type]
    purposes = sheet.cell(row=FIRST_DATA_ROW + 2, column=8)
    assert (purposes.value, purposes.data_type) == ("=SUM(invoices) recorded", "s")


def test_workbook_says_so_when_there_is_no_processor_activity(full_register: Register) -> None:
    data = full_register.model_dump(by_alias=True)
    data["processor_activities"] = {}
    register = Register.model_validate(data)
    sheet = load_workbook(io.BytesIO(export_register(register, "xlsx", "en"))).worksheets[1]  # type: ignore[arg-type]
    assert sheet.max_row == HEADER_ROW
    assert "No processing carried out by the organisation as a processor" in str(sheet.cell(HEADER_ROW - 1, 1).value)


def test_workbook_is_the_same_for_the_same_register_and_day(full_register: Register, export_day: date) -> None:
    first = export_register(full_register, "xlsx", "nl", today=export_day)
    time.sleep(1.1)  # openpyxl stamps the clock at save time; the export must not depend on it
    assert export_register(full_register, "xlsx", "nl", today=export_day) == first


# --- csv -------------------------------------------------------------------------------------


def test_csv_starts_with_a_byte_order_mark_for_excel(full_register: Register) -> None:
    text = export_register(full_register, "csv", "nl")
    assert isinstance(text, str) and text.startswith("\ufeffKenmerk;")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_csv_parses_into_a_header_and_one_row_per_activity(full_register: Register, lang: str) -> None:
    rows = read_csv(export_register(full_register, "csv", lang))  # type: ignore[arg-type]
    assert rows[0] == [column.header(lang) for column in CONTROLLER_COLUMNS]  # type: ignore[arg-type]
    assert [row[0] for row in rows[1:]] == ["support", "newsletter", "accounts"]
    assert all(len(row) == len(CONTROLLER_COLUMNS) for row in rows)


def test_csv_keeps_the_lines_of_a_cell_together(full_register: Register) -> None:
    rows = read_csv(export_register(full_register, "csv", "en"))  # type: ignore[arg-type]
    purposes = rows[0].index("Purposes")
    assert rows[1][purposes] == "Supporting participants\nTracking progress"


def test_csv_neutralises_cells_that_excel_would_run_as_formulas(full_register: Register) -> None:
    rows = read_csv(export_register(full_register, "csv", "en"))  # type: ignore[arg-type]
    assert rows[3][rows[0].index("Purposes")] == "'=SUM(invoices) recorded"


# --- json ------------------------------------------------------------------------------------


def test_json_round_trips_to_the_export_data(full_register: Register, export_day: date) -> None:
    text = export_register(full_register, "json", "en", today=export_day)
    assert json.loads(text) == art30_data(build_art30(full_register, "en", export_day))  # type: ignore[arg-type]


def test_json_gives_the_controller_once_and_every_activity(full_register: Register) -> None:
    data = json.loads(export_register(full_register, "json", "nl"))  # type: ignore[arg-type]
    assert data["format"] == "waarborg-art30" and data["language"] == "nl"
    assert data["controller"]["dpo"] == ["Fenna Gegevens", "fg@proef.example"]
    assert [a["activity_key"] for a in data["activities"]] == [["support"], ["newsletter"], ["accounts"]]
    assert [a["activity_key"] for a in data["processor_activities"]] == [["payroll"]]
    assert "controller" not in data["activities"][0] and "security" not in data["activities"][0]
    assert data["activities"][1]["retention"] == ["tot uw afmelding"]


def test_json_lists_the_columns_with_their_articles(full_register: Register) -> None:
    columns = json.loads(export_register(full_register, "json", "en"))["columns"]  # type: ignore[arg-type]
    purposes = next(c for c in columns["activities"] if c["key"] == "purposes")
    assert purposes == {"key": "purposes", "header": "Purposes", "article": "Art. 30(1)(b) GDPR"}
    assert {c["key"] for c in columns["processor_activities"]} >= {"controllers", "categories_of_processing"}


def test_unknown_format_is_refused(full_register: Register) -> None:
    with pytest.raises(ValueError, match="unknown export format 'ods'"):
        export_register(full_register, "ods", "nl")  # type: ignore[arg-type]
