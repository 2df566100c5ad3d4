"""Hostile and mutated registers: how many load, how many are refused, and that none crashes.

    .venv/bin/python benchmarks/fuzz_register.py              # 2,000 mutants (seeds 1000-2999)
    .venv/bin/python benchmarks/fuzz_register.py --cases 5000

Mutates the five example registers (bytes, lines, YAML structure; tests/register/register_mutants.py,
the same mutator as the suite's fuzz test, other seeds), loads each mutant from a file with
`load_register`, and prints the counts (tracebacks must be 0), the slowest case and the peak
memory Python allocated for one case (tracemalloc). Then loads the pathological registers of
issue 10 at full size and prints the time and peak memory of each. Exit status 1 on any traceback.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "register"))

from register_mutants import judge_with_memory  # noqa: E402
from register_support import MINIMAL_REGISTER  # noqa: E402

from waarborg.register import RegisterError, load_register  # noqa: E402


def _pathological() -> dict[str, str]:
    """The hostile registers of issue 10 item 2, at the sizes it reports."""
    edit = MINIMAL_REGISTER.replace
    fan = "a: &a [" + ", ".join(["x"] * 3000) + "]\nb: [" + ", ".join(["*a"] * 3000) + "]\n"
    laughs = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n" for i in range(1, 10)
    )
    return {
        "control character": edit("Vereniging De Proef", "Voor\x07beeld"),
        "impossible date": edit("date: 2026-01-15", "date: 2026-02-30"),
        "impossible time": edit("date: 2026-01-15", "date: 2026-01-15 25:00:00"),
        "1,000 nested lists": MINIMAL_REGISTER + "extra:\n  " + "- " * 1000 + "x\n",
        "1,000 nested flow lists": MINIMAL_REGISTER + "extra: " + "[" * 1000 + "]" * 1000 + "\n",
        "merge key in an activity": edit("  newsletter:\n", "  base: &n\n    name: x\n  newsletter:\n    <<: *n\n"),
        "complex key": edit("activities:\n", "activities:\n  ? [a, b]\n  : 1\n"),
        "5,000-digit integer": edit('version: "1.0"', "version: " + "9" * 5000),
        "mapping merged into its own child": edit("controller:\n", "controller: &c\n  x:\n    <<: *c\n"),
        "alias fan-out 3,000 x 3,000": MINIMAL_REGISTER + fan,
        "billion laughs (10^10 values)": MINIMAL_REGISTER + laughs,
    }


def _measure(path: Path) -> tuple[str, float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        load_register(path)
        outcome = "loaded"
    except RegisterError as exc:
        outcome = f"refused: {exc.problems[0]}"[:110]
    except Exception as exc:  # a crash is what this benchmark counts
        outcome = f"TRACEBACK {type(exc).__name__}"
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, seconds, peak


def run_mutants(cases: int, directory: Path) -> int:
    counts: Counter[str] = Counter()
    slowest = (0.0, -1, "")
    biggest = (0, -1)
    started = time.perf_counter()
    for seed in range(1000, 1000 + cases):
        verdict, peak = judge_with_memory(seed, directory)
        counts[verdict.outcome] += 1
        if verdict.outcome == "traceback":
            print(f"  TRACEBACK seed {seed} ({verdict.example}): {verdict.detail}")
        slowest = max(slowest, (verdict.seconds, seed, verdict.example))
        biggest = max(biggest, (peak, seed))
    print(f"mutants:     {cases} cases in {time.perf_counter() - started:.1f} s (tracemalloc on)")
    print(f"  loaded     {counts['loaded']}")
    print(f"  refused    {counts['refused']}  (RegisterError with file:line problems)")
    print(f"  tracebacks {counts['traceback']}  (must be 0)")
    print(f"  slowest    {slowest[0]:.3f} s (seed {slowest[1]}, {slowest[2]})")
    print(f"  peak       {biggest[0] / 1e6:.1f} MB allocated by one case (seed {biggest[1]})")
    return counts["traceback"]


def run_pathological(directory: Path) -> int:
    crashes = 0
    print("pathological registers (issue 10 item 2), full size:")
    for name, source in _pathological().items():
        path = directory / "hostile.yaml"
        path.write_text(source, encoding="utf-8")
        outcome, seconds, peak = _measure(path)
        crashes += outcome.startswith("TRACEBACK")
        print(f"  {name:32} {len(source) / 1e3:7.1f} KB {seconds:7.3f} s {peak / 1e6:7.1f} MB  {outcome}")
    return crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000)
    cases = parser.parse_args().cases
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        crashes = run_mutants(cases, directory) + run_pathological(directory)
    print(f"peak RSS of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
