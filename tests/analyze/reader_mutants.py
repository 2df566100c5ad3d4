"""Seeded mutations of statement files in the five formats, and the verdict of reading each.

Shared by tests/analyze/test_reader_fuzz.py (the suite) and benchmarks/fuzz_readers.py (thousands
of cases and the pathological inputs of issue 10 item 3). Text formats start from the labelled
statements; the PDF and DOCX are made from the seed statement once per process.
"""

from __future__ import annotations

import functools
import io
import random
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from waarborg.analyze.readers import StatementReadError, read_statement

STATEMENTS = Path(__file__).resolve().parents[1] / "data" / "statements"
TEXT_SOURCES = {
    "txt": STATEMENTS / "seed_kvgo.txt",
    "md": STATEMENTS / "dev_webshop_nl.md",
    "html": STATEMENTS / "dev_camping_nl.html",
}
HOSTILE_MARKUP = [
    b"<div>" * 3000,
    b"</div>" * 50,
    b"<li>" * 500,
    b"<!--",
    b"<script>",
    b"<![CDATA[",
    b"&#xffffffff;",
    b"&nbsp" * 99,
    b"<head>",
    b"<svg><svg>",
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"<p>" * 2000 + b"x",
    b"<table><tr><td>" * 200,
    b"<w:p>" * 300,
    b"<w:t>" + b"x" * 5000,
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]>&a;",
    b"]]>",
    b"<?xml?>",
    b"</w:body>",
]


@functools.cache
def sample_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Privacyverklaring", level=1)
    for paragraph in TEXT_SOURCES["txt"].read_text(encoding="utf-8").split("\n\n")[:12]:
        document.add_paragraph(paragraph)
    document.add_paragraph("naam en adres", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Facturen", "7 jaar"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@functools.cache
def sample_pdf() -> bytes:
    from weasyprint import HTML

    paragraphs = TEXT_SOURCES["txt"].read_text(encoding="utf-8").split("\n\n")[:12]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    pdf: bytes = HTML(string=f"<html><body><h1>Privacyverklaring</h1>{body}</body></html>").write_pdf()
    return pdf


def _source(kind: str) -> bytes:
    if kind == "pdf":
        return sample_pdf()
    if kind == "docx":
        return sample_docx()
    return TEXT_SOURCES[kind].read_bytes()


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    """One byte-level change: flip, insert, delete, repeat, truncate, or hostile markup."""
    at = rng.randrange(max(len(data), 1))
    span = rng.randint(1, 256)
    choice = rng.randrange(6)
    if choice == 0:
        return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]
    if choice == 1:
        return data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + data[at:]
    if choice == 2:
        return data[:at] + data[at + span :]
    if choice == 3:
        return data[:at] + data[at : at + span] * rng.randint(2, 40) + data[at:]
    if choice == 4:
        return data[:at]
    return data[:at] + rng.choice(HOSTILE_MARKUP) + data[at:]


def _mutate_docx_part(rng: random.Random, data: bytes) -> bytes:
    """Mutate the bytes of one part inside the archive and zip it again (a valid ZIP, broken Word)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    name = "word/document.xml" if rng.random() < 0.6 else rng.choice(sorted(parts))
    for _ in range(rng.randint(1, 3)):
        parts[name] = mutate_bytes(rng, parts[name])
    if rng.random() < 0.1:
        del parts[name]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    return out.getvalue()


KINDS = ("txt", "md", "html", "pdf", "docx")


def mutant(seed: int) -> tuple[str, bytes]:
    """The format and the bytes of mutant number `seed`."""
    rng = random.Random(seed)
    kind = KINDS[seed % len(KINDS)]
    data = _source(kind)
    if kind == "docx" and rng.random() < 0.7:
        return kind, _mutate_docx_part(rng, data)
    for _ in range(rng.randint(1, 4)):
        data = mutate_bytes(rng, data)
    return kind, data


@dataclass
class Verdict:
    """What reading one mutant did: 'read', 'refused' or 'traceback', and how long it took."""

    seed: int
    kind: str
    outcome: str
    seconds: float
    detail: str = ""


def judge(seed: int, directory: Path) -> Verdict:
    """Read mutant `seed` from a file named like its format; any exception but the reader's own is a crash."""
    kind, data = mutant(seed)
    path = directory / f"statement-{seed}.{kind}"
    path.write_bytes(data)
    started = time.perf_counter()
    try:
        read_statement(path)
        outcome, detail = "read", ""
    except StatementReadError as exc:
        outcome, detail = "refused", str(exc)[:200]
        if not str(exc).startswith(f"{path}: "):
            outcome = "traceback"  # a refusal that does not name the file is a bug too
    except Exception as exc:  # counting every kind of crash is the point
        outcome, detail = "traceback", f"{type(exc).__name__}: {str(exc)[:200]}"
    finally:
        path.unlink()
    return Verdict(seed, kind, outcome, time.perf_counter() - started, detail)
