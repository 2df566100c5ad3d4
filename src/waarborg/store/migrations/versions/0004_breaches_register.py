"""The data-breach register: one row per notification (first, follow-up, withdrawal).

Revision ID: breaches_1
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "breaches_1"
down_revision = "audit_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "breaches",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("reference", sa.String(30), nullable=False, unique=True),
        sa.Column("parent_id", sa.String(36), sa.ForeignKey("breaches.id")),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("aware_at", sa.DateTime, nullable=False),
        sa.Column("deadline_at", sa.DateTime, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("content_sealed", sa.Text, nullable=False),
        sa.Column("people_max", sa.Integer),
        sa.Column("records", sa.Integer),
        sa.Column("assessment", sa.JSON),
        sa.Column("proposal", sa.String(30)),
        sa.Column("decision", sa.String(30)),
        sa.Column("decided_at", sa.DateTime),
        sa.Column("decided_by", sa.String(200)),
        sa.Column("notified_at", sa.DateTime),
        sa.Column("late", sa.Boolean, nullable=False),
        sa.Column("authority_reference", sa.String(100)),
        sa.Column("reminders_sent", sa.JSON, nullable=False),
    )
    op.create_index("ix_breaches_parent_id", "breaches", ["parent_id"])
    op.create_index("ix_breaches_status", "breaches", ["status"])


def downgrade() -> None:
    op.drop_table("breaches")
