"""The centre's colours read well: every text colour of the stylesheet has a contrast of at least
4.5:1 on the white card (WCAG 2.1, 1.4.3), and the focus ring at least 3:1 (1.4.11)."""

from __future__ import annotations

import re
from pathlib import Path

import waarborg.web

CSS = (Path(waarborg.web.__file__).parent / "static" / "office.css").read_text(encoding="utf-8")


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_known_pairs() -> None:
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0 and contrast("#777777", "#ffffff") < 4.5


def test_every_text_colour_reads_on_white_and_the_focus_ring_is_visible() -> None:
    variables = dict(re.findall(r"--(ink|muted|accent|bad|warn|good):\s*(#[0-9a-fA-F]{6})", CSS))
    assert set(variables) == {"ink", "muted", "accent", "bad", "warn", "good"}
    for name, colour in variables.items():
        assert contrast(colour, "#ffffff") >= 4.5, name
    ring = re.search(r":focus-visible[^{]*\{[^}]*outline:\s*3px solid (#[0-9a-fA-F]{6})", CSS)
    assert ring and contrast(ring.group(1), "#ffffff") >= 3.0
