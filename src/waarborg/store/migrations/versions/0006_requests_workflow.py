"""The office's request workflow: pauses, the extension with its reasons, the refusal ground and
the second person's approval, on the `requests` table.

Revision ID: requests_1
Revises: consent_1
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "requests_1"
down_revision = "consent_1"
branch_labels = None
depends_on = None

COLUMNS = (
    ("pauses", sa.JSON),
    ("extension_months", sa.Integer),
    ("extension_reasons_sealed", sa.Text),
    ("extended_at", sa.DateTime),
    ("refusal_ground", sa.String(40)),
    ("refusal_note_sealed", sa.Text),
    ("approval_asked_by", sa.String(200)),
    ("approved_by", sa.String(200)),
    ("approved_at", sa.DateTime),
)


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        for name, kind in COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        for name, _kind in reversed(COLUMNS):
            batch.drop_column(name)
