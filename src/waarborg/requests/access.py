"""Access (Art. 15): a copy of everything held about the person, and the letter that explains it.

The package directory holds `data.json` (all rows per system.table), one CSV per table, and
`letter.html` + `letter.pdf` with, from the register, the purposes, categories, recipients and
transfer safeguards, retention, source, automated decisions and the person's rights.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from waarborg.datasets.graph import fetch_rows, find_person
from waarborg.register import Register
from waarborg.register.text import Language

from . import letter_text as T
from .letter import Holding, build_letter, render_letter_html, render_letter_pdf, table_words
from .package import Rows, csv_name, data_json, table_csv, write_package
from .runner import Fulfil, Fulfilment, RequestContext


def person_data(context: RequestContext) -> Rows:
    """Every row of the person in every bound database (fails if any database cannot be read)."""
    workspace = context.workspace
    connections = workspace.connections()
    found = find_person(workspace.register, connections, context.identity.kind, context.identity.value)
    return fetch_rows(workspace.register, connections, found)


def table_counts(rows: Rows) -> dict[str, int]:
    """`{"crm.persons": 1, ...}`: what a result may say about the data (counts, never values)."""
    return {f"{system}.{table}": len(table_rows) for (system, table), table_rows in sorted(rows.items())}


def package_name(kind: str, context: RequestContext) -> str:
    """`access-20240301-1a2b3c4d`: the receipt date and the start of the request id."""
    return f"{kind}-{context.received_at:%Y%m%d}-{(context.request_id or 'dryrun')[:8]}"


def access_fulfilment(output: Path, lang: Language | None = None, pdf: bool = True) -> Fulfil:
    """The fulfilment function of an access request writing its package under `output`.

    `pdf=False` leaves out letter.pdf (the HTML letter stays) where WeasyPrint cannot run.
    """

    def fulfil(context: RequestContext) -> Fulfilment:
        rows = person_data(context)
        found = sum(len(r) for r in rows.values())
        result: dict[str, Any] = {"tables": table_counts(rows), "rows": found, "found_rows": found}
        if context.dry_run:
            return Fulfilment(result)
        files = access_files(context.workspace.register, rows, context, lang, pdf)
        target = write_package(output / package_name("access", context), files)
        return Fulfilment(result | {"package": target.name, "files": sorted(files)})

    return fulfil


def access_files(
    register: Register, rows: Rows, context: RequestContext, lang: Language | None, pdf: bool = True
) -> dict[str, str | bytes]:
    """The files of the package: data.json, a CSV per table, the letter in HTML and PDF."""
    language: Language = lang or register.language
    files: dict[str, str | bytes] = {"data.json": data_json(rows, _meta(context))}
    for (system, table), table_rows in sorted(rows.items()):
        files[csv_name(system, table)] = table_csv(table_rows)
    view = build_letter(
        register,
        [Holding(system, table, len(table_rows)) for (system, table), table_rows in rows.items()],
        received=context.received_at.date(),
        written=context.now.date(),
        reference=(context.request_id or "")[:8],
        lang=language,
        attachments=_attachments(register, rows, language),
    )
    html = render_letter_html(view)
    files["letter.html"] = html
    if pdf:
        files["letter.pdf"] = render_letter_pdf(html)
    return files


def _attachments(register: Register, rows: Rows, lang: Language) -> list[str]:
    """The enclosures the letter lists, each CSV described by what its data are used for; none when
    nothing was found (the package then holds only an empty data.json for the record)."""
    found = sorted(key for key, table_rows in rows.items() if table_rows)
    if not found:
        return []
    lines = [f"data.json: {T.ATTACHMENT_JSON[lang]}"]
    for system, table in found:
        used_for = table_words(register, system, table, lang)[0] or [register.systems[system].name.get(lang)]
        lines.append(f"{csv_name(system, table)}: {T.ATTACHMENT_CSV[lang].format(used_for=', '.join(used_for))}")
    return lines


def _meta(context: RequestContext) -> Mapping[str, Any]:
    return {
        "request": context.request_id,
        "received": context.received_at.isoformat(),
        "generated": _iso(context.now),
    }


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
