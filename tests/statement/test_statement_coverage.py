"""Coverage of the 21 Art. 13/14 elements: each state, and agreement with what the statement prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from statement_support import REGISTER_FILES, cached_register, plain_text

from waarborg.register import Register, taxonomy
from waarborg.register.elements import ELEMENT_KEYS
from waarborg.statement import coverage_report, render_statement
from waarborg.statement.build import build_view
from waarborg.statement.coverage import coverage_of
from waarborg.statement.wording import capitalise

Edit = Callable[[dict[str, Any]], None]


def no_change(data: dict[str, Any]) -> None:
    """Leave the register as it is."""


def on_activity(key: str, **changes: Any) -> Edit:
    return lambda data: data["activities"][key].update(changes)


def without(key: str, field: str) -> Edit:
    return lambda data: data["activities"][key].pop(field)


def everything_from_employers(data: dict[str, Any]) -> None:
    for activity in data["activities"].values():
        activity["source"] = {"kind": "third_party", "description": "uw werkgever"}


# (element, base register, edit, expected status, fragment of the reason)
STATES = [
    ("controller_identity", "minimal", no_change, "covered", ""),
    ("controller_contact", "minimal", no_change, "covered", ""),
    ("controller_contact", "minimal", lambda d: d["controller"].pop("email"), "missing", "no address, e-mail or phone"),
    ("dpo_contact", "rich", no_change, "covered", ""),
    ("dpo_contact", "minimal", no_change, "not_applicable", "no data protection officer"),
    ("dpo_contact", "rich", lambda d: d["controller"].update(dpo={"name": "A. de Vries"}), "missing",
     "data protection officer has no address"),
    ("purposes", "minimal", no_change, "covered", ""),
    ("legal_basis", "rich", no_change, "covered", ""),
    ("legal_basis", "rich", without("membership", "legal_basis"), "missing",
     "activities without a legal basis: membership"),
    ("legal_basis", "rich", lambda d: d["activities"]["exams"]["special_categories"][0].pop("condition"), "missing",
     "special categories without an Art. 9(2) condition: user.health_and_medical in exams"),
    ("legitimate_interests", "rich", no_change, "covered", ""),
    ("legitimate_interests", "minimal", on_activity("contact", legal_basis="contract"), "not_applicable",
     "no activity relies on legitimate interests"),
    ("legitimate_interests", "rich", without("analytics", "legitimate_interest"), "missing",
     "do not state the interest: analytics"),
    ("recipients", "rich", no_change, "covered", ""),
    ("recipients", "minimal", no_change, "covered", ""),
    ("transfers", "rich", no_change, "covered", ""),
    ("transfers", "minimal", no_change, "covered", ""),
    ("transfers", "rich", lambda d: d["recipients"]["mailer"].pop("transfer"), "missing",
     "recipients outside the EEA without a safeguard: mailer"),
    ("retention", "rich", no_change, "covered", ""),
    ("retention", "rich", without("newsletter", "retention"), "missing",
     "activities without a retention period or criterion: newsletter"),
    ("retention", "rich", on_activity("newsletter", retention={"note": "zie het beleid"}), "missing",
     "activities without a retention period or criterion: newsletter"),
    ("right_access", "minimal", no_change, "covered", ""),
    ("right_rectification", "minimal", no_change, "covered", ""),
    ("right_erasure", "minimal", no_change, "covered", ""),
    ("right_restriction", "minimal", no_change, "covered", ""),
    ("right_objection", "minimal", no_change, "covered", ""),
    ("right_portability", "minimal", no_change, "covered", ""),
    ("right_withdraw_consent", "rich", no_change, "covered", ""),
    ("right_withdraw_consent", "minimal", no_change, "not_applicable", "no activity relies on consent"),
    ("right_complaint", "minimal", no_change, "covered", ""),
    ("right_complaint", "minimal", lambda d: d["controller"].update(country="DE"), "covered", ""),
    ("provision_requirement", "rich", no_change, "covered", ""),
    ("provision_requirement", "minimal", no_change, "missing", "activities without provision information: contact"),
    ("provision_requirement", "minimal", everything_from_employers, "not_applicable",
     "no data are collected from the person"),
    ("automated_decisions", "rich", no_change, "covered", ""),
    ("automated_decisions", "minimal", no_change, "covered", ""),
    ("automated_decisions", "rich", lambda d: d["activities"]["exams"]["automated_decision"].pop("logic"), "missing",
     "automated decisions without their logic or significance: exams"),
    ("data_categories", "minimal", no_change, "covered", ""),
    ("data_source", "rich", no_change, "covered", ""),
    ("data_source", "minimal", no_change, "covered", ""),
    ("data_source", "rich", lambda d: d["activities"]["referrals"]["source"].pop("description"), "missing",
     "do not describe the source: referrals"),
]


@pytest.mark.parametrize(("element", "base", "edit", "status", "reason"), STATES)
def test_element_status(variant: Any, rich_data: dict[str, Any], minimal_data: dict[str, Any], element: str,
                        base: str, edit: Edit, status: str, reason: str) -> None:
    register = variant(edit, rich_data if base == "rich" else minimal_data)
    entry = coverage_report(register)[element]
    assert entry["status"] == status
    if status == "covered":
        assert "reason" not in entry
    else:
        assert reason in entry["reason"]


def test_every_element_is_tested_in_every_state_it_can_take() -> None:
    seen = {(element, status) for element, _, _, status, _ in STATES}
    assert {element for element, _ in seen} == set(ELEMENT_KEYS)
    for conditional in ("dpo_contact", "legitimate_interests", "right_withdraw_consent", "provision_requirement"):
        assert (conditional, "not_applicable") in seen
    # data_source is never not_applicable: the statement always says where data come from.
    assert ("data_source", "covered") in seen and ("data_source", "missing") in seen


@pytest.mark.parametrize("path", REGISTER_FILES, ids=lambda p: p.name)
def test_report_lists_all_21_elements_in_order(path: Path) -> None:
    report = coverage_report(cached_register(path))
    assert list(report) == list(ELEMENT_KEYS)
    assert {entry["status"] for entry in report.values()} <= {"covered", "not_applicable", "missing"}


@pytest.mark.parametrize("path", REGISTER_FILES, ids=lambda p: p.name)
def test_coverage_does_not_depend_on_the_language_of_the_statement(path: Path) -> None:
    register = cached_register(path)
    assert coverage_of(build_view(register, "nl")) == coverage_of(build_view(register, "en"))


# --- coverage agrees with the rendered statement -------------------------------------------------------------

SECTION_HEADINGS = {
    "controller": {"nl": "Wie wij zijn", "en": "Who we are"},
    "processing": {"nl": "Welke gegevens wij verwerken en waarom", "en": "What data we process and why"},
    "source": {"nl": "Waar uw gegevens vandaan komen", "en": "Where your data come from"},
    "automated": {"nl": "Geautomatiseerde besluiten", "en": "Automated decisions"},
    "retention": {"nl": "Hoe lang wij uw gegevens bewaren", "en": "How long we keep your data"},
    "recipients": {"nl": "Met wie wij uw gegevens delen", "en": "Who we share your data with"},
    "transfers": {"nl": "Gegevens buiten Europa", "en": "Data outside Europe"},
    "rights": {"nl": "Uw rechten", "en": "Your rights"},
    "complaint": {"nl": "Klacht indienen", "en": "Making a complaint"},
}

RIGHT_HEADINGS = {
    "right_access": {"nl": "Inzage", "en": "Access"},
    "right_rectification": {"nl": "Correctie", "en": "Rectification"},
    "right_erasure": {"nl": "Verwijdering", "en": "Erasure"},
    "right_restriction": {"nl": "Beperking", "en": "Restriction"},
    "right_objection": {"nl": "Bezwaar", "en": "Objection"},
    "right_portability": {"nl": "Overdraagbaarheid", "en": "Data portability"},
    "right_withdraw_consent": {"nl": "Toestemming intrekken", "en": "Withdrawing consent"},
}

ARTICLE_6 = {"nl": "art. 6 lid 1 onder {} AVG", "en": "Art. 6(1)({}) GDPR"}
LETTER = {"consent": "a", "contract": "b", "legal_obligation": "c", "vital_interests": "d", "public_task": "e",
          "legitimate_interests": "f"}


def section_texts(rendered: str, fmt: str, lang: str) -> dict[str, str]:
    """The reader's text of each top-level section that the statement renders."""
    if fmt == "html":
        soup = BeautifulSoup(rendered, "html.parser")
        found = {key: soup.find(id=key) for key in SECTION_HEADINGS}
        return {key: plain_text(str(tag), "html") for key, tag in found.items() if tag is not None}
    texts = {}
    for key, headings in SECTION_HEADINGS.items():
        heading = f"\n## {headings[lang]}\n"
        if heading in rendered:
            texts[key] = plain_text(rendered.split(heading, 1)[1].split("\n## ", 1)[0], "md")
    return texts


