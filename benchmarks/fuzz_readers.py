"""Hostile and mutated statement files: how many are read, how many refused, and that none crashes.

    .venv/bin/python benchmarks/fuzz_readers.py              # 2,000 mutants (seeds 1000-2999)
    .venv/bin/python benchmarks/fuzz_readers.py --cases 500

Mutates statements in the five formats `waarborg analyze` reads (txt, md, html, pdf, docx; the mutator
of tests/analyze/reader_mutants.py with other seeds), reads each with `read_statement` and prints the
counts per format (tracebacks must be 0), the slowest case and the largest peak memory of one case.
Then reads the pathological files of issue 10 item 3 at full size (a .docx zip bomb with 1 GB inside,
a broken word/document.xml, HTML nested 1,000 / 10,000 / 100,000 <div>s deep, a 20 MB text file) and
analyses a statement at the text limit, printing the time of each and, from a second run, its peak
memory (tracemalloc).
Exit status 1 on any traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import resource
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "analyze"))

from reader_mutants import KINDS, TEXT_SOURCES, judge, sample_docx, sample_pdf  # noqa: E402

from waarborg.analyze import analyze_text  # noqa: E402
from waarborg.analyze.readers import MAX_TEXT_CHARS, StatementReadError, read_statement  # noqa: E402


def run_mutants(cases: int, directory: Path) -> int:
    counts: Counter[tuple[str, str]] = Counter()
    slowest = (0.0, -1, "")
    biggest = (0, -1, "")
    for name, sample in (("warm.pdf", sample_pdf()), ("warm.docx", sample_docx())):
        (directory / name).write_bytes(sample)  # made and read once outside the measurements (imports)
        read_statement(directory / name)
    started = time.perf_counter()
    for seed in range(1000, 1000 + cases):
        tracemalloc.start()
        verdict = judge(seed, directory)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        counts[(verdict.kind, verdict.outcome)] += 1
        if verdict.outcome == "traceback":
            print(f"  TRACEBACK seed {seed} ({verdict.kind}): {verdict.detail}")
        slowest = max(slowest, (verdict.seconds, seed, verdict.kind))
        biggest = max(biggest, (peak, seed, verdict.kind))
    print(f"mutants: {cases} cases in {time.perf_counter() - started:.1f} s (tracemalloc on)")
    print(f"  {'format':8} {'read':>6} {'refused':>8} {'tracebacks':>11}")
    for kind in KINDS:
        row = [counts[(kind, outcome)] for outcome in ("read", "refused", "traceback")]
        print(f"  {kind:8} {row[0]:6} {row[1]:8} {row[2]:11}")
    total = [sum(counts[(kind, outcome)] for kind in KINDS) for outcome in ("read", "refused", "traceback")]
    print(f"  {'all':8} {total[0]:6} {total[1]:8} {total[2]:11}  (tracebacks must be 0)")
    print(f"  slowest {slowest[0]:.3f} s (seed {slowest[1]}, {slowest[2]})")
    print(f"  peak    {biggest[0] / 1e6:.1f} MB allocated by one case (seed {biggest[1]}, {biggest[2]})")
    return total[2]


def _zip_bomb(path: Path) -> None:
    """A .docx whose word/document.xml inflates to 1 GB of spaces, written without holding it in memory."""
    chunk = b" " * 1_000_000
    with zipfile.ZipFile(io.BytesIO(sample_docx())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for name in source.namelist():
            if name != "word/document.xml":
                bomb.writestr(name, source.read(name))
        with bomb.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b"<w:document>")
            for _ in range(1000):
                part.write(chunk)
            part.write(b"</w:document>")


def _broken_docx(path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(sample_docx())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            content = source.read(name)
            out.writestr(name, content[: len(content) // 2] if name == "word/document.xml" else content)


def _deep_html(depth: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        path.write_text("<html><body>" + "<div>" * depth + "<p>Wij bewaren uw gegevens.</p>" + "</div>" * depth)

    return write


def _text_of(megabytes: float) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        base = TEXT_SOURCES["txt"].read_bytes() + b"\n\n"
        path.write_bytes(base * int(megabytes * 1e6 / len(base)))

    return write


PATHOLOGICAL: dict[str, tuple[str, Callable[[Path], None]]] = {
    ".docx zip bomb (1 GB inside)": ("bomb.docx", _zip_bomb),
    ".docx with broken word/document.xml": ("broken.docx", _broken_docx),
    "HTML 1,000 nested <div>": ("deep1k.html", _deep_html(1_000)),
    "HTML 10,000 nested <div>": ("deep10k.html", _deep_html(10_000)),
    "HTML 100,000 nested <div>": ("deep100k.html", _deep_html(100_000)),
    "text file of 20 MB": ("huge.txt", _text_of(20)),
    "text file of 4.9 MB": ("big.txt", _text_of(4.9)),
}


def _measure(action: Callable[[], object]) -> tuple[str, float, int]:
    """Outcome and time of one run, then the peak memory of a second run under tracemalloc (which slows it)."""
    started = time.perf_counter()
    try:
        action()
        outcome = "read"
    except StatementReadError as exc:
        outcome = f"refused: {exc.problem}"[:100]
    except Exception as exc:  # a crash is what this benchmark counts
        outcome = f"TRACEBACK {type(exc).__name__}"
    seconds = time.perf_counter() - started
    tracemalloc.start()
    with contextlib.suppress(Exception):  # the outcome was recorded above
        action()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return outcome, seconds, peak


def run_pathological(directory: Path) -> int:
    crashes = 0
    print("pathological statement files (issue 10 item 3), read_statement:")
    for label, (name, write) in PATHOLOGICAL.items():
        path = directory / name
        write(path)
        size = path.stat().st_size
        outcome, seconds, peak = _measure(lambda path=path: read_statement(path))  # type: ignore[misc]
        crashes += outcome.startswith("TRACEBACK")
        print(f"  {label:38} {size / 1e6:7.2f} MB {seconds:7.3f} s {peak / 1e6:7.1f} MB  {outcome}")
        path.unlink()
    base = TEXT_SOURCES["txt"].read_text(encoding="utf-8") + "\n\n"
    at_limit = base * (MAX_TEXT_CHARS // len(base))
    outcome, seconds, peak = _measure(lambda: analyze_text(at_limit))
    print(f"analyze_text at the limit ({len(at_limit):,} characters): {seconds:.2f} s, {peak / 1e6:.0f} MB  {outcome}")
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
