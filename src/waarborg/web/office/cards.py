"""The dashboard is made of cards: a card is a permission, a small function returning its data and
a partial template (`templates/office/cards/_<key>.html`). An area adds its card to `CARDS`
(the breaches card is an empty state until the breach register lands)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from waarborg.office import dashboard, jobs

from ..charts import bar_chart


@dataclass(frozen=True)
class Card:
    key: str
    permission: str
    data: Callable[[Any], dict[str, Any]]  # gets the OfficeState; returns what the partial shows

    @property
    def template(self) -> str:
        return f"office/cards/_{self.key}.html"


def requests_card(office: Any) -> dict[str, Any]:
    with office.workspace.store.session() as session:
        items = dashboard.open_requests(session, office.clock.now())
    return {"requests": [item.as_json() for item in items], "overdue": sum(item.overdue for item in items)}


def breaches_card(office: Any) -> dict[str, Any]:
    # Empty state: the breach register (incidents with their 72-hour clock) is another area's work.
    return {"available": False, "breaches": []}


def retention_card(office: Any) -> dict[str, Any]:
    with office.workspace.store.session() as session:
        forecast = jobs.latest_forecast(session)
    if forecast is None:
        return {"forecast": None, "chart": None}
    return {"forecast": forecast.as_json(), "chart": bar_chart([(m.month, m.rows) for m in forecast.months])}


def findings_card(office: Any) -> dict[str, Any]:
    summary = office.cached("check", lambda: dashboard.check_summary(office.workspace.register))
    return {"errors": summary.errors, "warnings": summary.warnings, "infos": summary.infos,
            "findings": summary.findings[:8], "total": len(summary.findings)}


def statement_card(office: Any) -> dict[str, Any]:
    summary = office.cached("statement", lambda: dashboard.statement_summary(office.workspace.register))
    return {"version": summary.version, "published_on": summary.published_on, "covered": summary.covered,
            "not_applicable": summary.not_applicable, "missing": summary.missing}


CARDS: list[Card] = [
    Card("requests", "requests.view", requests_card),
    Card("breaches", "breaches.view", breaches_card),
    Card("retention", "dashboard.view", retention_card),
    Card("findings", "dashboard.view", findings_card),
    Card("statement", "dashboard.view", statement_card),
]
