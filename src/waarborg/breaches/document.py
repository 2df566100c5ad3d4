"""The notification as one document: the clock, the decision aid, the decision and every answer in
the form's order. The JSON export is this document; the PDF renders it, so they cannot differ.

A Dutch controller's document follows the AP's sections 0-9; a Belgian controller's adds the same
answers under the GBA's headings and names the competent authority (GBA or Vlaamse
Toezichtcommissie; marked verify).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from waarborg.register.text import Language

from .assess import EXCEPTION_TEXT, PROPOSAL_TEXT, RISK_TEXT, assess
from .belgium import AUTHORITY_NAMES, Authority, CompetenceUnknown, competent_authority, gba_form
from .questions import answered_form, local_text
from .records import BreachView

FORMAT_VERSION = 1

KIND_TITLE: dict[str, dict[Language, str]] = {
    "new": {"nl": "Melding datalek", "en": "Personal data breach notification"},
    "follow_up": {"nl": "Vervolgmelding datalek", "en": "Personal data breach follow-up"},
    "withdrawal": {"nl": "Intrekking melding datalek", "en": "Withdrawal of a breach notification"},
}
DECISION_TEXT: dict[str, dict[Language, str]] = {
    "none": {"nl": "Niet melden", "en": "Do not notify"},
    "authority": {"nl": "Melden bij de toezichthouder", "en": "Notify the supervisory authority"},
    "authority_and_people": {"nl": "Melden bij de toezichthouder en de betrokkenen informeren",
                             "en": "Notify the supervisory authority and tell the people affected"},
    "authority_and_public": {"nl": "Melden bij de toezichthouder en een openbare mededeling doen",
                             "en": "Notify the supervisory authority and make a public communication"},
    "controllers": {"nl": "De verwerkingsverantwoordelijke(n) informeren", "en": "Tell the controller(s)"},
}
STATUS_TEXT: dict[str, dict[Language, str]] = {
    "open": {"nl": "Open", "en": "Open"},
    "notified": {"nl": "Gemeld", "en": "Notified"},
    "not_notified": {"nl": "Niet gemeld (besluit vastgelegd)", "en": "Not notified (decision recorded)"},
    "withdrawn": {"nl": "Ingetrokken", "en": "Withdrawn"},
}


def authority_of(view: BreachView, country: str) -> tuple[Authority, bool]:
    """The authority that takes the notification and whether it must still be verified."""
    try:
        return competent_authority(country, view.incident.organisation.flemish_public_authority), country == "BE"
    except CompetenceUnknown:
        return "GBA", True


def _moment(value: datetime | None, lang: Language) -> dict[str, str] | None:
    if value is None:
        return None
    return {"utc": value.astimezone(UTC).isoformat(), "local": local_text(value, lang)}


def notification_document(view: BreachView, lang: Language, *, country: str = "NL", now: datetime,
                          group_label: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The whole notification as plain data (JSON-ready), in `lang`."""
    authority, verify = authority_of(view, country)
    reading = view.reading(now)
    result = assess(view.incident)
    document: dict[str, Any] = {
        "format": "waarborg-breach-notification", "format_version": FORMAT_VERSION, "language": lang,
        "title": KIND_TITLE[view.kind][lang], "reference": view.reference, "kind": view.kind,
        "follows": view.parent_reference, "status": view.status, "status_text": STATUS_TEXT[view.status][lang],
        "authority": {"key": authority, "name": AUTHORITY_NAMES[authority][lang], "verify": verify},
        "clock": {"aware": _moment(view.aware_at, lang), "deadline": _moment(view.deadline_at, lang),
                  "state": reading.state, "text": reading.text(lang)},
        "assessment": {
            "score": result.score, "risk": result.risk, "risk_text": RISK_TEXT[result.risk][lang],
            "proposal": result.proposal, "proposal_text": PROPOSAL_TEXT[result.proposal][lang],
            "exception": result.exception,
            "exception_text": EXCEPTION_TEXT[result.exception][lang] if result.exception else None,
            "factors": [{"key": f.key, "value": f.value, "explanation": f.text(lang)} for f in result.factors],
        },
        "decision": _decision(view, lang),
        "notified": _moment(view.notified_at, lang), "late": view.late,
        "authority_reference": view.authority_reference,
        "sections": answered_form(view.incident, lang, group_label),
        "answers": view.incident.model_dump(mode="json"),
        "phases": [phase.reference for phase in view.phases],
    }
    if country == "BE":
        document["gba_form"] = gba_form(view.incident, lang, group_label)
    return document


def _decision(view: BreachView, lang: Language) -> dict[str, Any] | None:
    if view.decision is None:
        return None
    return {"choice": view.decision, "text": DECISION_TEXT[view.decision][lang], "reasons": view.decision_reasons,
            "decided": _moment(view.decided_at, lang), "by": view.decided_by,
            "proposal_at_decision": view.proposal_at_decision}
