"""The PostgreSQL fixture starts a real server and hands out fresh databases."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa


def test_pg_url_connects_to_a_real_postgresql_server(pg_url: str) -> None:
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        version = conn.execute(sa.text("SELECT version()")).scalar_one()
    engine.dispose()
    assert version.startswith("PostgreSQL")


def test_fresh_pg_databases_are_separate_and_empty(fresh_pg_url: str, pg_url: str) -> None:
    assert fresh_pg_url != pg_url
    engine = sa.create_engine(fresh_pg_url)
    with engine.connect() as conn:
        tables = conn.execute(sa.text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar_one()
    engine.dispose()
    assert tables == 0


def test_db_urls_gives_two_independent_databases_of_each_kind(db_urls: Callable[[str], str], db_kind: str) -> None:
    first, second = db_urls("crm"), db_urls("newsletter")
    assert first != second
    assert first.startswith("sqlite" if db_kind == "sqlite" else "postgresql+psycopg")
    for url, value in ((first, 1), (second, 2)):
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE marker (value integer)"))
            conn.execute(sa.text("INSERT INTO marker VALUES (:v)"), {"v": value})
        engine.dispose()
    engine = sa.create_engine(first)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT value FROM marker")).scalars().all() == [1]
    engine.dispose()
