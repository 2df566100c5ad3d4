"""The five seed organisations: each register yields a statement at least as complete as the one the
organisation published, and `waarborg check` reports that organisation's real gaps.

The original statements' elements come from their labels in tests/data/statements/seed_*.labels.yaml
(the analyzer's labelled set), so the comparison is with what a privacy officer found in the originals.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from waarborg.analyze import analyze_text
from waarborg.register import Register, load_register
from waarborg.register.elements import ELEMENT_KEYS
from waarborg.rules import run_checks
from waarborg.statement import coverage_report, render_statement

ROOT = Path(__file__).resolve().parents[1]
ORGANISATIONS = ["kvgo", "ksf", "vck", "kwalipro", "infogroen"]


@cache
def _register(name: str) -> Register:
    return load_register(ROOT / "examples" / f"{name}.yaml")


@cache
def _original_elements(name: str) -> frozenset[str]:
    labels = YAML(typ="safe").load((ROOT / "tests/data/statements" / f"seed_{name}.labels.yaml").read_text("utf-8"))
    return frozenset(key for key in ELEMENT_KEYS if labels["elements"][key]["present"])


# Elements the original covers only in part, where the generated statement has the same hole: the
# register records the organisation honestly, so coverage says `missing` and names exactly these.
SHARED_HOLES: dict[tuple[str, str], str] = {
    # KVGO keeps special categories "when law, a contract or you ask for it": no Art. 9(2) condition.
    ("kvgo", "legal_basis"): "special categories without an Art. 9(2) condition: user.content.special_on_request",
    # KVGO says what follows from not giving order data only; for these it says nothing.
    ("kvgo", "provision_requirement"): "commercial_information, contact, website_accounts",
    # KSF's marketing cookies come with no legal basis and no consent in its statement.
    ("ksf", "legal_basis"): "activities without a legal basis: marketing_cookies",
}


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_generated_statement_covers_every_element_the_original_covers(name: str) -> None:
    coverage = coverage_report(_register(name))
    for key in sorted(_original_elements(name)):
        status = coverage[key]
        if (name, key) in SHARED_HOLES:
            assert status["status"] == "missing" and SHARED_HOLES[name, key] in status["reason"], status
        else:
            assert status["status"] == "covered", (key, status)


@pytest.mark.parametrize("name", ORGANISATIONS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_analyzer_finds_in_the_generated_statement_what_the_original_had(name: str, lang: str) -> None:
    # Round trip: the statement Waarborg writes, read back by Waarborg's own analyzer.
    text = str(render_statement(_register(name), lang, "md"))  # type: ignore[arg-type]
    analysis = analyze_text(text)
    assert analysis.language == lang
    found = {key for key, result in analysis.elements.items() if result.present}
    assert sorted(_original_elements(name) - found) == []


# The real gaps of each organisation, as its own statement shows them (see the comments in examples/).
REAL_GAPS: dict[str, set[str]] = {
    "kvgo": {"transfer-privacy-shield", "cookie-consent-missing", "retention-unbounded", "processor-agreement-missing"},
    "ksf": {"retention-unbounded", "legal-basis-missing", "cookie-consent-missing"},
    "vck": {"processor-agreement-missing", "retention-unbounded", "marketing-email-opt-in", "cookie-consent-missing"},
    "kwalipro": {"transfer-privacy-shield", "cookie-consent-missing", "retention-unbounded"},
    "infogroen": {"retention-unbounded", "processor-agreement-missing", "cookie-consent-missing"},
}


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_check_reports_the_organisations_real_gaps_as_errors(name: str) -> None:
    errors = {finding.rule for finding in run_checks(_register(name)) if finding.severity == "error"}
    assert REAL_GAPS[name] <= errors, sorted(REAL_GAPS[name] - errors)


def test_privacy_shield_findings_name_the_vendors_the_statements_name() -> None:
    def shielded(name: str) -> set[str]:
        return {f.path.split(".")[1] for f in run_checks(_register(name)) if f.rule == "transfer-privacy-shield"}

    assert "mailchimp" in shielded("kvgo")  # "MailChimp, een onder Privacy Shield vallende dienstverlener"
    assert "google" in shielded("kwalipro")  # Google Analytics data in the US under the Privacy Shield
