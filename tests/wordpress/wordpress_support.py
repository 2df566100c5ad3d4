"""What the WordPress tests share: the example register, its environment variable, and reading
WordPress' tables back by primary key."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text

from wordpress_schema import WordPressSite, fill_site

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "wordpress" / "waarborg.yaml"
URL_ENV = "WAARBORG_WORDPRESS_URL"
ERASURE_KEY = "k" * 40
PRIMARY_KEYS = {"wp_users": "ID", "wp_usermeta": "umeta_id", "wp_posts": "ID", "wp_comments": "comment_ID"}


def read_rows(url: str, table: str) -> dict[object, dict[str, object]]:
    """Every row of a WordPress table by its primary key, as the database holds it now."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(text(f"SELECT * FROM {table}"))]
    finally:
        engine.dispose()
    return {row[PRIMARY_KEYS[table]]: row for row in rows}


def snapshot(url: str) -> dict[str, dict[object, dict[str, object]]]:
    """The four tables WordPress keeps people in."""
    return {table: read_rows(url, table) for table in PRIMARY_KEYS}


def restore_backup(url: str, site: WordPressSite) -> None:
    """Put WordPress' tables back as the site was first filled: a restored backup."""
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            for table in site.rows:
                conn.execute(text(f"DELETE FROM {table}"))
        fill_site(engine, site)
    finally:
        engine.dispose()

