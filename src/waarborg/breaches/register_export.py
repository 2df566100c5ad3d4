"""The register of all breaches (Art. 33(5)) as xlsx and PDF: every first notification and its
follow-ups and withdrawal, notified or not, with the facts, the effects, the measures and the
decision with its reasons.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from waarborg.register.text import Language

from . import options as O
from .document import DECISION_TEXT, KIND_TITLE, STATUS_TEXT
from .questions import local_text
from .records import BreachView
from .render import css, environment, html_to_pdf

COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    # key, Dutch heading, English heading, xlsx width
    ("reference", "Kenmerk", "Reference", 12),
    ("kind", "Soort", "Kind", 18),
    ("status", "Status", "Status", 16),
    ("aware", "Ontdekt", "Became aware", 20),
    ("deadline", "Uiterste meldtermijn", "Deadline", 20),
    ("notified", "Gemeld", "Notified", 20),
    ("late", "Te laat", "Late", 8),
    ("proposal", "Voorstel", "Proposal", 24),
    ("decision", "Besluit", "Decision", 24),
    ("reasons", "Redenen", "Reasons", 36),
    ("summary", "Wat is er gebeurd", "What happened", 48),
    ("data", "Soorten gegevens", "Kinds of data", 30),
    ("people", "Personen (min-max)", "People (min-max)", 14),
    ("records", "Records", "Records", 10),
    ("measures", "Maatregelen", "Measures", 40),
)


def _row(view: BreachView, lang: Language) -> dict[str, Any]:
    incident = view.incident
    people = incident.people
    span = "" if people.maximum is None else f"{people.minimum if people.minimum is not None else '?'}-{people.maximum}"
    yes, no = ("ja", "nee") if lang == "nl" else ("yes", "no")
    return {
        "reference": view.reference, "kind": KIND_TITLE[view.kind][lang], "status": STATUS_TEXT[view.status][lang],
        "aware": local_text(view.aware_at, lang), "deadline": local_text(view.deadline_at, lang),
        "notified": local_text(view.notified_at, lang) if view.notified_at else "",
        "late": (yes if view.late else no) if view.notified_at else "",
        "proposal": DECISION_TEXT[view.proposal][lang] if view.proposal else "",
        "decision": DECISION_TEXT[view.decision][lang] if view.decision else "",
        "reasons": view.decision_reasons or incident.timing.delay_reason or "",
        "summary": incident.what.summary or "", "people": span,
        "data": ", ".join(O.label(O.DATA_KIND, kind, lang) for kind in incident.data.kinds),
        "records": incident.data.records if incident.data.records is not None else "",
        "measures": incident.follow_up.measures or "",
        "phase": view.parent_reference is not None,
    }


def register_rows(views: list[BreachView], lang: Language) -> list[dict[str, Any]]:
    """One row per notification, each first notification followed by its phases."""
    rows = []
    for view in views:
        rows.append(_row(view, lang))
        rows.extend(_row(phase, lang) for phase in view.phases)
    return rows


_TITLE: dict[Language, str] = {"nl": "Register van datalekken", "en": "Register of personal data breaches"}
_NOTE: dict[Language, str] = {"nl": "Alle inbreuken, gemeld of niet (art. 33 lid 5 AVG). Geëxporteerd op",
                              "en": "Every breach, notified or not (Art. 33(5) GDPR). Exported on"}


def register_xlsx(views: list[BreachView], lang: Language, organisation: str, exported: date) -> bytes:
    """The register as an Excel workbook: a heading, a frozen bold header row with a filter."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _TITLE[lang][:31]
    sheet["A1"] = f"{_TITLE[lang]} — {organisation}"
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"] = f"{_NOTE[lang]} {exported.isoformat()}"
    for index, (_, nl, en, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=4, column=index, value=nl if lang == "nl" else en)
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color="DDE7F0", end_color="DDE7F0")
        sheet.column_dimensions[get_column_letter(index)].width = width
    for number, row in enumerate(register_rows(views, lang), start=5):
        for index, (key, *_rest) in enumerate(COLUMNS, start=1):
            sheet.cell(row=number, column=index, value=row[key]).alignment = Alignment(wrap_text=True,
                                                                                        vertical="top")
    sheet.freeze_panes = "A5"
    sheet.auto_filter.ref = f"A4:{get_column_letter(len(COLUMNS))}{max(4, sheet.max_row)}"
    workbook.properties.creator = "Waarborg"
    workbook.properties.created = datetime(exported.year, exported.month, exported.day)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def register_html(views: list[BreachView], lang: Language, organisation: str, exported: date) -> str:
    columns = [(key, nl if lang == "nl" else en) for key, nl, en, _ in COLUMNS
               if key not in ("deadline", "reasons", "measures")]
    return environment().get_template("register.html.j2").render(
        title=_TITLE[lang], note=f"{_NOTE[lang]} {exported.isoformat()}", organisation=organisation,
        columns=columns, rows=register_rows(views, lang), css=css(), lang=lang)


def register_pdf(views: list[BreachView], lang: Language, organisation: str, exported: date) -> bytes:
    """The register as a landscape PDF."""
    return html_to_pdf(register_html(views, lang, organisation, exported))
