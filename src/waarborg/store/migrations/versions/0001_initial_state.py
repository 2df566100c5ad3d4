"""Initial state: audit trail, erasure ledger, restrictions, suppression list, requests, sweeps, locks.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_entries",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "erasure_ledger",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("identity_kind", sa.String(100)),
        sa.Column("identity_hash", sa.String(64)),
        sa.Column("identity_hashes", sa.JSON),
        sa.Column("erased_at", sa.DateTime, nullable=False),
        sa.Column("system", sa.String(200), nullable=False),
        sa.Column("table_name", sa.String(200), nullable=False),
        sa.Column("columns", sa.JSON, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("request_id", sa.String(36)),
        sa.Column("sweep_run_id", sa.String(36)),
        sa.Column("row_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_erasure_ledger_erased_at", "erasure_ledger", ["erased_at"])
    op.create_index("ix_erasure_ledger_identity_hash", "erasure_ledger", ["identity_hash"])
    op.create_table(
        "restrictions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("identity_kind", sa.String(100), nullable=False),
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("identity_sealed", sa.Text, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("lifted_at", sa.DateTime),
    )
    op.create_index("ix_restrictions_identity_hash", "restrictions", ["identity_hash"])
    op.create_table(
        "suppression_list",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("identity_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(100), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    _create_requests()
    _create_sweeps()
    op.create_table(
        "locks",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
    )


def _create_requests() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("identity_kind", sa.String(100), nullable=False),
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("identity_sealed", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("received_at", sa.DateTime, nullable=False),
        sa.Column("due_at", sa.DateTime, nullable=False),
        sa.Column("completed_at", sa.DateTime),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("result", sa.JSON),
        sa.Column("error", sa.Text),
    )
    op.create_index("ix_requests_identity_hash", "requests", ["identity_hash"])
    op.create_index("ix_requests_status", "requests", ["status"])


def _create_sweeps() -> None:
    op.create_table(
        "sweep_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("started_at", sa.DateTime, nullable=False),
        sa.Column("now", sa.DateTime, nullable=False),
        sa.Column("batch_size", sa.Integer, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("summary", sa.JSON),
    )
    op.create_table(
        "sweep_progress",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(36), sa.ForeignKey("sweep_runs.id"), nullable=False),
        sa.Column("system", sa.String(200), nullable=False),
        sa.Column("table_name", sa.String(200), nullable=False),
        sa.Column("batch_no", sa.Integer, nullable=False),
        sa.Column("first_key", sa.JSON, nullable=False),
        sa.Column("last_key", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.UniqueConstraint("run_id", "system", "table_name", "batch_no"),
    )
    op.create_index("ix_sweep_progress_run_id", "sweep_progress", ["run_id"])


def downgrade() -> None:
    for table in ("locks", "sweep_progress", "sweep_runs", "requests", "suppression_list", "restrictions"):
        op.drop_table(table)
    op.drop_table("erasure_ledger")
    op.drop_table("audit_entries")
