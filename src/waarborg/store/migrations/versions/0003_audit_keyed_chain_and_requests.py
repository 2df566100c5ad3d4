"""Keyed audit chain, request content and request leases.

- `audit_entries.scheme`: `sha256` for the entries written before (the plain chain, kept as it
  is), `hmac-sha256` for every entry appended from now on (`waarborg.audit.chain`).
- `requests.content_hash`: a keyed hash of what a request asks (the corrections of a rectify,
  the activities of an objection, ...), so a retry is matched on its content, not only its kind.
- `requests.lease_holder`, `requests.lease_expires_at`: who is working on a request and until
  when; a request `in_progress` whose lease has expired was interrupted and is shown as failed.
  Requests left `in_progress` by a process killed before this migration (no result yet) get an
  expired lease, so they show as failed and are retried.

Revision ID: audit_1
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "audit_1"
down_revision = "office_1"
branch_labels = None
depends_on = None

EXPIRED = datetime(2000, 1, 1)


def upgrade() -> None:
    with op.batch_alter_table("audit_entries") as batch:
        batch.add_column(sa.Column("scheme", sa.String(20), nullable=False, server_default="sha256"))
    with op.batch_alter_table("requests") as batch:
        batch.add_column(sa.Column("content_hash", sa.String(64)))
        batch.add_column(sa.Column("lease_holder", sa.String(200)))
        batch.add_column(sa.Column("lease_expires_at", sa.DateTime))
    _expire_killed_requests()


def _expire_killed_requests() -> None:
    requests = sa.table(
        "requests", sa.column("id", sa.String), sa.column("status", sa.String), sa.column("result", sa.JSON),
        sa.column("lease_expires_at", sa.DateTime),
    )
    bind = op.get_bind()
    rows = bind.execute(sa.select(requests.c.id, requests.c.result).where(requests.c.status == "in_progress"))
    # An objection awaiting the officer's decision has a result; a killed run has none.
    killed = [row.id for row in rows if not row.result]
    if killed:
        bind.execute(sa.update(requests).where(requests.c.id.in_(killed)).values(lease_expires_at=EXPIRED))


def downgrade() -> None:
    with op.batch_alter_table("requests") as batch:
        batch.drop_column("lease_expires_at")
        batch.drop_column("lease_holder")
        batch.drop_column("content_hash")
    with op.batch_alter_table("audit_entries") as batch:
        batch.drop_column("scheme")
