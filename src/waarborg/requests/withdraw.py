"""Withdrawal of consent (Art. 7(3)) as a request: every consent the person has given is recorded
as withdrawn in the consent ledger, and a person who no longer wants any mailing goes on the
do-not-contact list, as "unsubscribe from everything" does in the preference centre.

What was done before the withdrawal stays lawful (Art. 7(3)); data held on another basis are not
touched here: erasing them is an erasure request of its own.
"""

from __future__ import annotations

from waarborg.consent import suppression
from waarborg.consent.ledger import ConsentChange, record_hashed, state_of
from waarborg.consent.mailing_types import mailing_types

from .runner import Fulfil, Fulfilment, RequestContext


def withdraw_fulfilment() -> Fulfil:
    """The fulfilment of a withdrawal: each consent still given becomes withdrawn (none: nothing to do)."""

    def fulfil(context: RequestContext) -> Fulfilment:
        register = context.workspace.register
        with context.workspace.store.session() as session:
            given = sorted(purpose for purpose, fact in state_of(session, context.identity_hash).items()
                           if fact.action == "given")
            suppressed = bool(set(given) & set(mailing_types(register)))
            if not context.dry_run:
                for purpose in given:
                    change = ConsentChange(purpose, "withdrawn", "web_form",
                                           {"via": "request", "request_id": context.request_id}, context.now)
                    record_hashed(session, register, context.identity.kind, context.identity_hash, change)
                if suppressed:
                    suppression.add_hash(session, context.identity_hash, context.identity.kind, "withdrawal")
        return Fulfilment({"withdrawn": given, "suppressed": suppressed})

    return fulfil
