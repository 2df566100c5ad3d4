"""The holdout statements and their labels are well-formed (LABELLING.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from waarborg.analyze.readers import read_statement
from waarborg.register.elements import ELEMENT_KEYS

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
HOLDOUT_LABELS = sorted(STATEMENTS.glob("holdout_*.labels.yaml"))
FINDING_IDS = {
    "privacy-shield", "retention-vague", "no-complaint-route", "analytics-without-conditions",
    "consent-without-withdrawal", "template-placeholder", "pre-gdpr-law",
}


def _labels(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded


def test_the_holdout_set_has_ten_statements_in_both_languages_and_three_formats() -> None:
    labels = [_labels(path) for path in HOLDOUT_LABELS]
    assert len(labels) >= 10
    assert sum(1 for label in labels if label["language"] == "en") >= 3
    assert {Path(label["source"]).suffix for label in labels} == {".txt", ".md", ".html"}


@pytest.mark.parametrize("path", HOLDOUT_LABELS, ids=lambda p: p.name)
def test_holdout_label_file_is_well_formed(path: Path) -> None:
    label = _labels(path)
    assert label["split"] == "holdout"
    assert label["language"] in ("nl", "en")
    assert path.name == f"{Path(label['source']).stem}.labels.yaml"
    assert isinstance(label["uses_legitimate_interest"], bool) and isinstance(label["uses_consent"], bool)
    assert list(label["elements"]) == list(ELEMENT_KEYS)
    assert set(label["findings"]) <= FINDING_IDS


@pytest.mark.parametrize("path", HOLDOUT_LABELS, ids=lambda p: p.name)
def test_holdout_evidence_is_quoted_exactly_from_the_statement_text(path: Path) -> None:
    label = _labels(path)
    text = read_statement(STATEMENTS / label["source"]).text
    for key, element in label["elements"].items():
        evidence = element.get("evidence", [])
        if element["present"]:
            assert 1 <= len(evidence) <= 3, f"{key}: give one to three spans"
        else:
            assert evidence == [], f"{key}: an absent element has no evidence"
        for span in evidence:
            assert span in text, f"{key}: {span!r} is not in {label['source']}"


@pytest.mark.parametrize("path", HOLDOUT_LABELS, ids=lambda p: p.name)
def test_holdout_findings_agree_with_the_elements(path: Path) -> None:
    """A statement without a complaint route deserves that finding; consent without withdrawal too."""
    label = _labels(path)
    elements, findings = label["elements"], set(label["findings"])
    assert ("no-complaint-route" in findings) == (not elements["right_complaint"]["present"])
    withdrawal_missing = label["uses_consent"] and not elements["right_withdraw_consent"]["present"]
    assert ("consent-without-withdrawal" in findings) == withdrawal_missing
    if label["uses_legitimate_interest"] is False:
        assert not elements["legitimate_interests"]["present"]
