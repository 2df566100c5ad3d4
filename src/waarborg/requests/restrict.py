"""Restriction (Art. 18): mark the person so sweeps and marketing skip them until it is lifted.

The restriction holds the identity as a keyed hash (to recognise the person in a mailing) and
sealed (so a sweep can unseal it and find the person's rows, see `retention.exclusions`).
Art. 18(3): the person must be told before a restriction is lifted; the CLI reminds the officer.

The reason is free text an officer types ("disputes the address jan@example.nl"), so it is
sealed like the identity, never stored as given; `restriction_reason` opens it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from waarborg.store.models import Restriction
from waarborg.store.sealing import seal, unseal

from .runner import Fulfil, Fulfilment, RequestContext, asking


def active_restrictions(session: Session, identity_kind: str, identity_hash: str) -> list[Restriction]:
    """The restrictions of this person that have not been lifted."""
    query = select(Restriction).where(
        Restriction.identity_kind == identity_kind,
        Restriction.identity_hash == identity_hash,
        Restriction.lifted_at.is_(None),
    )
    return list(session.execute(query).scalars())


def restrict_fulfilment(lift: bool = False, reason: str | None = None) -> Fulfil:
    """The fulfilment function of a restriction request, or of lifting one (`lift=True`)."""

    def fulfil(context: RequestContext) -> Fulfilment:
        workspace = context.workspace
        with workspace.store.session() as session:
            active = active_restrictions(session, context.identity.kind, context.identity_hash)
            if context.dry_run:
                changed = bool(active) if lift else not active
            elif lift:
                for restriction in active:
                    restriction.lifted_at = datetime.now(UTC)
                changed = bool(active)
            else:
                changed = not active  # idempotent: one active restriction per person
                if changed:
                    session.add(_restriction(context, workspace.erasure_key(), reason))
        return Fulfilment({"restricted": not lift, "changed": changed})

    # Imposing and lifting are two requests; the reason is the officer's note, not what is asked.
    return asking(fulfil, {"lift": lift})


def _restriction(context: RequestContext, key: bytes, reason: str | None) -> Restriction:
    return Restriction(
        identity_kind=context.identity.kind,
        identity_hash=context.identity_hash,
        identity_sealed=seal(key, context.identity.value),
        reason=None if reason is None else seal(key, reason),
    )


def restriction_reason(restriction: Restriction, key: bytes) -> str | None:
    """The reason as the officer wrote it (SealError when the erasure key does not fit)."""
    return None if restriction.reason is None else unseal(key, restriction.reason)
