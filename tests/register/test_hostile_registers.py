"""Hostile registers (issue 10 item 2): each is refused as file:line: path: message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from register_support import MINIMAL_REGISTER
from typer.testing import CliRunner

from waarborg.cli.app import build_app
from waarborg.register import RegisterError, load_register, parse_register
from waarborg.register.yamlguard import MAX_VALUES

FAN_OUT = "extra_a: &a [" + ", ".join(["x"] * 300) + "]\nextra_b: [" + ", ".join(["*a"] * 300) + "]\n"


def _edit(old: str, new: str) -> str:
    assert old in MINIMAL_REGISTER
    return MINIMAL_REGISTER.replace(old, new, 1)


HOSTILE = {
    "control character": (_edit("name: Vereniging De Proef", "name: Voor\x07beeld"), "r.yaml:4: character U+0007"),
    "impossible date": (_edit("date: 2026-01-15", "date: 2026-02-30"), "r.yaml:12: statement.date: '2026-02-30' is"),
    "impossible month": (_edit("date: 2026-01-15", "date: 2026-13-45"), "r.yaml:12: statement.date: '2026-13-45' is"),
    "impossible hour": (_edit("date: 2026-01-15", "date: 2026-01-15 25:00:00"), "r.yaml:12: statement.date: '2026-01"),
    "1,000 nested lists": (MINIMAL_REGISTER + "extra:\n  " + "- " * 1000 + "x\n", "r.yaml:44: extra[0]"),
    "1,000 nested flow lists": (MINIMAL_REGISTER + "extra: " + "[" * 1000 + "]" * 1000 + "\n", "r.yaml:43: "),
    "merge key in an activity": (
        _edit("  newsletter:\n", "  base: &n\n    legal_basis: consent\n  newsletter:\n    <<: *n\n"),
        "r.yaml:36: activities.newsletter: merge keys (<<) are not used",
    ),
    "complex key": (_edit("activities:\n", "activities:\n  ? [a, b]\n  : 1\n"), "r.yaml:25: activities: a key must be"),
    "5,000-digit integer": (
        _edit('version: "1.0"', "version: " + "9" * 5000),
        "r.yaml:11: statement.version: a number of more than 30 digits",
    ),
    "mapping merged into its own child": (
        _edit("controller:\n", "controller: &c\n  x:\n    <<: *c\n"),
        "r.yaml:5: controller.x: merge keys",
    ),
    "anchor defined twice": (
        _edit("subject_groups: [member]", "subject_groups: &g [member]").replace("[newsletter_subscriber]", "&g []"),
        "r.yaml:36: activities.newsletter.subject_groups: anchor &g is defined twice: also on line 28",
    ),
    "alias fan-out": (MINIMAL_REGISTER + FAN_OUT, f"r.yaml:44: extra_b[164]: more than {MAX_VALUES:,} values"),
}


@pytest.mark.parametrize(("source", "expected"), HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_register_is_refused_with_file_line_and_path(source: str, expected: str) -> None:
    with pytest.raises(RegisterError) as caught:
        parse_register(source, name="r.yaml")
    assert str(caught.value.problems[0]).startswith(expected), caught.value.problems


@pytest.mark.parametrize("case", ["impossible date", "complex key", "alias fan-out"])
def test_cli_refuses_hostile_register_with_exit_2_and_no_traceback(case: str, tmp_path: Path) -> None:
    register = tmp_path / "r.yaml"
    register.write_text(HOSTILE[case][0], encoding="utf-8")
    result = CliRunner().invoke(build_app(), ["check", str(register), "--no-live"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and f"{register}:" in result.output


def test_aliases_within_the_limit_still_load() -> None:
    shared = _edit("subject_groups: [member]", "subject_groups: &groups [member]")
    shared = shared.replace("subject_groups: [newsletter_subscriber]", "subject_groups: *groups")
    assert parse_register(shared).activities["newsletter"].subject_groups == ["member"]


def test_duplicate_activity_names_the_key_and_both_lines_not_the_activities() -> None:
    newsletter = MINIMAL_REGISTER[MINIMAL_REGISTER.index("  newsletter:") :]
    with pytest.raises(RegisterError) as caught:
        parse_register(MINIMAL_REGISTER + newsletter, name="r.yaml")
    assert str(caught.value) == "r.yaml:43: activities.newsletter: duplicate key 'newsletter': also on line 33"


def test_number_and_text_keys_are_not_duplicates() -> None:
    with pytest.raises(RegisterError) as caught:
        parse_register("1: a\n'1': b\n", name="r.yaml")
    assert "duplicate" not in str(caught.value)


def test_non_utf8_register_names_the_line_of_the_first_bad_byte(tmp_path: Path) -> None:
    register = tmp_path / "latin1.yaml"
    register.write_bytes(MINIMAL_REGISTER.replace("De Proef", "Café").encode("latin-1"))
    with pytest.raises(RegisterError) as caught:
        load_register(register)
    assert str(caught.value) == f"{register}:4: cannot read file: not valid UTF-8 (byte 0xE9); save it as UTF-8"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_register_with_a_byte_order_mark_is_read(encoding: str, tmp_path: Path) -> None:
    register = tmp_path / "utf16.yaml"
    text = MINIMAL_REGISTER.replace("De Proef", "Café")
    register.write_bytes(("\ufeff" + text if encoding.endswith("be") else text).encode(encoding))
    assert load_register(register).controller.name == "Vereniging Café"


def test_utf32_register_is_refused_clearly(tmp_path: Path) -> None:
    register = tmp_path / "utf32.yaml"
    register.write_bytes(MINIMAL_REGISTER.encode("utf-32"))
    with pytest.raises(RegisterError, match="UTF-32 text; save it as UTF-8"):
        load_register(register)


def test_register_limits_are_documented() -> None:
    from waarborg.register import yamlguard

    docs = (Path(__file__).resolve().parents[2] / "docs" / "register-format.md").read_text(encoding="utf-8")
    for limit in ("MAX_REGISTER_BYTES", "MAX_DEPTH", "MAX_VALUES", "MAX_SCALAR_CHARS", "MAX_NUMBER_DIGITS"):
        assert f"(`{limit}`) | {getattr(yamlguard, limit):,}" in docs, limit
