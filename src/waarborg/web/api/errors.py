"""Every error of the API as one JSON shape: a stable code, a sentence, and the field it is about.

Why one shape: an integrator's code branches on `error` and shows `message`; a wrong field is
named by its path (`body.email`, `query.kind`), so nobody has to guess what to fix. Validation
errors never echo the value that was sent (it may be personal data).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response


class FieldProblem(BaseModel):
    """One wrong field: where it is and what is wrong with it."""

    field: str
    message: str


class ErrorBody(BaseModel):
    """The body of every error answer."""

    error: str
    message: str
    field: str | None = None
    problems: list[FieldProblem] = []


class ApiError(Exception):
    """An answer other than success: `status`, a stable `code`, a sentence, optionally the field."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.field, self.headers = status, code, message, field, headers


def bad_input(message: str, field: str | None = None) -> ApiError:
    """400: the library refused the input; nothing was changed."""
    return ApiError(400, "bad_input", message, field)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)


def _answer(status: int, body: ErrorBody, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


async def api_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return _answer(exc.status, ErrorBody(error=exc.code, message=exc.message, field=exc.field), exc.headers)


def _path(location: tuple[Any, ...] | list[Any]) -> str:
    return ".".join(str(part) for part in location)


def _problem(error: dict[str, Any]) -> FieldProblem:
    if error.get("type") == "json_invalid":  # the location is a character offset: name the body
        return FieldProblem(field="body", message="not valid JSON")
    return FieldProblem(field=_path(error.get("loc", ())), message=str(error.get("msg", "invalid")))


async def validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem(error) for error in exc.errors()]
    first = problems[0] if problems else FieldProblem(field="body", message="invalid")
    body = ErrorBody(error="invalid_input", message=f"{first.field}: {first.message}", field=first.field,
                     problems=problems)
    return _answer(422, body)


HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 401: "unauthenticated", 403: "forbidden"}


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "error")
    message = "no such endpoint" if exc.status_code == 404 else str(exc.detail)
    return _answer(exc.status_code, ErrorBody(error=code, message=message), getattr(exc, "headers", None))


async def limited(request: Request, exc: Exception) -> Response:
    """429 from the shared public-form limiter, with Retry-After and the sentence in the visitor's language."""
    from waarborg.office.form_limits import FormLimited

    from ..limits import limited_message

    assert isinstance(exc, FormLimited)
    body = ErrorBody(error="too_many_requests", message=limited_message(request, exc))
    return _answer(429, body, {"Retry-After": str(exc.retry_after)})


def install(app: Any) -> None:
    """Register the handlers on the API's app."""
    from waarborg.office.form_limits import FormLimited

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(FormLimited, limited)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Bad input: the library refused it and nothing was changed."},
    401: {"model": ErrorBody, "description": "No token, or an unknown, expired or revoked one."},
    403: {"model": ErrorBody, "description": "The token's user lacks the permission."},
    404: {"model": ErrorBody, "description": "No such object (or not one the caller may see)."},
    422: {"model": ErrorBody, "description": "The body, path or query does not match the schema."},
    429: {"model": ErrorBody, "description": "Too many calls of this public endpoint from this address; "
          "see Retry-After."},
}
