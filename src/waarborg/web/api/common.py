"""What every API area uses: the office's state, the clock, the language of an answer."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import Request
from starlette.responses import Response

Lang = Literal["nl", "en"]


def office(request: Request) -> Any:
    """The workspace, settings and clock the office runs with (set by `create_api`)."""
    return request.app.state.office


def now(request: Request) -> datetime:
    return office(request).clock.now()  # type: ignore[no-any-return]


def language(request: Request, lang: str | None) -> Lang:
    """The asked language, else the register's."""
    chosen = lang or office(request).workspace.register.language
    return "en" if chosen == "en" else "nl"


def download(data: bytes, media_type: str, filename: str) -> Response:
    return Response(data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'})
