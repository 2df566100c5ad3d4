"""The analyzer's report as one standalone HTML page for a privacy officer.

The page shows the score, a table of the 21 elements with their evidence, the facts, the findings,
and the statement itself with every evidence span highlighted; the table links to the highlights.
Everything taken from the statement is escaped (Jinja2 autoescape), so a hostile statement cannot
inject markup into the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from waarborg.register.text import Language

from .model import Analysis, Evidence
from .report_text import TEMPLATES, coverage, element_label, element_rows, fact_rows, report_words, snippet


@dataclass(frozen=True)
class Span:
    """An evidence span placed in the statement text, with the anchor the report links to."""

    start: int
    end: int
    anchor: str
    label: str
    kind: str  # "element" or "finding"


@cache
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_html_report(analysis: Analysis, text: str, lang: Language, *, source: str = "") -> str:
    """The standalone HTML report; `text` is the analysed statement text the evidence points into."""
    spans: list[Span] = []
    elements = []
    for key, article, result in element_rows(analysis):
        label = element_label(key, lang)
        links = _place(result.evidence, text, f"el-{key}", label, "element", spans)
        elements.append({"key": key, "article": article, "label": label, "result": result, "links": links})
    findings = []
    for number, finding in enumerate(analysis.findings):
        links = _place(finding.evidence, text, f"fi-{number}", finding.id, "finding", spans)
        findings.append({"finding": finding, "message": finding.message(lang), "links": links})
    present, required = coverage(analysis)
    return _environment().get_template("report.html.j2").render(
        w=report_words(lang),
        lang=lang,
        source=source,
        analysis=analysis,
        present=present,
        required=required,
        percent=round(100 * present / required) if required else 100,
        elements=elements,
        findings=findings,
        facts=fact_rows(analysis.facts, lang),
        statement=highlight(text, spans),
        today=date.today().isoformat(),
    )


def _place(
    evidence: list[Evidence], text: str, prefix: str, label: str, kind: str, spans: list[Span]
) -> list[dict[str, str]]:
    """Add each locatable evidence item to `spans`; return the links (anchor, snippet) for the tables."""
    links: list[dict[str, str]] = []
    for number, item in enumerate(evidence):
        where = locate(item, text)
        anchor = f"{prefix}-{number}"
        if where is not None:
            spans.append(Span(where[0], where[1], anchor, label, kind))
        links.append({"anchor": anchor if where is not None else "", "snippet": snippet(item, 160)})
    return links


def locate(evidence: Evidence, text: str) -> tuple[int, int] | None:
    """Where the evidence sits in the text: its own offsets when they match, else its first occurrence."""
    if 0 <= evidence.start < evidence.end <= len(text) and text[evidence.start : evidence.end] == evidence.text:
        return evidence.start, evidence.end
    found = text.find(evidence.text) if evidence.text else -1
    return (found, found + len(evidence.text)) if found >= 0 else None


def highlight(text: str, spans: list[Span]) -> Markup:
    """The text, escaped, with <mark> around evidence and an anchor where each span starts.

    Spans may overlap; the text is cut at every span boundary and each piece is marked with the
    labels of all spans that cover it.
    """
    bounds = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    parts: list[str] = []
    for start, end in pairwise(bounds):
        for span in spans:
            if span.start == start:
                parts.append(f'<a class="anchor" id="{escape(span.anchor)}"></a>')
        covering = [s for s in spans if s.start <= start and end <= s.end]
        piece = escape(text[start:end])
        if covering:
            labels = "; ".join(dict.fromkeys(s.label for s in covering))
            kind = "finding" if any(s.kind == "finding" for s in covering) else "element"
            parts.append(f'<mark class="{kind}" title="{escape(labels)}">{piece}</mark>')
        else:
            parts.append(str(piece))
    return Markup("".join(parts))

