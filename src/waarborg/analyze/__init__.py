"""Read an existing privacy statement and report what it gives, what it lacks and what is wrong.

    analysis = analyze_text(text)          # language detected
    analysis.elements["right_complaint"].present
    analysis.as_json()

Rules and lexicons only (nl/en, see lexicon/*.yaml); every verdict carries the spans of text it
rests on. Reading PDF/DOCX/HTML into text is readers.py's job; this is the pure core.
"""

from __future__ import annotations

from .analyzer import analyze_text
from .language import detect_language
from .model import (
    Analysis,
    AnalyzerFinding,
    ElementResult,
    Evidence,
    Facts,
    PartyFact,
    RetentionFact,
)

__all__ = [
    "Analysis",
    "AnalyzerFinding",
    "ElementResult",
    "Evidence",
    "Facts",
    "PartyFact",
    "RetentionFact",
    "analyze_text",
    "detect_language",
]
