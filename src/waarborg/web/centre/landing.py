"""The public centre's landing page: who the organisation is, its privacy statement and the
statement's history (the change log the register keeps for every published version)."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import HTMLResponse, Response

from waarborg.office import roles
from waarborg.register.text import Language

from ..frame import Page
from ..render import language, render


async def home(request: Request) -> Response:
    register = request.app.state.office.workspace.register
    return render(request, "centre/landing.html", {"organisation": register.controller.name,
                                                   "email": register.controller.email,
                                                   "version": register.statement.version})


async def history(request: Request) -> Response:
    register = request.app.state.office.workspace.register
    lang: Language = "en" if language(request) == "en" else "nl"
    changes = [{"version": c.version, "date": c.changed_on, "summary": c.summary.get(lang, register.language)}
               for c in sorted(register.statement.changes, key=lambda c: c.changed_on, reverse=True)]
    return render(request, "centre/history.html", {"version": register.statement.version,
                                                   "published_on": register.statement.published_on,
                                                   "changes": changes})


async def statement(request: Request) -> Response:
    from waarborg.statement import render_statement

    office = request.app.state.office
    lang: Language = "en" if request.path_params["lang"] == "en" else "nl"
    html = office.cached(f"statement-{lang}", lambda: render_statement(office.workspace.register, lang, "html"))
    return HTMLResponse(str(html))


ROUTES = [
    Page("/", home, roles.PUBLIC, name="centre"),
    Page("/privacy/history", history, roles.PUBLIC, name="public_statement_history"),
    Page("/privacy/{lang}.html", statement, roles.PUBLIC, name="public_statement"),
]
