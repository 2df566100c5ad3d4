"""Handing the access or portability package to the requester: encrypted at rest, through an
expiring, single-use download link, deleted once downloaded or expired.

- `issue_download` zips the package the engine wrote (`<state>/packages/<name>/`), encrypts it
  with AES-GCM under a key derived from WAARBORG_PACKAGE_KEY (else `<state>/package.key`, like
  the audit key) into `<state>/downloads/<request id>.enc`, removes the plain directory, stores a
  link whose random token is kept only as its SHA-256 hash, and mails the link to the requester
  (kept with the request). A new link replaces any unused earlier one.
- `open_download` gives (file name, zip bytes) for a valid token and marks the link used in the
  same statement that checks it was unused, so two simultaneous clicks cannot both download. An
  unknown, expired or used token is refused with one message that reveals nothing.
- `delete_spent_packages` (a job of `waarborg.office.jobs`) deletes a package once no link of it
  can still be used.

The download and the deletion are recorded in the audit trail with the request id, so they show
in the request's history.
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from waarborg.audit import chain
from waarborg.office.settings import mail_settings_from_env
from waarborg.store.answer_models import PackageDownload
from waarborg.store.models import DataSubjectRequest
from waarborg.workspace import Workspace

from .answers import addressee, download_letter, send_letter

LINK_LIFETIME = timedelta(days=7)
DOWNLOAD_PATH = "/centre/download/"
MAX_TOKEN_LENGTH = 100
PACKAGED_KINDS = ("access", "port")
# One message for every refused token: it must not tell a guesser whether a link ever existed.
REFUSED = "This download link does not work: it is unknown, has expired or was used already."


class DeliveryError(ValueError):
    """The office cannot issue a download for this request (wrong kind or state, no package)."""


class DownloadRefused(LookupError):
    """The token is unknown, expired or used; the message is always `REFUSED`."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


@dataclass(frozen=True)
class IssuedDownload:
    """A link just issued; `token` exists only here and in the mail (the store keeps its hash)."""

    request_id: str
    token: str
    path: str
    expires_at: datetime
    filename: str
    outbox_id: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _cipher(workspace: Workspace) -> AESGCM:
    # A 256-bit key derived from the secret, so a passphrase-like variable still gives a proper key.
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"waarborg-package").derive(
        workspace.package_key())
    return AESGCM(derived)


def encrypted_path(workspace: Workspace, request_id: str) -> Path:
    return workspace.state_dir / "downloads" / f"{request_id}.enc"


