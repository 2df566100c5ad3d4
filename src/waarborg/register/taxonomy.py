"""The shared vocabulary: data categories (fideslang keys), subject groups, retention events,
countries, and their Dutch and English labels.

Data-category keys come from the fideslang package so registers interoperate with Fides
manifests; Waarborg adds labels and a few children of fideslang keys (`extensions` in
data/vocabulary.yaml). Loaded once, lazily: importing this module does no work.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from .fastyaml import load_fast
from .text import Language


@dataclass(frozen=True)
class Term:
    """One entry of the vocabulary with its labels."""

    key: str
    nl: str
    en: str
    special: bool = False  # Art. 9 special category
    criminal: bool = False  # Art. 10 criminal-offence data
    national_id: bool = False  # BSN / national number (UAVG art. 46)
    fideslang: bool = True  # False for Waarborg's own extensions
    # (country, nl, en): the label for an organisation in that country. The national number is the
    # BSN in the Netherlands and the rijksregisternummer in Belgium; a Dutch statement names only the BSN.
    by_country: tuple[tuple[str, str, str], ...] = ()

    def label(self, lang: Language, country: str | None = None) -> str:
        """The label in `lang`; the country's own word when the vocabulary has one."""
        for code, nl, en in self.by_country:
            if code == country:
                return nl if lang == "nl" else en
        return self.nl if lang == "nl" else self.en


@cache
def _vocabulary() -> dict[str, Any]:
    source = resources.files("waarborg.register").joinpath("data/vocabulary.yaml")
    loaded: dict[str, Any] = load_fast(source.read_text(encoding="utf-8"))
    return loaded


@cache
def fideslang_category_keys() -> frozenset[str]:
    """Every data-category key of fideslang's default taxonomy."""
    from fideslang.default_taxonomy import DEFAULT_TAXONOMY  # heavy import, only when asked

    return frozenset(category.fides_key for category in DEFAULT_TAXONOMY.data_category)


def _term(key: str, entry: dict[str, Any], fideslang: bool) -> Term:
    return Term(
        key=key,
        nl=entry["nl"],
        en=entry["en"],
        special=bool(entry.get("special")),
        criminal=bool(entry.get("criminal")),
        national_id=bool(entry.get("national_id")),
        fideslang=fideslang,
        by_country=tuple((code, label["nl"], label["en"]) for code, label in entry.get("countries", {}).items()),
    )


@cache
def data_categories() -> dict[str, Term]:
    """Every labelled `user.*` category: fideslang's (all of them, see the test) plus Waarborg's own."""
    vocabulary = _vocabulary()
    terms = {key: _term(key, entry, True) for key, entry in vocabulary["categories"].items()}
    terms.update({key: _term(key, entry, False) for key, entry in vocabulary["extensions"].items()})
    return terms


@cache
def _unlabelled_fideslang_term(key: str) -> Term | None:
    """A fideslang key newer than our labels, labelled by its parent; None when fideslang lacks it too."""
    if not key.startswith("user.") or key not in fideslang_category_keys():
        return None
    parent = category(key.rsplit(".", 1)[0])
    leaf = key.rsplit(".", 1)[1].replace("_", " ")
    return Term(key, f"{parent.nl} ({leaf})", f"{parent.en} ({leaf})", parent.special)


def is_known_category(key: str) -> bool:
    """True for a labelled category or any other key of the installed fideslang taxonomy."""
    return key in data_categories() or _unlabelled_fideslang_term(key) is not None


def category(key: str) -> Term:
    """The term for a data-category key; KeyError when the key is unknown."""
    term = data_categories().get(key) or _unlabelled_fideslang_term(key)
    if term is None:
        raise KeyError(key)
    return term


def is_special(key: str) -> bool:
    """True for Art. 9 categories, including any key beneath one."""
    terms = data_categories()
    parts = key.split(".")
    return any((term := terms.get(".".join(parts[:n]))) is not None and term.special for n in range(len(parts), 1, -1))


def is_criminal(key: str) -> bool:
    return key.startswith("user.criminal_history")


def is_national_id(key: str) -> bool:
    return key.startswith("user.government_id.national_identification_number")


@cache
def subject_groups() -> dict[str, Term]:
    """The subject groups small organisations need, keyed like `member`, `exam_candidate`."""
    return {key: _term(key, entry, False) for key, entry in _vocabulary()["subject_groups"].items()}


@cache
def retention_events() -> dict[str, Term]:
    """Events a retention period can run from (`recorded`, `contract_ended`, ...)."""
    return {key: _term(key, entry, False) for key, entry in _vocabulary()["events"].items()}


# The EEA: the 27 EU member states plus Iceland, Liechtenstein and Norway.
EEA_COUNTRIES: frozenset[str] = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)

# Countries with a general adequacy decision under Art. 45 (the US only through the EU-US Data
# Privacy Framework, which covers self-certified organisations; see `transfer_mechanisms`).
ADEQUATE_COUNTRIES: frozenset[str] = frozenset("AD AR CA FO GG IL IM JP JE NZ KR CH GB UY".split())

SUPERVISORY_AUTHORITIES: dict[str, dict[str, str]] = {
    "NL": {
        "name_nl": "Autoriteit Persoonsgegevens",
        "name_en": "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
        "address": "Postbus 93374, 2509 AJ Den Haag",
        "website": "https://autoriteitpersoonsgegevens.nl",
    },
    "BE": {
        "name_nl": "Gegevensbeschermingsautoriteit",
        "name_en": "Belgian Data Protection Authority (Gegevensbeschermingsautoriteit)",
        "address": "Drukpersstraat 35, 1000 Brussel",
        "website": "https://www.gegevensbeschermingsautoriteit.be",
    },
}

# Age below which consent for an online service needs a parent (Art. 8; UAVG art. 5; BE law of
# 30 July 2018 art. 7). Configurable per register through `controller.child_consent_age`.
CHILD_CONSENT_AGE: dict[str, int] = {"NL": 16, "BE": 13}


def country_name(code: str, lang: Language) -> str:
    """A country's name in Dutch or English from Babel's CLDR data, e.g. US -> Verenigde Staten."""
    from babel import Locale

    names = Locale(lang).territories
    return str(names.get(code.upper(), code.upper()))


def is_known_country(code: str) -> bool:
    from babel import Locale

    return code.upper() in Locale("en").territories and len(code) == 2
