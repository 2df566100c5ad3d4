"""Server-side SVG charts: the geometry is computed here, the template draws it (no JavaScript,
nothing fetched)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    maximum: int
    bars: list[Bar]


def bar_chart(values: list[tuple[str, int]], width: int = 600, height: int = 220) -> BarChart:
    """Bars scaled to the largest value (an empty chart keeps a flat baseline)."""
    top, bottom = 20.0, 40.0
    plot = height - top - bottom
    maximum = max((v for _, v in values), default=0)
    slot = width / max(len(values), 1)
    bars = []
    for index, (label, value) in enumerate(values):
        bar_height = plot * value / maximum if maximum else 0.0
        bars.append(Bar(label, value, index * slot + slot * 0.15, top + plot - bar_height, slot * 0.7, bar_height))
    return BarChart(width, height, top + plot, maximum, bars)
