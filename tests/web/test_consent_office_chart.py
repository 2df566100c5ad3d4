"""The office's consent page per mailing type over time: given, withdrawn and subscribed per week
or month drawn as server-side SVG, the suppression list's size and additions; the page's figures
(its `.json` twin) equal a count of the demo office's ledger made here in Python."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from web_support import NOW, sign_in_as

from waarborg.consent.ledger import ConsentChange, record_hashed
from waarborg.consent.periods import Period, next_start, period_start
from waarborg.consent.tokens import unsubscribe_token
from waarborg.datasets.identities import identity_hash
from waarborg.store.consent_models import ConsentEvent
from waarborg.store.models import Suppression
from waarborg.workspace import Workspace


def _from_ledger(workspace: Workspace, purpose: str, period: Period, starts: list[date]) -> list[list[object]]:
    with workspace.store.session() as session:
        rows = list(session.execute(select(ConsentEvent).where(ConsentEvent.purpose == purpose)
                                    .order_by(ConsentEvent.at, ConsentEvent.id)).scalars())
    expected: list[list[object]] = []
    for start in starts:
        end = datetime.combine(next_start(period, start), datetime.min.time(), UTC)
        last = {e.identity_hash: e.action for e in rows if e.at < end}
        in_period = [e.action for e in rows if period_start(period, e.at.date()) == start]
        expected.append([start.isoformat(), in_period.count("given"), in_period.count("withdrawn"),
                         sum(action == "given" for action in last.values())])
    return expected


def test_the_consent_page_counts_per_month_and_week_as_the_ledger_does(client: TestClient,
                                                                       workspace: Workspace) -> None:
    sign_in_as(client, "privacy_officer")
    for period in ("month", "week"):
        data = client.get(f"/office/consent.json?per={period}").json()
        assert data["period"] == period
        for kind in data["types"]:
            starts = [date.fromisoformat(p["start"]) for p in kind["periods"]]
            assert len(starts) == 12 and starts[-1] == period_start(period, NOW.date())  # type: ignore[arg-type]
            shown = [[p["start"], p["given"], p["withdrawn"], p["active"]] for p in kind["periods"]]
            assert shown == _from_ledger(workspace, kind["key"], period, starts)  # type: ignore[arg-type]
            assert kind["periods"][-1]["active"] == kind["subscribed"]  # no events after today in the demo
    newsletter = next(t for t in data["types"] if t["key"] == "newsletter")
    assert sum(p["given"] for p in newsletter["periods"]) > 0  # the demo has consents to count


def test_the_suppression_list_size_and_additions_match_its_rows(client: TestClient, workspace: Workspace) -> None:
    key = workspace.erasure_key()
    hashed = identity_hash(key, "email", "weg.ermee@example.nl")
    with workspace.store.session() as session:  # a subscriber who leaves everything through the app, today
        record_hashed(session, workspace.register, "email", hashed,
                      ConsentChange("newsletter", "given", "api", {}, NOW - timedelta(days=40)))
    one_click = client.post(f"/centre/unsubscribe/{unsubscribe_token(key, 'email', hashed, 'newsletter')}",
                            data={"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200
    sign_in_as(client, "privacy_officer")
    data = client.get("/office/consent.json").json()
    first = datetime.fromisoformat(data["suppressed_added"][0]["start"]).replace(tzinfo=UTC)
    end = datetime.combine(next_start("month", period_start("month", NOW.date())), datetime.min.time(), UTC)
    with workspace.store.session() as session:
        size = session.execute(select(func.count()).select_from(Suppression)).scalar_one()
        added = session.execute(select(func.count()).select_from(Suppression)
                                .where(Suppression.added_at >= first, Suppression.added_at < end)).scalar_one()
    assert data["suppressed"] == size
    assert data["suppressed_added"][-1]["added"] >= 1  # today's, dated by the office's clock
    assert sum(p["added"] for p in data["suppressed_added"]) == added


def test_the_page_draws_the_charts_in_dutch_and_refuses_an_unknown_period(client: TestClient) -> None:
    sign_in_as(client, "privacy_officer")
    page = client.get("/office/consent?per=week")
    assert page.status_code == 200
    types = client.get("/office/consent.json?per=week").json()["types"]
    assert page.text.count('<polyline points="') == len(types) >= 1  # subscribers over time, per mailing type
    assert "Toestemmingen gegeven en ingetrokken" in page.text and 'class="bar withdrawn"' in page.text
    assert "<strong>week</strong>" in page.text and 'href="/office/consent?per=month"' in page.text
    wrong = client.get("/office/consent?per=year")
    assert wrong.status_code == 400 and "Kies per week of per maand." in wrong.text
    assert client.get("/office/consent.json?per=year").json() == {"error": "Choose per week or per month."}
