"""The public forms' rate limiter: accepted submissions per form and keyed client hash.

Revision ID: consentx_1
Revises: requests_1
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "consentx_1"
down_revision = "requests_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_hits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("form", sa.String(60), nullable=False),
        sa.Column("client_key", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_form_hits_form_client_at", "form_hits", ["form", "client_key", "at"])
    op.create_index("ix_form_hits_at", "form_hits", ["at"])


def downgrade() -> None:
    op.drop_index("ix_form_hits_at", table_name="form_hits")
    op.drop_index("ix_form_hits_form_client_at", table_name="form_hits")
    op.drop_table("form_hits")
