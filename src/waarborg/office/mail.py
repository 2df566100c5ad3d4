"""Outgoing mail: sent over SMTP when WAARBORG_SMTP_URL is set, otherwise kept in the outbox
(status `not_sent`) where the office shows it, so a newcomer can follow every link in it.

Every message is stored either way, with its status, so the office can show what went out.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from urllib.parse import unquote, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import OutboxMessage


@dataclass(frozen=True)
class Mail:
    recipient: str
    subject: str
    body: str
    dedup_key: str | None = None  # a message with the same key is never written twice
    request_id: str | None = None  # the data-subject request this mail belongs to (its history shows it)


def already_written(session: Session, dedup_key: str) -> bool:
    return session.execute(select(OutboxMessage.id).where(OutboxMessage.dedup_key == dedup_key)).first() is not None


def deliver(session: Session, mail: Mail, smtp_url: str | None, sender: str, now: datetime) -> OutboxMessage:
    """Send (or keep) one message and record it; SMTP errors are recorded, not raised. A mail without
    a recipient (a requester known only by a member number) is kept as `no_address`: the office
    sends its text another way."""
    message = OutboxMessage(created_at=now, recipient=mail.recipient, subject=mail.subject, body=mail.body,
                            status="not_sent", dedup_key=mail.dedup_key, request_id=mail.request_id)
    if not mail.recipient:
        message.status = "no_address"
    elif smtp_url:
        try:
            _send(smtp_url, sender, mail)
            message.status, message.sent_at = "sent", now
        except (OSError, smtplib.SMTPException) as exc:
            message.status, message.error = "failed", f"{type(exc).__name__}: {exc}"[:500]
    session.add(message)
    session.flush()
    return message


def _send(smtp_url: str, sender: str, mail: Mail) -> None:
    parts = urlsplit(smtp_url)
    if parts.scheme not in ("smtp", "smtps", "smtp+starttls"):
        raise smtplib.SMTPException("WAARBORG_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, mail.recipient, mail.subject
    message.set_content(mail.body)
    client_class = smtplib.SMTP_SSL if parts.scheme == "smtps" else smtplib.SMTP
    with client_class(parts.hostname or "localhost", parts.port or (465 if parts.scheme == "smtps" else 25),
                      timeout=30) as client:
        if parts.scheme == "smtp+starttls":
            client.starttls()
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)


def request_mails(session: Session, request_id: str) -> list[OutboxMessage]:
    """Every mail written for one data-subject request, oldest first (its history on its page)."""
    query = select(OutboxMessage).where(OutboxMessage.request_id == request_id).order_by(OutboxMessage.id)
    return list(session.execute(query).scalars())


def outbox(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """The newest messages first."""
    return list(session.execute(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)).scalars())
