"""A seeded mutation fuzz over the statement readers: every mutant is read or refused naming the file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from reader_mutants import KINDS, judge

CASES = range(150)  # 30 per format; benchmarks/fuzz_readers.py runs thousands more with other seeds


def test_no_mutated_statement_file_ends_in_a_traceback(tmp_path: Path) -> None:
    verdicts = [judge(seed, tmp_path) for seed in CASES]
    tracebacks = [f"seed {v.seed} ({v.kind}): {v.detail}" for v in verdicts if v.outcome == "traceback"]
    assert tracebacks == []
    outcomes = Counter((v.kind, v.outcome) for v in verdicts)
    for kind in KINDS:  # every format gets mutants that still read and mutants that are refused
        assert outcomes[(kind, "read")] + outcomes[(kind, "refused")] == len(CASES) // len(KINDS)
    assert outcomes[("docx", "refused")] > 0 and outcomes[("pdf", "refused")] > 0
    assert outcomes[("html", "read")] > 0 and outcomes[("docx", "read")] > 0
