"""Mailing types come from the register: every activity with `direct_marketing` is one.

No new register field is needed: an activity that sends marketing messages already declares
`direct_marketing` (channel, and whether it rests on an opt-in or on the existing-customer
exception of Telecommunicatiewet 11.7), and its key names the mailing type (``newsletter``).
Its legal basis says whether a mailing needs a consent on record.
"""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.register import Register
from waarborg.register.text import Language, LocalText


class UnknownMailingType(ValueError):
    """A mailing type that the register does not declare."""


@dataclass(frozen=True)
class MailingType:
    """One kind of mailing the organisation sends (a newsletter, event invitations, ...)."""

    key: str
    name: LocalText
    channel: str
    marketing_basis: str  # opt_in | existing_customer | none
    needs_consent: bool  # the activity rests on consent (Art. 6(1)(a)): mail only those who gave it
    children: bool

    def label(self, lang: Language) -> str:
        return self.name.get(lang)


def mailing_types(register: Register) -> dict[str, MailingType]:
    """Every mailing type of the register, by activity key, in register order."""
    return {
        key: MailingType(
            key=key,
            name=activity.name,
            channel=activity.direct_marketing.channel,
            marketing_basis=activity.direct_marketing.basis,
            needs_consent=activity.legal_basis == "consent",
            children=activity.children,
        )
        for key, activity in register.activities.items()
        if activity.direct_marketing is not None
    }


def mailing_type(register: Register, key: str) -> MailingType:
    """One mailing type, or UnknownMailingType naming the ones the register has."""
    types = mailing_types(register)
    if key not in types:
        known = ", ".join(types) or "none (no activity has direct_marketing)"
        raise UnknownMailingType(f"unknown mailing type {key!r}; the register has: {known}")
    return types[key]
