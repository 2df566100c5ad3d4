"""The erasure ledger keeps a sweep batch's identity hashes as raw 32-byte digests
(`identity_hashes_packed`) instead of a JSON list of hex strings: less than half the bytes per
erased row. Entries already written keep their JSON list, which replay still reads
(`waarborg.store.ledger_hashes`): rewriting a ledger of millions of hashes while the store opens
would stall the first command after an upgrade, and gains nothing a replay needs.

Revision ID: sweep_1
Revises: api_1
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "sweep_1"
down_revision = "api_1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("erasure_ledger") as batch:
        batch.add_column(sa.Column("identity_hashes_packed", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    # Packed entries would lose their hashes: convert them back to the JSON list first.
    connection = op.get_bind()
    ledger = sa.table("erasure_ledger", sa.column("id", sa.Integer), sa.column("identity_hashes", sa.JSON),
                      sa.column("identity_hashes_packed", sa.LargeBinary))
    packed = connection.execute(sa.select(ledger.c.id, ledger.c.identity_hashes_packed)
                                .where(ledger.c.identity_hashes_packed.is_not(None))).all()
    for entry_id, blob in packed:
        hexes = bytes(blob).hex()
        connection.execute(sa.update(ledger).where(ledger.c.id == entry_id)
                           .values(identity_hashes=[hexes[i : i + 64] for i in range(0, len(hexes), 64)]))
    with op.batch_alter_table("erasure_ledger") as batch:
        batch.drop_column("identity_hashes_packed")
