"""Writing a request package: a directory with `data.json`, one CSV per table, and any letter.

A directory rather than a zip: the privacy officer can open and check every file before sending
it (and zip it with any tool, or hand it over through a secure portal). The directory is
written under a temporary name and renamed when complete, so a failed request never leaves a
half-written package that could be sent by mistake.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import shutil
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

Rows = Mapping[tuple[str, str], list[dict[str, Any]]]


def plain(value: Any) -> Any:
    """A database value as JSON/CSV text: ISO dates, decimals as strings, bytes as base64."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def data_json(rows: Rows, meta: Mapping[str, Any]) -> str:
    """All rows per `system.table` with the request's metadata, as indented JSON."""
    document = {
        **meta,
        "data": {
            f"{system}.{table}": [{k: plain(v) for k, v in row.items()} for row in table_rows]
            for (system, table), table_rows in rows.items()
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def table_csv(table_rows: list[dict[str, Any]]) -> str:
    """One table's rows as CSV with a header (UTF-8 with BOM so Excel reads accents right)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    columns = list(dict.fromkeys(column for row in table_rows for column in row))
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in table_rows:
        writer.writerow({column: plain(row.get(column)) for column in columns})
    return buffer.getvalue()


def csv_name(system: str, table: str) -> str:
    return f"{system}.{table}.csv"


def write_package(target: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `files` into the directory `target` atomically (temporary directory + rename).

    The name carries the request id, so an existing `target` is this request's package from an
    earlier attempt and is replaced (a retry writes the same package again).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.partial")
    shutil.rmtree(temporary, ignore_errors=True)
    temporary.mkdir(mode=0o700)  # the package holds personal data: readable by its owner only
    try:
        for name, content in files.items():
            path = temporary / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        if target.exists():
            shutil.rmtree(target)
        temporary.rename(target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return target
