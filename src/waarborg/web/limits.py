"""The answer to a client that sent a public form too often: 429 Too Many Requests with a
`Retry-After` header and a message in the visitor's language (Dutch or English, from the
catalogue), as a page or, for the `.json` twins and the API, as JSON.

`create_app` installs `too_many` as the handler of `FormLimited`, so a route (or an API handler)
that counts a submission with `frame.count_submission` needs nothing else.
"""

from __future__ import annotations

from fastapi import Request
from starlette.responses import JSONResponse, Response

from waarborg.office.form_limits import FormLimited

from .render import language, render


def _wants_json(request: Request) -> bool:
    path = request.url.path
    accept = request.headers.get("accept", "")
    return path.endswith(".json") or path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept)


def limited_message(request: Request, exc: FormLimited) -> str:
    """The sentence a person reads, in the request's language (from the catalogue, via a partial)."""
    env = request.app.state.office.templates[language(request)]
    return str(env.get_template("centre/_too_many_message.html").render(minutes=exc.retry_minutes)).strip()


async def too_many(request: Request, exc: FormLimited) -> Response:
    """429 with Retry-After, as JSON (`error`, `form`, `retry_after`, `message`) or as a page."""
    headers = {"Retry-After": str(exc.retry_after)}
    message = limited_message(request, exc)
    if _wants_json(request):
        body = {"error": "too_many_requests", "form": exc.form, "retry_after": exc.retry_after, "message": message}
        return JSONResponse(body, status_code=429, headers=headers)
    response = render(request, "centre/too_many.html", {"message": message}, status=429)
    response.headers.update(headers)
    return response
