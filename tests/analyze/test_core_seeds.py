"""The five seed statements: the analyzer must report their real gaps and nothing present as missing."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from waarborg.analyze import Analysis, analyze_text
from waarborg.register.elements import ELEMENT_KEYS

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
SEEDS = ["kvgo", "ksf", "vck", "kwalipro", "infogroen"]


@cache
def labels(seed: str) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load((STATEMENTS / f"seed_{seed}.labels.yaml").read_text("utf-8"))
    return loaded


@cache
def analysis(seed: str) -> Analysis:
    return analyze_text((STATEMENTS / f"seed_{seed}.txt").read_text("utf-8"))


def finding_ids(seed: str) -> set[str]:
    return {finding.id for finding in analysis(seed).findings}


@pytest.mark.parametrize("seed", SEEDS)
def test_nothing_the_seed_gives_is_reported_missing(seed: str) -> None:
    present = [key for key in ELEMENT_KEYS if labels(seed)["elements"][key]["present"]]
    assert [key for key in present if not analysis(seed).elements[key].present] == []


@pytest.mark.parametrize("seed", SEEDS)
def test_what_the_seed_lacks_is_reported_missing(seed: str) -> None:
    absent = [key for key in ELEMENT_KEYS if not labels(seed)["elements"][key]["present"]]
    assert [key for key in absent if analysis(seed).elements[key].present] == []


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_gets_exactly_its_labelled_findings(seed: str) -> None:
    assert finding_ids(seed) == set(labels(seed)["findings"])


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_language_and_conditional_bases_match_the_labels(seed: str) -> None:
    assert analysis(seed).language == labels(seed)["language"]
    assert analysis(seed).uses_legitimate_interest == labels(seed)["uses_legitimate_interest"]
    assert analysis(seed).uses_consent == labels(seed)["uses_consent"]


def test_vck_names_no_complaint_route() -> None:
    vck = analysis("vck")
    assert not vck.elements["right_complaint"].present and "right_complaint" in vck.missing()
    assert "no-complaint-route" in finding_ids("vck")
    assert vck.facts.supervisory_authority is None


@pytest.mark.parametrize("seed", ["kvgo", "kwalipro"])
def test_kvgo_and_kwalipro_rely_on_the_privacy_shield(seed: str) -> None:
    (finding,) = [finding for finding in analysis(seed).findings if finding.id == "privacy-shield"]
    assert any("Privacy Shield" in evidence.text for evidence in finding.evidence)


def test_infogroen_gives_no_retention_period() -> None:
    infogroen = analysis("infogroen")
    assert "retention-vague" in finding_ids("infogroen")
    assert all(fact.value is None for fact in infogroen.facts.retention_periods)


def test_kwalipro_retention_periods_per_record_type() -> None:
    facts = analysis("kwalipro").facts.retention_periods
    periods = [(fact.value, fact.unit) for fact in facts if fact.kind == "period"]
    assert periods == [(50, "months"), (3, "years"), (3, "years"), (7, "years"), (1, "years"), (7, "years")]


def test_kvgo_cookies_and_vendors() -> None:
    names = {party.name for party in analysis("kvgo").facts.third_parties}
    assert {"Google Analytics", "DoubleClick", "OpenX", "Mailchimp"} <= names
    assert "analytics-without-conditions" in finding_ids("kvgo")


def test_ksf_contact_details() -> None:
    facts = analysis("ksf").facts
    assert facts.controller_name == "Klantenservice Federatie"
    assert facts.phones == ["070-7620764"]
    assert facts.emails == ["info@klantenservicefederatie.nl"]
    assert facts.addresses == ["Driebergsestraatweg 27, 3941 ZS Doorn"]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_evidence_span_slices_the_seed_text(seed: str) -> None:
    text = (STATEMENTS / f"seed_{seed}.txt").read_text("utf-8")
    result = analysis(seed)
    spans = [e for element in result.elements.values() for e in element.evidence]
    spans += [e for finding in result.findings for e in finding.evidence]
    spans += [fact.evidence for fact in result.facts.retention_periods]
    assert spans and all(text[e.start:e.end] == e.text and e.text.strip() == e.text for e in spans)
