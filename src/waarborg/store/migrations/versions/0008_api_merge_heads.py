"""Join the four migrations that each branch of this session added after requests_1 (the API's
tokens, the form limiter, the intake and the answers), so that the store has one head again.

The lead re-chains the 0007 revisions when merging; this file then goes.

Revision ID: api_merge_1
Revises: api_1, consentx_1, intake_1, answers_1
Create Date: 2026-12-03
"""

from __future__ import annotations

revision = "api_merge_1"
down_revision = ("api_1", "consentx_1", "intake_1", "answers_1")
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing to change: the revisions it joins touch different tables."""


def downgrade() -> None:
    """Nothing to undo."""
