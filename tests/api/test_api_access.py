"""Every protected endpoint refuses a call without a token (401) and a call whose user lacks the
permission (403), before it reads the body or changes anything."""

from __future__ import annotations

import re

import pytest
from api_support import bearer
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from waarborg.office import roles
from waarborg.store.models import AuditEntry
from waarborg.web.api import AREAS
from waarborg.workspace import Workspace

PROTECTED = [(method, route, str(route.openapi_extra["x-permission"]))
             for area in AREAS for route in area.router.routes if isinstance(route, APIRoute)
             for method in sorted(route.methods) if route.openapi_extra["x-permission"] != roles.PUBLIC]


def _path(route: APIRoute) -> str:
    """The route's path with every parameter filled in."""
    return "/api/v1" + re.sub(r"\{[^}]+\}", lambda m: "xlsx" if m.group(0) == "{kind}" else "2026-001", route.path)


def _role_without(permission: str) -> str:
    return next(role for role in roles.ROLES if not roles.allowed(role, permission))


def _trail(workspace: Workspace) -> int:
    with workspace.store.session() as session:
        return int(session.execute(select(func.count()).select_from(AuditEntry)).scalar_one())


def test_every_protected_endpoint_is_covered() -> None:
    assert len(PROTECTED) >= 25


@pytest.mark.parametrize(("method", "route", "permission"), PROTECTED,
                         ids=lambda value: getattr(value, "path", value))
def test_without_a_token_401_and_without_the_permission_403(method: str, route: APIRoute, permission: str,
                                                            client: TestClient, tokens: dict[str, str],
                                                            workspace: Workspace) -> None:
    before = _trail(workspace)
    anonymous = client.request(method, _path(route), json={})
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "unauthenticated"
    forged = client.request(method, _path(route), json={}, headers=bearer("wbt_forged"))
    assert forged.status_code == 401 and forged.json()["error"] == "invalid_token"
    refused = client.request(method, _path(route), json={}, headers=bearer(tokens[_role_without(permission)]))
    assert refused.status_code == 403 and permission in refused.json()["message"]
    assert _trail(workspace) == before
