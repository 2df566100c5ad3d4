"""The draft register: facts filled in, TODO where the statement is silent, always loadable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from waarborg.analyze import analyze_text
from waarborg.analyze.draft import draft_register
from waarborg.analyze.draft_cues import (
    cookie_purpose,
    parse_address,
    retention_event,
    sentence_around,
    short_key,
    statement_date,
    statement_version,
)
from waarborg.analyze.model import Analysis, ElementResult, Evidence, Facts, PartyFact, RetentionFact
from waarborg.analyze.readers import read_statement
from waarborg.register import parse_register
from waarborg.register.elements import ELEMENT_KEYS
from waarborg.statement import render_statement

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
STATEMENT_FILES = sorted(
    path for path in STATEMENTS.iterdir()
    if path.name.startswith(("seed_", "holdout_")) and not path.name.endswith(".labels.yaml")
)


def _evidence(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(phrase, start, start + len(phrase))


def _analysis(text: str, facts: Facts, present: dict[str, str] | None = None, findings: list[str] | None = None,
              uses_consent: bool = False) -> Analysis:
    from waarborg.analyze.model import AnalyzerFinding

    elements = {key: ElementResult(False, [], key != "dpo_contact") for key in ELEMENT_KEYS}
    for key, phrase in (present or {}).items():
        elements[key] = ElementResult(True, [_evidence(text, phrase)], True)
    found = [AnalyzerFinding(item, "error", item, item, []) for item in findings or []]
    return Analysis("nl", elements, False, uses_consent, facts, found)


@pytest.mark.parametrize("path", STATEMENT_FILES, ids=lambda p: p.name)
def test_draft_of_every_labelled_statement_loads_and_renders(path: Path) -> None:
    statement = read_statement(path)
    analysis = analyze_text(statement.text)
    draft = draft_register(analysis, statement.text, source=path.name)
    register = parse_register(draft, name=f"draft of {path.name}")
    html = render_statement(register, register.language, "html")
    assert isinstance(html, str) and register.controller.name in html
    assert register.language == analysis.language
    if analysis.facts.controller_name:
        assert register.controller.name == analysis.facts.controller_name
    if analysis.facts.emails:
        assert register.controller.email == analysis.facts.emails[0]


TEXT = (
    "Privacyverklaring Bakkerij Kruimel\nVersie 3.2, laatst gewijzigd op 4 maart 2024\n"
    "Bakkerij Kruimel, Dorpsstraat 5, 1234 AB Ons Dorp, KvK 12345678, info@kruimel.nl, www.kruimel.nl.\n"
    "Wij gebruiken uw naam en e-mailadres om bestellingen te leveren.\n"
    "Bestelgegevens bewaren wij 7 jaar na afloop van het boekjaar in verband met de fiscale bewaarplicht.\n"
    "Nieuwsbriefgegevens bewaren wij tot u zich afmeldt.\n"
    "Mailchimp verstuurt de nieuwsbrief en is aangesloten bij het EU-US Privacy Shield.\n"
    "Wij gebruiken Google Analytics.\n"
)


def _bakery() -> Analysis:
    facts = Facts(
        controller_name="Bakkerij Kruimel",
        addresses=["Dorpsstraat 5, 1234 AB Ons Dorp"],
        emails=["info@kruimel.nl"],
        registration_numbers=[{"kind": "kvk", "number": "12345678"}],
        retention_periods=[
            RetentionFact(7, "years", "Bestelgegevens", _evidence(TEXT, "7 jaar")),
            RetentionFact(None, None, "Nieuwsbriefgegevens", _evidence(TEXT, "tot u zich afmeldt")),
        ],
        third_parties=[PartyFact("Mailchimp", "email", "US", _evidence(TEXT, "Mailchimp"))],
        data_categories=["user.name", "user.contact.email", "user.not_a_category"],
        legal_bases=["contract"],
        supervisory_authority="Autoriteit Persoonsgegevens",
        cookies=["Google Analytics"],
        websites=["www.kruimel.nl", "www.mailchimp.com"],
    )
    present = {"purposes": "om bestellingen te leveren"}
    return _analysis(TEXT, facts, present, findings=["privacy-shield"])


def test_draft_fills_in_the_controller_from_the_facts() -> None:
    register = parse_register(draft_register(_bakery(), TEXT))
    controller = register.controller
    assert (controller.name, controller.email, controller.country) == ("Bakkerij Kruimel", "info@kruimel.nl", "NL")
    assert controller.address is not None and controller.address.one_line() == "Dorpsstraat 5, 1234 AB Ons Dorp"
    assert controller.registration is not None and controller.registration.number == "12345678"
    assert controller.website == "www.kruimel.nl"
    assert register.statement.websites == ["www.kruimel.nl"]  # the processor's site is not the controller's
    assert (register.statement.version, register.statement.published_on) == ("3.2", date(2024, 3, 4))


def test_draft_records_a_privacy_shield_transfer_so_that_check_flags_it() -> None:
    from waarborg.rules import run_checks

    register = parse_register(draft_register(_bakery(), TEXT))
    mailchimp = register.recipients["mailchimp"]
    assert (mailchimp.role, mailchimp.country) == ("processor", "US")
    assert mailchimp.transfer is not None and mailchimp.transfer.mechanism == "privacy_shield"
    assert "transfer-privacy-shield" in {finding.rule for finding in run_checks(register)}


def test_draft_gives_each_record_kind_its_retention_with_the_event_from_the_sentence() -> None:
    register = parse_register(draft_register(_bakery(), TEXT))
    retention = {key: activity.retention.dump() for key, activity in register.activities.items()
                 if activity.retention is not None}
    assert retention == {"bestelgegevens": "7 years from financial_year_ended",
                         "nieuwsbriefgegevens": "until unsubscribed"}
    assert register.activities["bestelgegevens"].legal_basis == "legal_obligation"
    assert register.activities["statement_processing"].legal_basis == "contract"
    assert register.activities["statement_processing"].purposes[0].get("nl") == "om bestellingen te leveren"


def test_draft_drops_unknown_category_keys_and_links_the_analytics_cookie_to_nothing_invented() -> None:
    register = parse_register(draft_register(_bakery(), TEXT))
    assert register.activities["statement_processing"].data_categories == ["user.name", "user.contact.email"]
    (cookie,) = register.cookies
    assert (str(cookie.name), cookie.purpose, cookie.consent, cookie.provider) == (
        "Google Analytics", "analytics", False, "first_party")


def test_a_silent_statement_gives_todo_comments_and_no_invented_values() -> None:
    text = "Wij vinden uw privacy belangrijk."
    draft = draft_register(_analysis(text, Facts()), text, today=date(2025, 5, 1))
    register = parse_register(draft)
    assert register.controller.name == "TODO"
    assert register.controller.email is None and register.controller.address is None
    assert register.recipients == {} and register.cookies == []
    assert register.statement.published_on == date(2025, 5, 1)
    assert register.activities["statement_processing"].data_categories == ["user"]
    assert register.activities["statement_processing"].subject_groups == ["data_subjects"]
    for silence in ("gives no e-mail address", "gives no postal address", "has no date", "no retention period",
                    "names no legal basis", "does not name the purposes", "does not show the country"):
        assert f"# TODO: the statement {silence}" in draft or silence in draft


def test_todo_comments_sit_at_the_place_of_the_missing_field() -> None:
    text = "Wij vinden uw privacy belangrijk."
    lines = draft_register(_analysis(text, Facts(controller_name="Kruimel")), text).splitlines()
    todo = next(i for i, line in enumerate(lines) if "gives no e-mail address" in line)
    assert lines[todo].startswith("  # TODO")  # indented inside `controller:`
    assert lines.index("controller:") < todo < lines.index("statement:")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Bernagietuin 24, 7813 BV te Emmen", ("Bernagietuin 24", "7813 BV", "Emmen")),
        ("Bernagietuin 24, 7813BV Emmen", ("Bernagietuin 24", "7813 BV", "Emmen")),
        ("Kapelstraat 14, 2800 Mechelen", ("Kapelstraat 14", "2800", "Mechelen")),
        ("Lange Voorhout 9a 2514 EA Den Haag", ("Lange Voorhout 9a", "2514 EA", "Den Haag")),
    ],
)
def test_addresses_split_into_street_postal_code_and_city(raw: str, expected: tuple[str, str, str]) -> None:
    parsed = parse_address(raw)
    assert parsed is not None
    assert (parsed["street"], parsed["postal_code"], parsed["city"]) == expected


def test_an_address_without_postal_code_is_not_guessed() -> None:
    assert parse_address("ergens in Emmen") is None


@pytest.mark.parametrize(
    ("text", "version", "published"),
    [
        ("Versie: 7.0\nDatum: 29 januari 2019", "7.0", date(2019, 1, 29)),
        ("Version 4 — last updated on March 3, 2024", "4", date(2024, 3, 3)),
        ("Deze verklaring is laatst gewijzigd op **11 juli 2018**.", None, date(2018, 7, 11)),
        ("Effective date: [DATE]", None, None),
        ("Vastgesteld op 31-02-2020", None, None),
    ],
)
def test_statement_version_and_date_are_read_from_their_labels(text: str, version: str | None,
                                                               published: date | None) -> None:
    assert statement_version(text) == version
    assert statement_date(text) == published


@pytest.mark.parametrize(
    ("phrase", "event"),
    [
        ("wordt gedurende 3 jaar na afloop van het coachingstraject bewaard", "coaching_ended"),
        ("tot twee jaar na beëindiging van het lidmaatschap", "membership_ended"),
        ("kept for five years after the business relationship ends", "relationship_ended"),
        ("deleted four weeks after the procedure ends", "application_closed"),
        ("bewaard tot je je afmeldt voor de nieuwsbrief", "until_unsubscribed"),
        ("zeven jaar na afloop van het boekjaar", "financial_year_ended"),
        ("wij bewaren dit 1 jaar", None),
    ],
)
def test_retention_event_is_read_from_the_phrase(phrase: str, event: str | None) -> None:
    assert retention_event(phrase) == event


@pytest.mark.parametrize(
    ("name", "purpose"),
    [("Google Analytics", "analytics"), ("DoubleClick", "advertising"), ("Facebook-pixel", "advertising"),
     ("LinkedIn Insight", "social_media"), ("PHPSESSID", "functional"), ("mystery", None)],
)
def test_cookie_purpose_follows_the_tool_name(name: str, purpose: str | None) -> None:
    assert cookie_purpose(name) == purpose


def test_short_keys_skip_filler_words() -> None:
    phrase = "Het coachingsverslag in het kader van een coachingstraject"
    assert short_key(phrase) == "coachingsverslag_kader_coachingstraject"
    assert short_key("7 jaar") == "retention_7_jaar"


def test_sentence_around_finds_the_whole_sentence() -> None:
    text = "Eerste zin. Wij bewaren dit 3 jaar na afloop. Laatste zin."
    start = text.index("3 jaar")
    assert sentence_around(text, start, start + 6) == "Wij bewaren dit 3 jaar na afloop."
