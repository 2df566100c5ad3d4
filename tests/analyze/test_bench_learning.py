"""The benchmark's learned sentence model (benchmarks/analyze_learning.py): features, labels, thresholds,
and that a rotation never trains on the fold it measures."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from analyze_learning import (
    _NEVER,
    SURE,
    ElementWeights,
    Rotation,
    SentenceModel,
    _backing_threshold,
    _best_threshold,
    best_probability,
    combined_verdicts,
    prepare,
    rotations,
    sentence_features,
)

from waarborg.analyze.document import Document
from waarborg.register.elements import ELEMENT_KEYS

COMPLAINT_NL = "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens."


@dataclass
class Item:
    name: str
    text: str
    fold: int
    present: dict[str, bool] = field(default_factory=dict)
    evidence: dict[str, list[str]] = field(default_factory=dict)


def _item(name: str, fold: int, complaint: str | None) -> Item:
    filler = f"Wij zijn club {name}. We sturen u een nieuwsbrief over onze activiteiten. Het weer is mooi."
    text = f"Privacy\n{filler}\n{complaint}\n" if complaint else f"Privacy\n{filler}\n"
    present = {key: False for key in ELEMENT_KEYS}
    present["right_complaint"] = complaint is not None
    return Item(name, text, fold, present, {"right_complaint": [complaint] if complaint else []})


def test_features_are_words_word_pairs_and_heading_words() -> None:
    document = Document("Bewaartermijn\nWij bewaren uw gegevens 7 jaar.\n")
    features = sentence_features(document, 1)
    assert {"w:bewaren", "b:wij_bewaren", "w:7", "h:bewaartermijn"} <= features
    assert "is:heading" in sentence_features(document, 0)


def test_a_sentence_is_positive_only_where_it_overlaps_a_labelled_quote_of_that_element() -> None:
    entry = prepare(_item("a", 1, COMPLAINT_NL))
    complaint = [entry.document.sentence_text(index) for index, positive in
                 enumerate(entry.positive["right_complaint"]) if positive]
    assert complaint == [COMPLAINT_NL]
    assert not any(entry.positive["right_access"])


def test_the_threshold_separates_where_it_can_and_never_fires_where_nothing_helps() -> None:
    assert _best_threshold([(0.9, True), (0.8, True), (0.2, False), (0.1, False)]) == pytest.approx(0.5)
    # every element absent: showing it never helps, so the model never shows it
    assert _best_threshold([(0.9, False), (0.3, False)]) == _NEVER


def test_each_rotation_trains_without_its_measured_fold_and_learns_the_complaint_sentence() -> None:
    pytest.importorskip("sklearn")
    items = [_item(f"s{number}", fold, (COMPLAINT_NL if number % 2 else None))
             for fold in (1, 2, 3) for number in range(fold * 4, fold * 4 + 4)]
    prepared = [prepare(item) for item in items]
    done = rotations(prepared)
    assert [rotation.fold for rotation in done] == [1, 2, 3]
    for rotation in done:
        assert str(rotation.fold) not in rotation.model.trained_on
        assert {entry.item.fold for entry in rotation.measured} == {rotation.fold}
        with_complaint = next(entry for entry in rotation.measured if entry.item.present["right_complaint"])
        probability, index = best_probability(rotation.model, with_complaint, "right_complaint")
        assert with_complaint.document.sentence_text(index) == COMPLAINT_NL
        without = next(entry for entry in rotation.measured if not entry.item.present["right_complaint"])
        assert best_probability(rotation.model, without, "right_complaint")[0] < probability


def test_statements_given_as_always_are_trained_on_but_never_measured() -> None:
    pytest.importorskip("sklearn")
    corpus = [prepare(_item(f"c{number}", fold, COMPLAINT_NL if number % 2 else None))
              for fold in (1, 2) for number in range(fold * 4, fold * 4 + 4)]
    written = [prepare(_item(f"w{number}", 0, COMPLAINT_NL if number % 2 else None)) for number in range(4)]
    done = rotations(corpus, written)
    assert [rotation.fold for rotation in done] == [1, 2]
    assert all("4 written" in rotation.model.trained_on for rotation in done)
    assert all(entry.item.fold == rotation.fold for rotation in done for entry in rotation.measured)


def test_the_model_backs_the_rules_only_when_the_inner_rotation_makes_it_very_sure() -> None:
    assert _backing_threshold([(0.95, True), (0.97, True), (0.2, False)]) >= SURE
    # separating lower than SURE is not sure enough; nothing to separate means never
    assert _backing_threshold([(0.6, True), (0.3, False)]) == _NEVER
    assert _backing_threshold([(0.95, False), (0.2, False)]) == _NEVER
    assert _backing_threshold([]) == _NEVER


def test_backed_verdicts_keep_the_rules_and_add_the_models_sure_sentence_only_where_the_rules_found_nothing() -> None:
    watchdog = "Bel gerust de waakhond."
    missed = prepare(Item("m", f"Privacy\nWij zijn club m.\n{watchdog}\n", 1, dict.fromkeys(ELEMENT_KEYS, False)))
    found = prepare(_item("f", 1, COMPLAINT_NL))
    assert not missed.analysis.elements["right_complaint"].present
    assert found.analysis.elements["right_complaint"].present
    weights = {key: ElementWeights(-60.0, {}) for key in ELEMENT_KEYS}
    weights["right_complaint"] = ElementWeights(-5.0, {"w:waakhond": 10.0})
    model = SentenceModel(weights, "hand-made")
    backing = {key: _NEVER for key in ELEMENT_KEYS} | {"right_complaint": 0.95}
    rotation = Rotation(1, model, dict(backing), [missed, found], backing)
    backed, index = combined_verdicts(rotation, missed)["right_complaint"]
    assert backed and index is not None and missed.document.sentence_text(index) == watchdog
    assert combined_verdicts(rotation, found)["right_complaint"] == (True, None)  # the rules' own verdict
    assert combined_verdicts(rotation, missed)["right_access"] == (False, None)
    never = Rotation(1, model, dict(backing), [missed], {key: _NEVER for key in ELEMENT_KEYS})
    assert combined_verdicts(never, missed)["right_complaint"] == (False, None)
