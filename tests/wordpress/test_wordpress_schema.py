"""WordPress' own schema, read from Debian's schema.php at test time, on SQLite (test support checks)."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot
from sqlalchemy import create_engine, inspect, text
from sqlglot import exp

from wordpress_schema import (
    FENNA,
    JAN,
    SchemaTranslationError,
    build_site,
    create_site,
    schema_php_text,
    single_site_statements,
    sqlite_statements,
    substitute,
    table_name,
)

SINGLE_SITE_TABLES = {
    "wp_users", "wp_usermeta", "wp_termmeta", "wp_terms", "wp_term_taxonomy", "wp_term_relationships",
    "wp_commentmeta", "wp_comments", "wp_links", "wp_options", "wp_postmeta", "wp_posts",
}


@pytest.fixture(scope="module")
def statements() -> list[str]:
    return single_site_statements(schema_php_text())


def _mysql_columns(statement: str) -> list[str]:
    tree = sqlglot.parse_one(statement, read="mysql")
    return [c.name for c in tree.find_all(exp.ColumnDef)]


def test_the_single_site_schema_has_wordpress_tables_and_no_php_left(statements: list[str]) -> None:
    assert {table_name(s) for s in statements} == SINGLE_SITE_TABLES
    assert not any("$" in s for s in statements)
    comments = next(s for s in statements if table_name(s) == "wp_comments")
    assert "comment_author_IP varchar(100)" in comments
    assert "utf8mb4_unicode_520_ci" in comments and "comment_author_email(10)" in comments


def test_every_table_is_created_on_sqlite_with_its_columns_keys_and_indexes(
    statements: list[str], tmp_path: Path
) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'wp.sqlite'}")
    with engine.begin() as conn:
        for statement in statements:
            for sql in sqlite_statements(statement):
                conn.exec_driver_sql(sql)
    schema = inspect(engine)
    for statement in statements:
        name = table_name(statement)
        assert [c["name"] for c in schema.get_columns(name)] == _mysql_columns(statement), name
    assert schema.get_pk_constraint("wp_term_relationships")["constrained_columns"] == ["object_id", "term_taxonomy_id"]
    indexes = {i["name"]: i for i in schema.get_indexes("wp_usermeta")}
    assert indexes["wp_usermeta__meta_key"]["column_names"] == ["meta_key"]  # the (191) prefix dropped
    assert {i["name"]: i["unique"] for i in schema.get_indexes("wp_options")}["wp_options__option_name"] == 1
    with engine.begin() as conn:  # the auto_increment key numbers new rows, as on MySQL
        conn.execute(text("INSERT INTO wp_users (user_login) VALUES ('a'), ('b')"))
        assert conn.execute(text("SELECT ID FROM wp_users ORDER BY ID")).scalars().all() == [1, 2]
    engine.dispose()


OWN_DDL = """CREATE TABLE t_demo (
  id bigint(20) unsigned NOT NULL auto_increment,
  code varchar(255) default NULL,
  n int(11) NOT NULL default '0',
  PRIMARY KEY  (id),
  UNIQUE KEY code_n (code, n),
  KEY code (code(191))
) DEFAULT CHARACTER SET utf8mb4"""


def test_translation_turns_keys_into_indexes_and_auto_increment_into_the_rowid() -> None:
    table, *indexes = sqlite_statements(OWN_DDL)
    assert table == (
        "CREATE TABLE t_demo (id INTEGER NOT NULL PRIMARY KEY, code TEXT(255) DEFAULT NULL, "
        "n INTEGER NOT NULL DEFAULT '0')"
    )
    assert indexes == ["CREATE UNIQUE INDEX t_demo__code_n ON t_demo (code, n)",
                       "CREATE INDEX t_demo__code ON t_demo (code)"]


@pytest.mark.parametrize("element", ["FULLTEXT KEY body (code)", "FOREIGN KEY (n) REFERENCES t_other (id)"])
def test_translation_refuses_what_it_does_not_know(element: str) -> None:
    ddl = OWN_DDL.replace("KEY code (code(191))", f"KEY code (code(191)),\n  {element}")
    with pytest.raises(SchemaTranslationError, match="t_demo: unexpected table element"):
        sqlite_statements(ddl)


def test_an_unknown_php_variable_is_an_error_not_left_in_the_sql() -> None:
    assert substitute("CREATE TABLE $wpdb->posts (x int) $charset_collate") == (
        "CREATE TABLE wp_posts (x int) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci")
    with pytest.raises(SchemaTranslationError, match=r"\$engine"):
        substitute("CREATE TABLE $wpdb->posts (x int) $engine")


def test_an_absent_schema_file_skips_loudly(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match=r"WORDPRESS TESTS SKIPPED: .*apt-get install wordpress"):
        schema_php_text(tmp_path / "schema.php")


def test_the_same_seed_gives_the_same_site_and_it_is_dutch() -> None:
    first, second = build_site(seed=3), build_site(seed=3)
    assert first.rows == second.rows
    assert first.rows != build_site(seed=4).rows
    meta = {m["meta_key"]: m["meta_value"] for m in first.table("usermeta") if m["user_id"] == first.user(JAN)["ID"]}
    assert meta["billing_country"] == "NL" and len(meta["billing_postcode"].replace(" ", "")) == 6
    guests = [c for c in first.table("comments") if c["user_id"] == 0]
    registered = [c for c in first.table("comments") if c["user_id"] != 0]
    assert guests and registered
    assert len(first.comments_by(FENNA)) == 2  # also the one typed "Fenna.DeVries@Lezer.example "


def test_the_site_lands_in_the_tables_row_for_row(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'wp.sqlite'}"
    site = create_site(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        for name, rows in site.rows.items():
            assert conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one() == len(rows), name
        ip = conn.execute(text("SELECT comment_author_IP FROM wp_comments WHERE comment_ID = 1")).scalar_one()
    engine.dispose()
    assert ip == site.table("comments")[0]["comment_author_IP"] == "192.0.2.17"
