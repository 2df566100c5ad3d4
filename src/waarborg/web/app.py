"""The web app's factory and its ONE route table.

`ROUTE_TABLE` lists the areas; each area module (`web/office/<area>.py`, `web/centre/<area>.py`)
exports `ROUTES`, a list of `Page`s with their permissions. An area added later (breaches,
consent) adds its module here and its permissions to `waarborg.office.roles.PERMISSIONS`; the
frame then gives its routes the session, permission, CSRF and audit checks without asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment
from starlette.responses import JSONResponse, RedirectResponse, Response

from waarborg.office import roles
from waarborg.office.clock import Clock, SystemClock
from waarborg.office.form_limits import FormLimited
from waarborg.office.sessions import ActiveSession
from waarborg.office.settings import OfficeSettings
from waarborg.workspace import Workspace

from . import frame, limits
from .api import PREFIX as API_PREFIX
from .api import create_api
from .centre import consent as centre_consent
from .centre import download as centre_download
from .centre import landing
from .centre import requests as centre_requests
from .frame import Page, Refused
from .office import account, audit, auth, breaches, dashboard, outbox, persons, register, users
from .office import api_tokens as api_token_pages
from .office import consent as office_consent
from .office import mailing as office_mailing
from .office import requests as request_pages
from .render import build_environments, render

ROUTE_TABLE = (auth, dashboard, register, persons, audit, users, outbox, account, breaches, landing,
               office_consent, office_mailing, centre_consent, request_pages, centre_requests, centre_download,
               api_token_pages)
STATIC_PERMISSION = roles.PUBLIC

# The navigation of the office: (path, message id, permission), shown when the role has it.
NAVIGATION: tuple[tuple[str, str, str], ...] = (
    ("/office/", "Dashboard", "dashboard.view"),
    ("/office/register", "Register", "register.view"),
    ("/office/requests", "Requests", "requests.view"),
    ("/office/persons", "Find a person", "persons.view"),
    ("/office/breaches", "Breaches", "breaches.view"),
    ("/office/consent", "Consent", "consent.view"),
    ("/office/audit", "Audit trail", "audit.view"),
    ("/office/outbox", "Outbox", "outbox.view"),
    ("/office/users", "Users", "users.manage"),
)


@dataclass
class OfficeState:
    """What every request may use: the workspace, the settings, the clock and caches by register."""

    workspace: Workspace
    settings: OfficeSettings
    clock: Clock
    templates: dict[str, Environment]
    pages: list[Page] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    def navigation(self, user: ActiveSession | None) -> list[tuple[str, str]]:
        if user is None or user.stage != "full":
            return []
        return [(path, label) for path, label, permission in NAVIGATION if roles.allowed(user.role, permission)]

    def cached(self, name: str, compute: Any) -> Any:
        """A value computed from the register, kept until the register file changes."""
        stamp = self.workspace.register_path.stat().st_mtime_ns
        hit = self.cache.get(name)
        if hit is None or hit[0] != stamp:
            if self.cache.get("_register_stamp") not in (None, stamp):
                self.workspace.reload_register()  # the file changed: read it again
            self.cache["_register_stamp"] = stamp
            hit = (stamp, compute())
            self.cache[name] = hit
        return hit[1]


def _endpoint(page: Page) -> Any:
    async def endpoint(request: Request) -> Response:
        await frame.guard(request, page)
        return await page.endpoint(request)

    endpoint.__name__ = page.name or page.endpoint.__name__
    return endpoint


def create_app(workspace: Workspace, settings: OfficeSettings, clock: Clock | None = None,
               lifespan: Any = None) -> FastAPI:
    """The office and the public centre for one workspace (`lifespan`: the scheduler of `serve`)."""
    app = FastAPI(title="Waarborg", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    state = OfficeState(workspace, settings, clock or SystemClock(), build_environments())
    app.state.office = state
    for area in ROUTE_TABLE:
        for page in area.ROUTES:
            state.pages.append(page)
            app.add_api_route(page.path, _endpoint(page), methods=list(page.methods), name=page.name,
                              include_in_schema=False)
    static = resources.files("waarborg.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.mount(API_PREFIX, create_api(state), name="api")
    app.add_exception_handler(Refused, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(FormLimited, limits.too_many)  # type: ignore[arg-type]
    app.middleware("http")(_headers)
    return app


async def _headers(request: Request, call_next: Any) -> Response:
    if request.url.path.startswith(API_PREFIX + "/"):  # the API sets no cookie and is never cached
        api_response: Response = await call_next(request)
        api_response.headers.setdefault("Cache-Control", "no-store")
        return frame.with_headers(api_response)
    if not request.cookies.get(frame.ANON_COOKIE):
        request.state.visitor = frame.new_visitor_id()
    response: Response = await call_next(request)
    if getattr(request.state, "visitor", None):
        response.set_cookie(frame.ANON_COOKIE, request.state.visitor, httponly=True, samesite="lax",
                            secure=frame.cookie_secure(request), path="/")
    if request.url.path.startswith("/office"):
        response.headers.setdefault("Cache-Control", "no-store")
    return frame.with_headers(response)


async def _refused(request: Request, exc: Refused) -> Response:
    if request.url.path.endswith(".json"):
        return JSONResponse({"error": exc.reason}, status_code=exc.status)
    if exc.status == 401:
        target = {"expired": "/office/login?expired=1", roles.SECOND_FACTOR: "/office/login/code",
                  roles.CHANGE_PASSWORD: "/office/password"}.get(exc.reason, "/office/login")
        response = RedirectResponse(target, status_code=303)
        if exc.reason == "expired":
            frame.clear_session_cookie(request, response)
        return response
    return render(request, "office/refused.html", {"reason": exc.reason}, status=403)
