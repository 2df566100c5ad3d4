"""The Art. 30(1) register as CSV, made for Excel as Dutch and Belgian offices use it.

Choices (documented in docs/export.md):
- separator ';': the list separator of the Dutch and Belgian Windows locales, so Excel opens the
  file in columns on a double click;
- UTF-8 with a byte-order mark, so Excel reads é, ë and € correctly (without it, it guesses
  Windows-1252);
- CRLF line ends; a cell with several lines keeps them, quoted;
- a cell starting with =, +, - or @ gets a leading apostrophe, so Excel never runs it as a formula;
- only Art. 30(1): a CSV file has one table. Art. 30(2) is in the xlsx and json exports.
"""

from __future__ import annotations

import csv
import io

from .art30 import Art30Export

BOM = "\ufeff"
SEPARATOR = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_csv(export: Art30Export) -> str:
    """The Art. 30(1) table as CSV text, starting with a byte-order mark."""
    sheet = export.controller
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([column.header(export.lang) for column in sheet.columns])
    for row in sheet.rows:
        writer.writerow([_safe("\n".join(row[column.key])) for column in sheet.columns])
    return BOM + buffer.getvalue()


def _safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection): '=SUM(A1)' -> "'=SUM(A1)"."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
