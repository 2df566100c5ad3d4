"""The register, read-only: activities, recipients, retention and Art. 13/14 coverage; the
published statement (nl/en HTML) and the Art. 30 register as xlsx or csv."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import Request
from starlette.responses import HTMLResponse, Response

from waarborg.register import Register
from waarborg.register.retention import RetentionRule
from waarborg.register.text import Language

from ..frame import Page
from ..render import language, page


def register_data(register: Register, lang: Language) -> dict[str, Any]:
    """What the register page shows, in the reader's language (labels from the register itself)."""
    from waarborg.statement import coverage_report

    activities = [{
        "key": key, "name": a.name.get(lang), "basis": a.legal_basis,
        "groups": [register.group_label(g, lang) for g in a.subject_groups],
        "categories": [register.category_label(c, lang) for c in a.data_categories],
        "retention": _retention(register, a.retention, lang),
        "recipients": a.recipients,
    } for key, a in register.activities.items()]
    recipients = [{"key": key, "name": _text(r.name, lang), "role": r.role, "country": r.country}
                  for key, r in register.recipients.items()]
    return {"controller": register.controller.name, "activities": activities, "recipients": recipients,
            "coverage": coverage_report(register)}


def _retention(register: Register, rule: RetentionRule | None, lang: Language) -> dict[str, str] | None:
    """Period and starting event as the register states them (the statement words them in full)."""
    if rule is None:
        return None
    event = register.event_label(rule.from_event, lang) if rule.from_event else ""
    criterion = rule.criterion.get(lang) if rule.criterion is not None else ""
    return {"period": str(rule.period) if rule.period is not None else "", "event": event, "criterion": criterion}


def _text(value: Any, lang: str) -> str:
    """A register text that may be one string or a text per language."""
    getter = getattr(value, "get", None)
    return str(getter(lang)) if callable(getter) else str(value)


async def show(request: Request) -> Response:
    office = request.app.state.office
    lang: Language = "en" if language(request) == "en" else "nl"
    data = office.cached(f"register-{lang}", lambda: register_data(office.workspace.register, lang))
    return page(request, "office/register.html", {"data": data}, data)


async def statement(request: Request) -> Response:
    from waarborg.statement import render_statement

    office = request.app.state.office
    lang: Language = "en" if request.path_params["lang"] == "en" else "nl"
    html = office.cached(f"statement-{lang}", lambda: render_statement(office.workspace.register, lang, "html"))
    return HTMLResponse(str(html))


async def art30(request: Request) -> Response:
    from waarborg.export.art30 import export_register

    office = request.app.state.office
    fmt = request.path_params["fmt"]
    lang = "en" if request.query_params.get("lang") == "en" else "nl"
    if fmt not in ("xlsx", "csv"):
        return Response("unknown format", status_code=404)
    body = export_register(office.workspace.register, fmt, lang, today=date.today())  # type: ignore[arg-type]
    media = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if fmt == "xlsx"
             else "text/csv; charset=utf-8")
    name = f"art30-{lang}.{fmt}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


public_statement = statement

ROUTES = [
    Page("/office/register", show, "register.view", name="register"),
    Page("/office/register.json", show, "register.view", name="register_json"),
    Page("/office/statement/{lang}.html", statement, "register.view", name="statement"),
    Page("/office/register/art30.{fmt}", art30, "register.export", name="art30"),
]
