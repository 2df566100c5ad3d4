"""Parsing `--identity KIND=VALUE` against the identity kinds the bindings know."""

from __future__ import annotations

import pytest

from waarborg.register import Register
from waarborg.requests.identity import Identity, IdentityError, identity_kinds, parse_identity


def test_identity_kinds_come_from_the_bindings(register: Register) -> None:
    assert identity_kinds(register) == ["email", "member_number"]


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        ("email=jan@example.nl", "email", "jan@example.nl"),
        (" member_number = 1042 ", "member_number", "1042"),
        ("email=a=b@example.nl", "email", "a=b@example.nl"),  # only the first = separates
    ],
)
def test_identity_parses_kind_and_value(register: Register, raw: str, kind: str, value: str) -> None:
    assert parse_identity(raw, register) == Identity(kind, value)


@pytest.mark.parametrize("raw", ["jan@example.nl", "email=", "=jan@example.nl", ""])
def test_malformed_identity_is_refused_without_echoing_the_value(register: Register, raw: str) -> None:
    with pytest.raises(IdentityError, match="KIND=VALUE") as caught:
        parse_identity(raw, register)
    assert "jan@example.nl" not in str(caught.value)


def test_unknown_kind_lists_the_kinds_the_bindings_know(register: Register) -> None:
    with pytest.raises(IdentityError, match=r"unknown identity kind 'bsn'.*email, member_number"):
        parse_identity("bsn=123456782", register)


def test_identity_repr_hides_the_value() -> None:
    assert "jan" not in repr(Identity("email", "jan@example.nl"))


def test_an_identity_value_longer_than_any_email_address_is_refused(register: Register) -> None:
    longest = "x" * (254 - len("@example.nl")) + "@example.nl"
    assert parse_identity(f"email={longest}", register).value == longest
    with pytest.raises(IdentityError, match="has 10000 characters; an identity has at most 254") as caught:
        parse_identity("email=" + "y" * 9990 + "@example.nl"[:10], register)
    assert "yyy" not in str(caught.value)
