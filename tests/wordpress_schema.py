"""WordPress' own tables, created at test time from the schema WordPress ships (test support).

Waarborg must work on schemas nobody here wrote. Debian's `wordpress` package ships
`wp-admin/includes/schema.php`, whose `wp_get_db_schema()` builds the CREATE TABLE statements
WordPress runs at installation. This module reads that file when a test runs — nothing of
WordPress is copied into the repository — and:

- `single_site_statements` extracts the single-site schema (the 'global' part: users and
  usermeta; the 'blog' part: posts, postmeta, comments, commentmeta, options, terms, links, ...)
  and substitutes the PHP variables as WordPress does (`$wpdb->prefix` is `wp_`,
  `$charset_collate` the utf8mb4 collation, `$max_index_length` 191);
- `sqlite_statements` translates one of them for SQLite: sqlglot parses the MySQL DDL, and the
  few constructs SQLite lacks are rewritten by hand (inline `KEY` / `UNIQUE KEY` become
  `CREATE INDEX`, prefix lengths are dropped, the `auto_increment` key becomes SQLite's
  `INTEGER PRIMARY KEY`, unsigned integers become signed, the table options go);
- `create_schema` creates the tables on a database: on MariaDB/MySQL exactly as WordPress
  writes them, on SQLite translated;
- `fill_site` fills them with a seeded synthetic Dutch site (Faker nl_NL): users with their
  meta (names, nickname, webshop billing fields), posts by some of them, comments by registered
  users and by guests with name, e-mail, URL and IP address.

Where the file is absent, `schema_php_text` skips the test loudly (CI installs `wordpress`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlglot
from faker import Faker
from sqlalchemy import Engine, create_engine, insert
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlglot import exp

SCHEMA_PHP = Path("/usr/share/wordpress/wp-admin/includes/schema.php")
SKIP_REASON = (
    "WORDPRESS TESTS SKIPPED: {path} is absent; install Debian's wordpress package "
    "(apt-get install wordpress), as .ci/run does"
)
PREFIX = "wp_"
CHARSET_COLLATE = "DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci"
MAX_INDEX_LENGTH = "191"
# The PHP variables holding the single-site schema: wp_get_db_schema('global') without multisite
# is $users_single_table . $usermeta_table; wp_get_db_schema('blog') is $blog_tables.
SINGLE_SITE_PARTS = ("users_single_table", "usermeta_table", "blog_tables")
WP_TIME = "%Y-%m-%d %H:%M:%S"  # how WordPress writes DATETIME values

_UNSIGNED = {
    exp.DataType.Type.UBIGINT: "BIGINT",
    exp.DataType.Type.UINT: "INT",
    exp.DataType.Type.UMEDIUMINT: "MEDIUMINT",
    exp.DataType.Type.USMALLINT: "SMALLINT",
    exp.DataType.Type.UTINYINT: "TINYINT",
}


class SchemaTranslationError(ValueError):
    """schema.php holds a construct the SQLite translation does not know: fail, never guess."""


def schema_php_text(path: Path = SCHEMA_PHP) -> str:
    """The text of schema.php; skips the calling test loudly when the file is absent."""
    if not path.is_file():
        pytest.skip(SKIP_REASON.format(path=path))
    return path.read_text(encoding="utf-8")


def php_string(php: str, variable: str) -> str:
    """The double-quoted string assigned to `$variable` in PHP source, escapes resolved."""
    found = re.search(r"\$" + re.escape(variable) + r'\s*=\s*"(.*?)";\s*\n', php, re.S)
    if found is None:
        raise SchemaTranslationError(f"schema.php: no string assigned to ${variable}")
    return found.group(1).replace("\\n", "\n").replace("\\t", "\t")


def substitute(sql: str, prefix: str = PREFIX) -> str:
    """Replace the PHP variables wp_get_db_schema() interpolates, as WordPress does."""
    sql = re.sub(r"\$wpdb->(\w+)", lambda m: prefix + m.group(1), sql)
    sql = sql.replace("$charset_collate", CHARSET_COLLATE).replace("$max_index_length", MAX_INDEX_LENGTH)
    leftover = re.search(r"\$\w+", sql)
    if leftover:
        raise SchemaTranslationError(f"schema.php: unknown PHP variable {leftover.group(0)} in the SQL")
    return sql


def single_site_statements(php: str) -> list[str]:
    """The CREATE TABLE statements of a single-site WordPress, in MySQL's dialect."""
    sql = substitute("".join(php_string(php, part) for part in SINGLE_SITE_PARTS))
    return [statement.strip() for statement in sql.split(";") if statement.strip()]


