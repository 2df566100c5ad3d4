"""The append-only, keyed hash-chained audit trail with a checkpoint outside the store."""

from .chain import VerifyResult, append, verify
from .checkpoint import Checkpoint, CheckpointError, read_checkpoint
from .settings import AuditError, AuditSettings, attach

__all__ = [
    "AuditError",
    "AuditSettings",
    "Checkpoint",
    "CheckpointError",
    "VerifyResult",
    "append",
    "attach",
    "read_checkpoint",
    "verify",
]
