"""Who a request is about: an identity such as ``email=jan@example.nl``.

The plain value lives only in memory while a request runs. What is stored is a keyed hash
(to recognise the person again) and, where the person must be found again later (a retry, a
restriction), the value sealed with the workspace's erasure key.
"""

from __future__ import annotations

from dataclasses import dataclass

from waarborg.register import Register

# The longest e-mail address SMTP carries (RFC 5321: a 256-octet path less its brackets); no
# member number, phone number or customer id comes near it. Longer input is a mistake or an attack.
MAX_VALUE_LENGTH = 254


class IdentityError(ValueError):
    """The identity given for a request cannot be used."""


@dataclass(frozen=True)
class Identity:
    """One identifying value of a person, by the kind the bindings know it (email, member_number, ...)."""

    kind: str
    value: str

    def __repr__(self) -> str:
        # Never print the value: identities end up in tracebacks and logs.
        return f"Identity(kind={self.kind!r}, value=<hidden>)"


def identity_kinds(register: Register) -> list[str]:
    """Every identity kind some bound table can be searched by, sorted."""
    kinds = {
        kind
        for system in register.systems.values()
        if system.database is not None
        for table in system.database.tables.values()
        for kind in table.identities
    }
    return sorted(kinds)


def parse_identity(raw: str, register: Register) -> Identity:
    """'email=jan@example.nl' -> Identity; IdentityError naming the problem (and the known kinds)."""
    kind, sep, value = raw.partition("=")
    kind, value = kind.strip(), value.strip()
    if not sep or not kind or not value:
        raise IdentityError(f"identity {_shape(raw)} must be written KIND=VALUE, e.g. email=someone@example.org")
    if len(value) > MAX_VALUE_LENGTH:
        raise IdentityError(
            f"the {kind[:40]!r} value has {len(value)} characters; an identity has at most {MAX_VALUE_LENGTH}"
        )
    known = identity_kinds(register)
    if kind not in known:
        listed = ", ".join(known) or "none: no table in the register has a database binding with identities"
        raise IdentityError(f"unknown identity kind {kind!r}; the bindings know: {listed}")
    return Identity(kind, value)


def _shape(raw: str) -> str:
    # Echo only the form of bad input, never a value that may be personal data.
    return f"of {len(raw)} characters" if raw else "(empty)"
