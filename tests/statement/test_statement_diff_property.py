"""`waarborg diff` misses nothing a reader would see: whenever a change to the register changes the
statement's text, `describe_changes` says something (issue 9: a processor renamed and moved under the
same key went unmentioned).

Hypothesis changes one field anywhere in a rich register (a text, a flag, a country, a choice, an item
of a list), keeps the registers that are still valid, renders both statements and compares.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from statement_support import RICH, load_data

from waarborg.register import Register
from waarborg.statement import render_statement
from waarborg.statement.diff import describe_changes

Path = tuple[str | int, ...]

# The statement's own version, date and change log describe a change; they are not one.
NOT_A_CHANGE = {("statement", "version"), ("statement", "date"), ("statement", "changes"), ("waarborg",),
                ("language",)}
COUNTRIES = ["NL", "BE", "FR", "DE", "US", "GB", "IE"]
CHOICES = {
    "role": ["processor", "sub_processor", "controller", "joint_controller", "public_authority"],
    "legal_basis": ["consent", "contract", "legal_obligation", "vital_interests", "public_task",
                    "legitimate_interests"],
    "mechanism": ["adequacy", "dpf", "scc_2021", "bcr", "art49", "privacy_shield", "scc_2010", "none"],
    "purpose": ["functional", "preferences", "analytics", "advertising", "social_media"],
    "requirement": ["statutory", "contractual", "contract_condition", "voluntary"],
    "kind": ["data_subject", "third_party", "public"],
    "condition": ["explicit_consent", "employment_law", "not_for_profit_body", "legal_claims", "health_care"],
    "retention": ["1 year", "3 months from recorded", "2 years from last_contact", "until unsubscribed",
                  "7 years from financial_year_ended"],
    "lifetime": ["session", "1 year", "13 months"],
    "response_time": ["2 weeks", "1 month"],
    "data_categories": ["user.name", "user.contact.phone_number", "user.demographic.date_of_birth"],
    "subject_groups": ["customer", "member", "volunteer"],
}


def _leaves(node: Any, path: Path = ()) -> Iterator[Path]:
    """Every place a value can be changed: scalars, and lists as a whole."""
    if path[:2] in NOT_A_CHANGE or path[:1] in NOT_A_CHANGE:
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        yield path
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, i))
    else:
        yield path


BASE = load_data(RICH)
LEAVES = [p for p in _leaves(BASE) if "database" not in p]


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _field(path: Path) -> str:
    return next((str(p) for p in reversed(path) if isinstance(p, str)), "")


class Case:
    """Two registers one field apart; shown by that field only (a register's repr fills pages)."""

    def __init__(self, old: Register, new: Register, path: Path, value: Any) -> None:
        self.old, self.new, self.path, self.value = old, new, path, value

    def __repr__(self) -> str:
        return f"{'.'.join(map(str, self.path))} = {self.value!r}"


@st.composite
def changed_registers(draw: st.DrawFn) -> Case:
    path = draw(st.sampled_from(LEAVES))
    data = copy.deepcopy(BASE)
    old = _get(data, path)
    field = _field(path)
    parent = _get(data, path[:-1])
    new: Any
    if isinstance(parent, dict) and draw(st.integers(0, 4)) == 0:  # leave an optional field out
        new = None
    elif isinstance(old, bool):
        new = not old
    elif isinstance(old, list):
        if old and draw(st.booleans()):
            new = old[:-1]
        else:
            extra = CHOICES.get(field, [draw(st.text(alphabet="abcdefgh ", min_size=3, max_size=12)).strip() or "x"])
            new = [*old, draw(st.sampled_from(extra))]
    elif field == "country" or (len(path) > 1 and path[-2] == "country"):
        new = draw(st.sampled_from(COUNTRIES))
    elif field in CHOICES:
        new = draw(st.sampled_from(CHOICES[field]))
    elif isinstance(old, int):
        new = old + draw(st.integers(1, 3))
    else:
        new = f"{old} {draw(st.sampled_from(['extra', 'anders', 'nieuw']))}"
    assume(new != old)
    if new is None:
        del parent[path[-1]]
    else:
        _set(data, path, new)
    try:
        changed = Register.model_validate(data)
    except ValidationError:
        assume(False)
    assume(changed.reference_problems() == [])
    return Case(Register.model_validate(BASE), changed, path, new)


def _text(register: Register, lang: str) -> str:
    rendered = str(render_statement(register, lang, "md"))  # type: ignore[arg-type]
    return rendered


@pytest.mark.parametrize("lang", ["nl", "en"])
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(case=changed_registers())
def test_every_change_a_reader_sees_is_in_the_diff(lang: str, case: Case) -> None:
    if _text(case.old, lang) == _text(case.new, lang):
        return  # nothing a reader sees changed (a key, a binding, a text in the other language)
    assert describe_changes(case.old, case.new, lang) != [], f"{case} changed the statement unmentioned"  # type: ignore[arg-type]


def test_a_processor_that_changed_name_and_country_under_the_same_key_is_mentioned() -> None:
    data = copy.deepcopy(BASE)
    old = Register.model_validate(data)
    data["recipients"]["mailer"].update(name="Brevo SAS", country="FR", transfer=None)
    new = Register.model_validate(data)
    nl = " ".join(describe_changes(old, new, "nl"))
    en = " ".join(describe_changes(old, new, "en"))
    assert "Brevo SAS" in nl and "Frankrijk" in nl
    assert "Brevo SAS" in en and "France" in en and "Mailchimp" in en
