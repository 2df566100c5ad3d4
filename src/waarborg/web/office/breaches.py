"""The breach register's place in the office. Until the breaches area lands this is a clearly
labelled empty state (no breach model is invented here); that area replaces this module's page and
the dashboard's breaches card (`cards.breaches_card`)."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from ..frame import Page
from ..render import page


async def show(request: Request) -> Response:
    data = {"available": False, "breaches": []}
    return page(request, "office/breaches.html", data, data)


ROUTES = [
    Page("/office/breaches", show, "breaches.view", name="breaches"),
    Page("/office/breaches.json", show, "breaches.view", name="breaches_json"),
]
