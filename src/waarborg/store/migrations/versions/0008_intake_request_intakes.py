"""The public centre's intake: the hashes of a request's verification and status links, the
requester's language and the identities and details they gave (sealed). Widens `requests.status`
to 30 characters: `awaiting_verification` has 21 (PostgreSQL refused it in 20).

Revision ID: intake_1
Revises: consentx_1
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "intake_1"
down_revision = "consentx_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.alter_column("status", type_=sa.String(30), existing_type=sa.String(20))
    op.create_table(
        "request_intakes",
        sa.Column("request_id", sa.String(36), sa.ForeignKey("requests.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("verify_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("verify_expires_at", sa.DateTime, nullable=False),
        sa.Column("verified_at", sa.DateTime),
        sa.Column("status_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("identity_hashes", sa.JSON, nullable=False),
        sa.Column("identities_sealed", sa.Text, nullable=False),
        sa.Column("details_sealed", sa.Text),
        sa.Column("receipt_message_id", sa.Integer, sa.ForeignKey("office_outbox.id", ondelete="SET NULL")),
    )
    op.create_index("ix_request_intakes_verify_expires_at", "request_intakes", ["verify_expires_at"])


def downgrade() -> None:
    op.drop_index("ix_request_intakes_verify_expires_at", table_name="request_intakes")
    op.drop_table("request_intakes")
    with op.batch_alter_table("requests") as batch:
        batch.alter_column("status", type_=sa.String(20), existing_type=sa.String(30))
