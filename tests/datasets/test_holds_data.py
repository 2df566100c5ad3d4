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
)


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
