"""Recognising personal data in a database column: by its name and by the shape of its values.

Pure functions, used by `waarborg.datasets.inspect` to find personal-data columns that no binding
covers. Each value detector answers "does this one value look like X?"; the caller samples a
column and reports how many values matched — never the values themselves.

>>> is_bsn("111222333")
True
>>> is_iban("NL91 ABNA 0417 1643 00")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
# Dutch numbers: 06 mobiles and area codes of 2-4 digits, with +31/0031 or a leading 0.
_NL_PHONE = re.compile(r"^(?:\+31|0031|0)(?:6\d{8}|[1-57-9]\d{8})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")
_DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")  # 17-05-1980, as Dutch forms write it
_BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def bsn_check_sum(digits: str) -> int:
    """The weighted sum of the 11-check: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9."""
    return sum(int(d) * w for d, w in zip(digits, _BSN_WEIGHTS, strict=True))


def is_bsn(value: object) -> bool:
    """A Dutch citizen service number: 9 digits (8 with a leading zero dropped) passing the 11-check."""
    text = _digits_only(value)
    if text is None or len(text) not in (8, 9):
        return False
    text = text.zfill(9)
    return text != "000000000" and bsn_check_sum(text) % 11 == 0


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits that make ``country + digits + bban`` pass mod-97 (ISO 13616)."""
    remainder = _iban_number(bban + country + "00") % 97
    return f"{98 - remainder:02d}"


def is_iban(value: object) -> bool:
    """An IBAN whose check digits pass the ISO 13616 mod-97 test (spaces allowed)."""
    if not isinstance(value, str):
        return False
    text = value.replace(" ", "").upper()
    if not _IBAN.match(text):
        return False
    return _iban_number(text[4:] + text[:4]) % 97 == 1


def _iban_number(text: str) -> int:
    # Letters become two digits, A=10 ... Z=35.
    return int("".join(str(int(ch, 36)) for ch in text))


def is_email(value: object) -> bool:
    """Looks like an e-mail address."""
    return isinstance(value, str) and len(value) <= 254 and _EMAIL.match(value.strip()) is not None


def is_dutch_phone(value: object) -> bool:
    """A Dutch phone number in a common notation: 06-12345678, +31 20 123 4567, (020) 1234567."""
    if not isinstance(value, str):
        return False
    compact = re.sub(r"[\s().-]", "", value)
    return _NL_PHONE.match(compact) is not None


def is_birth_date(value: object, today: date | None = None) -> bool:
    """A date between 1900 and today (the caller decides whether the column can be a birth date)."""
    moment = as_date(value)
    if moment is None:
        return False
    return date(1900, 1, 1) <= moment <= (today or date.today())


def as_date(value: object) -> date | None:
    """A date from a date, a datetime, or text in ISO (1980-05-17) or Dutch (17-05-1980) order."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if match := _ISO_DATE.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif match := _DUTCH_DATE.match(text):
        day, month, year = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _digits_only(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        text = value.replace(" ", "").replace(".", "").replace("-", "")
        return text if text.isdigit() else None
    return None


@dataclass(frozen=True)
class Detector:
    """One kind of personal data recognisable from its values."""

    kind: str  # short name shown in findings
    category: str  # the fideslang data category it suggests
    matches: Callable[[object], bool]


VALUE_DETECTORS: tuple[Detector, ...] = (
    Detector("e-mail", "user.contact.email", is_email),
    Detector("IBAN", "user.financial.bank_account", is_iban),
    Detector("BSN", "user.government_id.national_identification_number", is_bsn),
    Detector("phone", "user.contact.phone_number", is_dutch_phone),
)
BIRTH_DATE = Detector("date of birth", "user.demographic.date_of_birth", is_birth_date)

# Column-name words (Dutch and English) that suggest personal data, with the category they suggest.
# Matched against the parts of a column name split on '_' and case changes, so `e_mail`,
# `EmailAddress` and `contact_email` all match, but `emailed_count` does not.
NAME_LEXICON: dict[str, str] = {
    "email": "user.contact.email",
    "e_mail": "user.contact.email",
    "mail": "user.contact.email",
    "emailadres": "user.contact.email",
    "mailadres": "user.contact.email",
    "telefoon": "user.contact.phone_number",
    "telefoonnummer": "user.contact.phone_number",
    "tel": "user.contact.phone_number",
    "phone": "user.contact.phone_number",
    "mobile": "user.contact.phone_number",
    "mobiel": "user.contact.phone_number",
    "gsm": "user.contact.phone_number",
    "iban": "user.financial.bank_account",
    "rekeningnummer": "user.financial.bank_account",
    "bankrekening": "user.financial.bank_account",
    "bsn": "user.government_id.national_identification_number",
    "burgerservicenummer": "user.government_id.national_identification_number",
    "sofinummer": "user.government_id.national_identification_number",
    "ssn": "user.government_id.national_identification_number",
    "rijksregisternummer": "user.government_id.national_identification_number",
    "geboortedatum": "user.demographic.date_of_birth",
    "birth_date": "user.demographic.date_of_birth",
    "birthdate": "user.demographic.date_of_birth",
    "date_of_birth": "user.demographic.date_of_birth",
    "dob": "user.demographic.date_of_birth",
    "naam": "user.name",
    "voornaam": "user.name.first",
    "achternaam": "user.name.last",
    "name": "user.name",
    "firstname": "user.name.first",
    "lastname": "user.name.last",
    "surname": "user.name.last",
    "adres": "user.contact.address",
    "address": "user.contact.address",
    "straat": "user.contact.address.street",
    "street": "user.contact.address.street",
    "postcode": "user.contact.address.postal_code",
    "zipcode": "user.contact.address.postal_code",
    "postal_code": "user.contact.address.postal_code",
    "woonplaats": "user.contact.address.city",
    "city": "user.contact.address.city",
    "salaris": "user.financial.salary",
    "salary": "user.financial.salary",
    "geslacht": "user.demographic.gender",
    "gender": "user.demographic.gender",
    "ip": "user.device.ip_address",
    "ip_address": "user.device.ip_address",
}
# Names that contain a lexicon word but are not about a person.
_NOT_PERSONAL = {
    "file_name", "filename", "event_name", "table_name", "company_name", "product_name", "host_name",
    "option_name", "setting_name",  # the key of a setting, e.g. WordPress' wp_options.option_name
}


def name_suggests(column: str) -> str | None:
    """The data category a column name suggests, or None: ``klant_email`` -> ``user.contact.email``."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", column).lower()
    if snake in _NOT_PERSONAL:
        return None
    if snake in NAME_LEXICON:
        return NAME_LEXICON[snake]
    parts = [p for p in re.split(r"[_\W]+", snake) if p]
    for size in (3, 2):  # multi-word keys first: date_of_birth, postal_code, e_mail
        for i in range(len(parts) - size + 1):
            key = "_".join(parts[i : i + size])
            if key in NAME_LEXICON:
                return NAME_LEXICON[key]
    return next((NAME_LEXICON[p] for p in parts if p in NAME_LEXICON), None)


def suggests_birth_date(column: str) -> bool:
    """True when a date column's name says it is a birth date (a birth date is any date otherwise)."""
    return name_suggests(column) == BIRTH_DATE.category or any(
        word in column.lower() for word in ("birth", "geboorte", "dob")
    )
