"""Waarborg's own database: erasure ledger, audit trail, restrictions, suppression list, requests."""

from . import (
    answer_models,  # noqa: F401  (the answers' tables join the metadata)
    api_models,  # noqa: F401  (the API tokens join the metadata)
    breach_models,  # noqa: F401  (the breach register's tables join the metadata)
    form_limit_models,  # noqa: F401  (the public forms' rate limiter's table)
    intake_models,  # noqa: F401  (the public centre's intake table joins the metadata)
)
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
