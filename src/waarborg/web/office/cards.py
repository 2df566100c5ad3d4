"""The dashboard is made of cards: a card is a permission, a small function returning its data and
a partial template (`templates/office/cards/_<key>.html`). An area adds its card to `CARDS`
(the breaches card lists open breaches with their 72-hour clock)."""

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
    """Open breaches with the time left on their 72-hour clock, the nearest deadline first."""
    from waarborg.breaches.reading import read_register

    now = office.clock.now()  # the clock's words go in both languages; the template picks one
    open_ones = [v for v in read_register(office.workspace) if v.status == "open"]
    open_ones.sort(key=lambda v: v.deadline_at)
    rows = [{"reference": v.reference, "deadline_at": v.deadline_at, "state": v.reading(now).state,
             "clock": {"nl": v.reading(now).text("nl"), "en": v.reading(now).text("en")},
             "summary": v.incident.what.summary or ""} for v in open_ones]
    return {"breaches": rows, "overdue": sum(row["state"] == "overdue" for row in rows)}


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
