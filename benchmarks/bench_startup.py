"""How fast the CLI answers: whole process runs of `waarborg`, beside `python -c pass` in the same run.

    python benchmarks/bench_startup.py              # 11 runs of each, interleaved
    python benchmarks/bench_startup.py --runs 21

Each command is started as a new process (what a person or a CI job waits for), the runs of all
commands interleaved round by round so that a busy moment of the machine touches each of them
alike. Prints the median and the fastest run of each, the median minus `python -c pass` (the cost
that is Waarborg's), the median as a multiple of `python -c pass` (a ratio measured in the same run,
which holds when the machine is busy and every process is slower alike), the target, and the machine
with its load average. The targets are absolute seconds; on a machine loaded far beyond its cores
they are missed by every process, which the ratio column and the load average make visible.

Targets (issue 9): `waarborg --help` < 0.3 s; `waarborg check examples/kvgo.yaml --no-live` < 0.6 s;
`waarborg analyze` of one seed statement < 1 s (medians of the whole process).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WAARBORG = [sys.executable, "-c", "from waarborg.cli.app import main; main()"]
SEED_STATEMENT = ROOT / "tests" / "data" / "statements" / "seed_vck.txt"

# (label, argv, target in seconds or None for the baseline)
CASES: list[tuple[str, list[str], float | None]] = [
    ("python -c pass", [sys.executable, "-c", "pass"], None),
    ("waarborg --help", [*WAARBORG, "--help"], 0.3),
    ("waarborg check kvgo --no-live", [*WAARBORG, "check", str(ROOT / "examples" / "kvgo.yaml"), "--no-live"], 0.6),
    ("waarborg analyze seed_vck.txt", [*WAARBORG, "analyze", str(SEED_STATEMENT)], 1.0),
]


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.platform()}; {os.cpu_count()} CPUs; {memory:.1f} GiB RAM; Python {platform.python_version()}"


def run_once(argv: list[str]) -> float:
    """Seconds of one whole process run; its exit status 0 or 1 (check's findings) is fine."""
    start = time.perf_counter()
    result = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr.decode()[-500:]}")
    return elapsed


def measure(runs: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {label: [] for label, _, _ in CASES}
    for _, argv, _ in CASES:  # warm the file cache and the bytecode once, untimed
        run_once(argv)
    for _ in range(runs):
        for label, argv, _ in CASES:
            timings[label].append(run_once(argv))
    return timings


def report(timings: dict[str, list[float]], runs: int) -> bool:
    baseline = statistics.median(timings["python -c pass"])
    print(f"Machine: {machine()}")
    print(f"Load average at the start: {LOAD_AT_START:.2f}, at the end: {os.getloadavg()[0]:.2f}; "
          f"{runs} runs of each, interleaved\n")
    print(f"{'command':<32} {'median':>8} {'fastest':>8} {'- python':>9} {'x python':>9} {'target':>8}")
    all_met = True
    for label, _, target in CASES:
        median = statistics.median(timings[label])
        met = target is None or median < target
        all_met &= met
        verdict = "" if target is None else f"< {target:.1f} s {'ok' if met else 'MISSED'}"
        print(f"{label:<32} {median:>7.3f}s {min(timings[label]):>7.3f}s {median - baseline:>8.3f}s "
              f"{median / baseline:>8.1f}x {verdict:>8}")
    return all_met


LOAD_AT_START = os.getloadavg()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=11, help="Runs of each command (default 11).")
    args = parser.parse_args()
    if not SEED_STATEMENT.exists():
        raise SystemExit(f"missing {SEED_STATEMENT}")
    all_met = report(measure(args.runs), args.runs)
    print("\nall targets met" if all_met else "\nsome targets missed")


if __name__ == "__main__":
    main()
