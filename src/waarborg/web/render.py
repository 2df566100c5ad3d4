"""Rendering: one Jinja2 environment per language, pages and partials, and the `.json` twin of
every page that shows data (the same data the template gets, so page and API cannot drift)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.encoders import jsonable_encoder
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.responses import HTMLResponse, JSONResponse, Response

from waarborg.office import roles

from . import i18n
from .frame import csrf_token, current_user

_URL = re.compile(r"https?://[^\s<>\"]+")


def linkify(text: str) -> Markup:
    """Plain text with its web addresses made clickable (the text itself escaped)."""
    escaped = str(escape(text))
    return Markup(_URL.sub(lambda m: f'<a href="{m.group(0)}" rel="noreferrer">{m.group(0)}</a>', escaped))


def build_environments() -> dict[str, Environment]:
    """A template environment per language, each with its catalogue installed."""
    environments = {}
    for lang in i18n.LANGUAGES:
        env = Environment(loader=PackageLoader("waarborg.web", "templates"), autoescape=select_autoescape(),
                          extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
        env.install_gettext_translations(i18n.load_translations(lang), newstyle=True)  # type: ignore[attr-defined]
        env.filters.update(
            long_date=lambda v, _l=lang: i18n.long_date(v, _l),
            short_date=lambda v, _l=lang: i18n.short_date(v, _l),
            number=lambda v, _l=lang: i18n.number(v, _l),
            linkify=linkify,
        )
        env.globals.update(lang=lang, role_label=lambda r, _l=lang: roles.ROLE_LABELS.get(r, {}).get(_l, r))
        environments[lang] = env
    return environments


def language(request: Request) -> str:
    from .frame import LANG_COOKIE

    return i18n.pick_language(request.cookies.get(LANG_COOKIE))


def gettext_for(request: Request) -> Callable[[str], str]:
    env = request.app.state.office.templates[language(request)]
    return env.globals["gettext"]  # type: ignore[no-any-return]


def render(request: Request, template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a page with the frame's globals: the user, the CSRF token, the navigation."""
    office = request.app.state.office
    env = office.templates[language(request)]
    user = current_user(request)
    html = env.get_template(template).render(
        request=request, user=user, csrf=csrf_token(request), nav=office.navigation(user),
        path=request.url.path, **context,
    )
    return HTMLResponse(html, status_code=status)


def wants_json(request: Request) -> bool:
    return request.url.path.endswith(".json")


def page(request: Request, template: str, context: dict[str, Any], data: Any) -> Response:
    """The page as HTML, or its data as JSON when the path ends in `.json`."""
    if wants_json(request):
        return JSONResponse(jsonable_encoder(data))
    return render(request, template, context)
