"""The PDF statement: a real PDF whose text carries the controller, the headings and the running footer.

Few tests on purpose: WeasyPrint takes about a second per document.
"""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from waarborg.register import Register
from waarborg.statement import render_statement


def pdf_pages(register: Register, lang: str) -> list[str]:
    pdf = render_statement(register, lang, "pdf")  # type: ignore[arg-type]
    assert isinstance(pdf, bytes)
    assert pdf.startswith(b"%PDF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize(("lang", "headings", "footer"), [
    ("nl", ["Privacyverklaring", "Wie wij zijn", "Hoe lang wij uw gegevens bewaren", "Cookies", "Uw rechten",
            "Klacht indienen", "Autoriteit Persoonsgegevens"], "Pagina 1 van"),
    ("en", ["Privacy statement", "Who we are", "How long we keep your data", "Cookies", "Your rights",
            "Making a complaint"], "Page 1 of"),
])
def test_pdf_statement_has_controller_headings_and_page_numbers(rich: Register, lang: str, headings: list[str],
                                                                footer: str) -> None:
    pages = pdf_pages(rich, lang)
    text = " ".join(" ".join(pages).split())
    assert len(pages) > 1
    assert "Vereniging Drukwerk & Co" in text
    for heading in headings:
        assert heading in text
    assert footer in pages[0]
    # From the second page on, every page repeats the organisation and the version in its header.
    assert all("Vereniging Drukwerk & Co" in page and "3.1" in page for page in pages[1:])
