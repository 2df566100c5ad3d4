"""The dev corpus: labels are well formed, and the analyzer keeps F1 >= 0.90 on it (a regression guard;
the holdout split is measured by benchmarks/bench_analyze.py, never asserted on)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from waarborg.analyze import analyze_text
from waarborg.analyze.findings import MESSAGES
from waarborg.analyze.readers import read_statement
from waarborg.register.elements import ELEMENT_KEYS

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
DEV_LABELS = sorted(path for path in STATEMENTS.glob("*.labels.yaml")
                    if not path.name.startswith("holdout_"))


def load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text("utf-8"))
    return loaded


def test_there_are_seeds_and_written_dev_statements_in_both_languages() -> None:
    labels = [load(path) for path in DEV_LABELS]
    assert sum(path.name.startswith("seed_") for path in DEV_LABELS) == 5
    assert len(labels) >= 13
    assert {label["language"] for label in labels} == {"nl", "en"}
    assert all(label["split"] == "dev" for label in labels)


@pytest.mark.parametrize("path", DEV_LABELS, ids=lambda path: path.name)
def test_dev_label_file_is_complete_and_its_evidence_is_quoted_exactly(path: Path) -> None:
    label = load(path)
    text = read_statement(STATEMENTS / label["source"]).text
    assert list(label["elements"]) == list(ELEMENT_KEYS)
    assert set(label["findings"]) <= set(MESSAGES)
    for key, element in label["elements"].items():
        evidence = element.get("evidence") or []
        assert bool(evidence) == element["present"], key
        assert all(quote in text for quote in evidence), key


def test_dev_f1_over_all_statement_element_pairs_stays_at_least_090() -> None:
    tp = fp = fn = 0
    for path in DEV_LABELS:
        label = load(path)
        result = analyze_text(read_statement(STATEMENTS / label["source"]).text)
        for key in ELEMENT_KEYS:
            expected, predicted = label["elements"][key]["present"], result.elements[key].present
            tp += expected and predicted
            fp += predicted and not expected
            fn += expected and not predicted
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.90
