"""Accuracy and speed of the statement analyzer on the labelled statements.

    .venv/bin/python benchmarks/bench_analyze.py            # tables for dev and holdout
    .venv/bin/python benchmarks/bench_analyze.py --details  # also every dev mismatch
    .venv/bin/python benchmarks/bench_analyze.py --dev-only # while tuning: never look at holdout
                                                            # (holdout files are not even opened, and the
                                                            # throughput runs over the dev statements only)

Reads tests/data/statements/*.labels.yaml (see LABELLING.md), runs `analyze_text` on each
statement's text (read with the analyze readers), and prints precision / recall / F1 per element
and overall over all (statement, element) pairs, separately for the dev and holdout splits; the
findings' precision / recall and how many statements got exactly their labelled findings; and the
throughput on text input (statements per second on one core, repeated runs for at least 2 s).
Mismatches are only ever listed for dev: rules may be tuned on dev, never on holdout.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from waarborg.analyze import Analysis, analyze_text
from waarborg.analyze.readers import read_statement
from waarborg.register.elements import ELEMENT_KEYS

STATEMENTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "statements"
MIN_SECONDS = 2.0


@dataclass
class Labelled:
    name: str
    split: str
    language: str
    text: str
    present: dict[str, bool]
    findings: set[str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    def scores(self) -> tuple[float, float, float]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class SplitResult:
    statements: int = 0
    per_element: dict[str, Counts] = field(default_factory=lambda: {key: Counts() for key in ELEMENT_KEYS})
    overall: Counts = field(default_factory=Counts)
    findings: Counts = field(default_factory=Counts)
    exact_findings: int = 0
    language_right: int = 0
    mismatches: list[str] = field(default_factory=list)


BLIND_BATCH = "holdout_b_"


def load_corpus(dev_only: bool = False) -> list[Labelled]:
    """Every labelled statement beside LABELLING.md; with `dev_only`, holdout files are never opened.

    A label file that cannot be read (say, one still being written) is skipped with a note naming it,
    without showing its content.
    """
    yaml = YAML(typ="safe")
    corpus: list[Labelled] = []
    for label_path in sorted(STATEMENTS.glob("*.labels.yaml")):
        if dev_only and label_path.name.startswith("holdout"):
            continue
        try:
            item = _read_labelled(yaml, label_path)
        except Exception as error:  # a broken file must not stop the benchmark
            print(f"skipped {label_path.name}: {type(error).__name__}", file=sys.stderr)
            continue
        if not dev_only or item.split == "dev":
            corpus.append(item)
    return corpus


def _read_labelled(yaml: YAML, label_path: Path) -> Labelled:
    labels = yaml.load(label_path.read_text(encoding="utf-8"))
    text = read_statement(STATEMENTS / labels["source"]).text
    present = {key: bool(labels["elements"][key]["present"]) for key in ELEMENT_KEYS}
    return Labelled(label_path.name.removesuffix(".labels.yaml"), labels["split"], labels["language"],
                    text, present, set(labels.get("findings") or []))


def score(corpus: list[Labelled], split: str) -> SplitResult:
    """Compare the analyzer with the labels of one split."""
    result = SplitResult()
    for item in (entry for entry in corpus if entry.split == split):
        analysis = analyze_text(item.text)
        result.statements += 1
        result.language_right += analysis.language == item.language
        _score_elements(item, analysis, result)
        found = {finding.id for finding in analysis.findings}
        for finding_id in found | item.findings:
            result.findings.add(finding_id in item.findings, finding_id in found)
        result.exact_findings += found == item.findings
        if found != item.findings:
            result.mismatches.append(f"{item.name}: findings expected {sorted(item.findings)}, got {sorted(found)}")
    return result


def _score_elements(item: Labelled, analysis: Analysis, result: SplitResult) -> None:
    for key in ELEMENT_KEYS:
        expected, predicted = item.present[key], analysis.elements[key].present
        result.per_element[key].add(expected, predicted)
        result.overall.add(expected, predicted)
        if expected != predicted:
            kind = "missed" if expected else "false positive"
            evidence = "; ".join(e.text[:90] for e in analysis.elements[key].evidence)
            result.mismatches.append(f"{item.name}: {key} {kind}" + (f" [{evidence}]" if evidence else ""))


def throughput(corpus: list[Labelled]) -> tuple[float, float, int]:
    """Statements per second (wall clock, one thread) over repeated runs, and mean characters."""
    texts = [item.text for item in corpus]
    for text in texts:  # warm the lexicon caches
        analyze_text(text)
    runs, started = 0, time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < MIN_SECONDS:
        for text in texts:
            analyze_text(text)
            runs += 1
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return runs / wall, runs / cpu, sum(map(len, texts)) // max(1, len(texts))


def print_split(name: str, result: SplitResult, details: bool) -> None:
    """The per-element table, overall figures and findings for one split."""
    print(f"\n== {name}: {result.statements} statements ==")
    if not result.statements:
        print("   (no statements)")
        return
    print(f"{'element':<24} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn  tn")
    for key, counts in result.per_element.items():
        precision, recall, f1 = counts.scores()
        print(f"{key:<24} {precision:6.2f} {recall:6.2f} {f1:6.2f}  "
              f"{counts.tp:3} {counts.fp:3} {counts.fn:3} {counts.tn:3}")
    precision, recall, f1 = result.overall.scores()
    print(f"{'OVERALL (micro)':<24} {precision:6.2f} {recall:6.2f} {f1:6.2f}  {result.overall.tp:3} "
          f"{result.overall.fp:3} {result.overall.fn:3} {result.overall.tn:3}")
    worst = sorted(result.per_element.items(), key=lambda pair: pair[1].scores()[2])[:3]
    print("worst elements: " + ", ".join(f"{key} (F1 {counts.scores()[2]:.2f})" for key, counts in worst))
    f_precision, f_recall, f_f1 = result.findings.scores()
    print(f"findings: P {f_precision:.2f} R {f_recall:.2f} F1 {f_f1:.2f}; exactly right on "
          f"{result.exact_findings}/{result.statements} statements")
    print(f"language detected right: {result.language_right}/{result.statements}")
    if details and name == "dev":
        print("\n".join(f"  - {line}" for line in result.mismatches) or "  (no mismatches)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every dev mismatch")
    parser.add_argument("--dev-only", action="store_true", help="skip the holdout split (while tuning rules)")
    args = parser.parse_args()
    corpus = load_corpus(dev_only=args.dev_only)
    print(f"machine: {platform.platform()}; {platform.processor() or platform.machine()}; "
          f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    for split in ("dev",) if args.dev_only else ("dev", "holdout"):
        print_split(split, score(corpus, split), args.details)
    if not args.dev_only:
        # Batch B was written after the first holdout figures had been seen by the tuner, and has
        # never been looked at by anyone changing rules: its figure is the blind one.
        blind = [item for item in corpus if item.name.startswith(BLIND_BATCH)]
        print_split("holdout batch B only (fully blind)", score(blind, "holdout"), details=False)
    per_second, per_cpu_second, mean_chars = throughput(corpus)
    print(f"\nthroughput (text input, one core, >= {MIN_SECONDS:.0f} s): {per_second:.1f} statements/s wall clock, "
          f"{per_cpu_second:.1f} per CPU-second; {len(corpus)} statements of {mean_chars} characters on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
