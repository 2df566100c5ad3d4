"""Loading a register: valid files load, bad ones name file, line and field and change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from register_support import MINIMAL_REGISTER

from waarborg.register import RegisterError, load_register, parse_register


def test_minimal_register_loads_with_its_activities() -> None:
    register = parse_register(MINIMAL_REGISTER)
    assert list(register.activities) == ["membership", "newsletter"]
    assert register.controller.registration is not None
    assert register.controller.registration.number == "12345678"
    newsletter = register.activities["newsletter"]
    assert newsletter.retention is not None and newsletter.retention.is_until_event
    assert newsletter.retention.from_event == "unsubscribed"


def _problem_lines(source: str) -> list[str]:
    with pytest.raises(RegisterError) as caught:
        parse_register(source, name="kvgo.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "retention: until unsubscribed",
            "retention: 6 mnths from recorded",
            "kvgo.yaml:40: activities.newsletter.retention: unknown unit 'mnths'",
        ),
        (
            "legal_basis: consent",
            "legal_basis: toestemming",
            "kvgo.yaml:38: activities.newsletter.legal_basis: Input should be 'consent'",
        ),
        (
            "subject_groups: [member]",
            "subject_groups: [membr]",
            "kvgo.yaml:28: activities.membership.subject_groups[0]: unknown subject group 'membr' "
            "(did you mean 'member'?)",
        ),
        (
            "data_categories: [user.contact.email]\n    legal_basis: consent",
            "data_categories: [user.contact.emial]\n    legal_basis: consent",
            "kvgo.yaml:37: activities.newsletter.data_categories[0]: unknown data category 'user.contact.emial' "
            "(did you mean 'user.contact.email'?)",
        ),
        (
            "recipients: [mailer]",
            "recipients: [mailchimp]",
            "kvgo.yaml:41: activities.newsletter.recipients[0]: unknown recipient 'mailchimp'",
        ),
        (
            "    systems: [crm]\n  newsletter:",
            "    systems: [crm]\n    colour: red\n  newsletter:",
            "kvgo.yaml:33: activities.membership.colour: unknown field 'colour'",
        ),
        (
            '  version: "1.0"\n',
            "",
            "kvgo.yaml:10: statement.version: missing required field 'version'",
        ),
        (
            'registration: {kind: kvk, number: "12345678"}',
            'registration: {kind: kvk, number: "12AB"}',
            "kvgo.yaml:9: controller.registration.number: registration number '12AB' must contain digits only",
        ),
    ],
)
def test_problem_names_file_line_and_field(old: str, new: str, expected: str) -> None:
    assert old in MINIMAL_REGISTER
    lines = _problem_lines(MINIMAL_REGISTER.replace(old, new, 1))
    assert any(line.startswith(expected) for line in lines), lines


def test_every_problem_is_reported_not_just_the_first() -> None:
    source = MINIMAL_REGISTER.replace("legal_basis: contract", "legal_basis: contrct").replace(
        "until unsubscribed", "6 weeken"
    )
    lines = _problem_lines(source)
    assert len(lines) == 2
    assert "legal_basis" in lines[0] and "retention" in lines[1]


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("controller: [unclosed", "invalid YAML"),
        ("- just\n- a list\n", "must be a YAML mapping"),
        ("a: 1\na: 2\n", "a: duplicate key 'a': also on line 1"),
    ],
)
def test_broken_yaml_is_reported_with_its_line(source: str, fragment: str) -> None:
    lines = _problem_lines(source)
    assert len(lines) == 1 and fragment in lines[0]
    assert lines[0].startswith("kvgo.yaml:")


def test_unreadable_file_is_a_register_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RegisterError, match="cannot read file"):
        load_register(missing)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\x00\x01garbage\xff")
    with pytest.raises(RegisterError, match="cannot read file: not valid UTF-8"):
        load_register(binary)


def test_custom_categories_groups_and_events_extend_the_vocabulary() -> None:
    source = MINIMAL_REGISTER.replace(
        "activities:\n",
        "data_categories:\n  user.hobby: {nl: hobby, en: hobby}\n"
        "subject_groups:\n  alumnus: {nl: oud-leden, en: alumni}\n"
        "events:\n  season_ended: {nl: na afloop van het seizoen, en: after the season}\n"
        "activities:\n",
    ).replace("subject_groups: [member]", "subject_groups: [member, alumnus]")
    source = source.replace(
        "data_categories: [user.name, user.contact.email]\n    legal_basis: contract",
        "data_categories: [user.name, user.hobby]\n    legal_basis: contract",
    )
    source = source.replace("2 years from membership_ended", "1 year from season_ended")
    register = parse_register(source)
    assert register.category_label("user.hobby", "en") == "hobby"
    assert register.group_label("alumnus", "nl") == "oud-leden"
    assert register.event_label("season_ended", "en") == "after the season"


def test_text_without_words_is_refused() -> None:
    lines = _problem_lines(
        MINIMAL_REGISTER.replace("[{nl: het lidmaatschap uitvoeren, en: running the membership}]", "['.']")
    )
    assert any("activities.membership.purposes[0]: text '.' has no words in it" in line for line in lines), lines


def test_custom_category_outside_user_tree_is_refused() -> None:
    source = MINIMAL_REGISTER.replace(
        "activities:\n", "data_categories:\n  hobby: {nl: hobby, en: hobby}\nactivities:\n"
    )
    lines = _problem_lines(source)
    assert any("data_categories.hobby: custom category 'hobby' must start with 'user.'" in line for line in lines)