def table_name(statement: str) -> str:
    """The table a CREATE TABLE statement creates."""
    found = re.match(r"CREATE TABLE\s+(\w+)", statement)
    if found is None:
        raise SchemaTranslationError(f"not a CREATE TABLE statement: {statement[:60]!r}")
    return found.group(1)


# --- MySQL -> SQLite ------------------------------------------------------------------------


def _column_name(part: exp.Expression) -> str:
    # A KEY lists plain columns or prefixes `meta_key(191)`: SQLite indexes whole values.
    if isinstance(part, exp.ColumnPrefix | exp.Column | exp.Identifier):
        return str(part.this.name if isinstance(part.this, exp.Identifier) else part.name)
    raise SchemaTranslationError(f"unexpected index part {part.sql('mysql')!r}")


def _index(table: str, name: str, parts: Iterable[exp.Expression], unique: bool) -> str:
    columns = ", ".join(_column_name(part) for part in parts)
    return f"CREATE {'UNIQUE ' if unique else ''}INDEX {table}__{name} ON {table} ({columns})"


def _is_auto_increment(column: exp.ColumnDef) -> bool:
    return any(isinstance(c.kind, exp.AutoIncrementColumnConstraint) for c in column.constraints)


def _sqlite_column(column: exp.ColumnDef, primary_key: list[str]) -> exp.ColumnDef:
    kind = column.args["kind"]
    if kind.this in _UNSIGNED:
        column.set("kind", exp.DataType.build(_UNSIGNED[kind.this]))
    elif kind.this in exp.DataType.INTEGER_TYPES:
        column.set("kind", exp.DataType.build(kind.this.value))  # INT(11): a display width, no meaning here
    if _is_auto_increment(column):
        if primary_key != [column.name]:
            raise SchemaTranslationError(f"auto_increment column {column.name} is not the whole primary key")
        # SQLite's INTEGER PRIMARY KEY is the rowid: it numbers new rows as auto_increment does.
        column.set("kind", exp.DataType.build("INTEGER"))
        kept = [c for c in column.constraints if not isinstance(c.kind, exp.AutoIncrementColumnConstraint)]
        column.set("constraints", [*kept, exp.ColumnConstraint(kind=exp.PrimaryKeyColumnConstraint())])
    return column


def sqlite_statements(mysql_create: str) -> list[str]:
    """One WordPress CREATE TABLE translated for SQLite: the table, then its indexes."""
    tree = sqlglot.parse_one(mysql_create, read="mysql")
    if not isinstance(tree, exp.Create) or not isinstance(tree.this, exp.Schema):
        raise SchemaTranslationError(f"not a CREATE TABLE statement: {mysql_create[:60]!r}")
    schema, table = tree.this, tree.this.this.name
    keys = [p for p in schema.expressions if isinstance(p, exp.PrimaryKey)]
    primary_key = [_column_name(part) for key in keys for part in key.expressions]
    columns, indexes, table_keys = [], [], []
    for part in schema.expressions:
        if isinstance(part, exp.ColumnDef):
            columns.append(_sqlite_column(part, primary_key))
        elif isinstance(part, exp.IndexColumnConstraint) and not part.args.get("kind"):  # a plain KEY
            indexes.append(_index(table, part.this.name, part.expressions, unique=False))
        elif isinstance(part, exp.UniqueColumnConstraint) and isinstance(part.this, exp.Schema):
            indexes.append(_index(table, part.this.this.name, part.this.expressions, unique=True))
        elif isinstance(part, exp.PrimaryKey):
            table_keys.append(part)
        else:
            raise SchemaTranslationError(f"{table}: unexpected table element {part.sql('mysql')!r}")
    inline = any(_has_inline_key(c) for c in columns)
    schema.set("expressions", [*columns, *([] if inline else table_keys)])
    tree.set("properties", None)  # CHARACTER SET / COLLATE: SQLite text is UTF-8 already
    return [tree.sql(dialect="sqlite"), *indexes]


def _has_inline_key(column: exp.ColumnDef) -> bool:
    return any(isinstance(c.kind, exp.PrimaryKeyColumnConstraint) for c in column.constraints)


def create_schema(engine: Engine, php: str) -> list[str]:
    """Create the single-site WordPress tables; returns their names."""
    statements = single_site_statements(php)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        for statement in statements:
            for sql in sqlite_statements(statement) if sqlite else [statement]:
                conn.exec_driver_sql(sql)
    return [table_name(statement) for statement in statements]


# --- a synthetic Dutch site -----------------------------------------------------------------


