"""Catalogue entries for the checks `waarborg check` runs against live databases.

They are not pure register rules (they read the organisation's databases), so they live beside the
inspection code; the rule catalogue in docs/rules.md lists them after the register rules.
"""

from __future__ import annotations

from waarborg.rules.rule import Rule

_MISSING = "Art. 5(1)(e), 17 AVG/GDPR"
_UNBOUND = "Art. 5(1)(e), 30(1)(c) AVG/GDPR"
_REQUESTS = "Art. 12(3), 15, 17 AVG/GDPR"

LIVE_RULES: tuple[Rule, ...] = (
    Rule(
        "binding-table-missing",
        "error",
        _MISSING,
        "Gebonden tabel bestaat niet",
        "Bound table does not exist",
        "De binding noemt een tabel die de database niet heeft; bewaartermijnen en verzoeken kunnen daar "
        "niets afdwingen.",
        "The binding names a table the database does not have; retention and requests cannot be enforced there.",
    ),
    Rule(
        "binding-column-missing",
        "error",
        _MISSING,
        "Gebonden kolom bestaat niet",
        "Bound column does not exist",
        "De binding noemt een kolom (sleutel, identiteit, verwijzing, gebeurtenis of gegeven) die de tabel niet heeft.",
        "The binding names a column (key, identity, reference, event or data column) the table does not have.",
    ),
    Rule(
        "binding-unbound-personal-data",
        "warning",
        _UNBOUND,
        "Persoonsgegevens zonder binding",
        "Personal data without a binding",
        "Een kolom die geen binding dekt, lijkt naar naam of naar steekproefwaarden (e-mail, IBAN, "
        "telefoonnummer, BSN, geboortedatum) persoonsgegevens te bevatten; niets wist ze ooit.",
        "A column no binding covers looks, by its name or sampled values (e-mail, IBAN, phone number, BSN, "
        "date of birth), like personal data; nothing would ever erase it.",
    ),
    Rule(
        "binding-column-too-short",
        "error",
        _MISSING,
        "Kolom te kort voor de wisstrategie",
        "Column too short for its erasure",
        "Een tekstkolom is korter dan de hash, het pseudoniem of de vaste tekst die het wissen erin schrijft; "
        "het wissen zou mislukken.",
        "A text column is shorter than the hash, pseudonym or fixed text its erasure writes; erasure would fail.",
    ),
    Rule(
        "binding-lookup-unindexed",
        "warning",
        _REQUESTS,
        "Zoeken naar een persoon leest de hele tabel",
        "Finding a person reads the whole table",
        "Een kolom waarop een verzoek een persoon zoekt (een identiteit, het genormaliseerde e-mailadres of een "
        "verwijzing) heeft geen index, in een tabel van minstens 10.000 rijen: elk verzoek leest die tabel "
        "helemaal. `waarborg index` maakt de index aan.",
        "A column a request finds a person by (an identity, the normalised e-mail address or a reference) has no "
        "index, in a table of at least 10,000 rows: every request reads that whole table. `waarborg index` "
        "creates the index.",
    ),
    Rule(
        "binding-not-verified",
        "info",
        _MISSING,
        "Binding niet gecontroleerd",
        "Binding not verified",
        "De omgevingsvariabele met de database-URL is niet gezet, dus de binding is niet tegen de database "
        "gecontroleerd.",
        "The environment variable holding the database URL is unset, so the binding was not checked.",
    ),
    Rule(
        "binding-unreachable",
        "error",
        _MISSING,
        "Database onbereikbaar",
        "Database unreachable",
        "De database van een binding kan niet worden geopend.",
        "A bound database cannot be opened.",
    ),
)
