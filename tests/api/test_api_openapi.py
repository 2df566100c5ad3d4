"""The OpenAPI document describes every route of the API: its permission, its request body's schema,
its answer's schema and its errors; a route without a permission rule cannot slip in."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from waarborg.office import roles
from waarborg.web.api import AREAS, create_api

API = create_api(None)
DOCUMENT = API.openapi()
# Each area's own router holds its routes (the app keeps only lazy references to included routers).
ROUTES = [(method, route) for area in AREAS for route in area.router.routes if isinstance(route, APIRoute)
          for method in sorted(route.methods)]


def _operation(method: str, route: APIRoute) -> dict[str, Any]:
    return DOCUMENT["paths"][route.path_format][method.lower()]  # type: ignore[no-any-return]


def test_the_document_is_served_without_a_token(client: TestClient) -> None:
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.json()["paths"] == DOCUMENT["paths"]
    assert served.json()["servers"] == [{"url": "/api/v1"}]


def test_every_route_of_the_api_is_in_the_document() -> None:
    assert len(ROUTES) >= 30
    documented = {(method.upper(), path) for path, operations in DOCUMENT["paths"].items() for method in operations}
    assert {(method, route.path_format) for method, route in ROUTES} == documented


@pytest.mark.parametrize(("method", "route"), ROUTES, ids=lambda value: getattr(value, "path", value))
def test_each_route_names_its_permission_and_schemas(method: str, route: APIRoute) -> None:
    operation = _operation(method, route)
    permission = operation["x-permission"]
    assert permission in roles.PERMISSIONS or permission == roles.PUBLIC
    secured = "security" in operation
    assert secured == (permission != roles.PUBLIC), "a token is asked exactly where a permission is"
    if permission != roles.PUBLIC:
        assert {"401", "403"} <= set(operation["responses"])
    success = next(code for code in operation["responses"] if code.startswith("2"))
    content = operation["responses"][success].get("content", {})
    assert content, f"{method} {route.path_format} documents no answer"
    if "application/json" in content:
        assert content["application/json"].get("schema"), f"{method} {route.path_format} has no answer schema"
    if route.body_field is not None:
        body = operation["requestBody"]["content"]
        assert any(kind.get("schema") for kind in body.values())
    for code in ("400", "422"):
        error = operation["responses"][code]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorBody"}
    assert operation.get("summary") and operation.get("tags")


def test_every_route_checks_the_permission_it_documents() -> None:
    for method, route in ROUTES:
        permission = _operation(method, route)["x-permission"]
        calls = {getattr(dependency.call, "__qualname__", "") for dependency in route.dependant.dependencies}
        assert ("permitted.<locals>.check" in calls) == (permission != roles.PUBLIC), f"{method} {route.path}"
