"""The receipt mail of a request made in the public centre, in the requester's language.

The text is the same for everyone: it never says whether the organisation holds data about the
person (nothing is looked up before the office handles the request), so a mail to someone who is
in no database reads exactly like a mail to a member. Only the two links differ.
"""

from __future__ import annotations

from datetime import datetime

from waarborg.register.text import Language

VERIFY_PATH = "/centre/requests/verify/"
STATUS_PATH = "/centre/requests/status/"

KIND_NAMES: dict[str, dict[Language, str]] = {
    "access": {"nl": "inzage in uw gegevens", "en": "access to your data"},
    "rectify": {"nl": "correctie van uw gegevens", "en": "rectification of your data"},
    "erase": {"nl": "verwijdering van uw gegevens", "en": "erasure of your data"},
    "restrict": {"nl": "beperking van de verwerking", "en": "restriction of processing"},
    "object": {"nl": "bezwaar tegen de verwerking", "en": "objection to processing"},
    "port": {"nl": "overdracht van uw gegevens", "en": "a copy of your data to take elsewhere"},
    "withdraw": {"nl": "intrekking van uw toestemming", "en": "withdrawal of your consent"},
}

SUBJECT: dict[Language, str] = {
    "nl": "Bevestig uw privacyverzoek bij {org}",
    "en": "Confirm your privacy request to {org}",
}

BODY: dict[Language, str] = {
    "nl": (
        "U (of iemand die uw e-mailadres gebruikte) vroeg {org} om: {kind}.\n\n"
        "1. Bevestig eerst dat dit uw e-mailadres is. Open deze link (eenmalig, geldig tot {until} UTC):\n"
        "{verify}\n\n"
        "Pas na die bevestiging nemen wij het verzoek in behandeling. Wij antwoorden uiterlijk op {due}.\n\n"
        "2. Hier volgt u uw verzoek. Bewaar deze link voor uzelf: wie hem heeft, ziet hoe het ervoor staat.\n"
        "{status}\n\n"
        "Deed u dit verzoek niet? Dan hoeft u niets te doen: zonder bevestiging vervalt het.\n"
    ),
    "en": (
        "You (or someone using your e-mail address) asked {org} for: {kind}.\n\n"
        "1. First confirm that this is your e-mail address. Open this link (once, valid until {until} UTC):\n"
        "{verify}\n\n"
        "Only after that confirmation do we take the request in hand. We answer by {due} at the latest.\n\n"
        "2. Follow your request here. Keep this link to yourself: whoever has it sees where it stands.\n"
        "{status}\n\n"
        "Did you not make this request? Then do nothing: without a confirmation it lapses.\n"
    ),
}


def receipt_text(lang: Language, organisation: str, kind: str, base_url: str, verify_token: str,
                 status_token: str, until: datetime, due: datetime) -> tuple[str, str]:
    """(subject, body) of the receipt mail with the verification and the status link."""
    body = BODY[lang].format(
        org=organisation, kind=KIND_NAMES[kind][lang], until=f"{until:%Y-%m-%d %H:%M}", due=f"{due:%Y-%m-%d}",
        verify=f"{base_url}{VERIFY_PATH}{verify_token}", status=f"{base_url}{STATUS_PATH}{status_token}",
    )
    return SUBJECT[lang].format(org=organisation), body
