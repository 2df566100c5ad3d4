"""The access letter (Art. 15) built from the register for the tables that hold the person's data."""

from __future__ import annotations

from datetime import date

import pytest

from waarborg.register import Register
from waarborg.requests.letter import (
    Holding,
    LetterView,
    activities_holding,
    build_letter,
    long_date,
    render_letter_html,
    render_letter_pdf,
)

MEMBER = [Holding("crm", "persons", 1), Holding("crm", "invoices", 2)]
SUBSCRIBER_ONLY = [Holding("mail", "subscribers", 1), Holding("crm", "persons", 0)]


def letter(register: Register, holdings: list[Holding], lang: str = "nl") -> LetterView:
    return build_letter(
        register,
        holdings,
        received=date(2024, 3, 1),
        written=date(2024, 3, 4),
        reference="R-1",
        lang=lang,  # type: ignore[arg-type]
    )


def test_only_activities_of_tables_holding_the_person_are_described(register: Register) -> None:
    assert activities_holding(register, MEMBER) == ["membership", "bookkeeping", "erasure_notes", "referrals"]
    assert [a.key for a in letter(register, SUBSCRIBER_ONLY).activities] == ["newsletter"]


def test_tables_without_rows_are_not_listed_as_holding_data(register: Register) -> None:
    view = letter(register, SUBSCRIBER_ONLY)
    assert [(h.system, h.used_for, h.rows) for h in view.holdings] == [("Nieuwsbriefsysteem", ["Nieuwsbrief"], 1)]


@pytest.mark.parametrize(("lang", "used_for", "categories"), [
    ("nl", ["Financiële administratie", "Ledenadministratie"], ["factuurgegevens (bedrag en datum)", "e-mailadres"]),
    ("en", ["Financial records", "Membership administration"], ["invoice details (amount and date)", "e-mail address"]),
])
def test_holdings_speak_in_the_registers_words_not_table_names(register: Register, lang: str, used_for: list[str],
                                                              categories: list[str]) -> None:
    """The letter showed `persons`, `subscribers`, `invoices`: words of the database, not of the register."""
    (invoices,) = letter(register, [Holding("crm", "invoices", 2)], lang).holdings
    assert sorted(invoices.used_for) == sorted(used_for)
    assert invoices.categories == categories
    html = render_letter_html(letter(register, MEMBER, lang))
    for table in ("persons", "invoices"):
        assert f">{table}<" not in html and f" {table} " not in html


def test_letter_gives_purposes_basis_categories_and_retention_from_the_register(register: Register) -> None:
    membership = letter(register, MEMBER).activities[0]
    assert membership.name == "Ledenadministratie"
    assert membership.purposes == ["het lidmaatschap uitvoeren"]
    assert membership.basis == "de overeenkomst met u (art. 6 lid 1 onder b AVG)"
    assert membership.categories == ["naam", "e-mailadres", "telefoonnummer", "lidnummer"]
    assert membership.retention == "2 jaar na het einde van het lidmaatschap"


def test_recipients_outside_the_eea_name_the_transfer_safeguard(register: Register) -> None:
    newsletter = letter(register, SUBSCRIBER_ONLY, "en").activities[0]
    (mailchimp,) = newsletter.recipients
    assert mailchimp.name == "Mailchimp"
    assert mailchimp.transfer is not None
    assert "United States, outside the EEA" in mailchimp.transfer
    assert "Data Privacy Framework" in mailchimp.transfer
    assert "https://www.proefdruk.nl/dpf" in mailchimp.transfer


def test_recipients_inside_the_eea_carry_no_transfer_note(register: Register) -> None:
    bookkeeping = letter(register, MEMBER).activities[1]
    assert [(r.name, r.transfer) for r in bookkeeping.recipients] == [("Kantoor Boekhouding", None)]


