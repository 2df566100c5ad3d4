"""The analyzer's report for the terminal, and the wording both reports share.

    >>> print(render_text_report(analysis, "nl", source="privacy.txt"))
    Analyse van de privacyverklaring — privacy.txt
    15 van de 19 verplichte onderdelen staan erin
    ✓ identiteit van de verwerkingsverantwoordelijke  13(1)(a)  "Kwalipro, gevestigd aan ..."
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from waarborg.register import taxonomy
from waarborg.register.elements import ELEMENTS
from waarborg.register.text import Language

from .model import Analysis, ElementResult, Evidence, Facts
from .yamlfile import load_yaml

TEMPLATES = Path(__file__).parent / "templates"
SNIPPET_LENGTH = 90


@cache
def _all_words() -> dict[str, Any]:
    loaded: dict[str, Any] = load_yaml((TEMPLATES / "words.yaml").read_text(encoding="utf-8"))
    return loaded


def report_words(lang: Language) -> dict[str, Any]:
    """The report's headings and labels in Dutch or English."""
    words: dict[str, Any] = _all_words()[lang]
    return words


def coverage(analysis: Analysis) -> tuple[int, int]:
    """(required elements present, required elements) — the report's summary score."""
    required = [result for result in analysis.elements.values() if result.required]
    return sum(1 for result in required if result.present), len(required)


def snippet(evidence: Evidence, length: int = SNIPPET_LENGTH) -> str:
    """The evidence on one line, shortened in the middle of a word boundary when long."""
    flat = " ".join(evidence.text.split())
    if len(flat) <= length:
        return flat
    cut = flat[: length - 1].rsplit(" ", 1)[0]
    return f"{cut}…"


def element_rows(analysis: Analysis) -> list[tuple[str, str, ElementResult]]:
    """(key, article, result) per element in Art. 13/14 order; an absent key counts as missing."""
    absent = ElementResult(present=False, evidence=[], required=True)
    return [(e.key, e.article, analysis.elements.get(e.key, absent)) for e in ELEMENTS]


def element_label(key: str, lang: Language) -> str:
    """The element's name in the report language, e.g. 'recht op inzage'."""
    element = next(e for e in ELEMENTS if e.key == key)
    return element.nl if lang == "nl" else element.en


def fact_rows(facts: Facts, lang: Language) -> list[tuple[str, list[str]]]:
    """The facts as (label, values) rows in a fixed order; empty lists mean 'not found'."""
    words = report_words(lang)
    labels: dict[str, str] = words["fact_labels"]
    rows: list[tuple[str, list[str]]] = [
        (labels["controller_name"], [facts.controller_name] if facts.controller_name else []),
        (labels["addresses"], list(facts.addresses)),
        (labels["emails"], list(facts.emails)),
        (labels["phones"], list(facts.phones)),
        (labels["websites"], list(facts.websites)),
        (labels["registration_numbers"], [_registration(number) for number in facts.registration_numbers]),
        (labels["retention_periods"], [_retention(fact.value, fact.unit, fact.applies_to, words)
                                        for fact in facts.retention_periods]),
        (labels["third_parties"], [_party(p.name, p.role, p.country, words) for p in facts.third_parties]),
        (labels["data_categories"], [_category_label(key, lang) for key in facts.data_categories]),
        (labels["legal_bases"], [words["legal_bases"].get(basis, basis) for basis in facts.legal_bases]),
        (labels["supervisory_authority"], [facts.supervisory_authority] if facts.supervisory_authority else []),
        (labels["cookies"], list(facts.cookies)),
    ]
    return rows


def _registration(number: dict[str, str]) -> str:
    kind = number.get("kind", "")
    label = {"kvk": "KvK", "kbo": "KBO"}.get(kind, kind.upper())
    return f"{label} {number.get('number', '')}".strip()


def _retention(value: int | None, unit: str | None, applies_to: str, words: dict[str, Any]) -> str:
    period = f"{value} {words['units'].get(unit, unit)}" if value is not None else words["vague_period"]
    return f"{period} — {applies_to}" if applies_to else period