def _zip_directory(directory: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(directory.iterdir()):
            archive.write(path, f"{directory.name}/{path.name}")
    return buffer.getvalue()


def seal_package(workspace: Workspace, request_id: str, directory: Path) -> Path:
    """Zip and encrypt a package directory (the request id is bound in as associated data), write
    it atomically with mode 0600, and remove the plain directory."""
    target = encrypted_path(workspace, request_id)
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    nonce = os.urandom(12)
    sealed = nonce + _cipher(workspace).encrypt(nonce, _zip_directory(directory), request_id.encode())
    partial = target.with_suffix(".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
    partial.replace(target)
    shutil.rmtree(directory)
    return target


def open_package(workspace: Workspace, request_id: str) -> bytes:
    """The zip of a sealed package; DownloadRefused when it is gone or does not decrypt."""
    path = encrypted_path(workspace, request_id)
    try:
        sealed = path.read_bytes()
        return _cipher(workspace).decrypt(sealed[:12], sealed[12:], request_id.encode())
    except (OSError, InvalidTag, ValueError):
        raise DownloadRefused() from None


def issue_download(workspace: Workspace, request_id: str, now: datetime, actor: str = "office") -> IssuedDownload:
    """Seal the request's package (if not sealed yet), issue a single-use link and mail it."""
    with workspace.store.session() as session:
        request = session.get(DataSubjectRequest, request_id)
        if request is None:
            raise DeliveryError(f"no request {request_id!r}")
        name = _package_name(request)
        if not encrypted_path(workspace, request_id).exists():
            plain = workspace.state_dir / "packages" / name
            if not plain.is_dir():
                raise DeliveryError(f"the package of request {request_id[:8]} was deleted after its download or "
                                    "expiry; a new package needs a new request")
            seal_package(workspace, request_id, plain)
        _retire_open_links(session, request_id, now)
        token = secrets.token_urlsafe(32)
        expires = now + LINK_LIFETIME
        session.add(PackageDownload(request_id=request_id, token_hash=token_hash(token), filename=f"{name}.zip",
                                    created_at=now, expires_at=expires))
        link = mail_settings_from_env(workspace.env)[2] + DOWNLOAD_PATH + token
        lang = addressee(workspace, request, session).lang
        letter = download_letter(workspace.register, request, link, expires, lang)
        outbox_id = send_letter(session, workspace, request, letter, "download", actor, now)
        chain.append(session, actor, "request.download_issued",
                     {"request_id": request_id, "expires_at": expires.isoformat()})
        return IssuedDownload(request_id, token, DOWNLOAD_PATH + token, expires, f"{name}.zip", outbox_id)


def _package_name(request: DataSubjectRequest) -> str:
    if request.kind not in PACKAGED_KINDS:
        raise DeliveryError(f"a {request.kind} request has no package to download (only access and portability)")
    package = (request.result or {}).get("package")
    if request.status != "completed" or not package:
        raise DeliveryError(f"request {request.id[:8]} is {request.status}: its package exists once it is completed")
    return str(package)


def _retire_open_links(session: Session, request_id: str, now: datetime) -> None:
    """An earlier unused link stops working when a new one is sent (one valid link at a time)."""
    session.execute(update(PackageDownload)
                    .where(PackageDownload.request_id == request_id, PackageDownload.downloaded_at.is_(None),
                           PackageDownload.expires_at > now)
                    .values(expires_at=now))


def open_download(workspace: Workspace, token: str, now: datetime) -> tuple[str, bytes]:
    """(file name, zip bytes) for a valid token, which is used up by this call; DownloadRefused
    (always the same message) for an unknown, expired or used one."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise DownloadRefused()
    with workspace.store.session() as session:
        link = session.execute(select(PackageDownload).where(PackageDownload.token_hash == token_hash(token))
                               ).scalar_one_or_none()
        if link is None or link.downloaded_at is not None or link.deleted_at is not None or link.expires_at <= now:
            raise DownloadRefused()
        content = open_package(workspace, link.request_id)
        claim = update(PackageDownload).where(PackageDownload.id == link.id, PackageDownload.downloaded_at.is_(None))
        claimed = cast(CursorResult[Any], session.execute(claim.values(downloaded_at=now))).rowcount
        if claimed != 1:  # another click got there first
            raise DownloadRefused()
        chain.append(session, "requester", "request.downloaded", {"request_id": link.request_id})
        return link.filename, content


def delete_spent_packages(workspace: Workspace, now: datetime) -> dict[str, int]:
    """Delete every package none of whose links can still be used (downloaded or expired)."""
    deleted = 0
    with workspace.store.session() as session:
        links = list(session.execute(select(PackageDownload).where(PackageDownload.deleted_at.is_(None))).scalars())
        by_request: dict[str, list[PackageDownload]] = {}
        for link in links:
            by_request.setdefault(link.request_id, []).append(link)
        for request_id, own in sorted(by_request.items()):
            if any(link.downloaded_at is None and link.expires_at > now for link in own):
                continue
            encrypted_path(workspace, request_id).unlink(missing_ok=True)
            for link in own:
                link.deleted_at = now
            chain.append(session, "scheduler", "request.package_deleted", {"request_id": request_id})
            deleted += 1
    return {"packages_deleted": deleted}
