"""The ledger in the store and the filter's SQL agree with the pure rule: the last event decides."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from consent_support import KEY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waarborg.consent.filter import judge_chunk
from waarborg.consent.ledger import ConsentChange, Person, record, state_of, states_of
from waarborg.consent.mailing_types import mailing_type
from waarborg.consent.state import ConsentFact, consents_to, current_state

START = datetime(2026, 1, 1, tzinfo=UTC)
RUNS = itertools.count()
PEOPLE = ["a@example.nl", "b@example.nl", "c@example.nl"]
events = st.lists(st.tuples(st.sampled_from(PEOPLE), st.sampled_from(["newsletter", "customer_mailings"]),
                            st.sampled_from(["given", "withdrawn"]), st.integers(0, 5)), max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events)
def test_stored_state_and_filter_follow_the_last_event_per_purpose(sqlite_store, register, sequence) -> None:
    run = f"run{next(RUNS)}-"  # every example gets its own people: the store is shared between examples
    with sqlite_store.session() as session:
        for who, purpose, action, day in sequence:
            record(session, KEY, register, Person("email", run + who),
                   ConsentChange(purpose, action, "api", {}, START + timedelta(days=day)))
        verdicts = judge_chunk(session, KEY, mailing_type(register, "newsletter"), [run + p for p in PEOPLE])
        hashes = {person: Person("email", run + person).hashed(KEY) for person in PEOPLE}
        batched = states_of(session, list(hashes.values()), chunk=2)  # several chunks, as a large import reads
        for person, verdict in zip(PEOPLE, verdicts, strict=True):
            mine = [ConsentFact(p, a, START + timedelta(days=d), seq)  # type: ignore[arg-type]
                    for seq, (w, p, a, d) in enumerate(sequence) if w == person]
            expected = current_state(mine)
            stored = state_of(session, Person("email", run + person).hashed(KEY))
            assert {k: v.action for k, v in stored.items()} == {k: v.action for k, v in expected.items()}
            assert {k: v.action for k, v in batched[hashes[person]].items()} == {
                k: v.action for k, v in expected.items()}
            last = expected.get("newsletter")
            wanted = None if consents_to(expected, "newsletter") else (
                "unsubscribed" if last is not None else "no_consent")
            assert verdict == wanted
