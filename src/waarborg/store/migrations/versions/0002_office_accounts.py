"""The privacy office: staff accounts, web sessions, login attempts, mail outbox, job runs.

Revision ID: office_1
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "office_1"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "office_users",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(30), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("password_changed_at", sa.DateTime, nullable=False),
        sa.Column("must_change_password", sa.Boolean, nullable=False),
        sa.Column("totp_secret_sealed", sa.Text),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_login_at", sa.DateTime),
    )
    op.create_table(
        "office_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("office_users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_seen_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_office_sessions_user_id", "office_sessions", ["user_id"])
    op.create_index("ix_office_sessions_expires_at", "office_sessions", ["expires_at"])
    _create_attempts()
    _create_outbox_and_jobs()


def _create_attempts() -> None:
    op.create_table(
        "office_login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("account_key", sa.String(64), nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
    )
    op.create_index("ix_office_login_attempts_account", "office_login_attempts", ["account_key", "at"])
    op.create_index("ix_office_login_attempts_address", "office_login_attempts", ["address", "at"])


def _create_outbox_and_jobs() -> None:
    op.create_table(
        "office_outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("sent_at", sa.DateTime),
        sa.Column("error", sa.Text),
        sa.Column("dedup_key", sa.String(200), unique=True),
    )
    op.create_index("ix_office_outbox_created_at", "office_outbox", ["created_at"])
    op.create_table(
        "office_job_runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("job", sa.String(50), nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("summary", sa.JSON),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_office_job_runs_job", "office_job_runs", ["job", "started_at"])


def downgrade() -> None:
    for table in ("office_job_runs", "office_outbox", "office_login_attempts", "office_sessions", "office_users"):
        op.drop_table(table)
