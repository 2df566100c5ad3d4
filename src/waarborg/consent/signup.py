"""Subscribing with double opt-in *and* mailing the confirmation link, in one transaction.

Why one function: a subscription whose confirmation mail was never written is a dead end for the
person, and a mail without the pending consent is a link to nothing. The public centre's form and
the API's subscribe call both need exactly this pair; the outbox keeps the mail whether or not
an SMTP server is configured.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from waarborg.office.mail import Mail, deliver
from waarborg.office.settings import OfficeSettings
from waarborg.register import Register
from waarborg.register.text import Language

from .mails import confirmation_mail
from .subscribe import PendingOptIn, SubscribeForm, subscribe


def subscribe_and_send(session: Session, key: bytes, register: Register, form: SubscribeForm, lang: Language,
                       settings: OfficeSettings, now: datetime) -> PendingOptIn:
    """Store the pending consent and write the confirmation mail (to the person, or the parent)."""
    pending = subscribe(session, key, register, form, now)
    mail = confirmation_mail(register, pending, settings.base_url, lang, settings.mail_from)
    deliver(session, Mail(pending.send_to, str(mail["Subject"]), mail.get_content()), settings.smtp_url,
            settings.mail_from, now)
    return pending
