"""Portability (Art. 20): the data the person provided, under consent or contract, in JSON and CSV.

A column is portable when the person gave it (the activity's source is the data subject) and an
activity using it rests on consent (6(1)(a)) or contract (6(1)(b)). Data from others, and data
kept for a legal obligation or a legitimate interest, are left out; the access request covers them.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from waarborg.register import Register
from waarborg.retention.keep import column_activities

from .access import package_name, person_data, table_counts
from .package import csv_name, data_json, table_csv, write_package
from .runner import Fulfil, Fulfilment, RequestContext

PORTABLE_BASES = ("consent", "contract")


def portable_columns(register: Register) -> dict[tuple[str, str], list[str]]:
    """Per (system, table), the bound columns the person provided under consent or contract."""
    out: dict[tuple[str, str], list[str]] = {}
    for system_key, system in register.systems.items():
        if system.database is None:
            continue
        for table_key, table in system.database.tables.items():
            columns = [name for name in table.columns if _portable(register, column_activities(register, table, name))]
            if columns:
                out[(system_key, table_key)] = columns
    return out


def _portable(register: Register, activities: list[str]) -> bool:
    return any(
        (activity := register.activities.get(key)) is not None
        and activity.legal_basis in PORTABLE_BASES
        and activity.source.kind == "data_subject"
        for key in activities
    )


def portable_rows(
    register: Register, rows: Mapping[tuple[str, str], list[dict[str, Any]]]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The person's rows cut down to the portable columns (tables without any are left out)."""
    columns = portable_columns(register)
    return {
        node: [{name: row.get(name) for name in columns[node]} for row in table_rows]
        for node, table_rows in rows.items()
        if node in columns and table_rows
    }


def port_fulfilment(output: Path) -> Fulfil:
    """The fulfilment function of a portability request writing data.json and CSVs under `output`."""

    def fulfil(context: RequestContext) -> Fulfilment:
        everything = person_data(context)
        rows = portable_rows(context.workspace.register, everything)
        result: dict[str, Any] = {"tables": table_counts(rows), "found_rows": sum(map(len, everything.values()))}
        if context.dry_run:
            return Fulfilment(result)
        files: dict[str, str | bytes] = {"data.json": data_json(rows, {"request": context.request_id})}
        for (system, table), table_rows in sorted(rows.items()):
            files[csv_name(system, table)] = table_csv(table_rows)
        target = write_package(output / package_name("port", context), files)
        return Fulfilment(result | {"package": target.name, "files": sorted(files)})

    return fulfil
