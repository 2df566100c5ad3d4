"""The Art. 30 register as an Excel workbook: one sheet for Art. 30(1), one for Art. 30(2).

Each sheet opens with a short heading (organisation, statement version, export date), then a
bold, frozen header row with an autofilter, and one wrapped row per activity. Each header cell
carries a note naming the article the column serves.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from waarborg.register.text import Language

from .art30 import Art30Export, Sheet
from .columns import article_reference

HEADER_ROW = 6  # the table's header row; rows above it hold the heading
FIRST_DATA_ROW = HEADER_ROW + 1

HEADER_FILL = PatternFill(fill_type="solid", start_color="DDE7F0", end_color="DDE7F0")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")

HEADING_LABELS: dict[str, dict[Language, str]] = {
    "organisation": {"nl": "Organisatie", "en": "Organisation"},
    "version": {"nl": "Versie privacyverklaring", "en": "Privacy statement version"},
    "exported": {"nl": "Geëxporteerd op", "en": "Exported on"},
    "empty": {
        "nl": "Er zijn geen verwerkingen vastgelegd die de organisatie als verwerker uitvoert.",
        "en": "No processing carried out by the organisation as a processor has been recorded.",
    },
}


def write_xlsx(export: Art30Export) -> bytes:
    """The workbook as bytes, ready to write to a .xlsx file."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook always has one sheet
    _fill_sheet(first, export, export.controller)
    _fill_sheet(workbook.create_sheet(), export, export.processor)
    moment = datetime(export.exported_on.year, export.exported_on.month, export.exported_on.day)
    workbook.properties.creator = "Waarborg"
    workbook.properties.title = f"{export.controller.title} — {export.organisation}"
    workbook.properties.created = moment  # a fixed moment keeps the export reproducible
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _with_fixed_timestamps(buffer.getvalue(), moment)


def _with_fixed_timestamps(archive: bytes, moment: datetime) -> bytes:
    """The same workbook with every time stamp set to `moment`.

    openpyxl stamps the current time into docProps/core.xml and into each zip entry when it saves,
    so two exports of one register on one day would differ byte for byte; rewriting them makes the
    export reproducible (an organisation can commit it and see real changes only).
    """
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(archive))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            entry = zipfile.ZipInfo(item.filename, date_time=moment.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return output.getvalue()


def _fill_sheet(worksheet: Worksheet, export: Art30Export, sheet: Sheet) -> None:
    worksheet.title = sheet.name
    _write_heading(worksheet, export, sheet)
    _write_header_row(worksheet, sheet, export.lang)
    for offset, row in enumerate(sheet.rows):
        for index, column in enumerate(sheet.columns, start=1):
            cell = worksheet.cell(row=FIRST_DATA_ROW + offset, column=index)
            _set_text(cell, "\n".join(row[column.key]))
            cell.alignment = WRAP_TOP
    last_row = max(HEADER_ROW, HEADER_ROW + len(sheet.rows))
    worksheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(sheet.columns))}{last_row}"
    worksheet.freeze_panes = f"C{FIRST_DATA_ROW}"  # header row, reference and activity stay in view


def _write_heading(worksheet: Worksheet, export: Art30Export, sheet: Sheet) -> None:
    lang = export.lang
    worksheet["A1"] = sheet.title
    worksheet["A1"].font = Font(bold=True, size=14)
    version = f"{export.statement_version} ({_long_date(export.statement_date, lang)})"
    lines = [
        (HEADING_LABELS["organisation"][lang], export.organisation),
        (HEADING_LABELS["version"][lang], version),
        (HEADING_LABELS["exported"][lang], _long_date(export.exported_on, lang)),
    ]
    for row, (label, value) in enumerate(lines, start=2):
        worksheet.cell(row=row, column=1, value=label).font = Font(bold=True)
        _set_text(worksheet.cell(row=row, column=2), value)
    if not sheet.rows:
        worksheet.cell(row=HEADER_ROW - 1, column=1, value=HEADING_LABELS["empty"][lang]).font = Font(italic=True)


def _write_header_row(worksheet: Worksheet, sheet: Sheet, lang: Language) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(row=HEADER_ROW, column=index, value=column.header(lang))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP_TOP
        if column.article:
            cell.comment = Comment(article_reference(column.article, lang), "Waarborg")
        worksheet.column_dimensions[get_column_letter(index)].width = column.width


def _set_text(cell: Cell | MergedCell, value: str) -> None:
    """Store text as text: openpyxl would turn a leading '=' into a formula."""
    cell.value = value
    if value.startswith("="):
        cell.data_type = "s"


def _long_date(day: date, lang: Language) -> str:
    """1 March 2024 -> '1 maart 2024' / '1 March 2024'."""
    from babel.dates import format_date

    return format_date(day, format="long", locale="nl_NL" if lang == "nl" else "en_GB")
