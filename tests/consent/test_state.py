"""The current consent state is a pure function of the ledger: the last event per purpose decides."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from waarborg.consent.state import ConsentFact, consents_to, current_state

START = datetime(2026, 1, 1, tzinfo=UTC)

facts = st.lists(
    st.tuples(st.sampled_from(["newsletter", "events", "youth"]), st.sampled_from(["given", "withdrawn"]),
              st.integers(min_value=0, max_value=20)),
    max_size=40,
).map(lambda rows: [ConsentFact(p, a, START + timedelta(days=d), seq) for seq, (p, a, d) in enumerate(rows)])


def _last_per_purpose(events: list[ConsentFact]) -> dict[str, ConsentFact]:
    """The specification, written the slow obvious way: sort each purpose's events, take the last."""
    purposes = {event.purpose for event in events}
    return {p: sorted((e for e in events if e.purpose == p), key=lambda e: (e.at, e.seq))[-1] for p in purposes}


@given(facts)
def test_current_state_equals_the_last_event_per_purpose_for_any_sequence(events: list[ConsentFact]) -> None:
    assert current_state(events) == _last_per_purpose(events)


@given(facts, st.randoms())
def test_current_state_does_not_depend_on_the_order_events_are_read(
    events: list[ConsentFact], rnd: random.Random
) -> None:
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert current_state(shuffled) == current_state(events)


@given(facts, st.sampled_from(["newsletter", "events"]), st.sampled_from(["given", "withdrawn"]))
def test_a_newer_event_decides_its_purpose_and_leaves_the_others(
    events: list[ConsentFact], purpose: str, action: str
) -> None:
    newest = ConsentFact(purpose, action, START + timedelta(days=30), len(events))  # type: ignore[arg-type]
    before, after = current_state(events), current_state([*events, newest])
    assert after[purpose] == newest
    assert consents_to(after, purpose) is (action == "given")
    assert {k: v for k, v in after.items() if k != purpose} == {k: v for k, v in before.items() if k != purpose}


def test_a_withdrawal_recorded_later_at_the_same_moment_wins() -> None:
    given_ = ConsentFact("newsletter", "given", START, 1)
    withdrawn = ConsentFact("newsletter", "withdrawn", START, 2)
    assert not consents_to(current_state([withdrawn, given_]), "newsletter")


def test_an_old_paper_consent_imported_later_does_not_overrule_a_newer_withdrawal() -> None:
    withdrawn = ConsentFact("newsletter", "withdrawn", START + timedelta(days=10), 1)
    paper = ConsentFact("newsletter", "given", START, 2)
    assert current_state([withdrawn, paper])["newsletter"] == withdrawn
    assert not consents_to({}, "newsletter")
