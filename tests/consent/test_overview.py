"""The office's consent counts: subscribed now per mailing type, per month, the suppression list."""

from __future__ import annotations

from datetime import UTC, datetime

from consent_support import KEY

from waarborg.consent import suppression
from waarborg.consent.ledger import ConsentChange, Person, record
from waarborg.consent.overview import consent_overview

JAN = datetime(2026, 1, 15, tzinfo=UTC)
FEB = datetime(2026, 2, 10, tzinfo=UTC)


def test_the_overview_counts_current_subscribers_months_and_the_suppression_list(store, register) -> None:
    with store.session() as session:
        for who, purpose, action, at in (
            ("a", "newsletter", "given", JAN), ("b", "newsletter", "given", JAN), ("c", "newsletter", "given", FEB),
            ("b", "newsletter", "withdrawn", FEB), ("a", "customer_mailings", "withdrawn", FEB),
            ("c", "newsletter", "withdrawn", JAN),  # recorded later, but earlier in time: c stays subscribed
        ):
            record(session, KEY, register, Person("email", f"{who}@example.nl"), ConsentChange(purpose, action, "api",
                                                                                               {}, at))
        suppression.add(session, KEY, "email", "b@example.nl", "unsubscribe")
        overview = consent_overview(session, register, since=datetime(2025, 12, 1, tzinfo=UTC))
    newsletter = next(t for t in overview.types if t.key == "newsletter")
    customers = next(t for t in overview.types if t.key == "customer_mailings")
    assert (newsletter.subscribed, newsletter.name_en, newsletter.needs_consent) == (2, "Newsletter", True)
    assert newsletter.given_by_month == {"2026-01": 2, "2026-02": 1}
    assert newsletter.withdrawn_by_month == {"2026-01": 1, "2026-02": 1}
    assert (customers.subscribed, customers.withdrawn_by_month) == (0, {"2026-02": 1})
    assert [t.key for t in overview.types] == ["newsletter", "youth_news", "customer_mailings"]
    assert overview.suppressed == 1 and sum(overview.suppressed_by_month.values()) == 1 and overview.pending == 0
