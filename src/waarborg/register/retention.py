"""Retention as written in a register: a period and the event it runs from.

Compact forms accepted in YAML (Dutch unit words too):

    retention: 6 months from recorded
    retention: 7 years after contract_ended
    retention: until unsubscribed            # ends when the event happens
    retention: 50 months                     # runs from `recorded`

or as a mapping ``{period: 3 years, from: coaching_ended, note: ...}``. A retention that only
names a criterion (``{criterion: "as long as necessary"}``) loads, so that a register can record
an organisation's real gap; the rules flag it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from .text import LocalText

Unit = Literal["days", "weeks", "months", "years"]

UNIT_WORDS: dict[str, Unit] = {
    "day": "days",
    "days": "days",
    "dag": "days",
    "dagen": "days",
    "week": "weeks",
    "weeks": "weeks",
    "weken": "weeks",
    "month": "months",
    "months": "months",
    "maand": "months",
    "maanden": "months",
    "year": "years",
    "years": "years",
    "jaar": "years",
    "jaren": "years",
}

_PERIOD = re.compile(r"^\s*(\d+)\s+([A-Za-z]+)\s*$")
_COMPACT = re.compile(
    r"^\s*(?:(?P<value>\d+)\s+(?P<unit>[A-Za-z]+)(?:\s+(?:from|after|na|vanaf)\s+(?P<event>[a-z_]+))?"
    r"|(?:until|tot)\s+(?P<until>[a-z_]+))\s*$"
)


class Period(BaseModel):
    """A length of time, for instance 7 years."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: int = Field(ge=0)
    unit: Unit

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_period(value)
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "string", "examples": ["6 months", "7 jaar"]}, handler(schema)]}

    @model_serializer
    def _serialize(self) -> str:
        return str(self)

    def __str__(self) -> str:
        unit = self.unit[:-1] if self.value == 1 else self.unit
        return f"{self.value} {unit}"

    def add_to(self, moment: datetime | date) -> datetime:
        """The moment this period after `moment` (calendar months and years, clamped to month end)."""
        start = moment if isinstance(moment, datetime) else datetime(moment.year, moment.month, moment.day)
        if self.unit == "days":
            return start + timedelta(days=self.value)
        if self.unit == "weeks":
            return start + timedelta(weeks=self.value)
        months = self.value * (12 if self.unit == "years" else 1)
        return add_months(start, months)

    def approx_days(self) -> float:
        """Length in days, for comparing periods (a month counts as 30.44 days)."""
        factor = {"days": 1.0, "weeks": 7.0, "months": 30.44, "years": 365.25}[self.unit]
        return self.value * factor


def add_months(moment: datetime, months: int) -> datetime:
    """Calendar arithmetic: 31 January plus one month is 28/29 February."""
    month_index = moment.month - 1 + months
    year = moment.year + month_index // 12
    month = month_index % 12 + 1
    days_in_month = [31, 29 if _is_leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return moment.replace(year=year, month=month, day=min(moment.day, days_in_month))


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_period(raw: str) -> dict[str, Any]:
    """'6 months' -> {'value': 6, 'unit': 'months'}; raises ValueError naming the bad unit."""
    match = _PERIOD.match(raw)
    if not match:
        raise ValueError(f"cannot read period {raw!r}: write a number and a unit, e.g. '6 months'")
    word = match.group(2).lower()
    if word not in UNIT_WORDS:
        raise ValueError(f"unknown unit {match.group(2)!r}")
    return {"value": int(match.group(1)), "unit": UNIT_WORDS[word]}


class RetentionRule(BaseModel):
    """How long an activity keeps its data: `period` after the event `from`.

    `until: X` is shorthand for a zero period after X (kept until the event happens).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    period: Period | None = None
    from_event: str | None = Field(default=None, alias="from")
    criterion: LocalText | None = None
    note: LocalText | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_compact_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_compact_retention(value)
        if isinstance(value, dict) and "until" in value:
            value = dict(value)
            if "from" in value or "period" in value:
                raise ValueError("write either 'until' or 'period' with 'from', not both")
            value["from"] = value.pop("until")
            value["period"] = {"value": 0, "unit": "days"}
        return value

    @model_validator(mode="after")
    def _period_defaults_to_recording(self) -> RetentionRule:
        if self.period is not None and self.from_event is None:
            object.__setattr__(self, "from_event", "recorded")
        if self.period is not None and self.period.value == 0 and self.period.unit != "days":
            # "0 weeks after X" and "until X" are the same rule; keep one form so they compare equal.
            object.__setattr__(self, "period", Period(value=0, unit="days"))
        return self

    @field_validator("from_event")
    @classmethod
    def _event_key_shape(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            raise ValueError(f"event {value!r} must be a key like 'contract_ended'")
        return value

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        compact = {"type": "string", "examples": ["6 months from recorded", "until unsubscribed"]}
        return {"anyOf": [compact, handler(schema)]}

    @model_serializer
    def _serialize(self) -> Any:
        return self.dump()

    @property
    def is_bounded(self) -> bool:
        """True when the rule gives a period or an event that ends it (Art. 13(2)(a))."""
        return self.period is not None and self.from_event is not None

    @property
    def is_until_event(self) -> bool:
        return self.period is not None and self.period.value == 0

    def due(self, event_moment: datetime | date) -> datetime:
        """When data whose `from` event happened at `event_moment` must be gone."""
        if self.period is None:
            raise ValueError("retention has no period, so it has no due date")
        return self.period.add_to(event_moment)

    def dump(self) -> Any:
        """The compact YAML form where it suffices."""
        if self.criterion is None and self.note is None and self.period is not None:
            if self.is_until_event:
                return f"until {self.from_event}"
            if self.from_event == "recorded":
                return str(self.period)
            return f"{self.period} from {self.from_event}"
        out: dict[str, Any] = {}
        if self.period is not None:
            out["period"] = str(self.period)
            out["from"] = self.from_event
        if self.criterion is not None:
            out["criterion"] = self.criterion.dump()
        if self.note is not None:
            out["note"] = self.note.dump()
        return out


def parse_compact_retention(raw: str) -> dict[str, Any]:
    """'7 years from contract_ended' -> the mapping form; ValueError with the reason otherwise."""
    match = _COMPACT.match(raw)
    if not match:
        raise ValueError(f"cannot read retention {raw!r}: write e.g. '6 months from recorded' or 'until unsubscribed'")
    if match.group("until"):
        return {"from": match.group("until"), "period": {"value": 0, "unit": "days"}}
    period = parse_period(f"{match.group('value')} {match.group('unit')}")
    return {"period": period, "from": match.group("event") or "recorded"}
