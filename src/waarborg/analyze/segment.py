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


@cache
def _noise_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # Front matter at the very top (`---` ... `---`), lines that are only a template directive (Blade
    # `@extends('x')`/`@section`/`@endsection`, Jinja/Liquid `{% ... %}` and `{# ... #}`, `<?php ... ?>`),
    # and inline tags a conversion left behind (`<br>`, `<span ...>`, `</a>`). Placeholders such as
    # `{{naam}}` are not noise: the template-placeholder finding looks for them.
    front = re.compile(r"\A\ufeff?---[ \t]*\n(?:[^\n]*\n){0,60}?---[ \t]*(?=\n|\Z)")
    directive = re.compile(r"(?m)^[ \t]*(?:@(?:extends|section|endsection|yield|include|push|endpush|stop|show|"
                           r"csrf|php|endphp|if|endif|foreach|endforeach)\b[^\n]*|\{%[^\n]*?%\}|\{#[^\n]*?#\}"
                           r"|<\?php[^\n]*?\?>)[ \t]*$")
    tag = re.compile(r"</?(?:br|span|img|a|b|i|em|strong|u|small|font|div|p)\b[^<>\n]{0,200}>", re.IGNORECASE)
    return front, directive, tag


_MIN_WRAPPED_LINE = 40


@cache
def _wrap_pattern() -> re.Pattern[str]:
    # A sentence that a hard line break (or a blank line) cut in two: the line ends in a lower-case
    # letter or a comma and the next line goes on in lower case ("een klacht in te dienen bij de" /
    # "nationale toezichthouder"). The break is read as a space.
    return re.compile(r"(?<=[a-zà-ÿ,])[ \t]*\n(?:[ \t]*\n)?[ \t]*(?=[a-zà-ÿ])")


def _blank(match: re.Match[str]) -> str:
    """The match as spaces, newlines kept, so that offsets stay those of the original."""
    return re.sub(r"[^\n]", " ", match.group())


def clean_text(text: str) -> str:
    """The text with markup, page noise and typographic variants normalised, same length as the input."""
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    front, directive, tag = _noise_patterns()
    if text.lstrip("\ufeff").startswith("---"):
        text = front.sub(_blank, text)
    if "@" in text or "{" in text or "<?" in text:
        text = directive.sub(_blank, text)
    if "<" in text:
        text = tag.sub(_blank, text)
    if "\n" in text:
        text = _wrap_pattern().sub(lambda match: _join_wrapped(match, text), text)
    return text


def _join_wrapped(match: re.Match[str], text: str) -> str:
    """The line break as spaces when the line before is long enough to have been wrapped (a short line
    such as the heading "Privacy" is not), else unchanged."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    if match.start() - line_start < _MIN_WRAPPED_LINE:
        return match.group()
    return " " * len(match.group())


def _is_table_header(line: str, next_line: str | None) -> bool:
    """A table row of column names: every cell one to three words without digits or a full stop, and
    three or more cells or a separator row (`|---|`) below it. ("| Bestellingen | 7 jaar |" is data.)"""
    if not line.lstrip().startswith("|"):
        return False
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    names = len(cells) >= 2 and all(cells) and all(
        len(cell.split()) <= 3 and not cell.endswith(".") and not any(char.isdigit() for char in cell)
        for cell in cells)
    separator = next_line is not None and set(next_line.strip()) <= set("|-: ") and "-" in next_line
    return names and (len(cells) >= 3 or separator)


def _is_heading(line: str, marker: str, next_line: str | None) -> bool:
    if marker.strip().startswith("#") or _is_table_header(line, next_line):
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
            # a table's column names add to the section heading above the table ("Bewaartermijnen | Termijn")
            table = _is_table_header(body, next_line) and bool(heading)
            heading, intro = (f"{heading} | {body.strip()}" if table else body.strip()), ""
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
