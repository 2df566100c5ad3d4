"""The audit trail as a whole: the chain in the store checked against its checkpoint outside it.

`verify_trail` is what `waarborg audit verify` runs; `anchor_trail` re-anchors the checkpoint
on purpose (after a backup of the store was restored, or when the checkpoint moves), as an
audited act of its own.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from waarborg.store.db import Store
from waarborg.store.models import AuditEntry

from .chain import KEYED, VerifyResult, append, head, verify
from .checkpoint import Checkpoint, CheckpointError, Head, read_checkpoint, write_checkpoint
from .settings import settings_of


def verify_trail(store: Store, head_file: Path | None = None) -> VerifyResult:
    """Verify the chain against the checkpoint in `head_file` (default: the configured one).

    An explicitly named file that cannot be read raises CheckpointError. A missing checkpoint
    at the configured location is a finding once the chain is keyed (it was written with the
    first keyed entry); a chain written entirely before the key has none yet.
    """
    with store.session() as session:
        settings = settings_of(session)
        path = head_file or settings.checkpoint
        try:
            checkpoint: Checkpoint | None = read_checkpoint(path, settings.key)
        except CheckpointError as exc:
            if head_file is not None:
                raise
            if _is_keyed(session):
                return VerifyResult(False, 0, None, str(exc))
            checkpoint = None
        return verify(session, checkpoint)


def _is_keyed(session: Session) -> bool:
    return bool(session.execute(select(exists().where(AuditEntry.scheme == KEYED))).scalar())


def anchor_trail(store: Store, actor: str) -> tuple[VerifyResult, Checkpoint | None]:
    """Write the checkpoint at the chain's head, replacing whatever is there, if the chain
    itself is intact; the act is an entry of its own naming the checkpoint it replaced."""
    with store.session() as session:
        settings = settings_of(session)
        result = verify(session)
        if not result.ok and result.first_bad_seq is not None:
            return result, None
        try:
            previous: Checkpoint | None = read_checkpoint(settings.checkpoint, settings.key)
        except CheckpointError:
            previous = None
        replaced = None if previous is None else {"seq": previous.seq, "head": previous.head, "at": previous.at}
        append(session, actor, "audit.anchored", {"replaced": replaced, "checkpoint": str(settings.checkpoint)})
    with store.session() as session:
        last = head(session)
    assert last is not None  # we just appended
    settings_path, key = settings.checkpoint, settings.key
    settings_path.unlink(missing_ok=True)  # a newer checkpoint of a restored chain must give way
    write_checkpoint(settings_path, key, Head(*last))
    return result, read_checkpoint(settings_path, key)
