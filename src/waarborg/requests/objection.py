"""Objection (Art. 21).

- To direct marketing (Art. 21(2)-(3)): always honoured at once; the person goes on the
  suppression list (a keyed hash) and the request is completed.
- To processing on public task or legitimate interests (Art. 6(1)(e)/(f), Art. 21(1)): the
  organisation must stop unless it shows compelling grounds, which is a judgement for the privacy
  officer. The request is recorded and left open (`in_progress`, awaiting a decision) naming the
  activities to weigh; while it is open, sweeps leave the person's data alone.
- An activity on consent or contract is not open to objection: consent is withdrawn instead, so
  naming one is refused as bad input.
"""

from __future__ import annotations

from collections.abc import Sequence

from waarborg.consent import suppression
from waarborg.register import Register

from .runner import Fulfil, Fulfilment, RequestContext, asking

WEIGHED_BASES = ("public_task", "legitimate_interests")


class ObjectionError(ValueError):
    """The objection names activities it cannot apply to; nothing was recorded."""


def sort_objection(register: Register, activities: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split the named activities into (direct marketing, to be weighed); ObjectionError otherwise.

    No activities named means an objection to direct marketing as such.
    """
    marketing: list[str] = []
    weigh: list[str] = []
    problems: list[str] = []
    for key in activities:
        activity = register.activities.get(key)
        if activity is None:
            problems.append(f"unknown activity {key!r}")
        elif activity.direct_marketing is not None:
            marketing.append(key)
        elif activity.legal_basis in WEIGHED_BASES:
            weigh.append(key)
        else:
            basis = activity.legal_basis or "no legal basis"
            problems.append(
                f"activity {key!r} rests on {basis}: Art. 21 covers direct marketing and processing on "
                "public task or legitimate interests (withdraw consent instead)"
            )
    if problems:
        raise ObjectionError("; ".join(problems))
    return marketing, weigh


def object_fulfilment(register: Register, activities: Sequence[str] = ()) -> Fulfil:
    """The fulfilment function of an objection (validated here, before anything is recorded)."""
    marketing, weigh = sort_objection(register, activities)
    against_marketing = not activities or bool(marketing)

    def fulfil(context: RequestContext) -> Fulfilment:
        added = False
        if against_marketing and not context.dry_run:
            workspace = context.workspace
            with workspace.store.session() as session:
                added = suppression.add(
                    session, workspace.erasure_key(), context.identity.kind, context.identity.value, "objection"
                )
        result = {"direct_marketing": against_marketing, "suppressed": against_marketing, "newly_suppressed": added}
        if weigh:
            return Fulfilment(result | {"to_weigh": weigh}, status="in_progress")
        return Fulfilment(result)

    return asking(fulfil, {"activities": sorted(set(activities))})
