"""The dashboard: the cards the user's role may see, as HTML or as `/office/index.json`."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from waarborg.office import roles

from ..frame import Page, current_user
from ..render import page
from .cards import CARDS


async def show(request: Request) -> Response:
    office = request.app.state.office
    user = current_user(request)
    assert user is not None
    cards = [(card, card.data(office)) for card in CARDS if roles.allowed(user.role, card.permission)]
    data = {card.key: {k: v for k, v in values.items() if k != "chart"} for card, values in cards}
    return page(request, "office/dashboard.html", {"cards": cards}, data)


ROUTES = [
    Page("/office/", show, "dashboard.view", name="dashboard"),
    Page("/office/index.json", show, "dashboard.view", name="dashboard_json"),
]
