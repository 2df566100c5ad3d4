"""The package download (SQLite and PostgreSQL): the access package is encrypted at rest, the
link's token is stored only as its hash, the link works once and until it expires, every refusal
reads the same, another request's token never opens this one's package, the download is in the
request's history, and the job deletes the package once no link can be used."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from request_fixtures import JAN, PIET
from sqlalchemy import select

from waarborg.office.models import OutboxMessage
from waarborg.requests import delivery, workflow
from waarborg.requests.identity import Identity
from waarborg.store.answer_models import PackageDownload
from waarborg.workspace import Workspace

NOW = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


def _fulfilled_access(workspace: Workspace, email: str = JAN) -> str:
    request_id = workflow.receive(workspace, "access", Identity("email", email), "ans", NOW)
    outcome = workflow.fulfil(workspace, request_id, "ans", NOW)
    assert outcome.status == "completed"
    return request_id


def _link_mail(workspace: Workspace, request_id: str) -> OutboxMessage:
    with workspace.store.session() as session:
        query = select(OutboxMessage).where(OutboxMessage.request_id == request_id).order_by(OutboxMessage.id)
        return list(session.execute(query).scalars())[-1]


def _token(mail: OutboxMessage) -> str:
    return mail.body.split(delivery.DOWNLOAD_PATH, 1)[1].split()[0]


def test_fulfilment_seals_the_package_and_mails_a_single_use_link(workspace: Workspace) -> None:
    request_id = _fulfilled_access(workspace)
    mail = _link_mail(workspace, request_id)
    assert mail.recipient == JAN and "uw gegevens staan klaar" in mail.subject
    token = _token(mail)
    sealed = delivery.encrypted_path(workspace, request_id)
    assert sealed.exists() and oct(sealed.stat().st_mode & 0o777) == "0o600"
    assert b"Jansen" not in sealed.read_bytes() and b"data.json" not in sealed.read_bytes()
    assert not list((workspace.state_dir / "packages").iterdir())  # the plain directory is gone
    with workspace.store.session() as session:
        stored = session.execute(select(PackageDownload.token_hash)).scalars().all()
    assert stored == [delivery.token_hash(token)] and token not in stored
    filename, content = delivery.open_download(workspace, token, NOW + timedelta(hours=1))
    assert filename.startswith("access-20250301-") and filename.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = archive.namelist()
        assert any(name.endswith("/letter.html") for name in names)
        data = archive.read(next(name for name in names if name.endswith("/data.json")))
    assert JAN.encode() in data
    with pytest.raises(delivery.DownloadRefused, match="used already"):
        delivery.open_download(workspace, token, NOW + timedelta(hours=2))  # single use
    actions = [entry["action"] for entry in workflow.history(workspace, request_id)]
    assert actions[-3:] == ["request.mailed", "request.download_issued", "request.downloaded"]


def test_expired_unknown_and_reused_tokens_are_refused_alike(workspace: Workspace) -> None:
    request_id = _fulfilled_access(workspace)
    token = _token(_link_mail(workspace, request_id))
    messages = set()
    for attempt, moment in ((token, NOW + delivery.LINK_LIFETIME + timedelta(seconds=1)),
                            ("x" * 43, NOW), ("", NOW), ("y" * 5000, NOW)):
        with pytest.raises(delivery.DownloadRefused) as refused:
            delivery.open_download(workspace, attempt, moment)
        messages.add(str(refused.value))
    assert messages == {delivery.REFUSED}
    with workspace.store.session() as session:
        assert session.execute(select(PackageDownload.downloaded_at)).scalar_one() is None  # nothing changed


def test_another_requesters_token_opens_only_their_own_package(workspace: Workspace) -> None:
    jan_request = _fulfilled_access(workspace, JAN)
    piet_request = _fulfilled_access(workspace, PIET)
    piet_token = _token(_link_mail(workspace, piet_request))
    _name, content = delivery.open_download(workspace, piet_token, NOW)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        data = b"".join(archive.read(n) for n in archive.namelist() if n.endswith("data.json"))
    assert PIET.encode() in data and JAN.encode() not in data
    # A package file moved under another request's name does not decrypt: the id is bound in.
    jan_file = delivery.encrypted_path(workspace, jan_request)
    jan_file.write_bytes(delivery.encrypted_path(workspace, piet_request).read_bytes())
    with pytest.raises(delivery.DownloadRefused):
        delivery.open_download(workspace, _token(_link_mail(workspace, jan_request)), NOW)


def test_a_new_link_retires_the_old_one(workspace: Workspace) -> None:
    request_id = _fulfilled_access(workspace)
    old = _token(_link_mail(workspace, request_id))
    issued = delivery.issue_download(workspace, request_id, NOW + timedelta(days=1))
    assert issued.token != old and _token(_link_mail(workspace, request_id)) == issued.token
    with pytest.raises(delivery.DownloadRefused):
        delivery.open_download(workspace, old, NOW + timedelta(days=1, hours=1))
    assert delivery.open_download(workspace, issued.token, NOW + timedelta(days=1, hours=1))[1]


def test_the_job_deletes_a_package_after_download_or_expiry(workspace: Workspace) -> None:
    downloaded, waiting = _fulfilled_access(workspace, JAN), _fulfilled_access(workspace, PIET)
    delivery.open_download(workspace, _token(_link_mail(workspace, downloaded)), NOW)
    assert delivery.delete_spent_packages(workspace, NOW) == {"packages_deleted": 1}
    assert not delivery.encrypted_path(workspace, downloaded).exists()
    assert delivery.encrypted_path(workspace, waiting).exists()  # its link still works
    later = NOW + delivery.LINK_LIFETIME + timedelta(minutes=1)
    assert delivery.delete_spent_packages(workspace, later) == {"packages_deleted": 1}
    assert not delivery.encrypted_path(workspace, waiting).exists()
    assert delivery.delete_spent_packages(workspace, later) == {"packages_deleted": 0}
    with pytest.raises(delivery.DeliveryError, match="deleted after its download or expiry"):
        delivery.issue_download(workspace, waiting, later)
    assert "request.package_deleted" in [e["action"] for e in workflow.history(workspace, waiting)]


def test_only_a_completed_access_or_portability_request_has_a_download(workspace: Workspace) -> None:
    erase = workflow.receive(workspace, "erase", Identity("email", JAN), "ans", NOW)
    with pytest.raises(delivery.DeliveryError, match="no package"):
        delivery.issue_download(workspace, erase, NOW)
    access = workflow.receive(workspace, "access", Identity("email", JAN), "ans", NOW)
    with pytest.raises(delivery.DeliveryError, match="once it is completed"):
        delivery.issue_download(workspace, access, NOW)


def test_the_package_key_comes_from_the_environment(workspace: Workspace) -> None:
    request_id = _fulfilled_access(workspace)
    token = _token(_link_mail(workspace, request_id))
    other = Workspace(workspace.root, workspace.register_path,
                      {**workspace.env, "WAARBORG_PACKAGE_KEY": "another-key-" + "k" * 32})
    try:
        with pytest.raises(delivery.DownloadRefused):  # sealed with the workspace file's key
            delivery.open_download(other, token, NOW)
    finally:
        other.close()
    assert (workspace.state_dir / "package.key").exists()
