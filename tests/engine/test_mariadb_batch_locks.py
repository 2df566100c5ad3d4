"""The premise of sweeping masking-only tables on several MariaDB connections
(`waarborg.retention.pipeline.connections_for`), checked on the live server: at READ COMMITTED, an
UPDATE of one key range passes the first row of the next range while another transaction holds it
(InnoDB's semi-consistent read), where a DELETE or a locking read of the same range waits for it.
If a server version changed that, batches side by side would wait on each other and this fails."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import OperationalError

pytestmark = pytest.mark.mariadb

STATEMENTS = {
    "update": "UPDATE people SET remarks = 'erased' WHERE id > 0 AND id <= 4",
    "delete": "DELETE FROM people WHERE id > 0 AND id <= 4",
    "locking read": "SELECT count(*) FROM (SELECT id FROM people WHERE id > 0 AND id <= 4 FOR UPDATE) AS locked",
}


@pytest.fixture
def holder_and_batch(fresh_mariadb_url: str) -> Iterator[tuple[Connection, Connection]]:
    """Two READ COMMITTED connections to a table of 8 rows; the first holds rows 5-8 (the next
    batch, changed and not committed); the second gives up a lock wait after 1 second."""
    engine = create_engine(fresh_mariadb_url, isolation_level="READ COMMITTED")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE people (id INTEGER PRIMARY KEY, remarks VARCHAR(40))"))
        conn.execute(text("INSERT INTO people VALUES (1,'a'),(2,'b'),(3,'c'),(4,'d'),(5,'e'),(6,'f'),(7,'g'),(8,'h')"))
    holder, batch = engine.connect(), engine.connect()
    batch.exec_driver_sql("SET SESSION innodb_lock_wait_timeout = 1")
    batch.commit()
    holder.begin()
    holder.execute(text("UPDATE people SET remarks = 'next batch' WHERE id > 4 AND id <= 8"))
    yield holder, batch
    batch.close()
    holder.rollback()
    holder.close()
    engine.dispose()


def _waits(batch: Connection, statement: str) -> bool:
    batch.begin()
    try:
        batch.execute(text(statement))
    except OperationalError as error:
        assert "Lock wait timeout" in str(error)
        return True
    finally:
        batch.rollback()
    return False


def test_an_update_of_one_range_passes_the_next_ranges_locked_first_row(
    holder_and_batch: tuple[Connection, Connection],
) -> None:
    _holder, batch = holder_and_batch
    assert not _waits(batch, STATEMENTS["update"])


@pytest.mark.parametrize("kind", ["delete", "locking read"])
def test_a_delete_or_a_locking_read_of_one_range_waits_for_the_next_ranges_first_row(
    holder_and_batch: tuple[Connection, Connection], kind: str
) -> None:
    _holder, batch = holder_and_batch
    assert _waits(batch, STATEMENTS[kind])
