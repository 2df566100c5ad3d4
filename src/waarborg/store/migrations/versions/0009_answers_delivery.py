"""The answer to a requester: outbox messages linked to their request, and the download links of
the encrypted access/portability package.

Revision ID: answers_1
Revises: intake_1
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "answers_1"
down_revision = "intake_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office_outbox") as batch:
        batch.add_column(sa.Column("request_id", sa.String(36), nullable=True))
        batch.create_index("ix_office_outbox_request_id", ["request_id"])
    op.create_table(
        "package_downloads",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("request_id", sa.String(36), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("downloaded_at", sa.DateTime, nullable=True),
        sa.Column("deleted_at", sa.DateTime, nullable=True),
    )
    op.create_index("ix_package_downloads_request_id", "package_downloads", ["request_id"])


def downgrade() -> None:
    op.drop_index("ix_package_downloads_request_id", "package_downloads")
    op.drop_table("package_downloads")
    with op.batch_alter_table("office_outbox") as batch:
        batch.drop_index("ix_office_outbox_request_id")
        batch.drop_column("request_id")
