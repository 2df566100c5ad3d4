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


@dataclass(frozen=True)
class Point:
    label: str
    value: int
    x: float
    y: float


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    baseline: float
    maximum: int
    points: list[Point]

    @property
    def path(self) -> str:
        """The `points` attribute of an SVG polyline."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def line_chart(values: list[tuple[str, int]], width: int = 600, height: int = 220) -> LineChart:
    """Points in the middle of each slot, scaled to the largest value (all on the baseline when none)."""
    top, bottom = 20.0, 40.0
    plot = height - top - bottom
    maximum = max((v for _, v in values), default=0)
    slot = width / max(len(values), 1)
    points = [Point(label, value, index * slot + slot / 2, top + plot - (plot * value / maximum if maximum else 0.0))
              for index, (label, value) in enumerate(values)]
    return LineChart(width, height, top + plot, maximum, points)


@dataclass(frozen=True)
class Group:
    label: str
    middle: float
    bars: list[Bar]  # one per series, in the order of the series; `Bar.label` is the series name


@dataclass(frozen=True)
class GroupedBarChart:
    width: int
    height: int
    baseline: float
    maximum: int
    groups: list[Group]


def grouped_bar_chart(labels: list[str], series: list[tuple[str, list[int]]], width: int = 600,
                      height: int = 220) -> GroupedBarChart:
    """Side-by-side bars per label (one per series), all on one scale: the largest value of any series."""
    top, bottom = 20.0, 40.0
    plot = height - top - bottom
    maximum = max((v for _, values in series for v in values), default=0)
    slot = width / max(len(labels), 1)
    bar_width = slot * 0.8 / max(len(series), 1)
    groups = []
    for index, label in enumerate(labels):
        bars = []
        for number, (name, values) in enumerate(series):
            value = values[index]
            bar_height = plot * value / maximum if maximum else 0.0
            x = index * slot + slot * 0.1 + number * bar_width
            bars.append(Bar(name, value, x, top + plot - bar_height, bar_width, bar_height))
        groups.append(Group(label, index * slot + slot / 2, bars))
    return GroupedBarChart(width, height, top + plot, maximum, groups)
