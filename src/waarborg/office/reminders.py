"""The text of a deadline reminder, in Dutch and English in one message (staff accounts carry no
language; the office's default is Dutch, so Dutch comes first)."""

from __future__ import annotations

from datetime import datetime

from waarborg.store.models import DataSubjectRequest

KIND = {
    "access": ("inzageverzoek", "access request"),
    "erase": ("verwijderverzoek", "erasure request"),
    "rectify": ("correctieverzoek", "rectification request"),
    "restrict": ("verzoek om beperking", "restriction request"),
    "object": ("bezwaar", "objection"),
    "port": ("verzoek om overdracht", "portability request"),
    "withdraw": ("intrekking van toestemming", "withdrawal of consent"),
}
STATUS = {
    "received": ("ontvangen", "received"),
    "in_progress": ("in behandeling", "in progress"),
    "failed": ("mislukt, opnieuw proberen", "failed, to be retried"),
}


def threshold(due_at: datetime, now: datetime) -> str | None:
    """Which reminder is due now: `overdue`, `1d`, `7d`, or None (more than a week left)."""
    days = (due_at.date() - now.date()).days
    if days < 0:
        return "overdue"
    return "1d" if days <= 1 else "7d" if days <= 7 else None


def _when(days: int, due: str, lang: int) -> str:
    if days < 0:
        late = -days
        return (f"is {late} dag{'en' if late != 1 else ''} over de termijn (uiterlijk {due})",
                f"is {late} day{'s' if late != 1 else ''} past its deadline ({due})")[lang]
    if days == 0:
        return (f"moet vandaag ({due}) beantwoord zijn", f"must be answered today ({due})")[lang]
    return (f"moet uiterlijk {due} beantwoord zijn, nog {days} dag{'en' if days != 1 else ''}",
            f"must be answered by {due}, {days} day{'s' if days != 1 else ''} left")[lang]


def reminder_text(request: DataSubjectRequest, name: str, office_url: str, now: datetime) -> tuple[str, str]:
    """(subject, body) of the reminder for one request."""
    days = (request.due_at.date() - now.date()).days
    due, reference = f"{request.due_at:%Y-%m-%d}", request.id[:8]
    kind = KIND.get(request.kind, (request.kind, request.kind))
    status = STATUS.get(request.status, (request.status, request.status))
    subject = (f"{kind[0].capitalize()} {reference} {_when(days, due, 0)} / "
               f"{kind[1].capitalize()} {reference} {_when(days, due, 1)}")
    body = (
        f"Beste {name},\n\nHet {kind[0]} {reference} {_when(days, due, 0)}. Status: {status[0]}.\n"
        f"Open het privacykantoor: {office_url}\n\n"
        f"Dear {name},\n\nThe {kind[1]} {reference} {_when(days, due, 1)}. Status: {status[1]}.\n"
        f"Open the privacy office: {office_url}\n"
    )
    return subject, body
