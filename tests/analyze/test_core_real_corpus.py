"""The real corpus: 30 published statements in ../shared/corpus, labelled in tests/data/statements/corpus.

The texts are never copied into the repository; these tests read them beside it and skip (with the reason
shown by `-ra`) when ../shared/corpus is not there. The label files themselves are always checked.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from waarborg.analyze.readers import read_statement
from waarborg.register.elements import ELEMENT_KEYS

ROOT = Path(__file__).resolve().parents[2]
LABELS = sorted((ROOT / "tests" / "data" / "statements" / "corpus").glob("*.labels.yaml"))
TEXTS = ROOT.parent / "shared" / "corpus"


def load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = YAML(typ="safe").load(path.read_text("utf-8"))
    return loaded


def corpus_text(label: dict[str, Any]) -> str:
    """The statement's text as the analyzer reads it; skips loudly when the corpus is not beside the repo."""
    if not TEXTS.is_dir():
        pytest.skip(f"real corpus not found at {TEXTS} (it lives beside the repository, not in it)")
    text: str = read_statement(TEXTS / str(label["source"])).text
    return text


def test_thirty_statements_in_five_folds_each_with_an_english_one() -> None:
    labels = [load(path) for path in LABELS]
    assert len(labels) == 30
    assert Counter(label["language"] for label in labels) == {"nl": 24, "en": 6}
    assert Counter(label["fold"] for label in labels) == {fold: 6 for fold in range(1, 6)}
    assert {label["fold"] for label in labels if label["language"] == "en"} == set(range(1, 6))


@pytest.mark.parametrize("path", LABELS, ids=lambda path: path.name)
def test_label_file_has_all_elements_and_records_its_two_passes(path: Path) -> None:
    label = load(path)
    assert list(label["elements"]) == list(ELEMENT_KEYS)
    for key, element in label["elements"].items():
        assert bool(element.get("evidence")) == element["present"], key
    for disagreement in label["disagreements"]:
        assert disagreement["element"] in ELEMENT_KEYS
        assert disagreement["pass1"] != disagreement["pass2"] or disagreement["pass1"] != disagreement["settled"]
        assert label["elements"][disagreement["element"]]["present"] == disagreement["settled"]
        assert disagreement["why"].strip()


@pytest.mark.parametrize("path", LABELS, ids=lambda path: path.name)
def test_label_evidence_is_quoted_exactly_from_the_real_text(path: Path) -> None:
    label = load(path)
    text = corpus_text(label)
    for key, element in label["elements"].items():
        assert all(quote in text for quote in element.get("evidence") or []), key
