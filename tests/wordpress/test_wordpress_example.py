"""examples/wordpress loads, passes every check, and binds cleanly to WordPress' real tables."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner
from wordpress_support import EXAMPLE, URL_ENV, read_rows

from waarborg.cli.app import build_app
from waarborg.datasets.connect import connect
from waarborg.datasets.inspect import verify_bindings
from waarborg.datasets.search_indexes import create_search_indexes, missing_search_indexes
from waarborg.register import dump_register, load_register, parse_register
from waarborg.register.retention import Period
from waarborg.rules import run_checks
from wordpress_schema import WordPressSite


def test_wordpress_register_loads_and_survives_a_dump_and_reload() -> None:
    register = load_register(EXAMPLE)
    assert register.reference_problems() == []
    assert parse_register(dump_register(register), name="wordpress-dumped") == register
    for key, activity in register.activities.items():
        assert all(t.nl and t.en for t in [activity.name, *activity.purposes]), key


def test_wordpress_register_passes_every_rule() -> None:
    assert [f"{f.severity} {f.rule} {f.path}" for f in run_checks(load_register(EXAMPLE))] == []


def test_commenters_ip_address_is_kept_six_months_and_published_text_survives_erasure() -> None:
    register = load_register(EXAMPLE)
    rule = register.activities["spam_protection"].retention
    assert rule is not None and (rule.period, rule.from_event) == (Period(value=6, unit="months"), "recorded")
    comments = register.systems["website"].database.tables["wp_comments"]  # type: ignore[union-attr]
    assert comments.events == {"recorded": "comment_date_gmt"}
    assert comments.columns["comment_author_IP"].activities == ["spam_protection"]
    assert comments.columns["comment_content"].activities == ["publication"]
    assert register.activities["publication"].keeps_after_erasure == "expression"
    assert register.activities["comments"].keeps_after_erasure is None


def test_wordpress_binding_matches_the_live_tables_without_findings(wp_url: str, wp_site: WordPressSite) -> None:
    register = load_register(EXAMPLE)
    connections = connect(register, {URL_ENV: wp_url})
    try:
        findings = verify_bindings(register, connections)
    finally:
        connections.close()
    assert [f"{f.severity} {f.rule}: {f.message_en}" for f in findings] == []


def test_waarborg_check_on_the_example_and_the_live_site_is_clean(
    wp_url: str, wp_site: WordPressSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(URL_ENV, wp_url)
    result = CliRunner().invoke(build_app(), ["check", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 errors, 0 warnings, 0 infos")


def test_waarborg_index_fills_the_four_lookups_wordpress_leaves_unindexed(
    wp_url: str, wp_site: WordPressSite
) -> None:
    register = load_register(EXAMPLE)
    connections = connect(register, {URL_ENV: wp_url})
    before = read_rows(wp_url, "wp_users")
    try:
        created = create_search_indexes(register, connections)
        assert sorted((m.lookup.table, m.lookup.column, m.lookup.normalised) for m in created) == [
            ("wp_comments", "comment_author_email", True), ("wp_comments", "user_id", False),
            ("wp_links", "link_owner", False), ("wp_users", "user_email", True)]
        assert list(missing_search_indexes(register, connections)) == []
        assert verify_bindings(register, connections) == []  # an index's helper column is no unbound data
    finally:
        connections.close()
    assert read_rows(wp_url, "wp_users") == before  # WordPress' SELECT * sees the same columns and rows
