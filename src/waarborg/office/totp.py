"""The optional second factor: a TOTP secret (RFC 6238, any authenticator app), stored sealed
under the session key, shown once as a QR code (SVG, no JavaScript, no external service)."""

from __future__ import annotations

import io

import pyotp
import segno

from waarborg.store.sealing import seal, unseal


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, email: str, issuer: str = "Waarborg") -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_svg(uri: str) -> str:
    """The URI as an inline SVG QR code."""
    out = io.BytesIO()
    segno.make(uri, error="m").save(out, kind="svg", scale=5, xmldecl=False, svgns=True)
    return out.getvalue().decode("utf-8")


def seal_secret(session_key: bytes, secret: str) -> str:
    return seal(b"totp\x00" + session_key, secret)


def code_is_valid(session_key: bytes, sealed: str, code: str, at_timestamp: float) -> bool:
    """Whether the 6-digit code fits the sealed secret at this moment (one step of drift allowed)."""
    secret = unseal(b"totp\x00" + session_key, sealed)
    return pyotp.TOTP(secret).verify(code.strip().replace(" ", ""), for_time=at_timestamp, valid_window=1)
