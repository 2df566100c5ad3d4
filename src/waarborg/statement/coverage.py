"""Which Art. 13/14 elements a generated statement gives, read off the same view the templates print.

Each element is `covered` (the statement states it), `not_applicable` (the law makes it
conditional and the condition is absent) or `missing` (the register lacks what it needs).
"""

from __future__ import annotations

from collections.abc import Callable

from waarborg.register.elements import ELEMENT_KEYS

from .view import StatementView

Status = dict[str, str]

COVERED: Status = {"status": "covered"}

def coverage_of(view: StatementView) -> dict[str, Status]:
    """All 21 element keys, in ELEMENT_KEYS order, each with its status (and reason when not covered)."""
    report: dict[str, Status] = {}
    for key in ELEMENT_KEYS:
        missing = view.gaps.reason(key)
        if missing:
            report[key] = {"status": "missing", "reason": missing}
            continue
        check = _CONDITIONAL.get(key)
        reason = check(view) if check is not None else None
        report[key] = {"status": "not_applicable", "reason": reason} if reason else dict(COVERED)
    return report


# Conditional elements: a function that returns why the element does not apply, or None when it does.
def _no_dpo(view: StatementView) -> str | None:
    return None if view.controller.dpo is not None else "no data protection officer is appointed (Art. 37)"


def _no_legitimate_interests(view: StatementView) -> str | None:
    return None if view.legitimate_interests else "no activity relies on legitimate interests (Art. 6(1)(f))"


def _no_consent(view: StatementView) -> str | None:
    return None if view.rights.consent_activities else "no activity relies on consent (Art. 6(1)(a), 9(2)(a))"


def _nothing_collected_from_subject(view: StatementView) -> str | None:
    from_subject = [a for a in view.activities if a.source is None]
    return None if from_subject else "no data are collected from the person themselves (Art. 14 has no 13(2)(e))"


_CONDITIONAL: dict[str, Callable[[StatementView], str | None]] = {
    "dpo_contact": _no_dpo,
    "legitimate_interests": _no_legitimate_interests,
    "right_withdraw_consent": _no_consent,
    "provision_requirement": _nothing_collected_from_subject,
}
