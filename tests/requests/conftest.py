"""Fixtures for the request tests: the fixture register (tests/requests/register.yaml) and,
through `fixture_dbs`, a CRM database and a newsletter database filled with a few people."""

from __future__ import annotations

from pathlib import Path

import pytest

from waarborg.register import Register, load_register

REGISTER_FILE = Path(__file__).with_name("register.yaml")


@pytest.fixture(scope="session")
def register() -> Register:
    """The fixture register: an association with a CRM and a newsletter database."""
    return load_register(REGISTER_FILE)
