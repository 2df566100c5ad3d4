"""`holds_data` (Python) and `pending` (SQL) agree on every value: a request's report counts
exactly the rows its masking statement changes."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from waarborg.datasets.erase import PSEUDONYM_PREFIX, holds_data, pending
from waarborg.register.binding import ErasureStrategy, FixedText

pytestmark = pytest.mark.org_engines  # the organisation's databases: SQLite, PostgreSQL and MariaDB

STRATEGIES: list[ErasureStrategy] = ["null", "delete", "hash", "pseudonym", "keep", FixedText(fixed="[verwijderd]")]
HEX = "0123456789abcdef"
VALUES = st.one_of(
    st.none(),
    st.text(max_size=70),
    st.text(alphabet=HEX, min_size=63, max_size=65),  # hash-shaped, or one digit off
    st.text(alphabet=HEX + "ABCDEF", min_size=64, max_size=64),
    st.text(alphabet=HEX, min_size=15, max_size=17).map(lambda digits: PSEUDONYM_PREFIX + digits),
    st.just("[verwijderd]"),
    # equal to the fixed text under MariaDB's case- and accent-insensitive, space-padding collations
    st.sampled_from(["[VERWIJDERD]", "[Verwijderd]", "[verwìjderd]", "[verwijderd] ", "[verwijderd]  "]),
)
# MariaDB/MySQL collations an organisation's columns commonly have (WordPress: utf8mb4_unicode_ci).
COLLATIONS = ["utf8mb4_general_ci", "utf8mb4_unicode_ci", "utf8mb4_unicode_520_ci", "utf8mb4_uca1400_ai_ci",
              "utf8mb4_bin", "latin1_swedish_ci"]
NEAR = ["[verwijderd]", "[VERWIJDERD]", "[vèrwijderd]", "[verwijderd] ", "psn-0123456789ABCDEF",
        "psn-0123456789abcdef", "psn-0123456789abcdef ", "a" * 64, "A" * 64, None]


@pytest.fixture
def engine(db_url: str) -> sa.Engine:
    return sa.create_engine(db_url)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_python_and_sql_agree_whether_a_value_still_holds_data(engine: sa.Engine, value: Any) -> None:
    if isinstance(value, str) and "\x00" in value:
        value = value.replace("\x00", "")  # PostgreSQL text cannot hold NUL
    column = sa.bindparam("value", value, type_=sa.String)
    with engine.connect() as conn:
        for strategy in STRATEGIES:
            in_sql = conn.execute(sa.select(sa.case((pending(conn.dialect.name, column, strategy), 1), else_=0)))
            assert bool(in_sql.scalar_one()) == holds_data(value, strategy), (value, strategy)


@pytest.mark.parametrize("db_kind", [pytest.param("mariadb", marks=pytest.mark.mariadb)], indirect=True)
@pytest.mark.parametrize("collation", COLLATIONS)
def test_on_mariadb_every_collation_agrees_with_python(engine: sa.Engine, collation: str) -> None:
    charset = collation.split("_", 1)[0]
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(80) CHARACTER SET {charset} "
                             f"COLLATE {collation})")
        conn.execute(sa.text("INSERT INTO t VALUES (:id, :v)"), [{"id": i, "v": v} for i, v in enumerate(NEAR)])
        table = sa.table("t", sa.column("id"), sa.column("v"))
        for strategy in STRATEGIES:
            query = sa.select(table.c.id).where(pending("mariadb", table.c.v, strategy))
            found = set(conn.execute(query).scalars())
            assert found == {i for i, v in enumerate(NEAR) if holds_data(v, strategy)}, (collation, strategy)