def section_text(rendered: str, fmt: str, lang: str, section: str) -> str:
    return section_texts(rendered, fmt, lang).get(section, "")


def evidence(element: str, register: Register, lang: str) -> tuple[str, list[str]]:
    """Where a covered element must show up, and what must be there, read from the register itself."""
    def text(value: Any) -> str:
        return str(value.get(lang, register.language))

    activities = list(register.activities.values())
    controller = register.controller
    used = {key for a in activities for key in a.recipients}
    abroad = [r for k, r in register.recipients.items() if k in used and r.country not in taxonomy.EEA_COUNTRIES]
    table: dict[str, tuple[str, list[str]]] = {
        "controller_identity": ("controller", [controller.name]),
        "controller_contact": ("controller", [c for c in (controller.email, controller.phone) if c]),
        "dpo_contact": ("controller", [c for c in (controller.dpo.email, controller.dpo.phone) if c]
                        if controller.dpo else []),
        "purposes": ("processing", [text(p) for a in activities for p in a.purposes]),
        "legal_basis": ("processing", [ARTICLE_6[lang].format(LETTER[a.legal_basis])
                                       for a in activities if a.legal_basis]),
        "legitimate_interests": ("processing", [text(a.legitimate_interest) for a in activities
                                                if a.legitimate_interest and a.legal_basis == "legitimate_interests"]),
        "recipients": ("recipients", [text(register.recipients[k].name) for k in used]),
        "transfers": ("transfers", [part for r in abroad
                                    for part in (text(r.name), taxonomy.country_name(r.country, lang))]),
        "retention": ("retention", [text(a.name) for a in activities]),
        "right_complaint": ("complaint", [register.authority()[f"name_{lang}"]] if register.authority() else []),
        "provision_requirement": ("processing", ["Verplicht?" if lang == "nl" else "Required?"]),
        "automated_decisions": ("automated", [text(a.automated_decision.description) for a in activities
                                              if a.automated_decision]),
        "data_categories": ("processing", [register.category_label(c, lang) for a in activities  # type: ignore[arg-type]
                                           for c in a.data_categories]),
        # Shown in the register's own words, as a sentence of its own (capitalised).
        "data_source": ("source", [capitalise(text(a.source.description)) for a in activities
                                   if a.source.description]),
    }
    if element in RIGHT_HEADINGS:
        return "rights", [RIGHT_HEADINGS[element][lang]]
    return table[element]


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("path", REGISTER_FILES, ids=lambda p: p.name)
def test_every_element_reported_covered_is_in_the_rendered_statement(path: Path, lang: str, fmt: str) -> None:
    register = cached_register(path)
    sections = section_texts(str(render_statement(register, lang, fmt)), fmt, lang)  # type: ignore[arg-type]
    for element, entry in coverage_report(register).items():
        if entry["status"] != "covered":
            continue
        where, fragments = evidence(element, register, lang)
        shown = sections.get(where, "")
        assert shown, f"{element} is reported covered but section {where!r} is not rendered"
        for fragment in fragments:
            assert " ".join(fragment.split()) in shown, f"{element}: {fragment!r} not in section {where!r}"


