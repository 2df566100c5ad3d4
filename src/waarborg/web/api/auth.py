"""Bearer tokens and the permission check of every API route.

The API reads only the `Authorization: Bearer` header: it never looks at the office's session
cookie, so a browser signed in to the office cannot be made to call it (no CSRF surface). A route
names its permission once, through `route(...)`; the permission is the office's (the ONE table in
`waarborg.office.roles`) and is written into the OpenAPI document as `x-permission`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from waarborg.office import roles
from waarborg.office.api_tokens import TokenCaller, TokenRefused, authenticate

from .errors import ERROR_RESPONSES, ApiError

PUBLIC = roles.PUBLIC
bearer = HTTPBearer(auto_error=False, description="An API token made by an admin (`waarborg api-token create`).")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="waarborg"'}


def caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> TokenCaller:
    """The token's caller; 401 without a bearer token or with a bad one (never saying which way bad)."""
    if credentials is None:
        raise ApiError(401, "unauthenticated", "send the header Authorization: Bearer <token>", headers=CHALLENGE)
    office = request.app.state.office
    try:
        with office.workspace.store.session() as session:
            return authenticate(session, credentials.credentials, office.clock.now())
    except TokenRefused:
        raise ApiError(401, "invalid_token", "the token is unknown, expired or revoked",
                       headers=CHALLENGE) from None


def permitted(permission: str) -> Callable[..., TokenCaller]:
    """A dependency that lets through only callers whose role has `permission`."""
    roles.allowed("admin", permission)  # an unknown permission fails when the route is declared

    def check(who: TokenCaller = Depends(caller)) -> TokenCaller:
        if not roles.allowed(who.role, permission):
            raise ApiError(403, "forbidden", f"the token's user ({who.role}) lacks the permission {permission}")
        return who

    return check


def audited(path: str) -> Callable[..., None]:
    """A dependency that writes a view of personal data to the audit trail (who, which route; no values)."""
    from waarborg.audit.chain import append

    def write(request: Request, who: TokenCaller = Depends(caller)) -> None:
        with request.app.state.office.workspace.store.session() as session:
            append(session, who.actor, "api.personal_data_viewed", {"route": path, "role": who.role})

    return write


def counted(form: str) -> Callable[..., None]:
    """A dependency that counts the call against the shared public-form limiter (429 past the maximum)."""
    from ..frame import count_submission

    def count(request: Request) -> None:
        count_submission(request, form)

    return count


def route(router: Any, method: str, path: str, permission: str, personal_data: bool = False,
          limit: str | None = None, **options: Any) -> Callable[..., Any]:
    """Declare a route with its permission: the check as a dependency, the name in the document.
    `personal_data=True` audits every call that passes the permission check, as the office does;
    `limit` names the public form whose rate limit the call counts against (`office.form_limits`)."""
    dependencies = [] if permission == PUBLIC else [Depends(permitted(permission))]
    if limit is not None:
        dependencies.append(Depends(counted(limit)))
    if personal_data:
        dependencies.append(Depends(audited(f"{method} {router.prefix}{path}")))
    codes = (400, 404, 422, 429) if permission == PUBLIC else (400, 401, 403, 404, 422)
    responses = {**{code: ERROR_RESPONSES[code] for code in codes}, **options.pop("responses", {})}
    extra: dict[str, Any] = {"x-permission": permission}
    if limit is not None:
        extra["x-rate-limit"] = limit
    declared: Callable[..., Any] = router.api_route(path, methods=[method], dependencies=dependencies,
                                                    openapi_extra=extra, responses=responses, **options)
    return declared
