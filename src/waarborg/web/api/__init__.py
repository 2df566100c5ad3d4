"""The REST API (`/api/v1`): a FastAPI app of its own, mounted in the office's app.

Why a separate app: its OpenAPI document (`/api/v1/openapi.json`) describes exactly the API and
none of the office's pages, its errors are JSON in one shape, and its only credential is a bearer
token — the office's cookies, CSRF and redirects stay out of it. One module per area, each route
thin: parse, check the permission (`auth.route`), call one library function, answer.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from waarborg import __version__

from . import breaches, consent, errors, mailing, public_requests, requests

AREAS = (breaches, requests, consent, mailing, public_requests)
PREFIX = "/api/v1"
DESCRIPTION = (
    "Waarborg's privacy office for integrations: data-subject requests, consent and the breach register. "
    "Authenticate with `Authorization: Bearer <token>` (an admin makes tokens in the office or with "
    "`waarborg api-token create`); a token acts with its user's role. Public endpoints need no token and "
    "are rate-limited. Errors are JSON: `{error, message, field, problems}`."
)


def create_api(office: Any) -> FastAPI:
    """The API for one office (its workspace, settings and clock)."""
    api = FastAPI(title="Waarborg API", version=__version__, description=DESCRIPTION, openapi_url="/openapi.json",
                  docs_url=None, redoc_url=None)
    api.state.office = office
    for area in AREAS:
        api.include_router(area.router)
    errors.install(api)
    return api
