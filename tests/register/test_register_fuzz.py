"""A seeded mutation fuzz over the five example registers: every mutant loads or is refused with file:line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from register_mutants import judge

CASES = range(300)  # benchmarks/fuzz_register.py runs thousands more with other seeds


def test_no_mutant_of_an_example_register_ends_in_a_traceback(tmp_path: Path) -> None:
    verdicts = [judge(seed, tmp_path) for seed in CASES]
    tracebacks = [f"seed {v.seed} ({v.example}): {v.detail}" for v in verdicts if v.outcome == "traceback"]
    assert tracebacks == []
    outcomes = Counter(v.outcome for v in verdicts)
    assert outcomes["loaded"] > 0 and outcomes["refused"] > 0  # the mutations are neither all fatal nor all harmless
