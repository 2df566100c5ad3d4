"""The lexicons stay fast and consistent: every element pattern can be found by its literal triggers,
and the groups an element names for carrying or for consent exist among its patterns."""

from __future__ import annotations

import pytest

from waarborg.analyze.lexicon import lexicon


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_element_pattern_starts_with_a_literal_trigger(language: str) -> None:
    # A pattern without triggers runs over the whole text; a few of those halve the throughput.
    untriggered = [
        (key, entry.matcher.lower.pattern)
        for key, element in lexicon(language).elements.items()
        for entry in element.patterns.entries
        if entry.matcher.lower is not None and entry.matcher.triggers is None
    ]
    assert untriggered == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_carried_and_consent_only_groups_are_groups_of_the_element(language: str) -> None:
    for key, element in lexicon(language).elements.items():
        groups = {entry.group for entry in element.patterns.entries}
        assert element.carry <= groups, key
        assert element.consent_only <= groups, key
        assert element.core().entries, key  # something always counts, consent or not
