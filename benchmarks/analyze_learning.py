"""A learned sentence model, trained and measured fold by fold on the real corpus (used by bench_analyze.py).

Why it exists: the lexicons were written by people who had seen the errors of the labelled statements, so
their figures on those statements are not out-of-sample. A model trained on some folds and measured on the
fold it never saw is. It learns, per element, which sentences the labels give as the element's evidence (a
sentence overlapping a labelled quote of the element is a positive, every other sentence a negative):
scikit-learn's logistic regression on the sentence's words, word pairs and heading words. A statement shows
the element by the model when its best sentence scores at least the element's threshold; the thresholds
are chosen by an inner rotation over the training folds only, so a rotation's figures never touch the fold
it measures. scikit-learn is a dev dependency: the analyzer itself does not use the model (it does not
beat the lexicons on held-out folds; see docs/analyze.md), so nothing of it ships.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, Protocol

from waarborg.analyze import Analysis, analyze_text
from waarborg.analyze.document import Document
from waarborg.register.elements import ELEMENT_KEYS

C = 1.0  # inverse regularisation strength: fixed, never tuned on a measured fold
MIN_COUNT = 2  # a feature seen in fewer training sentences is left out
_NEVER = 1.01  # a threshold no probability reaches: the element is never shown by the model
SURE = 0.9  # the model backs the rules only at this probability or above (fixed, never tuned on a measured fold)
_WORD = re.compile(r"[^\W_]+")
_MAX_WORDS = 60  # a "sentence" of a badly wrapped page can run to hundreds of words: its head says enough


def sentence_features(document: Document, index: int) -> set[str]:
    """The features of sentence `index`: its words and word pairs, the words of its heading or list intro,
    and whether it is a heading or a list item."""
    sentence = document.sentences[index]
    words = _WORD.findall(document.lower[sentence.start:sentence.end])[:_MAX_WORDS]
    features = {f"w:{word}" for word in words}
    features.update(f"b:{first}_{second}" for first, second in pairwise(words))
    features.update(f"h:{word}" for word in _WORD.findall(sentence.context.lower())[:_MAX_WORDS])
    if sentence.heading:
        features.add("is:heading")
    if sentence.list_item:
        features.add("is:item")
    return features


@dataclass(frozen=True)
class ElementWeights:
    """One element's logistic regression over sentence features."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: set[str]) -> float:
        """How likely the sentence is a reason for the element (0..1)."""
        total = self.bias + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, total))))


@dataclass(frozen=True)
class SentenceModel:
    """Per element weights, and the folds they were trained on."""

    elements: dict[str, ElementWeights]
    trained_on: str


class LabelledText(Protocol):
    name: str
    text: str
    fold: int
    present: dict[str, bool]
    evidence: dict[str, list[str]]


