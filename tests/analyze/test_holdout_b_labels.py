"""Holdout batch B: the blind statements and their labels are well-formed (tests/data/statements/LABELLING.md).

These tests read the statements only through the reader (the same text the analyzer sees); they never run the
analyzer, so the batch stays blind to whoever tunes the rules.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from waarborg.analyze.readers import read_statement
from waarborg.register.elements import ELEMENT_KEYS

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
GUIDE = STATEMENTS / "LABELLING.md"
BATCH_LABELS = sorted(STATEMENTS.glob("holdout_b_*.labels.yaml"))
BATCH_STATEMENTS = sorted(path for path in STATEMENTS.glob("holdout_b_*") if not path.name.endswith(".labels.yaml"))
FINDING_IDS = frozenset({
    "privacy-shield", "retention-vague", "no-complaint-route", "analytics-without-conditions",
    "consent-without-withdrawal", "template-placeholder", "pre-gdpr-law",
})
ORIGIN = "written for Waarborg, holdout batch B"


def _labels(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return loaded


def _text(label: dict[str, Any]) -> str:
    text: str = read_statement(STATEMENTS / str(label["source"])).text
    return text


def test_every_finding_id_the_batch_may_use_is_listed_in_the_guide() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    assert all(finding in guide for finding in FINDING_IDS)


def test_every_batch_statement_has_exactly_one_label_file() -> None:
    labelled = {_labels(path)["source"] for path in BATCH_LABELS}
    assert labelled == {path.name for path in BATCH_STATEMENTS}


def test_batch_mixes_twelve_statements_over_languages_and_formats() -> None:
    labels = [_labels(path) for path in BATCH_LABELS]
    assert len(labels) == 12
    assert Counter(label["language"] for label in labels) == {"nl": 8, "en": 4}
    assert Counter(Path(label["source"]).suffix for label in labels) == {".txt": 7, ".md": 3, ".html": 2}


@pytest.mark.parametrize("path", BATCH_LABELS, ids=lambda p: p.name)
def test_statement_length_lies_between_250_and_2000_words(path: Path) -> None:
    words = len(_text(_labels(path)).split())
    assert 250 <= words <= 2000, f"{path.name}: {words} words"


@pytest.mark.parametrize("path", BATCH_LABELS, ids=lambda p: p.name)
def test_label_file_is_well_formed(path: Path) -> None:
    label = _labels(path)
    assert label["split"] == "holdout"
    assert label["origin"] == ORIGIN
    assert label["language"] in ("nl", "en")
    assert path.name == f"{Path(label['source']).stem}.labels.yaml"
    assert isinstance(label["uses_legitimate_interest"], bool) and isinstance(label["uses_consent"], bool)
    assert list(label["elements"]) == list(ELEMENT_KEYS)
    assert all(isinstance(element["present"], bool) for element in label["elements"].values())
    assert set(label["findings"]) <= FINDING_IDS
    assert len(label["findings"]) == len(set(label["findings"])), "a finding is listed twice"


@pytest.mark.parametrize("path", BATCH_LABELS, ids=lambda p: p.name)
def test_evidence_is_quoted_exactly_from_the_text_the_reader_extracts(path: Path) -> None:
    label = _labels(path)
    text = _text(label)
    for key, element in label["elements"].items():
        evidence = element.get("evidence", [])
        if element["present"]:
            assert 1 <= len(evidence) <= 3, f"{key}: give one to three spans"
        else:
            assert evidence == [], f"{key}: an absent element has no evidence"
        for span in evidence:
            assert span.strip() and span in text, f"{key}: {span!r} is not in {label['source']}"


@pytest.mark.parametrize("path", BATCH_LABELS, ids=lambda p: p.name)
def test_findings_agree_with_the_labelled_elements(path: Path) -> None:
    label = _labels(path)
    elements, findings = label["elements"], set(label["findings"])
    assert ("no-complaint-route" in findings) == (not elements["right_complaint"]["present"])
    withdrawal_missing = label["uses_consent"] and not elements["right_withdraw_consent"]["present"]
    assert ("consent-without-withdrawal" in findings) == withdrawal_missing
    if not label["uses_legitimate_interest"]:
        assert not elements["legitimate_interests"]["present"]
    if "retention-vague" in findings:
        # LABELLING.md: a vague retention statement still counts as present; the vagueness is the finding.
        assert elements["retention"]["present"]