@pytest.mark.parametrize("path", REGISTER_FILES, ids=lambda p: p.name)
def test_elements_not_applicable_leave_no_empty_heading(path: Path) -> None:
    register = cached_register(path)
    report = coverage_report(register)
    html = BeautifulSoup(str(render_statement(register, "en", "html")), "html.parser")
    assert (html.find(id="dpo") is None) == (report["dpo_contact"]["status"] == "not_applicable")
    assert (html.find(id="right-withdraw-consent") is None) == (
        report["right_withdraw_consent"]["status"] == "not_applicable")


def test_statement_that_says_all_data_come_from_the_person_covers_the_source(minimal: Register) -> None:
    # Like "nothing leaves the EEA" for transfers: saying so informs the reader (Art. 14(2)(f) answered).
    assert coverage_report(minimal)["data_source"]["status"] == "covered"
    assert "Wij krijgen uw gegevens van u zelf." in section_text(
        str(render_statement(minimal, "nl", "md")), "md", "nl", "source")


def test_how_people_give_their_data_is_told_in_the_source_section(variant: Callable[..., Register]) -> None:
    def with_channel(data: dict[str, Any]) -> None:
        data["activities"]["newsletter"]["source"] = {"kind": "data_subject",
                                                      "description": {"nl": "via het aanmeldformulier",
                                                                      "en": "through the sign-up form"}}
    register = variant(with_channel)
    for lang, phrase in (("nl", "Via het aanmeldformulier."), ("en", "Through the sign-up form.")):
        assert phrase in section_text(str(render_statement(register, lang, "md")), "md", lang, "source")
