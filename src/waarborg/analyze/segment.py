"""Split a statement into sentences with character offsets, each knowing its section heading.

Statements are read as lines: a line is a paragraph, a list item or a heading. Headings matter
because they give context ("Bewaartermijn" makes "5 jaar" below it a retention period), and so do
list intros ("De grondslag is:" followed by bullets). Offsets always index the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Markup and typographic variants replaced one-for-one, so offsets into the clean text are offsets
# into the original: markdown emphasis, non-breaking spaces, curly quotes, dashes. (A chain of
# str.replace is several times faster than str.translate here.)
_REPLACEMENTS = (("*", " "), ("\u00a0", " "), ("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'),
                 ("\u201d", '"'), ("\u2013", "-"), ("\u2014", "-"), ("\t", " "))


@dataclass(frozen=True)
class Sentence:
    """A sentence (or heading, or list item) of the statement."""

    start: int
    end: int
    heading: bool  # this sentence is itself a heading
    list_item: bool
    context: str  # the section heading and, for list items, the intro line above them


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    bullet = re.compile(r"^\s*(?:[-•–·▪●◦>+]|\d{1,2}[.)](?!\d)|[a-z][.)]\s|#{1,6}|\(?[ivx]{1,4}\))\s*")
    sentence_end = re.compile(r"[.!?;]\s+(?=[\"'(\[]?[A-Z0-9À-Ý])")
    heading_end = re.compile(r"[.;,]\s*$")
    return bullet, sentence_end, heading_end


def clean_text(text: str) -> str:
    """The text with markup and typographic variants normalised, same length as the input."""
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


def _is_heading(line: str, marker: str, next_line: str | None) -> bool:
    if marker.strip().startswith("#"):
        return True
    if next_line is None or len(line) > 90:
        return False
    _, _, heading_end = _patterns()
    words = line.split()
    if not words or len(words) > 12 or heading_end.search(line) or line.endswith(":"):
        return False
    first = line[0]
    return first.isupper() or first.isdigit() or line.endswith("?")


def segment(text: str, clean: str | None = None) -> list[Sentence]:
    """The sentences of `text` in order, with headings and list context attached.

    `clean` is `clean_text(text)` when the caller already has it.
    """
    clean = clean if clean is not None else clean_text(text)
    bullet, sentence_end, _ = _patterns()
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", clean)]
    non_empty = [(pos, line) for pos, line in lines if line.strip()]
    sentences: list[Sentence] = []
    heading, intro = "", ""
    for index, (pos, line) in enumerate(non_empty):
        marker_match = bullet.match(line)
        marker = marker_match.group() if marker_match else ""
        body = line[len(marker):].rstrip()
        if not body.strip():
            continue
        offset = pos + len(marker) + len(body) - len(body.lstrip())
        body = body.lstrip()
        next_line = non_empty[index + 1][1] if index + 1 < len(non_empty) else None
        is_list = bool(marker.strip()) and not marker.strip().startswith("#")
        numbered = marker.strip()[:1].isdigit()  # "7. Bewaartermijn" is a numbered heading
        if (not is_list or numbered) and _is_heading(body, marker, next_line):
            heading, intro = body.strip(), ""
            sentences.append(Sentence(offset, offset + len(body), True, False, heading))
            continue
        context = f"{heading} | {intro}" if is_list and intro else heading
        sentences.extend(_split(body, offset, is_list, context, sentence_end))
        if body.endswith(":"):
            intro = body
        elif not is_list:
            intro = ""
    return sentences


def _split(body: str, offset: int, is_list: bool, context: str,
           sentence_end: re.Pattern[str]) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for match in sentence_end.finditer(body):
        if body[start:match.start()].strip().rstrip(".").isdigit():
            continue  # "1. U heeft ..." is one item, not a sentence "1."
        out.append(Sentence(offset + start, offset + match.start() + 1, False, is_list, context))
        start = match.end()
    out.append(Sentence(offset + start, offset + len(body), False, is_list, context))
    return out
