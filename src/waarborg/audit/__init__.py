"""The append-only, hash-chained audit trail."""

from .chain import VerifyResult, append, verify

__all__ = ["VerifyResult", "append", "verify"]
