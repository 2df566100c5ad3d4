"""Dutch and English for every visible string: message catalogues (Babel .po files, English
message ids, Dutch by default), read into gettext translations when the app is built."""

from __future__ import annotations

import io
from datetime import date, datetime
from gettext import NullTranslations
from importlib import resources

from babel.dates import format_date, format_datetime, get_timezone
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
TIMEZONE = "Europe/Amsterdam"


def catalogue_path(lang: str) -> resources.abc.Traversable:
    return resources.files("waarborg.web").joinpath("locale", lang, "LC_MESSAGES", "messages.po")


def load_translations(lang: str) -> NullTranslations:
    """The catalogue for `lang` (English is the message ids themselves)."""
    if lang == "en":
        return NullTranslations()
    with catalogue_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def pick_language(value: str | None) -> str:
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def _moment(value: date | datetime | str) -> date | datetime:
    """JSON-shaped data carries ISO strings; templates format them like dates."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def long_date(value: date | datetime | str | None, lang: str) -> str:
    if value is None:
        return ""
    value = _moment(value)
    if isinstance(value, datetime):
        return format_datetime(value, "d MMM y HH:mm", tzinfo=get_timezone(TIMEZONE), locale=lang)
    return format_date(value, "long", locale=lang)


def short_date(value: date | datetime | str | None, lang: str) -> str:
    if value is None:
        return ""
    value = _moment(value)
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, "d MMM y", locale=lang)


def number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=lang)
