"""The mails of the consent flows, in Dutch and English, ready for the outbox.

- the confirmation mail of a double opt-in, to the person;
- the request for a parent's consent (Art. 8), to the parent;
- `mailing_message`: a mailing of one type to one recipient, with the RFC 8058 headers and the
  personal preference and unsubscribe links in the footer.

Building a message sends nothing: the caller hands it to the mail outbox (or an SMTP client).
"""

from __future__ import annotations

from email.message import EmailMessage

from waarborg.datasets.identities import identity_hash
from waarborg.register import Register
from waarborg.register.text import Language

from .children import parental_age
from .headers import PREFERENCES_PATH, check_base_url, headers_for_recipient, unsubscribe_url
from .mailing_types import mailing_type
from .subscribe import PendingOptIn
from .tokens import preference_token, unsubscribe_token

CONFIRM_PATH = "/centre/confirm/"

TEXTS: dict[str, dict[Language, str]] = {
    "opt_in_subject": {"nl": "Bevestig uw aanmelding bij {org}", "en": "Confirm your subscription with {org}"},
    "opt_in_body": {
        "nl": "U (of iemand met uw e-mailadres) meldde zich aan voor: {types}.\n\n"
              "Klik op deze link om dat te bevestigen (geldig tot {until} UTC):\n{link}\n\n"
              "Deed u dit niet? Dan hoeft u niets te doen: zonder bevestiging sturen wij u niets.\n",
        "en": "You (or someone using your e-mail address) subscribed to: {types}.\n\n"
              "Click this link to confirm (valid until {until} UTC):\n{link}\n\n"
              "Not you? Then do nothing: without a confirmation we send you nothing.\n",
    },
    "parental_subject": {"nl": "Toestemming gevraagd voor uw kind bij {org}",
                         "en": "Your consent asked for your child by {org}"},
    "parental_body": {
        "nl": "Uw kind wil zich aanmelden voor: {types}. Omdat uw kind jonger is dan {age} jaar, "
              "vragen wij eerst uw toestemming (artikel 8 AVG).\n\n"
              "Klik op deze link om toestemming te geven (geldig tot {until} UTC):\n{link}\n\n"
              "Geeft u geen toestemming, dan hoeft u niets te doen.\n",
        "en": "Your child would like to subscribe to: {types}. Because your child is younger than {age}, "
              "we first ask your consent (Article 8 GDPR).\n\n"
              "Click this link to give your consent (valid until {until} UTC):\n{link}\n\n"
              "If you do not consent, do nothing.\n",
    },
    "footer": {
        "nl": "\n--\nU ontvangt dit omdat u zich aanmeldde voor {type}.\nAfmelden: {unsubscribe}\n"
              "Uw voorkeuren: {preferences}\n",
        "en": "\n--\nYou receive this because you subscribed to {type}.\nUnsubscribe: {unsubscribe}\n"
              "Your preferences: {preferences}\n",
    },
}


def confirmation_mail(
    register: Register, pending: PendingOptIn, base_url: str, lang: Language, sender: str
) -> EmailMessage:
    """The confirmation mail of a pending consent, to the person or (below the age) the parent."""
    org = register.controller.name
    types = ", ".join(mailing_type(register, key).name.get(lang, register.language) for key in pending.purposes)
    prefix = "parental" if pending.kind == "parental" else "opt_in"
    age = max(parental_age(register, register.activities[key]) for key in pending.purposes)
    body = TEXTS[f"{prefix}_body"][lang].format(
        types=types, until=pending.expires_at.strftime("%Y-%m-%d %H:%M"), age=age,
        link=f"{check_base_url(base_url)}{CONFIRM_PATH}{pending.token}")
    return _message(sender, pending.send_to, TEXTS[f"{prefix}_subject"][lang].format(org=org), body, lang)


def mailing_message(
    register: Register, key: bytes, base_url: str, type_key: str, recipient: str, sender: str, subject: str,
    body: str, lang: Language, mailto: str | None = None,
) -> EmailMessage:
    """One mailing to one recipient: RFC 8058 headers, and the personal links in the footer."""
    kind = mailing_type(register, type_key)
    hashed = identity_hash(key, "email", recipient)
    footer = TEXTS["footer"][lang].format(
        type=kind.name.get(lang, register.language),
        unsubscribe=unsubscribe_url(base_url, unsubscribe_token(key, "email", hashed, type_key)),
        preferences=f"{check_base_url(base_url)}{PREFERENCES_PATH}{preference_token(key, 'email', hashed)}")
    message = _message(sender, recipient.strip(), subject, body + footer, lang)
    for name, value in headers_for_recipient(key, base_url, recipient, type_key, mailto).items():
        message[name] = value
    return message


def _message(sender: str, recipient: str, subject: str, body: str, lang: Language) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, recipient, subject
    message["Content-Language"] = lang
    message.set_content(body)
    return message
