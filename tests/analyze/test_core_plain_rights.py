"""Rights in plain words, as Waarborg's own statements and many real ones phrase them."""

from __future__ import annotations

import pytest

from waarborg.analyze import analyze_text


@pytest.mark.parametrize(
    ("element", "sentence"),
    [
        (
            "right_restriction",
            "U mag ons vragen het gebruik van uw gegevens tijdelijk te stoppen, bijvoorbeeld terwijl wij "
            "onderzoeken of ze kloppen.",
        ),
        ("right_restriction", "Wij zullen uw gegevens op uw verzoek tijdelijk niet gebruiken."),
        ("right_restriction", "You may ask us to stop using your data for a while, for instance while we check them."),
        ("right_access", "You may ask which data we hold about you and what we use them for."),
    ],
)
def test_plain_phrasing_of_a_right_is_found(element: str, sentence: str) -> None:
    assert analyze_text(sentence).elements[element].present


@pytest.mark.parametrize(
    ("element", "sentence"),
    [
        ("right_restriction", "Het gebruik van de website is tijdelijk beperkt tijdens onderhoud."),
        ("right_restriction", "We stop using cookies on this page after a year."),
        ("right_access", "We ask which products you are interested in."),
    ],
)
def test_near_miss_is_not_taken_for_the_right(element: str, sentence: str) -> None:
    assert not analyze_text(sentence).elements[element].present
