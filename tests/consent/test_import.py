"""Importing consents and unsubscribes from a mailing tool: errors by line, atomic, idempotent."""

from __future__ import annotations

from pathlib import Path

import pytest
from consent_support import KEY
from sqlalchemy import func, select

from waarborg.audit import verify
from waarborg.consent import suppression
from waarborg.consent.importer import ImportProblems, import_consents, read_import
from waarborg.consent.ledger import events_of, state_of
from waarborg.consent.state import consents_to
from waarborg.datasets.identities import identity_hash
from waarborg.store.consent_models import ConsentEvent

GOOD = """email,purpose,action,at,statement_version,evidence
jan@example.nl,newsletter,subscribed,2024-02-01,2.0,double opt-in in Mailchimp
jan@example.nl,newsletter,unsubscribed,2025-01-10T08:30:00,,
piet@example.nl,newsletter,given,2024-05-01T10:00:00+02:00,2.1,
piet@example.nl,customer_mailings,withdrawn,2024-06-01,,
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _import(store, register, path):
    rows = read_import(path, register)
    with store.session() as session:
        return import_consents(session, KEY, register, rows, path.name)


def test_an_import_records_consents_and_suppresses_who_left_everything(store, register, tmp_path) -> None:
    report = _import(store, register, _write(tmp_path, GOOD))
    jan, piet = identity_hash(KEY, "email", "jan@example.nl"), identity_hash(KEY, "email", "piet@example.nl")
    with store.session() as session:
        first = events_of(session, jan)[0]
        assert not consents_to(state_of(session, jan), "newsletter")
        assert consents_to(state_of(session, piet), "newsletter")
        assert suppression.contains_hash(session, jan) and not suppression.contains_hash(session, piet)
        assert verify(session).ok
    assert (report.rows, report.recorded, report.already_there, report.suppressed) == (4, 4, 0, 1)
    assert (first.method, first.statement_version, first.evidence["note"]) == ("import", "2.0",
                                                                               "double opt-in in Mailchimp")


def test_importing_the_same_file_twice_changes_nothing(store, register, tmp_path) -> None:
    path = _write(tmp_path, GOOD)
    _import(store, register, path)
    again = _import(store, register, path)
    with store.session() as session:
        count = session.execute(select(func.count()).select_from(ConsentEvent)).scalar_one()
    assert (again.recorded, again.already_there, again.suppressed, count) == (0, 4, 0, 4)


def test_every_bad_line_is_named_and_nothing_is_written(store, register, tmp_path) -> None:
    bad = GOOD + "nobody,newsletter,given,2024-01-01,,\nann@example.nl,lottery,maybe,yesterday,,\n"
    path = _write(tmp_path, bad)
    with pytest.raises(ImportProblems) as caught:
        read_import(path, register)
    assert caught.value.problems == [
        f"{path}:6: email: not an e-mail address",
        f"{path}:7: purpose: 'lottery' is not an activity of the register",
        f"{path}:7: action: 'maybe' is not given, withdrawn, subscribed or unsubscribed",
        f"{path}:7: at: 'yesterday' is not a date (write 2024-03-01 or 2024-03-01T09:30:00)",
    ]
    with store.session() as session:
        assert session.execute(select(ConsentEvent)).first() is None


def test_a_header_without_the_required_columns_is_refused(register, tmp_path) -> None:
    with pytest.raises(ImportProblems) as caught:
        read_import(_write(tmp_path, "mail,list\njan@example.nl,news\n"), register)
    (problem,) = caught.value.problems
    assert problem.endswith(":1: missing column(s) email, purpose, action, at; unknown column(s) mail, list "
                            "(columns: email, purpose, action, at, statement_version, evidence)")
