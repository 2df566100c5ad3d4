"""The statement in Dutch and English, HTML and Markdown: every section when its data exist, none when not."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from statement_support import plain_text, register_from

from waarborg.register import Register
from waarborg.statement import render_statement

FORMATS = ["html", "md"]
LANGS = ["nl", "en"]


def text_of(register: Register, lang: str, fmt: str) -> str:
    rendered = render_statement(register, lang, fmt)  # type: ignore[arg-type]
    assert isinstance(rendered, str)
    return plain_text(rendered, fmt)


def section(register: Register, lang: str, section_id: str) -> BeautifulSoup | None:
    soup = BeautifulSoup(str(render_statement(register, lang, "html")), "html.parser")  # type: ignore[arg-type]
    return soup.find(id=section_id)


def table_rows(register: Register, lang: str, section_id: str) -> list[list[str]]:
    found = section(register, lang, section_id)
    assert found is not None, f"no section #{section_id}"
    return [[" ".join(td.get_text(" ").split()) for td in tr.find_all("td")] for tr in found.select("tbody tr")]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("nl", ["Privacyverklaring", "Wie wij zijn", "KvK-nummer 40530123", "Boeing Avenue 209, 1119 PD Schiphol-Rijk",
                "Functionaris gegevensbescherming", "fg@drukwerkco.nl", "Vertegenwoordiger", "uk@drukwerkco.example",
                "Versie 3.1", "1 maart 2024"]),
        ("en", ["Privacy statement", "Who we are", "Chamber of Commerce (KvK) number 40530123",
                "Data protection officer", "fg@drukwerkco.nl", "Representative", "Version 3.1", "1 March 2024"]),
    ],
)
def test_statement_names_the_controller_dpo_and_representative(rich: Register, lang: str, fmt: str,
                                                                expected: list[str]) -> None:
    text = text_of(rich, lang, fmt)
    assert "Vereniging Drukwerk & Co" in text
    for fragment in expected:
        assert fragment in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_each_subject_group_in_use_finds_its_activities_in_the_index(rich: Register, lang: str,
                                                                      fmt: str) -> None:
    text = text_of(rich, lang, fmt)
    for group in rich.groups_in_use():
        label = rich.group_label(group, lang)  # type: ignore[arg-type]
        assert label[0].upper() + label[1:] in text
    entry = section(rich, lang, "group-member")
    assert entry is not None
    names = [a.get_text() for a in entry.find_all("a")]
    expected = {"nl": ["Ledenadministratie", "Financiële administratie", "Nieuwsbrief"],
                "en": ["Membership administration", "Financial records", "Newsletter"]}
    assert names == expected[lang]
    for link in entry.find_all("a"):  # each name leads to the one place the activity is described
        assert section(rich, lang, link["href"].removeprefix("#")) is not None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
def test_each_activity_is_described_once_with_the_groups_it_concerns(rich: Register, lang: str, fmt: str) -> None:
    """Activities were repeated in full under every group they concern; now each is told once."""
    rendered = str(render_statement(rich, lang, fmt))  # type: ignore[arg-type]
    concerns = "Voor wie" if lang == "nl" else "Concerns"
    assert rendered.count(concerns) == len(rich.activities)
    for activity in rich.activities.values():
        purpose = activity.purposes[0].get(lang)  # type: ignore[arg-type]
        assert purpose is not None and rendered.count(purpose) == 1, purpose
    newsletter = section(rich, lang, "activity-newsletter")
    assert newsletter is not None
    groups = [rich.group_label(g, lang) for g in rich.activities["newsletter"].subject_groups]  # type: ignore[arg-type]
    assert all(label in newsletter.get_text() for label in groups)


@pytest.mark.parametrize(
    ("lang", "fragments"),
    [
        ("nl", ["het lidmaatschap uitvoeren", "contributie innen",
                "naam, e-mailadres, adres en bankrekeningnummer (IBAN)",
                "Overeenkomst (art. 6 lid 1 onder b AVG)", "Wettelijke plicht (art. 6 lid 1 onder c AVG)",
                "Ons gerechtvaardigd belang: een goed werkende, veilige website",
                "U kunt uw toestemming altijd intrekken via de afmeldlink onderaan elke nieuwsbrief",
                "Zonder deze gegevens kunt u geen lid worden.",
                "Ontvangers Ledenbeheer BV en Accountantskantoor Boek"]),
        ("en", ["running your membership", "name, e-mail address, postal address and bank account number (IBAN)",
                "Contract (Art. 6(1)(b) GDPR)", "Legitimate interests (Art. 6(1)(f) GDPR)",
                "Our legitimate interest: a secure, working website",
                "You can withdraw your consent at any time through the unsubscribe link",
                "Recipients Ledenbeheer BV and Accountantskantoor Boek"]),
    ],
)
def test_activity_states_purposes_data_basis_provision_and_recipients(rich: Register, lang: str,
                                                                      fragments: list[str]) -> None:
    text = text_of(rich, lang, "html")
    for fragment in fragments:
        assert fragment in text


def test_consent_without_a_recorded_way_to_withdraw_points_to_the_controller_email(rich: Register) -> None:
    assert "U kunt uw toestemming altijd intrekken door ons een bericht te sturen via privacy@drukwerkco.nl" in (
        text_of(rich, "nl", "html"))


@pytest.mark.parametrize(
    ("lang", "fragment"),
    [("nl", "wij mogen deze gegevens verwerken omdat u daarvoor uitdrukkelijk toestemming hebt gegeven "
            "(art. 9 lid 2 onder a AVG)"),
     ("en", "we may process these data because you have given your explicit consent (Art. 9(2)(a) GDPR)")],
)
def test_special_category_states_its_art9_condition(rich: Register, lang: str, fragment: str) -> None:
    assert fragment in text_of(rich, lang, "md")


@pytest.mark.parametrize("fmt", FORMATS)
def test_data_from_others_name_their_source(rich: Register, fmt: str) -> None:
    text = text_of(rich, "nl", fmt)
    assert "Aanmeldingen via werkgevers: Uw werkgever, die u voor de cursus aanmeldt." in text


@pytest.mark.parametrize(("lang", "fragment"), [("nl", "Wij krijgen uw gegevens van u zelf."),
                                                ("en", "We receive your data from you.")])
def test_statement_says_data_come_from_the_person_when_there_is_no_other_source(minimal: Register, lang: str,
                                                                                fragment: str) -> None:
    assert fragment in text_of(minimal, lang, "md")


def test_automated_decision_gives_logic_significance_and_the_right_to_human_review(rich: Register) -> None:
    text = text_of(rich, "en", "html")
    assert "Your exam is marked automatically." in text
    assert "How it works: Your answers are compared with the answer key." in text
    assert "What it means for you: The result decides whether you get the diploma" in text
    assert "Art. 22(3) GDPR" in text


@pytest.mark.parametrize(("lang", "fragment"), [
    ("nl", "Wij nemen geen besluiten over u die alleen door een computer worden genomen"),
    ("en", "We do not make decisions about you that are taken by a computer alone"),
])
def test_absence_of_automated_decisions_is_stated_explicitly(minimal: Register, lang: str, fragment: str) -> None:
    assert fragment in text_of(minimal, lang, "html")


@pytest.mark.parametrize(("lang", "rows"), [
    ("nl", [["Ledenadministratie", "2 jaar", "na het einde van het lidmaatschap"],
            ["Financiële administratie", "7 jaar", "na afloop van het boekjaar"],
            ["Nieuwsbrief", "tot uw afmelding", "—"],
            ["Websitestatistieken", "26 maanden", "na het websitebezoek"],
            ["Online examens", "6 maanden", "na het examen"],
            ["Aanmeldingen via werkgevers", "zolang de cursus loopt en daarna tot het certificaat verloopt", "—"],
            ["Jeugdwedstrijd", "1 jaar", "na de bijeenkomst"]]),
    ("en", [["Membership administration", "2 years", "after the membership ends"],
            ["Financial records", "7 years", "after the end of the financial year"],
            ["Newsletter", "until you unsubscribe", "—"],
            ["Website statistics", "26 months", "after the website visit"],
            ["Online exams", "6 months", "after the exam"],
            ["Registrations by employers", "while the course runs and then until the certificate expires", "—"],
            ["Youth competition", "1 year", "after the event"]]),
])
def test_retention_table_gives_period_and_starting_event_per_activity(rich: Register, lang: str,
                                                                      rows: list[list[str]]) -> None:
    assert table_rows(rich, lang, "retention") == rows


@pytest.mark.parametrize(("lang", "expected"), [("nl", "tot afloop van de overeenkomst"),
                                                ("en", "until the end of the contract")])
def test_zero_period_after_an_event_reads_as_until(variant: Any, lang: str, expected: str) -> None:
    register = variant(lambda d: d["activities"]["membership"].update(retention="until contract_ended"))
    assert table_rows(register, lang, "retention")[0][1:] == [expected, "—"]


def test_retention_notes_get_their_own_column(variant: Any) -> None:
    register = variant(lambda d: d["activities"]["membership"].update(
        retention={"period": "2 years", "from": "membership_ended", "note": {"nl": "daarna geanonimiseerd",
                                                                              "en": "then anonymised"}}))
    rows = table_rows(register, "en", "retention")
    assert rows[0] == ["Membership administration", "2 years", "after the membership ends", "then anonymised"]
    assert rows[1][3] == ""


def test_retention_section_is_omitted_when_no_activity_states_retention(minimal_data: dict[str, Any],
                                                                        variant: Any) -> None:
    register = variant(lambda d: d["activities"]["contact"].pop("retention"), minimal_data)
    assert section(register, "nl", "retention") is None
    assert "Hoe lang wij uw gegevens bewaren" not in text_of(register, "nl", "md")


def test_processors_and_other_recipients_are_listed_by_name_category_and_country(rich: Register) -> None:
    assert table_rows(rich, "nl", "recipients")[:4] == [
        ["Ledenbeheer BV", "hosting van ons ledensysteem", "Nederland"],
        ["Mailchimp", "verzenden van de nieuwsbrief", "Verenigde Staten"],
        ["Google", "websitestatistieken", "Verenigde Staten"],
        ["ProctorCheck Ltd", "toezicht op online examens", "Verenigd Koninkrijk"],
    ]
    assert table_rows(rich, "en", "recipients")[4:] == [
        ["accountant", "Accountantskantoor Boek", "auditing the annual accounts"],
        ["government", "Belastingdienst", "tax inspection"],
    ]


def test_processor_agreement_is_promised_only_when_every_processor_signed(rich: Register, variant: Any) -> None:
    assert "verwerkersovereenkomst gesloten" in text_of(rich, "nl", "html")
    unsigned = variant(lambda d: d["recipients"]["mailer"].update(agreement={"signed": False}))
    assert "verwerkersovereenkomst" not in text_of(unsigned, "nl", "html")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(("lang", "fragment"), [
    ("nl", "Wij delen uw gegevens met niemand buiten onze organisatie."),
    ("en", "We do not share your data with anyone outside our organisation."),
])
def test_statement_says_when_no_one_receives_data(minimal: Register, lang: str, fmt: str, fragment: str) -> None:
    assert fragment in text_of(minimal, lang, fmt)


@pytest.mark.parametrize(("lang", "fragments"), [
    ("nl", ["Mailchimp · Verenigde Staten", "Waarborg: EU-US Data Privacy Framework.",
            "Google · Verenigde Staten", "standaardcontractbepalingen van de Europese Commissie (2021)",
            "Een kopie vindt u op https://www.drukwerkco.nl/scc.", "ProctorCheck Ltd · Verenigd Koninkrijk",
            "adequaatheidsbesluit, art. 45 AVG"]),
    ("en", ["Mailchimp · United States", "Safeguard: EU-US Data Privacy Framework.",
            "You can find a copy at https://www.drukwerkco.nl/scc.", "ProctorCheck Ltd · United Kingdom"]),
])
def test_transfers_outside_the_eea_name_country_and_safeguard(rich: Register, lang: str,
                                                              fragments: list[str]) -> None:
    transfers = section(rich, lang, "transfers")
    assert transfers is not None
    text = " ".join(transfers.get_text(" ").split())
    for fragment in fragments:
        assert fragment in text


def test_contractual_clauses_without_published_copy_tell_people_to_ask_for_one(variant: Any) -> None:
    register = variant(lambda d: d["recipients"]["analytics"].update(transfer={"mechanism": "scc_2021"}))
    assert "U kunt een kopie bij ons opvragen via privacy@drukwerkco.nl." in text_of(register, "nl", "html")


@pytest.mark.parametrize(("lang", "fragment"), [
    ("nl", "Wij geven uw gegevens niet door naar landen buiten de Europese Economische Ruimte (EER)."),
    ("en", "We do not transfer your data to countries outside the European Economic Area (EEA)."),
])
def test_statement_says_when_nothing_leaves_the_eea(minimal: Register, lang: str, fragment: str) -> None:
    assert fragment in text_of(minimal, lang, "md")


@pytest.mark.parametrize(("lang", "rows"), [
    ("nl", [["session_id", "Vereniging Drukwerk & Co", "functioneel", "sessie", "nee"],
            ["_ga onderscheidt bezoekers voor statistieken", "Google", "statistieken", "2 jaar", "ja"],
            ["IDE", "Google", "advertenties", "13 maanden", "ja"]]),
    ("en", [["session_id", "Vereniging Drukwerk & Co", "functional", "session", "no"],
            ["_ga tells visitors apart for statistics", "Google", "statistics", "2 years", "yes"],
            ["IDE", "Google", "advertising", "13 months", "yes"]]),
])
def test_cookie_table_gives_provider_purpose_lifetime_and_consent(rich: Register, lang: str,
                                                                  rows: list[list[str]]) -> None:
    assert table_rows(rich, lang, "cookies") == rows


def test_cookie_markdown_table_keeps_its_columns(rich: Register) -> None:
    markdown = str(render_statement(rich, "en", "md"))
    cookies = markdown.split("## Cookies")[1].split("\n## ")[0]
    cookie_rows = [line for line in cookies.splitlines() if line.startswith("| ")]
    assert len(cookie_rows) == 4  # header and three cookies
    assert all(line.count(" | ") == 4 for line in cookie_rows)


@pytest.mark.parametrize("section_id", ["cookies", "security", "children", "processor-role", "scope", "dpo",
                                        "representative", "right-withdraw-consent", "right-objection-marketing"])
def test_sections_without_data_are_left_out(minimal: Register, rich: Register, section_id: str) -> None:
    assert section(rich, "nl", section_id) is not None
    assert section(minimal, "nl", section_id) is None


@pytest.mark.parametrize(("lang", "headings"), [
    ("nl", ["Inzage", "Correctie", "Verwijdering", "Beperking", "Bezwaar", "Bezwaar tegen direct marketing",
            "Overdraagbaarheid", "Toestemming intrekken", "Zo oefent u uw rechten uit"]),
    ("en", ["Access", "Rectification", "Erasure", "Restriction", "Objection", "Objecting to direct marketing",
            "Data portability", "Withdrawing consent", "How to exercise your rights"]),
])
def test_every_right_has_its_own_heading_with_objection_to_marketing_separate(rich: Register, lang: str,
                                                                              headings: list[str]) -> None:
    rights = section(rich, lang, "rights")
    assert rights is not None
    assert [h.get_text() for h in rights.find_all("h3")] == headings
    marketing = section(rich, lang, "right-objection-marketing")
    assert marketing is not None and ("Nieuwsbrief" if lang == "nl" else "Newsletter") in marketing.get_text()


def test_rights_name_contact_answer_time_and_identity_check(rich: Register) -> None:
    text = text_of(rich, "nl", "md")
    assert "Stuur uw verzoek naar privacy@drukwerkco.nl of per post naar ons adres." in text
    assert "uiterlijk binnen 4 weken na ontvangst" in text
    assert "Wij vragen u zich te legitimeren in een beveiligd gesprek" in text


def test_rights_contact_defaults_to_the_controller(minimal: Register) -> None:
    assert "U kunt dit doen door een e-mail te sturen naar info@klein.example." in text_of(minimal, "nl", "html")
    assert "We may ask you to show who you are" in text_of(minimal, "en", "html")


@pytest.mark.parametrize(("promised", "nl_text"), [("2 weeks", "2 weken"), ("3 months", "1 maand"),
                                                   ("1 month", "1 maand")])
def test_answer_time_is_never_promised_beyond_one_month(variant: Any, promised: str, nl_text: str) -> None:
    register = variant(lambda d: d["rights"].update(response_time=promised))
    assert f"uiterlijk binnen {nl_text} na ontvangst" in text_of(register, "nl", "html")


@pytest.mark.parametrize(("country", "lang", "fragments"), [
    ("NL", "nl", ["Autoriteit Persoonsgegevens", "Postbus 93374, 2509 AJ Den Haag", "https://autoriteitpersoonsgegevens.nl"]),
    ("BE", "nl", ["Gegevensbeschermingsautoriteit", "Drukpersstraat 35, 1000 Brussel"]),
    ("BE", "en", ["Belgian Data Protection Authority (Gegevensbeschermingsautoriteit)"]),
    ("DE", "nl", ["toezichthouder voor gegevensbescherming in het land waar u woont of werkt", "Duitsland"]),
])
def test_complaint_route_goes_to_the_authority_of_the_controllers_country(variant: Any, country: str, lang: str,
                                                                          fragments: list[str]) -> None:
    register = variant(lambda d: d["controller"].update(country=country))
    complaint = section(register, lang, "complaint")
    assert complaint is not None
    text = " ".join(complaint.get_text(" ").split())
    for fragment in fragments:
        assert fragment in text


def test_children_section_gives_the_parental_consent_age(rich: Register, variant: Any) -> None:
    assert "Bent u jonger dan 16 jaar" in text_of(rich, "nl", "html")
    belgian = variant(lambda d: (d["controller"].update(country="BE"),
                                 d["activities"]["youth"]["consent"].pop("parental_consent_below")))
    assert "If you are under 13," in text_of(belgian, "en", "html")


@pytest.mark.parametrize("fmt", FORMATS)
def test_change_log_and_announcement_of_changes_are_shown(rich: Register, fmt: str) -> None:
    text = text_of(rich, "en", fmt)
    assert "If we want to use your data for a new purpose, we will tell you beforehand." in text
    assert "We announce changes at least a month in advance" in text
    assert "15 June 2023" in text and "Added online proctoring for exams." in text


@pytest.mark.parametrize("where", ["purpose", "controller"])
def test_hostile_text_in_the_register_is_escaped_in_html(variant: Any, where: str) -> None:
    payload = '<script>alert("x")</script>'

    def edit(data: dict[str, Any]) -> None:
        if where == "purpose":
            data["activities"]["membership"]["purposes"][0] = {"nl": payload, "en": payload}
        else:
            data["controller"]["name"] = payload

    html = str(render_statement(variant(edit), "nl", "html"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_hostile_text_in_the_register_is_inert_in_markdown(variant: Any) -> None:
    payload = "<script>x</script> | [klik](http://evil) *vet*"
    register = variant(lambda d: d["activities"]["membership"].update(name={"nl": payload, "en": payload}))
    markdown = str(render_statement(register, "nl", "md"))
    assert "<script>" not in markdown
    assert "\\<script\\>" in markdown and "\\[klik\\]" in markdown and "\\*vet\\*" in markdown
    retention_row = next(line for line in markdown.splitlines() if line.startswith("| ") and "klik" in line)
    assert retention_row.count(" | ") == 2  # the pipe in the name did not add a column


def test_unknown_format_is_refused(rich: Register) -> None:
    with pytest.raises(ValueError, match="unknown statement format 'docx'"):
        render_statement(rich, "nl", "docx")  # type: ignore[arg-type]


def test_text_only_in_the_registers_language_is_shown_rather_than_left_out(minimal_data: dict[str, Any],
                                                                           variant: Any) -> None:
    register = variant(lambda d: d["activities"]["contact"].update(purposes=["uw vraag snel beantwoorden"]),
                       minimal_data)
    assert "Why: uw vraag snel beantwoorden" in text_of(register, "en", "md")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(purpose=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)
       .filter(lambda s: any(ch.isalnum() for ch in s)))  # the model refuses text without words
def test_any_register_text_reads_back_unchanged_from_html_and_markdown(minimal_data: dict[str, Any],
                                                                       purpose: str) -> None:
    data = copy.deepcopy(minimal_data)
    data["activities"]["contact"]["purposes"] = [{"nl": purpose, "en": purpose}]
    register = register_from(data)
    expected = " ".join(purpose.split())
    # A <dt>/<dd> pair in HTML (read from the cell itself: the page-text normaliser joins
    # punctuation to the word before it), a list item with a bold label in Markdown.
    page = BeautifulSoup(str(render_statement(register, "nl", "html")), "html.parser")
    why = page.find("dt", string="Waarom")
    assert why is not None
    cell = why.find_next_sibling("dd")
    assert cell is not None and " ".join(cell.get_text(" ").split()) == expected
    assert f"Waarom: {expected} - Welke gegevens" in text_of(register, "nl", "md")
