"""Everything derived from one register, written into one folder: statements, Art. 30, checks.

This is what `make demo` runs for the five example organisations, and what an organisation's
CI can run to publish its statement from the register in git.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from waarborg.export.art30 import export_register
from waarborg.register import Register
from waarborg.register.text import LANGUAGES
from waarborg.rules import run_checks
from waarborg.statement import coverage_report, render_statement


@dataclass
class Publication:
    """What was written, and the check outcome, for one register."""

    folder: Path
    files: list[Path] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0


def _outputs(register: Register) -> dict[str, Callable[[], str | bytes]]:
    outputs: dict[str, Callable[[], str | bytes]] = {}
    for lang in LANGUAGES:
        for statement_format in ("html", "md", "pdf"):
            name = f"privacy-statement.{lang}.{statement_format}"
            outputs[name] = partial(render_statement, register, lang, statement_format)
        for export_format in ("xlsx", "csv"):
            outputs[f"art30-register.{lang}.{export_format}"] = partial(export_register, register, export_format, lang)
    outputs["art30-register.json"] = partial(export_register, register, "json", register.language)
    outputs["coverage.json"] = lambda: json.dumps(coverage_report(register), ensure_ascii=False, indent=2) + "\n"
    return outputs


def publish(register: Register, folder: Path) -> Publication:
    """Write statements (nl/en; html, md, pdf), Art. 30 exports, the check report and coverage."""
    folder.mkdir(parents=True, exist_ok=True)
    publication = Publication(folder)
    findings = run_checks(register)
    publication.errors = sum(1 for f in findings if f.severity == "error")
    publication.warnings = sum(1 for f in findings if f.severity == "warning")
    outputs = _outputs(register)
    outputs["check.json"] = lambda: json.dumps(
        [f.as_json(register.language) for f in findings], ensure_ascii=False, indent=2
    ) + "\n"
    for name, produce in outputs.items():
        target = folder / name
        data = produce()
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
        publication.files.append(target)
    return publication
