"""Children's consent (Art. 8): below the national age a parent must consent.

The age comes from the register: an activity's own `consent.parental_consent_below`, else the
controller's country (NL 16 by UAVG art. 5; BE 13 by the Belgian law of 30 July 2018 art. 7 —
marked *verify* in the docs; `controller.child_consent_age` overrides both). A person states
either a date of birth or only that they are old enough; nothing else about the child is kept
than what the evidence needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from waarborg.register import ProcessingActivity, Register


class AgeError(ValueError):
    """The age information asked for is missing or impossible."""


@dataclass(frozen=True)
class AgeStatement:
    """What the person told about their age: a date of birth, or a plain 'I am at least N'."""

    birth_date: date | None = None
    at_least: int | None = None  # "I am 16 or older" on a form


def parental_age(register: Register, activity: ProcessingActivity) -> int:
    """Below this age a parent consents for this activity."""
    if activity.consent is not None and activity.consent.parental_consent_below is not None:
        return activity.consent.parental_consent_below
    return register.child_consent_age()


def age_on(birth_date: date, today: date) -> int:
    """Completed years on `today` (a birthday counts from its day)."""
    years = today.year - birth_date.year
    return years - ((today.month, today.day) < (birth_date.month, birth_date.day))


def needs_parent(register: Register, activity: ProcessingActivity, age: AgeStatement | None, today: date) -> bool:
    """True when this person's consent for `activity` must come from a parent.

    Only activities marked `children: true` ask; for them an age statement is required.
    """
    if not activity.children:
        return False
    threshold = parental_age(register, activity)
    if age is None or (age.birth_date is None and age.at_least is None):
        raise AgeError(f"this mailing may reach children: give a date of birth or state being {threshold} or older")
    if age.birth_date is not None:
        if age.birth_date > today:
            raise AgeError("the date of birth lies in the future")
        return age_on(age.birth_date, today) < threshold
    assert age.at_least is not None
    return age.at_least < threshold
