"""The outbox: every e-mail Waarborg wrote, marked NOT SENT when no SMTP server is configured,
with its links clickable so a newcomer can follow them."""

from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from waarborg.office.mail import outbox

from ..frame import Page
from ..render import page


async def show(request: Request) -> Response:
    office = request.app.state.office
    with office.workspace.store.session() as session:
        messages = [{"id": m.id, "created_at": m.created_at, "recipient": m.recipient, "subject": m.subject,
                     "body": m.body, "status": m.status, "error": m.error} for m in outbox(session)]
    data = {"smtp_configured": bool(office.settings.smtp_url), "messages": messages}
    return page(request, "office/outbox.html", data, data)


ROUTES = [
    Page("/office/outbox", show, "outbox.view", name="outbox"),
    Page("/office/outbox.json", show, "outbox.view", name="outbox_json"),
]