@dataclass
class Prepared:
    """One labelled statement read once: its rule analysis, sentence features and sentence labels."""

    item: LabelledText
    document: Document
    analysis: Analysis
    features: list[set[str]]
    positive: dict[str, list[bool]]  # per element, per sentence: overlaps a labelled evidence quote
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def _spans(text: str, quotes: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        start = text.find(quote)
        while start != -1:
            spans.append((start, start + len(quote)))
            start = text.find(quote, start + 1)
    return spans


def prepare(item: LabelledText) -> Prepared:
    """Analyse the statement with the rules and label each of its sentences per element."""
    document = Document(item.text)
    features = [sentence_features(document, index) for index in range(len(document.sentences))]
    spans = {key: _spans(item.text, item.evidence.get(key, [])) for key in ELEMENT_KEYS}
    positive = {key: [any(sentence.start < end and start < sentence.end for start, end in spans[key])
                      for sentence in document.sentences] for key in ELEMENT_KEYS}
    return Prepared(item, document, analyze_text(item.text), features, positive, spans)


def train(prepared: Sequence[Prepared], trained_on: str) -> SentenceModel:
    """One logistic regression per element over all sentences of the given statements."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = [features for entry in prepared for features in entry.features]
    counts: dict[str, int] = {}
    for features in rows:
        for feature in features:
            counts[feature] = counts.get(feature, 0) + 1
    vocabulary = sorted(feature for feature, count in counts.items() if count >= MIN_COUNT)
    column = {feature: position for position, feature in enumerate(vocabulary)}
    indices = [column[feature] for features in rows for feature in sorted(features) if feature in column]
    indptr = [0]
    for features in rows:
        indptr.append(indptr[-1] + sum(feature in column for feature in features))
    matrix = csr_matrix(([1.0] * len(indices), indices, indptr), shape=(len(rows), len(vocabulary)))
    elements: dict[str, ElementWeights] = {}
    for key in ELEMENT_KEYS:
        target = [label for entry in prepared for label in entry.positive[key]]
        if not any(target):
            elements[key] = ElementWeights(-60.0, {})
            continue
        model: Any = LogisticRegression(C=C, solver="liblinear", class_weight="balanced", random_state=0)
        model.fit(matrix, target)
        weights = {vocabulary[position]: float(weight) for position, weight in enumerate(model.coef_[0])
                   if abs(weight) >= 1e-4}
        elements[key] = ElementWeights(float(model.intercept_[0]), weights)
    return SentenceModel(elements, trained_on)


def best_probability(model: SentenceModel, entry: Prepared, key: str) -> tuple[float, int]:
    """The highest sentence probability for the element in the statement, and that sentence's index."""
    weights = model.elements[key]
    scored = [(weights.probability(features), index) for index, features in enumerate(entry.features)]
    return max(scored, default=(0.0, -1), key=lambda pair: (pair[0], -pair[1]))


def choose_thresholds(prepared: Sequence[Prepared], always: Sequence[Prepared] = ()) -> dict[str, float]:
    """Per element, the threshold that gets most training statements right, judged on out-of-fold
    probabilities of an inner rotation over the training folds (ties: the middle of the best range).
    `always` are statements that are always trained on and never measured (the written dev set)."""
    return inner_thresholds(prepared, always)[0]


def inner_thresholds(prepared: Sequence[Prepared],
                     always: Sequence[Prepared] = ()) -> tuple[dict[str, float], dict[str, float]]:
    """From one inner rotation over the training folds: the model's own thresholds (see `choose_thresholds`),
    and the thresholds at which it backs the rules, used only where the rules found nothing: chosen on those
    (statement, element) pairs alone and never below `SURE`, so the model speaks only when it is very sure."""
    folds = sorted({entry.item.fold for entry in prepared})
    pairs: dict[str, list[tuple[float, bool]]] = {key: [] for key in ELEMENT_KEYS}
    backing: dict[str, list[tuple[float, bool]]] = {key: [] for key in ELEMENT_KEYS}
    for fold in folds:
        model = train([*(entry for entry in prepared if entry.item.fold != fold), *always], f"inner {fold}")
        for entry in (entry for entry in prepared if entry.item.fold == fold):
            for key in ELEMENT_KEYS:
                pair = (best_probability(model, entry, key)[0], entry.item.present[key])
                pairs[key].append(pair)
                if not entry.analysis.elements[key].present:
                    backing[key].append(pair)
    return ({key: _best_threshold(found) for key, found in pairs.items()},
            {key: _backing_threshold(found) for key, found in backing.items()})


def _backing_threshold(pairs: list[tuple[float, bool]]) -> float:
    threshold = _best_threshold(pairs) if pairs else _NEVER
    return threshold if threshold >= SURE else _NEVER


def _best_threshold(pairs: list[tuple[float, bool]]) -> float:
    candidates = sorted({probability for probability, _ in pairs} | {_NEVER})
    scored = [(sum((probability >= threshold) == present for probability, present in pairs), threshold)
              for threshold in candidates]
    top = max(score for score, _ in scored)
    winners = [threshold for score, threshold in scored if score == top]
    if _NEVER in winners:
        return _NEVER
    below = max((probability for probability, _ in pairs if probability < winners[0]), default=0.0)
    return (below + winners[0]) / 2


@dataclass
class Rotation:
    """What one rotation measured on its held-out fold."""

    fold: int
    model: SentenceModel
    thresholds: dict[str, float]
    measured: list[Prepared]
    backing: dict[str, float] = field(default_factory=dict)  # where the rules found nothing (see inner_thresholds)


def rotations(prepared: Sequence[Prepared], always: Sequence[Prepared] = ()) -> list[Rotation]:
    """Train on all folds but one (and on `always`), choose thresholds on those folds, keep the held-out fold
    to measure."""
    result: list[Rotation] = []
    for fold in sorted({entry.item.fold for entry in prepared}):
        training = [entry for entry in prepared if entry.item.fold != fold]
        folds = ", ".join(str(number) for number in sorted({entry.item.fold for entry in training}))
        model = train([*training, *always], f"folds {folds}" + (f" and {len(always)} written" if always else ""))
        thresholds, backing = inner_thresholds(training, always)
        result.append(Rotation(fold, model, thresholds, [entry for entry in prepared if entry.item.fold == fold],
                               backing))
    return result


def model_verdicts(rotation: Rotation, entry: Prepared) -> dict[str, tuple[bool, int]]:
    """Per element: does the model alone show it, and which sentence is its best."""
    verdicts: dict[str, tuple[bool, int]] = {}
    for key in ELEMENT_KEYS:
        probability, index = best_probability(rotation.model, entry, key)
        verdicts[key] = (probability >= rotation.thresholds[key], index)
    return verdicts


def combined_verdicts(rotation: Rotation, entry: Prepared) -> dict[str, tuple[bool, int | None]]:
    """Per element: the rules' verdict, or, where the rules found nothing, the model's when it reaches the
    backing threshold; with the sentence the model would quote (None where the rules decide)."""
    verdicts: dict[str, tuple[bool, int | None]] = {}
    for key in ELEMENT_KEYS:
        if entry.analysis.elements[key].present:
            verdicts[key] = (True, None)
            continue
        probability, index = best_probability(rotation.model, entry, key)
        backed = probability >= rotation.backing.get(key, _NEVER)
        verdicts[key] = (backed, index if backed else None)
    return verdicts


def reordered_first(model: SentenceModel, entry: Prepared, key: str) -> tuple[int, int] | None:
    """The rules' quote that the model scores highest: (start, end) of the would-be first quote."""
    evidence = entry.analysis.elements[key].evidence
    if not evidence:
        return None
    weights = model.elements[key]
    scored = []
    for rank, quote in enumerate(evidence):
        index = entry.document.index_at(quote.start)
        probability = weights.probability(entry.features[index]) if index is not None else 0.0
        scored.append((-probability, rank, quote.start, quote.end))
    _, _, start, end = min(scored)
    return start, end


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)
