"""Register YAML <-> model: what is dumped reads back to an equal register."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from register_support import MINIMAL_REGISTER

from waarborg.register import LocalText, dump_register, parse_register

# Text a privacy officer might type: accents, quotes, colons, hashes, newlines.
free_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029") | st.just("\n"),
    min_size=1,
    max_size=60,
).filter(lambda s: any(ch.isalnum() for ch in s))


def test_minimal_register_round_trips() -> None:
    register = parse_register(MINIMAL_REGISTER)
    assert parse_register(dump_register(register)) == register


@settings(max_examples=60, deadline=None)
@given(nl=free_text, en=free_text, plain=free_text)
def test_any_text_survives_dump_and_load(nl: str, en: str, plain: str) -> None:
    base = parse_register(MINIMAL_REGISTER)
    membership = base.activities["membership"].model_copy(
        update={"purposes": [LocalText(nl=nl, en=en), LocalText(plain=plain)], "name": LocalText(nl=nl)}
    )
    register = base.model_copy(update={"activities": {**base.activities, "membership": membership}})
    again = parse_register(dump_register(register))
    assert again.activities["membership"].purposes == membership.purposes
    assert again.activities["membership"].name == membership.name
