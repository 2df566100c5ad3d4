"""Helpers for the public centre's request pages, shared by the web tests and the browser journeys:
fill in a form, read the latest receipt mail from the outbox, take its two links."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from web_support import csrf_of

from waarborg.office.models import OutboxMessage
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

VERIFY_LINK = re.compile(r"https?://\S+/centre/requests/verify/[\w-]+")
STATUS_LINK = re.compile(r"https?://\S+/centre/requests/status/[\w-]+")


def ask(client: TestClient, kind: str, email: str, **fields: str) -> tuple[int, str]:
    """Post the centre's form for `kind` as a visitor would; (status code, page)."""
    token = csrf_of(client.get(f"/centre/requests/{kind}").text)
    data = {"csrf_token": token, "identity_email": email, **fields}
    answer = client.post(f"/centre/requests/{kind}", data=data)
    return answer.status_code, answer.text


def latest_mail_to(workspace: Workspace, recipient: str) -> OutboxMessage:
    """The newest outbox message to `recipient` (detached from its session)."""
    with workspace.store.session() as session:
        message = session.execute(select(OutboxMessage).where(OutboxMessage.recipient == recipient)
                                  .order_by(OutboxMessage.id.desc()).limit(1)).scalar_one()
        session.expunge(message)
        return message


def links_in(body: str) -> tuple[str, str]:
    """(verification link, status link) of a receipt mail."""
    verify, status = VERIFY_LINK.search(body), STATUS_LINK.search(body)
    assert verify and status, "the mail has no verification or status link"
    return verify.group(0), status.group(0)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def stored_counts(workspace: Workspace) -> tuple[int, int]:
    """(requests, outbox messages) in the store: what a refused form must leave unchanged."""
    with workspace.store.session() as session:
        requests = session.execute(select(func.count()).select_from(DataSubjectRequest)).scalar_one()
        mails = session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()
        return int(requests), int(mails)
