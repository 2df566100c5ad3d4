"""A statement speaks one language: no Dutch sentence in an English statement, and no English in a Dutch one.

Judged sentence by sentence with the analyzer's own language detector (function words), on the
text a reader sees, for the five seed organisations and the demo.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from statement_support import EXAMPLES, plain_text

from waarborg.analyze.language import detect_language, function_word_counts
from waarborg.register import Register, load_register
from waarborg.statement import render_statement

SEEDS = sorted(EXAMPLES.glob("*.yaml"))
DEMO = Path(__file__).parents[2] / "src" / "waarborg" / "demo" / "register.yaml"


@cache
def _register(path: Path) -> Register:
    return load_register(path)


BLOCKS = ["p", "li", "td", "th", "h1", "h2", "h3", "h4", "dt", "dd", "caption", "figcaption"]


def blocks(rendered: str, fmt: str) -> list[str]:
    """What a reader sees, one block at a time: each paragraph, list item, table cell and heading."""
    if fmt == "html":
        soup = BeautifulSoup(rendered, "html.parser")
        found = [tag for tag in soup.find_all(BLOCKS) if not tag.find(BLOCKS)]  # innermost blocks only
        return [plain_text(str(tag), "html") for tag in found]
    return [plain_text(cell, "md") for line in rendered.splitlines() for cell in line.split(" | ")]


def sentences(rendered: str, fmt: str) -> list[str]:
    """Sentences within blocks: split at sentence ends, semicolons and the list separator ' – '."""
    parts = [p for block in blocks(rendered, fmt) for p in re.split(r"(?<=[.!?;])\s+|\s+[–—]\s+", block)]
    return [part.strip() for part in parts if part.strip()]


ADDRESSES = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:be|nl|com|org|eu)\b\S*")


def other_language(parts: list[str], lang: str, proper_names: tuple[str, ...] = ()) -> list[str]:
    """The sentences the detector places in the other language (those without any function word say nothing).

    Addresses (`vck@vck.be`: "be"), the organisation's own name ("Vlaams Centrum voor Kwaliteit")
    and "we" belong to no one language and are left out before judging."""
    found = []
    for sentence in parts:
        judged = ADDRESSES.sub(" ", sentence)
        for name in proper_names:
            judged = judged.replace(name, " ")
        judged = re.sub(r"\b[Ww]e\b", " ", judged)  # "we" is a word of both languages
        dutch, english = function_word_counts(judged)
        if dutch == english:
            continue
        if detect_language(judged) != lang:
            found.append(sentence)
    return found


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("path", [*SEEDS, DEMO], ids=lambda p: p.stem if p != DEMO else "demo")
def test_english_statement_has_no_dutch_sentence(path: Path, fmt: str) -> None:
    register = _register(path)
    rendered = str(render_statement(register, "en", fmt))  # type: ignore[arg-type]
    assert other_language(sentences(rendered, fmt), "en", _proper_names(register)) == []


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("path", [*SEEDS, DEMO], ids=lambda p: p.stem if p != DEMO else "demo")
def test_dutch_statement_has_no_english_sentence(path: Path, fmt: str) -> None:
    register = _register(path)
    rendered = str(render_statement(register, "nl", fmt))  # type: ignore[arg-type]
    assert other_language(sentences(rendered, fmt), "nl", _proper_names(register)) == []


def _proper_names(register: Register) -> tuple[str, ...]:
    controller = register.controller
    return tuple(name for name in (controller.legal_name, controller.name) if name)


def test_the_detector_finds_a_dutch_recipient_in_an_english_statement() -> None:
    """The check itself: an English statement that lists a Dutch recipient name is caught."""
    html = "<ul><li>We share your data with the network.</li><li>Andere leden van het netwerk</li></ul>"
    assert other_language(sentences(html, "html"), "en") == ["Andere leden van het netwerk"]