def test_until_event_retention_reads_as_until(register: Register) -> None:
    assert letter(register, SUBSCRIBER_ONLY).activities[0].retention == "tot uw afmelding"


def test_source_from_a_third_party_is_named(register: Register) -> None:
    referrals = next(a for a in letter(register, MEMBER, "en").activities if a.key == "referrals")
    assert referrals.source == "from someone other than you: your employer"


def test_legitimate_interest_is_explained(register: Register) -> None:
    notes = next(a for a in letter(register, MEMBER).activities if a.key == "erasure_notes")
    assert notes.interest == "aantonen dat wij de AVG naleven"


def test_automated_decisions_are_described_or_explicitly_denied(register: Register) -> None:
    exams = letter(register, [Holding("crm", "exam_recordings", 1)])
    assert exams.activities[0].automated == ["Uw examen wordt automatisch nagekeken."]
    assert exams.any_automated
    member = letter(register, MEMBER)
    assert not member.any_automated
    assert "geen besluiten die uitsluitend door een computer" in render_letter_html(member)


def test_rights_include_complaint_to_the_authority_with_its_address(register: Register) -> None:
    rights = letter(register, MEMBER).rights
    assert any("Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag" in r for r in rights)
    assert any("art. 16 AVG" in r for r in rights) and any("art. 17 AVG" in r for r in rights)
    assert any("art. 18 AVG" in r for r in rights) and any("art. 21 AVG" in r for r in rights)


@pytest.mark.parametrize(
    ("holdings", "portability", "withdraw"),
    [
        (MEMBER, True, False),  # the membership contract, data from the person
        (SUBSCRIBER_ONLY, True, True),  # newsletter on consent
        ([Holding("crm", "invoices", 1)], True, False),  # invoices also serve the membership contract
    ],
)
def test_portability_and_withdrawal_are_offered_only_where_they_apply(
    register: Register, holdings: list[Holding], portability: bool, withdraw: bool
) -> None:
    rights = " ".join(letter(register, holdings, "en").rights)
    assert ("Art. 20 GDPR" in rights) == portability
    assert ("withdraw it at any time" in rights) == withdraw


def test_nothing_found_says_so_and_describes_no_activity(register: Register) -> None:
    view = letter(register, [Holding("crm", "persons", 0)])
    assert view.activities == [] and view.holdings == []
    assert "geen persoonsgegevens van u gevonden" in render_letter_html(view)


@pytest.mark.parametrize(("lang", "promise"), [("nl", "volledige kopie"), ("en", "full copy")])
def test_a_person_without_data_is_promised_no_copy(register: Register, lang: str, promise: str) -> None:
    assert promise not in letter(register, [Holding("crm", "persons", 0)], lang).intro
    assert promise in letter(register, MEMBER, lang).intro


@pytest.mark.parametrize(("lang", "expected"), [("nl", "4 maart 2024"), ("en", "4 March 2024")])
def test_letter_is_dated_in_the_readers_language(register: Register, lang: str, expected: str) -> None:
    assert letter(register, MEMBER, lang).date == expected
    assert long_date(date(2024, 12, 31), "nl") == "31 december 2024"


def test_letter_language_defaults_to_the_register_language(register: Register) -> None:
    view = build_letter(register, MEMBER, received=date(2024, 3, 1), written=date(2024, 3, 4), reference="R-1")
    assert view.lang == "nl" and view.words["salutation"] == "Geachte heer, mevrouw,"


def test_html_escapes_register_text(register: Register) -> None:
    hostile = register.model_copy(deep=True)
    hostile.controller.name = "<script>alert(1)</script>"
    html = render_letter_html(letter(hostile, MEMBER))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_pdf_is_a_real_pdf_containing_the_letter(register: Register) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    pdf = render_letter_pdf(render_letter_html(letter(register, MEMBER)))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    assert pdf.startswith(b"%PDF")
    assert "Uw verzoek om inzage" in text and "Autoriteit Persoonsgegevens" in text
