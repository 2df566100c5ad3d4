"""Fixtures for the statement tests; the registers and helpers live in statement_support.py."""

from statement_support import minimal, minimal_data, rich, rich_data, variant  # noqa: F401
