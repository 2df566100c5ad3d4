"""The analyzer's YAML files read the same through the fast loader as through ruamel.yaml (YAML 1.2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from waarborg.analyze.yamlfile import load_yaml

ANALYZE = Path(__file__).resolve().parents[2] / "src" / "waarborg" / "analyze"
FILES = sorted(ANALYZE.rglob("*.yaml"))


def test_the_analyzer_has_its_lexicons_and_report_words_as_yaml() -> None:
    assert {"nl.yaml", "en.yaml", "common.yaml", "words.yaml"} <= {path.name for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_the_fast_loader_reads_each_file_as_ruamel_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert load_yaml(text) == YAML(typ="safe").load(text)


def test_yaml_1_1_words_that_differ_would_be_caught() -> None:
    """The comparison above can fail: PyYAML reads YAML 1.1, where an unquoted `no` is false."""
    assert load_yaml("answer: no") != YAML(typ="safe").load("answer: no")
