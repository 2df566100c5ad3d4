"""The Art. 30 register of processing activities, exported from the register of processing.

    >>> export_register(register, "xlsx", "nl")      # bytes of a workbook with two sheets
    >>> export_register(register, "csv", "en")       # Art. 30(1) as CSV text (';', UTF-8 with BOM)
    >>> export_register(register, "json", "nl")      # {controller, activities, processor_activities}

`build_art30` lays out the rows (pure); the writers in `xlsx`, `csv_format` and `json_format`
only format them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from waarborg.register.model import ProcessingActivity, ProcessorActivity, Register
from waarborg.register.text import Language

from . import cells
from .cells import Cell
from .columns import CONTROLLER_COLUMNS, PROCESSOR_COLUMNS, REGISTER_TITLES, SHEET_TITLES, Column

ExportFormat = Literal["xlsx", "csv", "json"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("xlsx", "csv", "json")

Row = dict[str, Cell]


@dataclass(frozen=True)
class Sheet:
    """One Art. 30 table: its columns and one row per activity."""

    key: Literal["activities", "processor_activities"]
    name: str  # the sheet's short name (spreadsheet tab)
    title: str  # the heading above the table
    columns: tuple[Column, ...]
    rows: list[Row]


@dataclass(frozen=True)
class Art30Export:
    """Everything an Art. 30 export shows, in one language."""

    lang: Language
    organisation: str
    statement_version: str
    statement_date: date
    exported_on: date
    organisation_details: Row  # controller, contact, representative, DPO and security: the same on every row
    controller: Sheet
    processor: Sheet


# Columns that describe the organisation rather than the activity; JSON gives them once.
ORGANISATION_COLUMNS: frozenset[str] = frozenset(
    {"controller", "controller_contact", "processor", "processor_contact", "representative", "dpo", "security"}
)


def build_art30(register: Register, lang: Language, today: date) -> Art30Export:
    """The Art. 30(1) and 30(2) tables of a register, in `lang`. Pure."""
    return Art30Export(
        lang=lang,
        organisation=register.controller.name,
        statement_version=register.statement.version,
        statement_date=register.statement.published_on,
        exported_on=today,
        organisation_details=organisation_details(register, lang),
        controller=_sheet("activities", CONTROLLER_COLUMNS, controller_rows(register, lang), lang),
        processor=_sheet("processor_activities", PROCESSOR_COLUMNS, processor_rows(register, lang), lang),
    )


def _sheet(
    key: Literal["activities", "processor_activities"], columns: tuple[Column, ...], rows: list[Row], lang: Language
) -> Sheet:
    return Sheet(key, SHEET_TITLES[key][lang], REGISTER_TITLES[key][lang], columns, rows)


def organisation_details(register: Register, lang: Language) -> Row:
    """The Art. 30(1)(a) / 30(2)(a) particulars of the organisation and its Art. 32 measures."""
    controller = register.controller
    return {
        "name": cells.organisation_lines(register, lang),
        "contact": cells.organisation_contact(register, lang),
        "representative": cells.contact_lines(controller.representative, lang),
        "dpo": cells.contact_lines(controller.dpo, lang),
        "security": cells.security(register, lang),
    }


def controller_rows(register: Register, lang: Language) -> list[Row]:
    """One Art. 30(1) row per processing activity, in register order."""
    return [controller_row(register, key, activity, lang) for key, activity in register.activities.items()]


def controller_row(register: Register, key: str, activity: ProcessingActivity, lang: Language) -> Row:
    """Every Art. 30(1) column for one activity."""
    controller = register.controller
    recipient_keys = cells.activity_recipients(activity, register)
    row: Row = {
        "activity_key": [key],
        "activity": [cells.text(activity.name, register, lang)],
        "controller": cells.organisation_lines(register, lang),
        "controller_contact": cells.organisation_contact(register, lang),
        "joint_controllers": cells.joint_controllers(recipient_keys, register, lang),
        "representative": cells.contact_lines(controller.representative, lang),
        "dpo": cells.contact_lines(controller.dpo, lang),
        "purposes": [cells.text(purpose, register, lang) for purpose in activity.purposes],
        "legal_basis": cells.legal_basis(activity, lang),
        "legitimate_interest": _legitimate_interest(activity, register, lang),
        "subject_groups": cells.labels(activity.subject_groups, register.group_label, lang),
        "data_categories": cells.labels(activity.data_categories, register.category_label, lang),
        "special_categories": cells.special_categories(activity, register, lang),
        "recipients": cells.recipients(recipient_keys, register, lang),
        "transfers": cells.transfers(recipient_keys, register, lang),
        "retention": cells.retention(activity, register, lang),
        "security": cells.security(register, lang),
        "systems": cells.systems(activity.systems, register, lang),
        "source": cells.source(activity, register, lang),
    }
    return {column.key: row[column.key] for column in CONTROLLER_COLUMNS}


def _legitimate_interest(activity: ProcessingActivity, register: Register, lang: Language) -> Cell:
    if activity.legal_basis != "legitimate_interests":
        return []
    if activity.legitimate_interest is None:
        return [cells.word("none_recorded", lang)]
    return [cells.text(activity.legitimate_interest, register, lang)]


def processor_rows(register: Register, lang: Language) -> list[Row]:
    """One Art. 30(2) row per activity the organisation carries out as a processor."""
    return [processor_row(register, key, work, lang) for key, work in register.processor_activities.items()]


def processor_row(register: Register, key: str, work: ProcessorActivity, lang: Language) -> Row:
    """Every Art. 30(2) column for one processor activity: the organisation is the processor here."""
    controller = register.controller
    row: Row = {
        "activity_key": [key],
        "activity": [cells.text(work.name, register, lang)],
        "processor": cells.organisation_lines(register, lang),
        "processor_contact": cells.organisation_contact(register, lang),
        "representative": cells.contact_lines(controller.representative, lang),
        "dpo": cells.contact_lines(controller.dpo, lang),
        "controllers": [cells.text(party, register, lang) for party in work.controllers],
        "categories_of_processing": [cells.text(item, register, lang) for item in work.categories_of_processing],
        "data_categories": cells.labels(work.data_categories, register.category_label, lang)
        or [cells.word("none_recorded", lang)],
        "sub_processors": cells.recipients(work.sub_processors, register, lang),
        "transfers": cells.transfers(work.sub_processors, register, lang),
        "security": cells.security(register, lang),
        "agreement": [cells.agreement_text(work.agreement, lang)],
    }
    return {column.key: row[column.key] for column in PROCESSOR_COLUMNS}


def export_register(register: Register, fmt: ExportFormat, lang: Language, *, today: date | None = None) -> bytes | str:
    """The Art. 30 register as xlsx (bytes), csv or json (text), with headers and texts in `lang`.

    `today` is the export date shown in the file (default: the current date).
    """
    export = build_art30(register, lang, today or date.today())
    if fmt == "xlsx":
        from .xlsx import write_xlsx

        return write_xlsx(export)
    if fmt == "csv":
        from .csv_format import write_csv

        return write_csv(export)
    if fmt == "json":
        from .json_format import write_json

        return write_json(export)
    raise ValueError(f"unknown export format {fmt!r}: choose one of {', '.join(EXPORT_FORMATS)}")
