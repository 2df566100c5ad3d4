"""Waarborg's own database: erasure ledger, audit trail, restrictions, suppression list, requests."""

from . import answer_models, breach_models  # noqa: F401  (their tables join the metadata)
from .db import Store, StoreError, open_store
from .models import (
    AuditEntry,
    Base,
    DataSubjectRequest,
    ErasureLedgerEntry,
    Lock,
    Restriction,
    Suppression,
    SweepProgress,
    SweepRun,
)

__all__ = [
    "AuditEntry",
    "Base",
    "DataSubjectRequest",
    "ErasureLedgerEntry",
    "Lock",
    "Restriction",
    "Store",
    "StoreError",
    "Suppression",
    "SweepProgress",
    "SweepRun",
    "open_store",
]
