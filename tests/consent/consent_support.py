"""What the consent tests share besides fixtures: the register's path and a test erasure key."""

from __future__ import annotations

from pathlib import Path

REGISTER = Path(__file__).with_name("consent_register.yaml")
KEY = b"k" * 40
