"""The privacy statement written from the register, and its Art. 13/14 coverage.

    >>> html = render_statement(register, "nl", "html")
    >>> coverage_report(register)["retention"]
    {'status': 'covered'}
"""

from __future__ import annotations

from typing import Literal

from waarborg.register.model import Register
from waarborg.register.text import Language

from .build import build_view
from .coverage import coverage_of
from .render import render_html, render_markdown, render_pdf

__all__ = ["coverage_report", "render_statement"]


def render_statement(register: Register, lang: Language, fmt: Literal["html", "md", "pdf"]) -> str | bytes:
    """The statement in `lang` as HTML or Markdown text, or PDF bytes."""
    view = build_view(register, lang)
    if fmt == "html":
        return render_html(view)
    if fmt == "md":
        return render_markdown(view)
    if fmt == "pdf":
        return render_pdf(view)
    raise ValueError(f"unknown statement format {fmt!r}: choose html, md or pdf")


def coverage_report(register: Register) -> dict[str, dict[str, str]]:
    """Each of the 21 Art. 13/14 elements: covered, not_applicable or missing (with the reason).

    Computed from the view the templates render, in the register's own language.
    """
    return coverage_of(build_view(register, register.language))
