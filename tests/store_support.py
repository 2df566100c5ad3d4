"""Opening Waarborg's store in tests the way a workspace opens it: with an audit key and a checkpoint."""

from __future__ import annotations

from pathlib import Path

from waarborg.audit.settings import AuditSettings, attach
from waarborg.store import Store, open_store

TEST_AUDIT_KEY = b"test-audit-key-" * 3


def open_audited_store(url: str, checkpoint_dir: Path) -> Store:
    """The store at `url`, appending keyed audit entries and checkpointing into `checkpoint_dir`."""
    store = open_store(url)
    attach(store, AuditSettings(key=TEST_AUDIT_KEY, checkpoint=checkpoint_dir / "audit-head.json"))
    return store