@dataclass
class WordPressSite:
    """What `fill_site` inserted, table by table, as the rows themselves (tests derive counts here)."""

    now: datetime
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> dict[str, Any]:
        self.rows.setdefault(PREFIX + table, []).append(row)
        return row

    def table(self, name: str) -> list[dict[str, Any]]:
        return self.rows.get(PREFIX + name, [])

    def user(self, email: str) -> dict[str, Any]:
        return next(u for u in self.table("users") if u["user_email"] == email)

    def comments_by(self, email: str) -> list[dict[str, Any]]:
        """Comments carrying this e-mail (any capitals, stray spaces) or made by its account."""
        wanted = email.strip().lower()
        ids = {u["ID"] for u in self.table("users") if u["user_email"].strip().lower() == wanted}
        return [c for c in self.table("comments")
                if c["comment_author_email"].strip().lower() == wanted or c["user_id"] in ids]


def _wp_time(moment: datetime) -> str:
    return moment.strftime(WP_TIME)


class _SiteBuilder:
    """Draws the site's people and texts from one seeded Faker, so a seed gives the same site."""

    def __init__(self, seed: int, now: datetime):
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.rng = random.Random(seed)
        self.site = WordPressSite(now=now)
        self.ids: dict[str, int] = {}
        self.roles: dict[int, str] = {}

    def next_id(self, table: str) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        return self.ids[table]

    def moment(self, days_back: int) -> datetime:
        return self.site.now - timedelta(days=days_back, seconds=self.rng.randrange(86_400))

    def user(self, first: str, last: str, email: str, role: str, customer: bool, days_back: int) -> dict[str, Any]:
        uid = self.next_id("users")
        login = re.sub(r"[^a-z0-9]", "", f"{first}{last}".lower())[:50] + str(uid)
        self.roles[uid] = role
        row = self.site.add("users", {
            "ID": uid, "user_login": login, "user_pass": "$P$B" + self.fake.pystr(min_chars=31, max_chars=31),
            "user_nicename": login, "user_email": email, "user_url": "", "user_activation_key": "",
            "user_registered": _wp_time(self.moment(days_back)), "user_status": 0,
            "display_name": f"{first} {last}",
        })
        meta = {"nickname": login, "first_name": first, "last_name": last, "description": "",
                "wp_capabilities": f'a:1:{{s:{len(role)}:"{role}";b:1;}}'}
        if customer:
            meta |= {"billing_first_name": first, "billing_last_name": last,
                     "billing_address_1": self.fake.street_address(), "billing_postcode": self.fake.postcode(),
                     "billing_city": self.fake.city(), "billing_country": "NL",
                     "billing_phone": self.fake.phone_number(), "billing_email": email}
        for key, value in meta.items():
            self.site.add("usermeta", {"umeta_id": self.next_id("usermeta"), "user_id": uid,
                                       "meta_key": key, "meta_value": value})
        return row

    def post(self, author: dict[str, Any], days_back: int) -> dict[str, Any]:
        pid, when = self.next_id("posts"), self.moment(days_back)
        title = self.fake.sentence(nb_words=5).rstrip(".")
        row = self.site.add("posts", {
            "ID": pid, "post_author": author["ID"], "post_date": _wp_time(when + timedelta(hours=1)),
            "post_date_gmt": _wp_time(when), "post_content": self.fake.paragraph(nb_sentences=6),
            "post_title": title, "post_excerpt": "", "post_status": "publish", "comment_status": "open",
            "ping_status": "open", "post_password": "", "post_name": f"bericht-{pid}", "to_ping": "",
            "pinged": "", "post_modified": _wp_time(when + timedelta(hours=1)), "post_modified_gmt": _wp_time(when),
            "post_content_filtered": "", "post_parent": 0, "guid": f"https://www.vereniging.example/?p={pid}",
            "menu_order": 0, "post_type": "post", "post_mime_type": "", "comment_count": 0,
        })
        self.site.add("postmeta", {"meta_id": self.next_id("postmeta"), "post_id": pid,
                                   "meta_key": "_edit_last", "meta_value": str(author["ID"])})
        return row

    def comment(self, post: dict[str, Any], author: dict[str, Any] | None, guest: tuple[str, str, str],
                days_back: int, ip: str | None = None) -> dict[str, Any]:
        cid, when = self.next_id("comments"), self.moment(days_back)
        name, email, url = (author["display_name"], author["user_email"], "") if author else guest
        post["comment_count"] += 1
        row = self.site.add("comments", {
            "comment_ID": cid, "comment_post_ID": post["ID"], "comment_author": name,
            "comment_author_email": email, "comment_author_url": url,
            "comment_author_IP": ip or self.fake.ipv4_public(), "comment_date": _wp_time(when + timedelta(hours=1)),
            "comment_date_gmt": _wp_time(when), "comment_content": self.fake.paragraph(nb_sentences=3),
            "comment_karma": 0, "comment_approved": "1", "comment_agent": self.fake.user_agent(),
            "comment_type": "comment", "comment_parent": 0, "user_id": author["ID"] if author else 0,
        })
        self.site.add("commentmeta", {"meta_id": self.next_id("commentmeta"), "comment_id": cid,
                                      "meta_key": "akismet_result", "meta_value": "false"})
        return row

    def guest(self) -> tuple[str, str, str]:
        first, last = self.fake.first_name(), self.fake.last_name()
        email = f"{re.sub(r'[^a-z]', '', first.lower())}.{self.next_id('guest')}@lezer.example"
        url = self.fake.url() if self.rng.random() < 0.3 else ""
        return f"{first} {last}", email, url


