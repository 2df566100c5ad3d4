"""The consent ledger (append-only, guarded by triggers) and pending opt-ins.

Revision ID: consent_1
Revises: breaches_1
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "consent_1"
down_revision = "breaches_1"
branch_labels = None
depends_on = None

_SQLITE_GUARDS = (
    "CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events "
    "BEGIN SELECT RAISE(ABORT, 'consent_events is append-only'); END",
    "CREATE TRIGGER consent_events_no_delete BEFORE DELETE ON consent_events "
    "BEGIN SELECT RAISE(ABORT, 'consent_events is append-only'); END",
)
_POSTGRES_GUARDS = (
    "CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'consent_events is append-only'; END $$",
    "CREATE TRIGGER consent_events_no_change BEFORE UPDATE OR DELETE ON consent_events "
    "FOR EACH ROW EXECUTE FUNCTION consent_events_append_only()",
    "CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events "
    "FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only()",
)


def upgrade() -> None:
    op.create_table(
        "consent_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("identity_kind", sa.String(100), nullable=False),
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("identity_sealed", sa.Text),
        sa.Column("purpose", sa.String(200), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("statement_version", sa.String(50), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_consent_events_person_purpose", "consent_events", ["identity_hash", "purpose"])
    op.create_index("ix_consent_events_purpose", "consent_events", ["purpose"])
    op.create_table(
        "pending_consents",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("identity_kind", sa.String(100), nullable=False),
        sa.Column("identity_hash", sa.String(64), nullable=False),
        sa.Column("identity_sealed", sa.Text, nullable=False),
        sa.Column("purposes", sa.JSON, nullable=False),
        sa.Column("statement_version", sa.String(50), nullable=False),
        sa.Column("method", sa.String(20), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
    )
    op.create_index("ix_pending_consents_identity_hash", "pending_consents", ["identity_hash"])
    guards = _POSTGRES_GUARDS if op.get_bind().dialect.name == "postgresql" else _SQLITE_GUARDS
    for statement in guards:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE consent_events")
        op.execute("DROP FUNCTION consent_events_append_only()")
    else:
        op.drop_table("consent_events")
    op.drop_table("pending_consents")