def _party(name: str, role: str, country: str | None, words: dict[str, Any]) -> str:
    details = ", ".join(part for part in (words["roles"].get(role, role), country) if part)
    return f"{name} ({details})" if details else name


def _category_label(key: str, lang: Language) -> str:
    try:
        return taxonomy.category(key).label(lang)
    except KeyError:
        return key


# --- the terminal report ----------------------------------------------------------------------


def render_text_report(
    analysis: Analysis, lang: Language, *, source: str = "", color: bool = False, width: int = 100
) -> str:
    """A compact report: per element ✓/✗ with evidence, then facts and findings."""
    from rich.console import Console

    console = Console(
        file=io.StringIO(), width=width, force_terminal=color, color_system="standard" if color else None,
        highlight=False, emoji=False, record=True,
    )
    words = report_words(lang)
    _print_header(console, analysis, words, source)
    _print_elements(console, analysis, lang, words)
    _print_facts(console, analysis, lang, words)
    _print_findings(console, analysis, lang, words)
    return console.export_text(styles=color)


def _print_header(console: Any, analysis: Analysis, words: dict[str, Any], source: str) -> None:
    from rich.markup import escape

    present, required = coverage(analysis)
    title = f"{words['title']} — {escape(source)}" if source else words["title"]
    console.print(f"[bold]{title}[/bold]")
    language = words["language_names"].get(analysis.language, analysis.language)
    console.print(f"{words['statement_language']}: {language}")
    console.print(f"[bold]{words['summary'].format(present=present, required=required)}[/bold]")


def _print_elements(console: Any, analysis: Analysis, lang: Language, words: dict[str, Any]) -> None:
    from rich.markup import escape

    console.print(f"\n[bold underline]{words['elements']}[/bold underline]")
    for key, article, result in element_rows(analysis):
        mark, style = _mark(result)
        need = words["required"] if result.required else words["informational"]
        console.print(f"[{style}]{mark}[/{style}] {element_label(key, lang)} [dim]({article}, {need})[/dim]")
        if result.evidence:  # the first quote is the reason it counts
            console.print(f"    {words['why_present']}: [dim]“{escape(snippet(result.evidence[0]))}”[/dim]")
        elif result.looked_for(lang):
            console.print(f"    [dim]{words['looked_for_label']}: {escape(result.looked_for(lang))} — "
                          f"{words['not_found_in_text']}[/dim]")
        note = result.note_in(lang)
        if note:
            console.print(f"    [italic]{escape(note)}[/italic]")


def _mark(result: ElementResult) -> tuple[str, str]:
    if result.present:
        return "✓", "green"
    return ("✗", "red") if result.required else ("·", "yellow")


def _print_facts(console: Any, analysis: Analysis, lang: Language, words: dict[str, Any]) -> None:
    from rich.markup import escape

    console.print(f"\n[bold underline]{words['facts']}[/bold underline]")
    for label, values in fact_rows(analysis.facts, lang):
        shown = "; ".join(escape(value) for value in values) if values else f"[dim]{words['nothing_found']}[/dim]"
        console.print(f"{label}: {shown}")
    yes_no = {True: words["yes"], False: words["no"]}
    console.print(f"{words['uses_legitimate_interest']}: {yes_no[analysis.uses_legitimate_interest]}")
    console.print(f"{words['uses_consent']}: {yes_no[analysis.uses_consent]}")


def _print_findings(console: Any, analysis: Analysis, lang: Language, words: dict[str, Any]) -> None:
    from rich.markup import escape

    console.print(f"\n[bold underline]{words['findings']}[/bold underline]")
    if not analysis.findings:
        console.print(words["no_findings"])
    styles = {"error": "red", "warning": "yellow", "info": "cyan"}
    for finding in analysis.findings:
        style = styles.get(finding.severity, "white")
        severity = words["severities"].get(finding.severity, finding.severity)
        console.print(f"[{style}]{severity:<12}[/{style}] {escape(finding.id)}: {escape(finding.message(lang))}")
        for item in finding.evidence[:2]:
            console.print(f"    [dim]“{escape(snippet(item))}”[/dim]")