# Two people every test can name: a registered author and webshop customer who also comments,
# and a guest who commented twice (once with her address typed in capitals), long ago and lately.
JAN = "jan.jansen@vereniging.example"
FENNA = "fenna.devries@lezer.example"
OLD_DAYS, RECENT_DAYS = 400, 20  # comment ages around the six months after which IP addresses go


def build_site(seed: int = 14, now: datetime = datetime(2026, 6, 1, 12), people: int = 24) -> WordPressSite:
    """A seeded synthetic site: an administrator, authors, customers, subscribers and guests."""
    b = _SiteBuilder(seed, now)
    admin = b.user("Beheer", "Vereniging", "beheer@vereniging.example", "administrator", False, 1500)
    jan = b.user("Jan", "Jansen", JAN, "author", True, 1200)
    crowd = [b.user(b.fake.first_name(), b.fake.last_name(), f"lid{i}@vereniging.example",
                    b.rng.choice(["author", "subscriber", "customer"]), b.rng.random() < 0.5, b.rng.randrange(900))
             for i in range(people)]
    authors = [admin, jan] + [u for u in crowd if b.roles[u["ID"]] == "author"][:4]
    posts = [b.post(a, b.rng.randrange(30, 700)) for a in authors for _ in range(2)]
    b.comment(posts[0], jan, ("", "", ""), OLD_DAYS, ip="192.0.2.17")
    b.comment(posts[-1], jan, ("", "", ""), RECENT_DAYS, ip="2001:db8::17")
    b.comment(posts[1], None, ("Fenna de Vries", "Fenna.DeVries@Lezer.example ", ""), OLD_DAYS, ip="198.51.100.4")
    b.comment(posts[2], None, ("Fenna de Vries", FENNA, "https://fenna.example"), RECENT_DAYS, ip="198.51.100.5")
    for post in posts:
        for _ in range(b.rng.randrange(6)):
            registered = b.rng.random() < 0.4
            author = b.rng.choice(crowd) if registered else None
            b.comment(post, author, b.guest(), b.rng.randrange(1, 700))
    b.site.add("links", {"link_id": 1, "link_url": "https://www.utrecht.example", "link_name": "Gemeente Utrecht",
                         "link_image": "", "link_target": "", "link_description": "", "link_visible": "Y",
                         "link_owner": admin["ID"], "link_rating": 0, "link_updated": _wp_time(now),
                         "link_rel": "", "link_notes": "", "link_rss": ""})
    for key, value in {"siteurl": "https://www.vereniging.example", "blogname": "Vereniging De Linde",
                       "admin_email": "beheer@vereniging.example", "users_can_register": "1"}.items():
        b.site.add("options", {"option_id": b.next_id("options"), "option_name": key, "option_value": value,
                               "autoload": "yes"})
    return b.site


def fill_site(engine: Engine, site: WordPressSite) -> None:
    """Insert the site's rows; values go as WordPress writes them (DATETIME as 'Y-m-d H:i:s' text)."""
    with engine.begin() as conn:
        for name, rows in site.rows.items():
            target = sql_table(name, *(sql_column(c) for c in rows[0]))
            conn.execute(insert(target), rows)


def create_site(url: str, seed: int = 14, now: datetime = datetime(2026, 6, 1, 12)) -> WordPressSite:
    """Create WordPress' tables from schema.php on the database at `url` and fill them."""
    php = schema_php_text()
    engine = create_engine(url)
    try:
        create_schema(engine, php)
        site = build_site(seed, now)
        fill_site(engine, site)
    finally:
        engine.dispose()
    return site
