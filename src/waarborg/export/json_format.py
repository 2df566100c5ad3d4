"""The Art. 30 register as JSON: the organisation once, then the activities as arrays of lines.

    {"format": "waarborg-art30", "format_version": 1, "language": "nl",
     "controller": {...}, "columns": {...}, "activities": [...], "processor_activities": [...]}

Every cell is a list of lines, as in the spreadsheet. Columns that describe the organisation
rather than the activity (controller, contact, representative, DPO, security measures) appear
once under "controller" instead of in every activity.
"""

from __future__ import annotations

import json
from typing import Any

from .art30 import ORGANISATION_COLUMNS, Art30Export, Row, Sheet
from .columns import article_reference

FORMAT_NAME = "waarborg-art30"
FORMAT_VERSION = 1


def art30_data(export: Art30Export) -> dict[str, Any]:
    """The export as plain data, ready for json.dumps."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "language": export.lang,
        "exported_on": export.exported_on.isoformat(),
        "statement": {"version": export.statement_version, "date": export.statement_date.isoformat()},
        "controller": export.organisation_details,
        "columns": {sheet.key: _columns(sheet, export) for sheet in (export.controller, export.processor)},
        "activities": [_activity(row) for row in export.controller.rows],
        "processor_activities": [_activity(row) for row in export.processor.rows],
    }


def write_json(export: Art30Export) -> str:
    """The export as indented JSON text (UTF-8 characters kept as they are)."""
    return json.dumps(art30_data(export), ensure_ascii=False, indent=2) + "\n"


def _columns(sheet: Sheet, export: Art30Export) -> list[dict[str, str]]:
    return [
        {"key": c.key, "header": c.header(export.lang), "article": article_reference(c.article, export.lang)}
        for c in sheet.columns
        if c.key not in ORGANISATION_COLUMNS
    ]


def _activity(row: Row) -> dict[str, list[str]]:
    return {key: lines for key, lines in row.items() if key not in ORGANISATION_COLUMNS}
