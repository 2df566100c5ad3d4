"""Sentences that misstated the law or the register (issue 9, item 5), each fixed where it was made."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from statement_support import EXAMPLES, plain_text, register_from

from waarborg.register import Register, load_register, taxonomy
from waarborg.statement import render_statement
from waarborg.statement.build import build_view

DEMO = Path(__file__).parents[2] / "src" / "waarborg" / "demo" / "register.yaml"


@cache
def _load(path: Path) -> Register:
    return load_register(path)


def _text(register: Register, lang: str, fmt: str = "md") -> str:
    return plain_text(str(render_statement(register, lang, fmt)), fmt)  # type: ignore[arg-type]


def _retention_row(register: Register, lang: str, activity: str) -> tuple[str, str | None]:
    name = register.activities[activity].name.get(lang)  # type: ignore[arg-type]
    row = next(r for r in build_view(register, lang).retention if r.activity == name)  # type: ignore[arg-type]
    return row.period, row.start


@pytest.mark.parametrize(("lang", "start"), [("nl", "na uw afmelding"), ("en", "after you unsubscribe")])
def test_do_not_contact_list_starts_at_unsubscribing(lang: str, start: str) -> None:
    """The start column said "tot u zich afmeldt / until you unsubscribe" for a period that begins there."""
    assert _retention_row(_load(DEMO), lang, "do_not_contact") == ("5 jaar" if lang == "nl" else "5 years", start)


@pytest.mark.parametrize(("lang", "period"), [("nl", "tot uw afmelding"), ("en", "until you unsubscribe")])
def test_newsletter_is_kept_until_unsubscribing(lang: str, period: str) -> None:
    assert _retention_row(_load(DEMO), lang, "newsletter") == (period, None)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_retention_event_reads_as_a_start(lang: str) -> None:
    """Event labels fill the "starts" column ("5 jaar | na uw afmelding"), so none may read as an end."""
    for key, term in taxonomy.retention_events().items():
        label = term.label(lang)  # type: ignore[arg-type]
        assert not label.startswith(("tot ", "until ")), f"{key}: {label!r}"


@pytest.mark.parametrize(("lang", "wrong", "right"), [
    ("nl", "De wet verplicht u deze gegevens te verstrekken",
     "Deze gegevens leggen wij vast omdat de wet dat van ons eist."),
    ("en", "The law requires you to provide these data", "We record these data because the law requires it of us."),
])
def test_a_legal_obligation_of_the_organisation_is_not_put_on_the_person(lang: str, wrong: str, right: str) -> None:
    """Handling privacy requests rests on the organisation's own legal obligation (Art. 6(1)(c))."""
    view = build_view(_load(DEMO), lang)  # type: ignore[arg-type]
    requests = next(a for a in view.activities if a.key == "request_administration")
    assert requests.provision == right
    for path in [*sorted(EXAMPLES.glob("*.yaml")), DEMO]:
        assert wrong not in _text(_load(path), lang), path.name


def test_a_statutory_requirement_outside_a_legal_obligation_says_so_without_naming_whom_it_binds(
        rich_data: dict[str, Any]) -> None:
    rich_data["activities"]["membership"]["provision"] = {"requirement": "statutory"}
    view = build_view(register_from(rich_data), "en")
    membership = next(a for a in view.activities if a.key == "membership")
    assert membership.provision == "Providing these data is a statutory requirement."


@pytest.mark.parametrize(("lang", "wrong", "right"), [
    ("nl", "maar van: Uit contact met uzelf", "Herkomst: Uit contact met uzelf of met een collega"),
    ("en", "but from: From contact with you", "Source: From contact with you or a colleague"),
])
def test_vck_source_is_told_in_its_own_words_without_contradiction(lang: str, wrong: str, right: str) -> None:
    text = _text(_load(EXAMPLES / "vck.yaml"), lang)
    assert wrong not in text
    assert right in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_source_without_description_keeps_the_lead(rich_data: dict[str, Any], lang: str) -> None:
    del rich_data["activities"]["referrals"]["source"]["description"]
    view = build_view(register_from(rich_data), lang)  # type: ignore[arg-type]
    source = next(a for a in view.activities if a.key == "referrals").source
    assert source == ("Deze gegevens krijgen wij niet van u zelf, maar van: anderen." if lang == "nl"
                      else "We do not receive these data from you, but from: others.")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_demo_organisation_is_named_once(fmt: str) -> None:
    """It read "Vereniging Klantcontact Nederland (Vereniging Klantcontact Nederland (demo))"."""
    text = _text(_load(DEMO), "nl", fmt)
    assert "Vereniging Klantcontact Nederland (Vereniging" not in text
    assert "Vereniging Klantcontact Nederland (demo) is verantwoordelijk" in text


def test_a_short_name_with_a_different_legal_name_shows_both(rich_data: dict[str, Any]) -> None:
    rich_data["controller"]["name"] = "VDC"
    rich_data["controller"]["legal_name"] = "Vereniging Drukwerk & Co"
    assert "VDC (Vereniging Drukwerk & Co) is verantwoordelijk" in _text(register_from(rich_data), "nl")


@pytest.mark.parametrize(("lang", "label", "absent"), [
    ("nl", "burgerservicenummer (BSN)", "rijksregisternummer"),
    ("en", "citizen service number (BSN)", "national register number"),
])
def test_a_dutch_organisation_names_only_the_bsn(lang: str, label: str, absent: str) -> None:
    """The demo (NL) pays salaries with the BSN; its statement said "BSN of rijksregisternummer"."""
    text = _text(_load(DEMO), lang)
    assert label in text
    assert absent not in text


@pytest.mark.parametrize(("country", "lang", "label"), [
    ("NL", "nl", "burgerservicenummer (BSN)"), ("BE", "nl", "rijksregisternummer"),
    ("BE", "en", "national register number"), ("DE", "nl", "burgerservicenummer (BSN) of rijksregisternummer"),
])
def test_the_national_number_is_named_by_the_controllers_country(rich_data: dict[str, Any], country: str, lang: str,
                                                                 label: str) -> None:
    rich_data["controller"]["country"] = country
    key = "user.government_id.national_identification_number"
    assert register_from(rich_data).category_label(key, lang) == label  # type: ignore[arg-type]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("nl", "U kunt uw toestemming altijd intrekken door de cookies in uw browser te verwijderen"),
    ("en", "You can withdraw your consent at any time by deleting or refusing the cookies"),
])
def test_a_capitalised_phrase_completes_the_withdrawal_sentence(lang: str, sentence: str) -> None:
    """Kwalipro's "Door de cookies ... te verwijderen" was printed as a sentence fragment of its own."""
    assert sentence in _text(_load(EXAMPLES / "kwalipro.yaml"), lang)
