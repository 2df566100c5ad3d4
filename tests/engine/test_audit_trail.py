"""The audit trail proves itself against someone who can write to the store (issue 10, item 1).

Each attack of the issue is carried out on a workspace whose store holds 40 completed requests,
the way an intruder with write access to the database would: deleting entries, rewriting one and
recomputing every hash after it, appending a forged entry. `audit verify --head` must fail.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from waarborg.audit import AuditError, append, read_checkpoint, verify
from waarborg.audit.chain import GENESIS, entry_hash, entry_mac
from waarborg.audit.checkpoint import Head, sign, write_checkpoint
from waarborg.audit.trail import verify_trail
from waarborg.cli.app import build_app
from waarborg.requests.identity import Identity
from waarborg.requests.runner import Fulfilment, run_request
from waarborg.store import open_store
from waarborg.store.models import AuditEntry, DataSubjectRequest
from waarborg.workspace import Workspace

REQUESTS = 40


@pytest.fixture
def audited(fresh_workspace: Workspace) -> Workspace:
    """A workspace whose trail holds 40 completed requests (3 entries each)."""
    for i in range(REQUESTS):
        outcome = run_request(fresh_workspace, "access", Identity("email", f"p{i}@example.nl"),
                              lambda context: Fulfilment({"tables": {}}))
        assert outcome.status == "completed"
    return fresh_workspace


def _verify_cli(workspace: Workspace, monkeypatch: pytest.MonkeyPatch, *extra: str):
    for name, value in workspace.env.items():
        monkeypatch.setenv(name, value)
    args = ["audit", "verify", "--register", str(workspace.register_path), *extra]
    return CliRunner().invoke(build_app(), args)


def _last_seq(session: Session) -> int:
    return int(session.execute(select(func.max(AuditEntry.seq))).scalar_one())


def _rechain(session: Session, first: int, digest=entry_hash) -> None:
    """What an intruder does after changing entry `first`: recompute every hash from there on."""
    entries = session.execute(select(AuditEntry).where(AuditEntry.seq >= first).order_by(AuditEntry.seq)).scalars()
    prev = session.execute(select(AuditEntry.hash).where(AuditEntry.seq == first - 1)).scalar_one_or_none()
    prev = prev or GENESIS
    for entry in entries:
        entry.prev_hash = prev
        entry.hash = digest(entry.seq, entry.at, entry.actor, entry.action, entry.detail, prev)
        prev = entry.hash
    session.flush()


def test_an_untouched_trail_verifies_against_its_checkpoint(audited: Workspace, monkeypatch) -> None:
    result = _verify_cli(audited, monkeypatch, "--head", str(audited.checkpoint_path))
    assert result.exit_code == 0, result.output
    assert f"audit trail intact: {REQUESTS * 3} entries" in result.output
    assert "matches the checkpoint of" in result.output and f"(entry {REQUESTS * 3})" in result.output


@pytest.mark.parametrize("cut", [1, 14], ids=["last entry", "last 14 entries"])
def test_entries_cut_off_the_end_are_missing_against_the_checkpoint(
    audited: Workspace, monkeypatch, cut: int
) -> None:
    with audited.store.session() as session:
        last = _last_seq(session)
        session.execute(delete(AuditEntry).where(AuditEntry.seq > last - cut))
    result = _verify_cli(audited, monkeypatch, "--head", str(audited.checkpoint_path))
    assert result.exit_code == 1
    assert f"entries {last - cut + 1}..{last} are missing" in result.output


def test_deleting_every_entry_is_caught_by_the_checkpoint_and_by_the_cross_check(
    audited: Workspace, monkeypatch
) -> None:
    with audited.store.session() as session:
        session.execute(delete(AuditEntry))
    against_head = _verify_cli(audited, monkeypatch, "--head", str(audited.checkpoint_path))
    assert against_head.exit_code == 1
    assert f"entries 1..{REQUESTS * 3} are missing" in against_head.output
    audited.checkpoint_path.unlink()  # the intruder removed the checkpoint too
    with audited.store.session() as session:
        result = verify(session)
    assert not result.ok and len(result.unaudited) == REQUESTS * 2  # no received, no completed entry
    assert "has no audit entry request.received" in result.unaudited[0]
    without_head = _verify_cli(audited, monkeypatch)
    assert without_head.exit_code == 1
    assert f"{REQUESTS * 2} record(s) of the store have no audit entries" in without_head.output


@pytest.mark.parametrize("digest", [entry_hash, lambda *content: entry_mac(b"g" * 40, *content)],
                         ids=["plain sha256", "hmac with a guessed key"])
def test_a_changed_entry_with_every_hash_after_it_recomputed_is_caught(
    audited: Workspace, monkeypatch, digest
) -> None:
    with audited.store.session() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 7).values(actor="someone else"))
        _rechain(session, 7, digest)
    result = _verify_cli(audited, monkeypatch, "--head", str(audited.checkpoint_path))
    assert result.exit_code == 1
    assert "broken at entry 7" in result.output and "HMAC" in result.output


def test_a_forged_entry_appended_at_the_end_is_caught(audited: Workspace, monkeypatch) -> None:
    with audited.store.session() as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
        at, detail = datetime.now(UTC), {"note": "all requests answered"}
        session.add(AuditEntry(seq=last.seq + 1, at=at, actor="cli", action="request.completed", detail=detail,
                               prev_hash=last.hash, scheme="hmac-sha256",
                               hash=entry_hash(last.seq + 1, at, "cli", "request.completed", detail, last.hash)))
    result = _verify_cli(audited, monkeypatch, "--head", str(audited.checkpoint_path))
    assert result.exit_code == 1
    assert f"broken at entry {last.seq + 1}" in result.output


def test_an_entry_forged_with_the_key_but_not_checkpointed_is_not_anchored(audited: Workspace) -> None:
    # Someone holding the key but not the checkpoint location: the entry verifies, the head does not.
    checkpoint = read_checkpoint(audited.checkpoint_path, audited.audit_key())
    audited.checkpoint_path.rename(audited.checkpoint_path.with_suffix(".kept"))
    with audited.store.session() as session:
        append(session, "cli", "request.completed", {"note": "forged"})
    audited.checkpoint_path.with_suffix(".kept").replace(audited.checkpoint_path)
    assert read_checkpoint(audited.checkpoint_path, audited.audit_key()) == checkpoint
    result = verify_trail(audited.store)
    assert not result.ok
    assert result.first_bad_seq == checkpoint.seq + 1 and "not anchored" in (result.problem or "")


def test_a_checkpoint_forged_without_the_key_is_refused(audited: Workspace, monkeypatch) -> None:
    with audited.store.session() as session:
        session.execute(delete(AuditEntry).where(AuditEntry.seq > 100))
        kept = session.execute(select(AuditEntry.hash).where(AuditEntry.seq == 100)).scalar_one()
    forged = sign(b"x" * 40, Head(100, kept))
    audited.checkpoint_path.write_text(json.dumps(forged.content() | {"mac": forged.mac}))
    result = _verify_cli(audited, monkeypatch)
    assert result.exit_code == 1
    assert "signature does not match" in result.output


def test_a_named_head_file_that_does_not_exist_is_bad_input(audited: Workspace, monkeypatch, tmp_path) -> None:
    result = _verify_cli(audited, monkeypatch, "--head", str(tmp_path / "nowhere.json"))
    assert result.exit_code == 2 and "no checkpoint there" in result.output


def test_a_request_recorded_without_audit_entries_is_named(audited: Workspace) -> None:
    with audited.store.session() as session:
        template = session.execute(select(DataSubjectRequest).limit(1)).scalar_one()
        session.add(DataSubjectRequest(
            kind="erase", identity_kind="email", identity_hash="f" * 64, identity_sealed=template.identity_sealed,
            status="completed", due_at=template.due_at, attempts=1))
    result = verify_trail(audited.store)
    assert not result.ok and result.problem is None
    assert [line.split(" (")[1] for line in result.unaudited] == [
        "erase, completed) has no audit entry request.received",
        "erase, completed) has no audit entry request.completed",
    ]


def test_a_plain_chain_from_before_the_key_is_sealed_by_the_first_keyed_entry(fresh_workspace: Workspace) -> None:
    with fresh_workspace.store.session() as session:
        prev = GENESIS
        for seq in (1, 2, 3):  # what the unkeyed code wrote: scheme sha256, plain hashes
            at = datetime(2026, 1, seq, tzinfo=UTC)
            digest = entry_hash(seq, at, "cli", "sweep.dry_run", {"rows": seq}, prev)
            session.add(AuditEntry(seq=seq, at=at, actor="cli", action="sweep.dry_run", detail={"rows": seq},
                                   prev_hash=prev, hash=digest, scheme="sha256"))
            prev = digest
    assert verify_trail(fresh_workspace.store).ok  # no checkpoint yet: nothing keyed
    with fresh_workspace.store.session() as session:
        append(session, "cli", "sweep.dry_run", {"rows": 4})
    result = verify_trail(fresh_workspace.store)
    assert (result.ok, result.checked, result.legacy) == (True, 4, 3)
    with fresh_workspace.store.session() as session:
        session.execute(update(AuditEntry).where(AuditEntry.seq == 2).values(detail={"rows": 0}))
        _rechain(session, 2)  # a legacy entry rewritten with plain SHA-256 all the way
    result = verify_trail(fresh_workspace.store)
    assert not result.ok and result.first_bad_seq == 4


def test_a_keyed_chain_cannot_be_passed_off_as_an_unkeyed_one(audited: Workspace) -> None:
    with audited.store.session() as session:
        session.execute(update(AuditEntry).values(scheme="sha256"))
        session.execute(update(AuditEntry).where(AuditEntry.seq == 5).values(actor="someone else"))
        _rechain(session, 1)
    result = verify_trail(audited.store)
    assert not result.ok and "differs from the checkpoint" in (result.problem or "")


def test_the_checkpoint_never_goes_back_to_an_older_head(tmp_path: Path) -> None:
    path, key = tmp_path / "head.json", b"k" * 40
    assert write_checkpoint(path, key, Head(5, "b" * 64))
    assert not write_checkpoint(path, key, Head(4, "a" * 64))  # a slower process committing earlier
    assert read_checkpoint(path, key).seq == 5


def test_a_store_opened_without_an_audit_key_cannot_append(db_url: str) -> None:
    store = open_store(db_url)
    with pytest.raises(AuditError, match="without an audit key"), store.session() as session:
        append(session, "cli", "anything", {})
    store.close()


def test_anchor_rewrites_the_checkpoint_after_a_restored_store(audited: Workspace, monkeypatch) -> None:
    with audited.store.session() as session:  # a backup from before the 31st request
        session.execute(delete(AuditEntry).where(AuditEntry.seq > 90))
        newest = session.execute(select(DataSubjectRequest.id).order_by(DataSubjectRequest.received_at.desc())
                                 .limit(REQUESTS - 30)).scalars().all()
        session.execute(delete(DataSubjectRequest).where(DataSubjectRequest.id.in_(newest)))
    assert not verify_trail(audited.store).ok
    for name, value in audited.env.items():
        monkeypatch.setenv(name, value)
    anchored = CliRunner().invoke(build_app(), ["audit", "anchor", "--register", str(audited.register_path)])
    assert anchored.exit_code == 0, anchored.output
    result = verify_trail(audited.store)
    assert (result.ok, result.checked) == (True, 91)
    with audited.store.session() as session:
        last = session.execute(select(AuditEntry).where(AuditEntry.seq == 91)).scalar_one()
    assert last.action == "audit.anchored" and last.detail["replaced"]["seq"] == REQUESTS * 3


def test_migration_marks_an_existing_chain_as_plain_and_a_killed_request_as_interrupted(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from waarborg.store.db import MIGRATIONS

    engine = create_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text(
            "INSERT INTO audit_entries (seq, at, actor, action, detail, prev_hash, hash) "
            "VALUES (1, '2026-01-01 00:00:00', 'cli', 'sweep.dry_run', '{}', :genesis, :hash)"
        ), {"genesis": GENESIS, "hash": "a" * 64})
        for request_id, result in (("killed", None), ("weighing", '{"to_weigh": ["x"]}')):
            connection.execute(text(
                "INSERT INTO requests (id, kind, identity_kind, identity_hash, identity_sealed, status, received_at, "
                "due_at, attempts, result) VALUES (:id, 'object', 'email', :h, 's', 'in_progress', "
                "'2026-01-01 00:00:00', '2026-02-01 00:00:00', 1, :result)"
            ), {"id": request_id, "h": "b" * 64, "result": result})
    engine.dispose()
    store = open_store(db_url)
    with store.session() as session:
        assert session.execute(select(AuditEntry.scheme)).scalar_one() == "sha256"
        leases = dict(session.execute(select(DataSubjectRequest.id, DataSubjectRequest.lease_expires_at)).all())
    assert leases["weighing"] is None and leases["killed"] is not None and leases["killed"].year == 2000
    store.close()
