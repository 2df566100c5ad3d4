"""`waarborg erasure-traces` on MariaDB (issue 14): what the live server keeps of erased values.

Both branches for real: a server with the binary log off (the suite's usual one) and one with it
on (`mariadb_binlog_server`, ROW format, files kept three days), whose binlog files the tests read.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymysql
import pytest
from click.testing import Result
from engine_fixture import ENV_CRM, ENV_NEWSLETTER, NOW, REGISTER, build_crm, build_newsletter
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from mariadb_server import BINLOG_EXPIRE_SECONDS, MariaDbServer
from waarborg.cli.app import build_app
from waarborg.retention.mariadb_traces import history_length
from waarborg.retention.sweep import run_sweep
from waarborg.retention.traces import erasure_report
from waarborg.store.models import ErasureLedgerEntry
from waarborg.workspace import Workspace, open_workspace

pytestmark = pytest.mark.mariadb
ERASED = b"bram@example.nl"


def _workspace(server: MariaDbServer, tmp_path: Path) -> Workspace:
    crm, newsletter = server.create_database("crm"), server.create_database("newsletter")
    build_crm(crm)
    build_newsletter(newsletter)
    root = tmp_path / "ws"
    root.mkdir()
    shutil.copy(REGISTER, root / "waarborg.yaml")
    env = {ENV_CRM: crm, ENV_NEWSLETTER: newsletter, "WAARBORG_ERASURE_KEY": "k" * 40,
           "WAARBORG_DATABASE_URL": f"sqlite:///{tmp_path / 'state.sqlite'}"}
    return open_workspace(root / "waarborg.yaml", env)


@pytest.fixture
def plain_workspace(mariadb_server: MariaDbServer, tmp_path: Path) -> Iterator[Workspace]:
    workspace = _workspace(mariadb_server, tmp_path)
    yield workspace
    workspace.close()


@pytest.fixture
def binlog_workspace(mariadb_binlog_server: MariaDbServer, tmp_path: Path) -> Iterator[Workspace]:
    workspace = _workspace(mariadb_binlog_server, tmp_path)
    yield workspace
    workspace.close()


def _cli(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> Result:
    for name, value in workspace.env.items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(build_app(), ["erasure-traces", "--register", str(workspace.register_path)])


def _last_erased(workspace: Workspace, system: str) -> datetime:
    with workspace.store.session() as session:
        query = select(func.max(ErasureLedgerEntry.erased_at)).where(ErasureLedgerEntry.system == system)
        moment = session.execute(query).scalar_one()
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


def _binlog_bytes(server: MariaDbServer) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(server.root.glob("binlog.[0-9]*")))


def _variable(server: MariaDbServer, name: str) -> str:
    conn = pymysql.connect(host="127.0.0.1", port=server.port, user=server.user)
    try:
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT @@GLOBAL.{name}")
            return str(cursor.fetchone()[0])
    finally:
        conn.close()


def test_with_the_binary_log_off_nothing_waits_for_binlog_files(
    plain_workspace: Workspace, mariadb_server: MariaDbServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_sweep(plain_workspace, now=NOW)
    servers = erasure_report(plain_workspace, datetime.now(UTC)).servers
    assert [(server.system, server.binary_log.on) for server in servers] == [("crm", False), ("newsletter", False)]
    server = servers[0]
    assert server.scrubbing is (_variable(mariadb_server, "innodb_immediate_scrub_data_uncompressed") == "1")
    result = _cli(plain_workspace, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "crm: binary log OFF: no binlog file holds the erased values" in result.output
    assert "newsletter: binary log OFF" in result.output
    assert "crm.persons: InnoDB purges old row versions itself" in result.output
    assert re.search(r"crm: InnoDB history list length \d+ undo log record\(s\) not yet purged", result.output)
    assert "innodb_immediate_scrub_data_uncompressed OFF" in result.output  # the test server's default


def test_with_the_binary_log_on_the_erasure_waits_for_its_files_to_expire_or_be_purged(
    binlog_workspace: Workspace, mariadb_binlog_server: MariaDbServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_sweep(binlog_workspace, now=NOW)
    assert ERASED in _binlog_bytes(mariadb_binlog_server)  # really there: the row images of the sweep
    report = erasure_report(binlog_workspace, datetime.now(UTC))
    crm = next(server for server in report.servers if server.system == "crm")
    assert (crm.binary_log.on, crm.binary_log.format, crm.binary_log.row_image) == (True, "ROW", "FULL")
    assert crm.binary_log.expire_seconds == BINLOG_EXPIRE_SECONDS
    expires = _last_erased(binlog_workspace, "crm") + timedelta(seconds=BINLOG_EXPIRE_SECONDS)
    assert crm.binlog_expires == expires
    result = _cli(binlog_workspace, monkeypatch)
    assert result.exit_code == 1, result.output
    assert f"stays in its binlog files until {expires:%Y-%m-%d %H:%M} UTC" in result.output
    assert "FLUSH BINARY LOGS; PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 SECOND;" in result.output
    assert "2 server(s) keep the erased values in binary log files" in result.output
    # What the command tells to run does remove them: only the new file is left. A file InnoDB
    # still needs for crash recovery stays until its next checkpoint (a second here): run it again.
    mariadb_binlog_server.execute("FLUSH BINARY LOGS")
    deadline = time.monotonic() + 30
    while ERASED in _binlog_bytes(mariadb_binlog_server) and time.monotonic() < deadline:
        mariadb_binlog_server.execute("PURGE BINARY LOGS BEFORE NOW() + INTERVAL 1 SECOND")
        time.sleep(0.5)
    assert ERASED not in _binlog_bytes(mariadb_binlog_server)


def test_the_binlog_decision_follows_the_servers_expiry_setting(
    binlog_workspace: Workspace, mariadb_binlog_server: MariaDbServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_sweep(binlog_workspace, now=NOW)
    try:
        mariadb_binlog_server.execute("SET GLOBAL binlog_expire_logs_seconds = 60")
        later = erasure_report(binlog_workspace, datetime.now(UTC) + timedelta(seconds=61))
        assert [server.binlog_holds_erasures(later.now) for server in later.servers] == [False, False]
        assert later.clear
        mariadb_binlog_server.execute("SET GLOBAL binlog_expire_logs_seconds = 0")  # never expire
        never = erasure_report(binlog_workspace, datetime.now(UTC) + timedelta(days=3650))
        assert not never.clear and all(server.binlog_expires is None for server in never.servers)
        result = _cli(binlog_workspace, monkeypatch)
        assert result.exit_code == 1 and "files never expire" in result.output and "until they are purged" in (
            result.output)
    finally:
        mariadb_binlog_server.execute(f"SET GLOBAL binlog_expire_logs_seconds = {BINLOG_EXPIRE_SECONDS}")


def test_a_system_versioned_table_keeps_erased_values_until_delete_history(
    plain_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = plain_workspace.connections().engine("crm")
    with engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE persons ADD SYSTEM VERSIONING")
    run_sweep(plain_workspace, now=NOW)
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT count(*) FROM persons FOR SYSTEM_TIME ALL WHERE email = :e"),
                            {"e": ERASED.decode()}).scalar()
        history = conn.execute(text("SELECT (SELECT count(*) FROM persons FOR SYSTEM_TIME ALL) - "
                                    "(SELECT count(*) FROM persons)")).scalar()
    assert kept == 1 and history == 3  # bram, dirk and eva: their old rows, addresses included
    persons = next(t for t in erasure_report(plain_workspace, datetime.now(UTC)).tables if t.table == "persons")
    assert persons.history_rows == 3 and persons.keeps_history
    result = _cli(plain_workspace, monkeypatch)
    assert result.exit_code == 1, result.output
    assert "crm.persons: system-versioned, 3 history row(s) keep old row versions" in result.output
    assert "run DELETE HISTORY FROM persons;" in result.output
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE HISTORY FROM persons")
    after = _cli(plain_workspace, monkeypatch)
    assert after.exit_code == 0, after.output
    assert "crm.persons: system-versioned, no history rows" in after.output


def test_the_history_list_length_is_the_servers_own_backlog(plain_workspace: Workspace) -> None:
    engine = plain_workspace.connections().engine("crm")
    reader = engine.connect()
    reader.exec_driver_sql("START TRANSACTION WITH CONSISTENT SNAPSHOT")  # purge must keep old versions
    try:
        for n in range(8):  # eight committed transactions, each leaving an undo log
            with engine.begin() as conn:
                conn.execute(text("UPDATE persons SET phone = :p WHERE id = 1"), {"p": f"06{n:08d}"})
        with engine.connect() as conn:
            length = history_length(conn)
        assert length is not None and length >= 8
    finally:
        reader.rollback()
        reader.close()


def test_the_information_lines_follow_the_servers_own_settings(
    plain_workspace: Workspace, mariadb_server: MariaDbServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_sweep(plain_workspace, now=NOW)
    try:
        mariadb_server.execute("SET GLOBAL innodb_immediate_scrub_data_uncompressed = ON")
        mariadb_server.execute("SET GLOBAL general_log = ON")
        result = _cli(plain_workspace, monkeypatch)
    finally:
        mariadb_server.execute("SET GLOBAL general_log = OFF")
        mariadb_server.execute("SET GLOBAL innodb_immediate_scrub_data_uncompressed = OFF")
    assert result.exit_code == 0, result.output  # information, not a decision
    assert "innodb_immediate_scrub_data_uncompressed OFF" not in result.output
    assert "crm: general_log ON: statements are logged as text" in result.output
    assert "slow_query_log" not in result.output


def test_without_the_process_privilege_the_history_list_is_not_exposed(
    mariadb_server: MariaDbServer, plain_workspace: Workspace
) -> None:
    database = plain_workspace.env[ENV_CRM].rsplit("/", 1)[1].split("?")[0]
    mariadb_server.execute("CREATE USER IF NOT EXISTS 'wb_plain'@'127.0.0.1'")
    mariadb_server.execute(f"GRANT SELECT ON `{database}`.* TO 'wb_plain'@'127.0.0.1'")
    url = plain_workspace.env[ENV_CRM].replace("//root@", "//wb_plain@")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert history_length(conn) is None
    finally:
        engine.dispose()
    with plain_workspace.connections().engine("crm").connect() as conn:
        assert history_length(conn) is not None  # root has it
