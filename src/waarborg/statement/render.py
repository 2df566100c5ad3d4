"""Render the StatementView with Jinja2: one HTML and one Markdown template per language; PDF via WeasyPrint."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from .view import StatementView
from .wording import join_words

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#<>])")


def markdown_escape(value: object) -> str:
    """Register text made inert in Markdown: no emphasis, links, tables or raw HTML from the register."""
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def css_string(value: object) -> str:
    """A CSS string literal that cannot break out of its declaration (every unsafe character hex-escaped)."""
    safe = "".join(ch if ch.isalnum() or ch in " .,-·" else f"\\{ord(ch):x} " for ch in str(value))
    return f'"{safe}"'


@cache
def _environment(markup: bool) -> Environment:
    env = Environment(
        loader=PackageLoader("waarborg.statement", "templates"),
        autoescape=markup,  # HTML: everything from the register is escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_escape
    env.filters["css_string"] = css_string
    env.filters["words"] = lambda items, lang: join_words([str(item) for item in items], lang)
    return env


def render_html(view: StatementView) -> str:
    """The standalone HTML page (embedded CSS)."""
    return _environment(True).get_template(f"statement.{view.lang}.html.j2").render(v=view)


def render_markdown(view: StatementView) -> str:
    """The statement as Markdown, register text escaped."""
    text = _environment(False).get_template(f"statement.{view.lang}.md.j2").render(v=view)
    return re.sub(r"\n{3,}", "\n\n", text)


def render_pdf(view: StatementView) -> bytes:
    """The HTML statement printed to A4 by WeasyPrint, with running header and page numbers."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    nl = view.lang == "nl"
    print_css = _environment(False).get_template("print.css.j2").render(
        org=view.controller.name,
        running_title=f"{'Privacyverklaring' if nl else 'Privacy statement'} · {'versie' if nl else 'version'} "
        f"{view.version}",
        footer_note=view.date,
        page_word="Pagina" if nl else "Page",
        of_word="van" if nl else "of",
    )
    # Inside the document, after the screen styles: user stylesheets passed to write_pdf would lose
    # the cascade against the page's own <style>.
    html = render_html(view).replace("</head>", f"<style>\n{print_css}</style>\n</head>", 1)
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
