"""The erasure ledger keeps a sweep batch's identity hashes as raw digests, and still reads the
JSON lists written before migration sweep_1."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from waarborg.datasets.erase import keyed_hash
from waarborg.store.db import open_store
from waarborg.store.ledger_hashes import LedgerFormatError, pack_hex, recorded_hashes, unpack
from waarborg.store.models import ErasureLedgerEntry

HASHES = [keyed_hash(b"k" * 32, f"persoon{n}@example.nl") for n in range(3)]


def test_packed_hashes_are_half_the_bytes_of_the_json_list_and_read_back_in_order() -> None:
    packed = pack_hex(HASHES)
    assert packed is not None and len(packed) == 32 * len(HASHES)
    assert unpack(packed) == HASHES
    json_bytes = len('["' + '","'.join(HASHES) + '"]')
    assert len(packed) * 2 < json_bytes


def test_no_hashes_pack_to_nothing() -> None:
    assert pack_hex([]) is None
    assert recorded_hashes(None, None) == []


def test_a_packed_list_cut_mid_digest_is_refused_naming_its_length() -> None:
    with pytest.raises(LedgerFormatError, match="33 bytes"):
        unpack(b"x" * 33)


def test_either_column_is_read() -> None:
    assert recorded_hashes(pack_hex(HASHES), None) == HASHES
    assert recorded_hashes(None, HASHES) == HASHES


def test_migration_keeps_old_json_entries_readable_beside_new_packed_ones(db_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from waarborg.store.db import MIGRATIONS

    engine = create_engine(db_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "requests_1")
        connection.execute(text(
            "INSERT INTO erasure_ledger (identity_kind, identity_hashes, erased_at, system, table_name, columns, "
            "action, source, row_count) VALUES ('email', :hashes, '2026-01-01 00:00:00', 'crm', 'persons', "
            "'{\"email\": \"hash\"}', 'mask', 'sweep', 3)"), {"hashes": '["' + '","'.join(HASHES) + '"]'})
    engine.dispose()
    store = open_store(db_url)
    with store.session() as session:
        session.add(ErasureLedgerEntry(identity_kind="email", identity_hashes_packed=pack_hex(HASHES[:1]),
                                       system="crm", table_name="persons", columns={"email": "hash"},
                                       action="mask", source="sweep", row_count=1))
    with store.session() as session:
        entries = session.execute(select(ErasureLedgerEntry).order_by(ErasureLedgerEntry.id)).scalars().all()
        assert [e.hashes() for e in entries] == [HASHES, HASHES[:1]]
    store.close()
