"""The text and HTML reports of `waarborg analyze`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from waarborg.analyze import analyze_text
from waarborg.analyze.model import Analysis, AnalyzerFinding, ElementResult, Evidence, Facts
from waarborg.analyze.report_html import Span, highlight, locate, render_html_report
from waarborg.analyze.report_text import coverage, render_text_report
from waarborg.register.elements import ELEMENT_KEYS

SEED = Path(__file__).resolve().parents[1] / "data" / "statements" / "seed_kwalipro.txt"
HOSTILE = 'Wij zijn <script>alert("x")</script> Evil B.V. <img src=x onerror=alert(1)> en bewaren 3 jaar.'


def _span(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence(phrase, start, start + len(phrase))


def _hostile_analysis() -> Analysis:
    elements = {key: ElementResult(False, [], True) for key in ELEMENT_KEYS}
    elements["controller_identity"] = ElementResult(True, [_span(HOSTILE, '<script>alert("x")</script> Evil')], True,
                                                    note="<b>let op</b>")
    elements["retention"] = ElementResult(True, [_span(HOSTILE, "bewaren 3 jaar")], True)
    finding = AnalyzerFinding("retention-vague", "warning", "<i>vaag</i>", "<i>vague</i>",
                              [_span(HOSTILE, "<img src=x onerror=alert(1)>")])
    facts = Facts(controller_name="<script>Evil</script>", emails=["a@b.nl<svg onload=x>"])
    return Analysis("nl", elements, False, False, facts, [finding])


def test_html_report_escapes_everything_taken_from_the_statement() -> None:
    html = render_html_report(_hostile_analysis(), HOSTILE, "nl", source="<evil>.txt")
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<b>let op</b>", "<i>vaag</i>", "<evil>",
                "<script>Evil"):
        assert raw not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_every_evidence_link_points_at_an_anchor_in_the_highlighted_statement() -> None:
    statement = SEED.read_text(encoding="utf-8")
    html = render_html_report(analyze_text(statement), statement, "nl", source=SEED.name)
    links = set(re.findall(r'href="#((?:el|fi)-[^"]+)"', html))
    anchors = set(re.findall(r'<a class="anchor" id="([^"]+)"', html))
    assert links and links <= anchors
    assert len(re.findall(r'<tr id="element-', html)) == len(ELEMENT_KEYS)


def test_highlight_marks_overlapping_spans_and_keeps_the_text() -> None:
    text = "abc <def> ghi"
    spans = [Span(0, 9, "el-a-0", "A", "element"), Span(4, 13, "fi-0-0", "F", "finding")]
    marked = str(highlight(text, spans))
    assert re.sub(r"<[^>]+>", "", marked).replace("&lt;", "<").replace("&gt;", ">") == text
    assert '<a class="anchor" id="el-a-0"></a>' in marked and '<a class="anchor" id="fi-0-0"></a>' in marked
    assert '<mark class="finding" title="A; F">&lt;def&gt;</mark>' in marked
    assert '<mark class="element" title="A">abc </mark>' in marked


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        (Evidence("bewaren", 4, 11), (4, 11)),
        (Evidence("bewaren", 0, 7), (4, 11)),  # stale offsets: found by its text
        (Evidence("nergens", 0, 7), None),
        (Evidence("", 0, 0), None),
    ],
)
def test_evidence_is_located_by_offsets_or_by_text(evidence: Evidence, expected: tuple[int, int] | None) -> None:
    assert locate(evidence, "Wij bewaren wij") == expected


def test_text_report_shows_marks_score_facts_and_findings() -> None:
    analysis = _hostile_analysis()
    report = render_text_report(analysis, "en", source="x.txt")
    present, required = coverage(analysis)
    assert (present, required) == (2, 21)
    assert f"{present} of {required} required elements are present" in report
    assert "✓ identity of the controller" in report and "✗ right of access" in report
    assert "Controller: <script>Evil</script>" in report  # plain text output, no markup interpreted
    assert "retention-vague: <i>vague</i>" in report
    assert "\x1b[" not in report


def test_text_report_in_colour_uses_terminal_codes_and_dutch_words() -> None:
    report = render_text_report(_hostile_analysis(), "nl", color=True)
    assert "\x1b[" in report
    assert "verplichte onderdelen staan erin" in report
