"""The retention promises of the seed statements, bound to the demo database and enforced.

- KSF: online-proctoring video is deleted automatically after six months;
- KSF: whoever unsubscribes lands on a list of addresses not to mail (do-not-contact);
- VCK: after erasure the name is kept, with a note of the request;
- KSF/KVGO: invoices are kept seven years for the tax authority, everything else about the
  person goes on an erasure request.

Each runs on SQLite and on PostgreSQL against a freshly built demo workspace.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from waarborg.consent import suppression
from waarborg.datasets.erase import keyed_hash
from waarborg.demo import build_demo
from waarborg.register.retention import add_months
from waarborg.requests.erase import erase_fulfilment
from waarborg.requests.identity import Identity
from waarborg.requests.objection import object_fulfilment
from waarborg.requests.runner import run_request
from waarborg.retention.sweep import run_sweep
from waarborg.workspace import Workspace, open_workspace

AS_OF = date(2025, 6, 1)
NOW = datetime(2025, 6, 1, 12, 0)
KEY = "seed-promises-erasure-key-0123456789abcdef"
PERSONS = 400


@pytest.fixture
def workspace(db_kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Workspace]:
    """A demo workspace (register + CRM + newsletter) on SQLite files or in one PostgreSQL database."""
    postgres = request.getfixturevalue("pg_server").create_database("seed") if db_kind == "postgres" else None
    demo = build_demo(tmp_path / "demo", persons=PERSONS, seed=11, as_of=AS_OF, postgres_url=postgres)
    ws = open_workspace(demo.register_path, env={**demo.env, "WAARBORG_ERASURE_KEY": KEY})
    yield ws
    ws.close()


def _rows(ws: Workspace, system: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    with ws.connections().engine(system).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(sa.text(sql), params)]


def _naive(moment: Any) -> datetime:
    # SQLite hands timestamps back as text, PostgreSQL as datetime.
    return moment if isinstance(moment, datetime) else datetime.fromisoformat(str(moment))


def _sweep(ws: Workspace, now: datetime) -> None:
    run_sweep(ws, now=now, batch_size=500)


def _erase(ws: Workspace, email: str) -> dict[str, Any]:
    outcome = run_request(ws, "erase", Identity("email", email), erase_fulfilment(), now=NOW.replace(tzinfo=UTC))
    assert outcome.status == "completed", outcome.error
    return outcome.result


# --- KSF: the proctoring video is gone after six months ------------------------------------------


def test_proctoring_video_is_deleted_six_months_after_recording(workspace: Workspace) -> None:
    six_months_ago = add_months(NOW, -6)
    recent = _rows(
        workspace,
        "crm",
        "SELECT id, recorded_at FROM proctoring_recordings WHERE recorded_at > :t "
        "AND recorded_at <= :n ORDER BY recorded_at",
        t=six_months_ago + timedelta(days=2),
        n=NOW,
    )
    old = _rows(
        workspace, "crm", "SELECT count(*) AS n FROM proctoring_recordings WHERE recorded_at <= :t", t=six_months_ago
    )[0]["n"]
    assert recent and old > 0, "the demo must hold videos on both sides of six months"

    _sweep(workspace, NOW)
    left = _rows(workspace, "crm", "SELECT id, recorded_at FROM proctoring_recordings")
    assert all(_naive(r["recorded_at"]) > six_months_ago for r in left)  # every older video is gone
    assert {r["id"] for r in recent} <= {r["id"] for r in left}  # younger ones stay

    video = recent[0]
    _sweep(workspace, add_months(_naive(video["recorded_at"]), 6) + timedelta(minutes=1))
    gone = _rows(workspace, "crm", "SELECT id FROM proctoring_recordings WHERE id = :i", i=video["id"])
    assert gone == []


# --- KSF: unsubscribed addresses go on the do-not-contact list ------------------------------------


def test_unsubscribed_address_ends_on_the_do_not_contact_list(workspace: Workspace) -> None:
    subscribers = _rows(workspace, "newsletter", "SELECT id, email, unsubscribed_at FROM subscribers ORDER BY id")
    left = next(s for s in subscribers if s["unsubscribed_at"] is not None and _naive(s["unsubscribed_at"]) < NOW)
    staying = next(s for s in subscribers if s["unsubscribed_at"] is None)

    # The unsubscription is an objection to direct marketing (Art. 21(2)): on the suppression list.
    outcome = run_request(
        workspace,
        "object",
        Identity("email", left["email"]),
        object_fulfilment(workspace.register),
        now=NOW.replace(tzinfo=UTC),
    )
    assert outcome.status == "completed"
    _sweep(workspace, NOW)

    with workspace.store.session() as session:
        key = workspace.erasure_key()
        assert suppression.contains(session, key, "email", left["email"])
        mailable = suppression.allowed_recipients(session, key, "email", [left["email"], staying["email"]])
    assert mailable == [staying["email"]]
    # In the newsletter tool the address itself is gone; its keyed hash is what stays, so a
    # re-imported old list can still be checked against it.
    row = _rows(workspace, "newsletter", "SELECT email, first_name FROM subscribers WHERE id = :i", i=left["id"])[0]
    assert row == {"email": keyed_hash(key, left["email"]), "first_name": None}
    kept = _rows(workspace, "newsletter", "SELECT email FROM subscribers WHERE id = :i", i=staying["id"])[0]
    assert kept["email"] == staying["email"]


# --- VCK: after erasure the name is kept, with a note of the request -------------------------------


def _person_with_everything(ws: Workspace) -> dict[str, Any]:
    """A member who also subscribed and has invoices within the seven-year fiscal period."""
    fiscal_start = add_months(NOW, -7 * 12) + timedelta(days=30)
    rows = _rows(
        ws,
        "crm",
        "SELECT p.id, p.email, p.first_name, p.last_name, p.phone FROM persons p "
        "JOIN memberships m ON m.person_id = p.id WHERE EXISTS (SELECT 1 FROM invoices i "
        "WHERE i.person_id = p.id AND i.invoice_date > :f) ORDER BY p.id",
        f=fiscal_start,
    )
    emails = {r["email"] for r in _rows(ws, "newsletter", "SELECT email FROM subscribers")}
    return next(r for r in rows if r["email"] in emails)


def test_after_erasure_the_name_is_kept_with_a_note_of_the_request(workspace: Workspace) -> None:
    person = _person_with_everything(workspace)
    note = "Verzoek om verwijdering ontvangen en uitgevoerd; naam bewaard als bewijs van afhandeling."
    with workspace.connections().engine("crm").begin() as conn:  # the office logs the request
        conn.execute(
            sa.text(
                "INSERT INTO request_log (id, person_id, kind, received_at, closed_at, first_name, "
                "last_name, note) VALUES (:i, :p, 'erase', :r, :r, :f, :l, :n)"
            ),
            {
                "i": 10_000_000 + person["id"],
                "p": person["id"],
                "r": NOW,
                "f": person["first_name"],
                "l": person["last_name"],
                "n": note,
            },
        )

    result = _erase(workspace, person["email"])

    logged = _rows(
        workspace,
        "crm",
        "SELECT first_name, last_name, note FROM request_log WHERE person_id = :p AND kind = 'erase'",
        p=person["id"],
    )
    assert logged == [{"first_name": person["first_name"], "last_name": person["last_name"], "note": note}]
    masked = _rows(
        workspace, "crm", "SELECT first_name, last_name, email, phone FROM persons WHERE id = :p", p=person["id"]
    )[0]
    assert masked["first_name"] == masked["last_name"] == "[verwijderd]"
    assert masked["phone"] is None and masked["email"] != person["email"]
    kept = [k for k in result["kept"] if k["table"].endswith("request_log")]
    assert kept and kept[0]["activity"] == "request_administration"


# --- KSF/KVGO: invoices kept seven years, everything else about the person erased -----------------


def _cells(ws: Workspace, person_id: int) -> list[object]:
    """Every value left in any row that belongs to the person, across both databases."""
    queries = [
        ("crm", "SELECT * FROM persons WHERE id = :p"),
        ("crm", "SELECT * FROM memberships WHERE person_id = :p"),
        ("crm", "SELECT * FROM exam_candidates WHERE person_id = :p"),
        (
            "crm",
            "SELECT r.* FROM proctoring_recordings r JOIN exam_candidates e ON e.id = r.candidate_id "
            "WHERE e.person_id = :p",
        ),
        ("crm", "SELECT * FROM event_registrations WHERE person_id = :p"),
        ("crm", "SELECT * FROM invoices WHERE person_id = :p"),
        ("newsletter", "SELECT * FROM subscribers WHERE id = :s"),
    ]
    return [
        value
        for system, sql in queries
        for row in _rows(ws, system, sql, p=person_id, s=person_id * 2)
        for value in row.values()
    ]


def test_erasure_keeps_invoice_amount_and_date_for_seven_years_and_erases_the_rest(workspace: Workspace) -> None:
    person = _person_with_everything(workspace)
    before = _rows(
        workspace,
        "crm",
        "SELECT id, invoice_date, amount_cents, billing_name, iban FROM invoices WHERE person_id = :p ORDER BY id",
        p=person["id"],
    )
    iban = next(r["iban"] for r in before if r["iban"])

    result = _erase(workspace, person["email"])

    fiscal = add_months(NOW, -7 * 12)
    after = {
        r["id"]: r
        for r in _rows(
            workspace,
            "crm",
            "SELECT id, invoice_date, amount_cents, billing_name, "
            "billing_address, iban FROM invoices WHERE person_id = :p",
            p=person["id"],
        )
    }
    for invoice in before:
        if _naive(invoice["invoice_date"]) > fiscal:  # under the fiscal hold: amount and date stay
            kept = after[invoice["id"]]
            assert (kept["amount_cents"], _naive(kept["invoice_date"])) == (
                invoice["amount_cents"],
                _naive(invoice["invoice_date"]),
            )
            assert kept["billing_name"] is None and kept["billing_address"] is None and kept["iban"] is None
        else:  # the hold has ended: the invoice goes entirely
            assert invoice["id"] not in after
    secrets = {person["email"], person["first_name"], person["last_name"], person["phone"], iban}
    assert not secrets & {str(v) for v in _cells(workspace, person["id"]) if v is not None}
    reasons = {(k["activity"], k["basis"]) for k in result["kept"] if k["table"].endswith("invoices")}
    assert reasons == {("bookkeeping", "legal_obligation")}

    # Seven years after the last invoice the fiscal hold ends too, and a sweep removes them.
    last = max(_naive(r["invoice_date"]) for r in before)
    _sweep(workspace, add_months(last, 7 * 12) + timedelta(days=1))
    assert _rows(workspace, "crm", "SELECT id FROM invoices WHERE person_id = :p", p=person["id"]) == []
