"""Rectification input (Art. 16): only bound personal-data columns, values checked per category."""

from __future__ import annotations

import pytest

from waarborg.register import Register
from waarborg.requests.corrections import Correction, CorrectionError, parse_correction, parse_corrections


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("persons.phone=0612345678", Correction("crm", "persons", "phone", "0612345678")),
        ("crm.persons.last_name=de Vries", Correction("crm", "persons", "last_name", "de Vries")),
        ("subscribers.first_name=Anna", Correction("mail", "subscribers", "first_name", "Anna")),
        ("persons.email= jan@example.nl ", Correction("crm", "persons", "email", "jan@example.nl")),
        ("persons.phone=+31 20 555 1234", Correction("crm", "persons", "phone", "+31 20 555 1234")),
    ],
)
def test_correction_resolves_table_to_its_system(register: Register, raw: str, expected: Correction) -> None:
    assert parse_correction(raw, register) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("persons.id=5", "'id' is not a bound personal-data column"),  # primary key
        ("persons.phone; DROP TABLE persons=1", "is not a bound personal-data column"),
        ('persons."phone"=1', "is not a bound personal-data column"),
        ("people.phone=0612345678", "no bound table 'people'"),
        ("hr.persons.phone=0612345678", "no system 'hr'"),
        ("crm.subscribers.email=a@b.nl", "system 'crm' binds no table 'subscribers'"),
        ("phone=0612345678", "name a column as table.column"),
        ("persons.phone", "write table.column=value"),
        ("persons.phone=", "the new value is empty"),
        ("persons.email=not-an-address", "expected an e-mail address"),
        ("persons.phone=call me", "expected a phone number"),
    ],
)
def test_bad_correction_names_what_is_wrong(register: Register, raw: str, message: str) -> None:
    with pytest.raises(CorrectionError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_correction(raw, register)


def test_all_problems_are_reported_together(register: Register) -> None:
    with pytest.raises(CorrectionError) as caught:
        parse_corrections(["persons.id=1", "persons.phone=x"], register)
    assert "'id' is not a bound" in str(caught.value)
    assert "expected a phone number" in str(caught.value)


def test_setting_the_same_column_twice_is_refused(register: Register) -> None:
    with pytest.raises(CorrectionError, match=r"crm\.persons\.phone is set twice"):
        parse_corrections(["persons.phone=0612345678", "crm.persons.phone=0687654321"], register)


def test_no_corrections_at_all_is_refused(register: Register) -> None:
    with pytest.raises(CorrectionError, match="give at least one --set"):
        parse_corrections([], register)


def test_correction_repr_hides_the_new_value(register: Register) -> None:
    assert "0612345678" not in repr(parse_correction("persons.phone=0612345678", register))
