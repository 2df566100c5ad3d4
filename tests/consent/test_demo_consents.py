"""Demo consents: the demo newsletter's subscriptions land in the ledger once, and the demo list
filters down to exactly the current subscribers."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from sqlalchemy import text

from waarborg.consent.demo import seed_demo_consents
from waarborg.consent.filter import filter_file
from waarborg.demo import build_demo
from waarborg.workspace import open_workspace


def test_demo_consents_match_the_newsletter_database_and_seed_once(tmp_path: Path) -> None:
    build_demo(tmp_path, persons=150, seed=3, as_of=date(2026, 3, 2))
    workspace = open_workspace(tmp_path / "waarborg.yaml")
    try:
        with workspace.connections().engine("newsletter").connect() as conn:
            active, left = conn.execute(text(
                "SELECT SUM(CASE WHEN unsubscribed_at IS NULL THEN 1 ELSE 0 END), "
                "SUM(CASE WHEN unsubscribed_at IS NOT NULL THEN 1 ELSE 0 END) FROM subscribers "
                "WHERE email IS NOT NULL AND subscribed_at IS NOT NULL")).one()
        first = seed_demo_consents(workspace)
        again = seed_demo_consents(workspace)
        out = tmp_path / "kept.csv"
        with workspace.store.session() as session:
            report = filter_file(session, workspace.erasure_key(), workspace.register, first.list_path, out,
                                 "newsletter")
    finally:
        workspace.close()
    assert active > 0 and left > 0
    assert first.imported.recorded == active + 2 * left and first.imported.suppressed == left
    assert (again.imported.recorded, again.imported.suppressed) == (0, 0)
    assert report.kept == active and report.removed["suppressed"] == left
    assert report.removed["no_consent"] == first.list_rows - active - left
    assert len(io.StringIO(out.read_text()).readlines()) == active + 1
