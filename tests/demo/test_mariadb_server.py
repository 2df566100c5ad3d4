"""The MariaDB fixture starts a real server and hands out fresh, separate databases."""

from __future__ import annotations

import sqlalchemy as sa

from mariadb_server import MariaDbServer


def test_mariadb_url_connects_to_a_real_mariadb_server(mariadb_url: str) -> None:
    engine = sa.create_engine(mariadb_url)
    with engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version()")).scalar_one()
        charset = conn.execute(sa.text("SELECT @@character_set_database")).scalar_one()
    engine.dispose()
    assert "MariaDB" in version
    assert charset == "utf8mb4"


def test_fresh_mariadb_databases_are_separate_and_empty(fresh_mariadb_url: str, mariadb_url: str) -> None:
    assert fresh_mariadb_url != mariadb_url
    engine = sa.create_engine(mariadb_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE IF NOT EXISTS marker (value integer)"))
    engine.dispose()
    engine = sa.create_engine(fresh_mariadb_url)
    with engine.connect() as conn:
        tables = conn.execute(sa.text("SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"))
        assert tables.scalar_one() == 0
    engine.dispose()


def test_the_server_listens_on_loopback_only_with_fast_settings(mariadb_server: MariaDbServer) -> None:
    engine = sa.create_engine(mariadb_server.url("mysql"))
    with engine.connect() as conn:
        bind, port = conn.execute(sa.text("SELECT @@bind_address, @@port")).one()
        flush = conn.execute(sa.text("SELECT @@innodb_flush_log_at_trx_commit")).scalar_one()
    engine.dispose()
    assert (bind, port) == ("127.0.0.1", mariadb_server.port)
    assert flush == 0
    assert str(mariadb_server.data_dir).startswith(str(mariadb_server.root))
