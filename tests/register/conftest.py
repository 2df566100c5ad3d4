"""Fixtures for the register tests; the base register lives in register_support.py."""

from register_support import minimal_yaml  # noqa: F401
