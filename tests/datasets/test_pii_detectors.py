"""The personal-data detectors recognise Dutch identifiers by their checks, not just their shape."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from waarborg.datasets.detectors import (
    is_birth_date,
    is_bsn,
    is_dutch_phone,
    is_email,
    is_iban,
    name_suggests,
    suggests_birth_date,
)
from waarborg.demo.identifiers import make_bsn, make_iban, make_phone


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("111222333", True),
        ("123456782", True),
        (123456782, True),
        ("1234.56.782", True),
        ("12345678", False),  # as 012345678 the 11-check fails
        ("123456789", False),  # one digit off: the 11-check fails
        ("000000000", False),
        ("12345678a", False),
        ("1234567820", False),
        (None, False),
        (True, False),
    ],
)
def test_bsn_is_recognised_by_its_eleven_check(value: object, expected: bool) -> None:
    assert is_bsn(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("NL91ABNA0417164300", True),
        ("NL91 ABNA 0417 1643 00", True),
        ("nl91abna0417164300", True),
        ("DE89370400440532013000", True),
        ("BE68539007547034", True),
        ("NL92ABNA0417164300", False),  # wrong check digits
        ("NL91ABNA041716430", False),  # a digit short
        ("not an iban", False),
        (417164300, False),
    ],
)
def test_iban_is_recognised_by_its_mod97_check(value: object, expected: bool) -> None:
    assert is_iban(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("jan.jansen@example.nl", True),
        ("a+b@sub.example.com", True),
        ("o'brien@example.ie", True),
        ("jan@", False),
        ("jan at example.nl", False),
        ("@example.nl", False),
        ("jan@example", False),
        (None, False),
    ],
)
def test_email_addresses_are_recognised(value: object, expected: bool) -> None:
    assert is_email(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06-12345678", True),
        ("+31 6 12345678", True),
        ("06 12 345678", True),
        ("020-1234567", True),
        ("(020) 123 4567", True),
        ("0031 20 1234567", True),
        ("0512-123456", True),
        ("06-1234567", False),  # a digit short
        ("+32 2 123 45 67", False),  # Belgian
        ("12345", False),
        ("0800", False),
        (612345678, False),
    ],
)
def test_dutch_phone_numbers_are_recognised(value: object, expected: bool) -> None:
    assert is_dutch_phone(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1980-05-17", True),
        ("17-05-1980", True),
        ("1-5-1980", True),
        (date(1950, 1, 1), True),
        (datetime(1975, 3, 2, 10, 0), True),
        ("1850-01-01", False),  # before 1900
        ("2999-01-01", False),  # in the future
        ("1980-02-30", False),  # no such day
        ("gisteren", False),
        (19800517, False),
    ],
)
def test_birth_dates_lie_between_1900_and_today(value: object, expected: bool) -> None:
    assert is_birth_date(value, today=date(2025, 1, 1)) is expected


@pytest.mark.parametrize(
    ("column", "category"),
    [
        ("email", "user.contact.email"),
        ("e_mail", "user.contact.email"),
        ("EmailAddress", "user.contact.email"),
        ("klant_telefoon", "user.contact.phone_number"),
        ("geboortedatum", "user.demographic.date_of_birth"),
        ("date_of_birth", "user.demographic.date_of_birth"),
        ("postcode", "user.contact.address.postal_code"),
        ("rekeningnummer", "user.financial.bank_account"),
        ("bsn", "user.government_id.national_identification_number"),
        ("achternaam", "user.name.last"),
        ("company_name", None),
        ("event_name", None),
        ("option_name", None),  # WordPress' wp_options: the name of a setting
        ("amount_cents", None),
        ("created_at", None),
        ("hotel_id", None),
    ],
)
def test_column_names_in_dutch_and_english_suggest_a_category(column: str, category: str | None) -> None:
    assert name_suggests(column) == category


@pytest.mark.parametrize(("column", "expected"), [("geboortedatum", True), ("birth_day", True), ("exam_date", False)])
def test_birth_date_columns_are_named_so(column: str, expected: bool) -> None:
    assert suggests_birth_date(column) is expected


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=0, max_value=8), st.integers(1, 9))
def test_a_generated_bsn_passes_and_any_single_digit_change_fails(seed: int, position: int, shift: int) -> None:
    bsn = make_bsn(random.Random(seed))
    assert is_bsn(bsn)
    changed = bsn[:position] + str((int(bsn[position]) + shift) % 10) + bsn[position + 1 :]
    assert not is_bsn(changed)


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=8, max_value=17), st.integers(1, 9))
def test_a_generated_iban_passes_and_any_single_digit_change_fails(seed: int, position: int, shift: int) -> None:
    iban = make_iban(random.Random(seed))
    assert is_iban(iban)
    changed = iban[:position] + str((int(iban[position]) + shift) % 10) + iban[position + 1 :]
    assert not is_iban(changed)


@given(st.integers(min_value=0, max_value=2**32))
def test_generated_phone_numbers_are_dutch(seed: int) -> None:
    assert is_dutch_phone(make_phone(random.Random(seed)))
