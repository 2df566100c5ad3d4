"""The fast libyaml path and the line-keeping ruamel path read registers identically."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from register_support import MINIMAL_REGISTER
from ruamel.yaml import YAML

from waarborg.register import RegisterError, parse_register
from waarborg.register.fastyaml import DuplicateKeyError, load_fast
from waarborg.register.model import Register

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


def _slow(source: str) -> Register:
    return Register.model_validate(YAML().load(source))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_fast_and_slow_paths_agree_on_every_example(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert parse_register(source) == _slow(source)


@pytest.mark.parametrize(
    ("scalar", "expected"),
    [
        ("NO", "NO"),
        ("on", "on"),
        ("yes", "yes"),
        ("Off", "Off"),
        ("010", 10),
        ("1:30", "1:30"),
        ("0x1F", 31),
        ("true", True),
        ("~", None),
        ("2026-1-5", "2026-1-5"),
    ],
)
def test_scalars_follow_yaml_1_2_like_ruamel(scalar: str, expected: object) -> None:
    source = f"value: {scalar}\n"
    assert load_fast(source)["value"] == expected == YAML().load(source)["value"]


def test_duplicate_keys_are_refused_on_both_paths() -> None:
    with pytest.raises(DuplicateKeyError):
        load_fast("a: 1\nb: 2\na: 3\n")
    doubled = MINIMAL_REGISTER.replace('  version: "1.0"\n', '  version: "1.0"\n  version: "2.0"\n')
    expected = r"reg.yaml:12: statement.version: duplicate key .version.: also on line 11"
    with pytest.raises(RegisterError, match=expected):
        parse_register(doubled, name="reg.yaml")


def test_norway_is_a_country_not_false() -> None:
    source = MINIMAL_REGISTER.replace("    country: NL\n    agreement", "    country: NO\n    agreement")
    assert parse_register(source).recipients["mailer"].country == "NO"


@settings(max_examples=80, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
        lambda s: any(ch.isalnum() for ch in s)
    )
)
def test_any_quoted_purpose_reads_the_same_on_both_paths(purpose: str) -> None:
    escaped = purpose.replace("\\", "\\\\").replace('"', '\\"')
    source = MINIMAL_REGISTER.replace(
        "[{nl: het lidmaatschap uitvoeren, en: running the membership}]", f'["{escaped}"]'
    )
    assert parse_register(source) == _slow(source)
