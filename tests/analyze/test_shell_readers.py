"""Reading statements from text, Markdown, HTML, PDF and DOCX files."""

from __future__ import annotations

from pathlib import Path

import pytest

from waarborg.analyze.readers import StatementReadError, html_to_text, read_statement, reflow_pdf_lines

SENTENCE = "Kwalipro, gevestigd aan de Bernagietuin 24, is verantwoordelijk voor uw gegevens."


@pytest.mark.parametrize(
    ("name", "content", "expected_format"),
    [
        ("privacy.txt", SENTENCE, "txt"),
        ("privacy.md", f"# Privacy\n\n{SENTENCE}", "md"),
        ("privacy.html", f"<html><body><p>{SENTENCE}</p></body></html>", "html"),
        ("privacy", f"<!doctype html><html><body><p>{SENTENCE}</p></body></html>", "html"),
        ("privacy", SENTENCE, "txt"),
    ],
)
def test_text_formats_are_read_by_extension_or_content(tmp_path: Path, name: str, content: str,
                                                        expected_format: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    statement = read_statement(path)
    assert statement.format == expected_format
    assert SENTENCE in statement.text


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffPrivacyverklaring — één".encode())
    assert read_statement(path).text == "Privacyverklaring — één"


def test_windows_1252_text_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes("Wij bewaren uw gegevens één jaar.".encode("cp1252"))
    assert read_statement(path).text == "Wij bewaren uw gegevens één jaar."


def test_crlf_line_endings_become_newlines(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(b"Regel een\r\nRegel twee\r\n")
    assert read_statement(path).text == "Regel een\nRegel twee\n"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("garbage.txt", bytes(range(256)) * 16, "binary"),
        ("controls.txt", b"\x01\x02\x03\x04\xff\xfe" * 200, "binary"),
        ("empty.txt", b"", "no text"),
        ("blank.md", b"  \n\n\t\n", "no text"),
        ("empty.html", b"<html><body><script>var a = 1;</script></body></html>", "no text"),
        ("fake.pdf", b"this is not a pdf at all", "not a PDF"),
        ("fake.docx", b"plain words, no zip", "not a DOCX"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word .doc"),
        ("archive.zip", b"PK\x03\x04" + b"\x00" * 100, "not a readable DOCX"),
        ("broken.pdf", b"%PDF-1.4\n%garbage without objects", "not a readable PDF"),
    ],
)
def test_unusable_files_give_an_error_naming_the_file(tmp_path: Path, name: str, data: bytes,
                                                      problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(StatementReadError) as caught:
        read_statement(path)
    assert name in str(caught.value)
    assert problem in str(caught.value)


def test_missing_file_and_directory_are_refused(tmp_path: Path) -> None:
    with pytest.raises(StatementReadError, match="no such file"):
        read_statement(tmp_path / "absent.txt")
    with pytest.raises(StatementReadError, match="directory"):
        read_statement(tmp_path)


def test_html_drops_page_furniture_and_keeps_blocks_on_their_own_lines() -> None:
    html = """<html><head><title>Titel</title><style>p { color: red }</style></head><body>
    <nav>Home | Over ons</nav><h1>Privacyverklaring</h1>
    <p>Wij zijn <b>Kwalipro</b>, gevestigd in <a href="/">Emmen</a>.</p>
    <ul><li>Naam</li><li>E-mail &amp; telefoon</li></ul>
    <table><tr><td>Gegevens</td><td>7 jaar</td></tr></table>
    <!-- een opmerking --><footer>© 2024 Kwalipro</footer><script>alert(1)</script></body></html>"""
    lines = html_to_text(html).splitlines()
    assert "Privacyverklaring" in lines
    assert "Wij zijn Kwalipro, gevestigd in Emmen." in lines
    assert [line for line in lines if line.startswith("- ")] == ["- Naam", "- E-mail & telefoon"]
    assert "Gegevens" in lines and "7 jaar" in lines
    text = "\n".join(lines)
    for noise in ("Home", "color: red", "alert", "© 2024", "een opmerking", "Titel"):
        assert noise not in text


def test_docx_paragraphs_headings_lists_and_table_cells_are_read(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Privacyverklaring", level=1)
    document.add_paragraph(SENTENCE)
    document.add_paragraph("naam en adres", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Facturen"
    table.cell(0, 1).text = "7 jaar na afloop van het boekjaar"
    document.add_paragraph("U kunt een klacht indienen bij de Autoriteit Persoonsgegevens.")
    path = tmp_path / "verklaring.docx"
    document.save(str(path))

    statement = read_statement(path)
    lines = statement.text.splitlines()
    assert statement.format == "docx"
    assert lines[0] == "Privacyverklaring"
    assert SENTENCE in lines
    assert "- naam en adres" in lines
    assert lines.index("Facturen") < lines.index("7 jaar na afloop van het boekjaar")
    assert lines.index("7 jaar na afloop van het boekjaar") < lines.index(
        "U kunt een klacht indienen bij de Autoriteit Persoonsgegevens."
    )


def test_docx_without_extension_is_recognised_by_its_content(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(SENTENCE)
    path = tmp_path / "verklaring"
    document.save(str(path))
    assert read_statement(path).format == "docx"


@pytest.fixture(scope="module")
def pdf_bytes() -> bytes:
    from weasyprint import HTML

    body = f"<h1>Privacyverklaring</h1><p>{SENTENCE}</p><p>Wij bewaren facturen zeven jaar.</p>"
    html = f"<html><body>{body}</body></html>"
    return HTML(string=html).write_pdf()


def test_pdf_text_is_extracted_with_sentences_on_one_line(tmp_path: Path, pdf_bytes: bytes) -> None:
    path = tmp_path / "verklaring.pdf"
    path.write_bytes(pdf_bytes)
    statement = read_statement(path)
    assert statement.format == "pdf"
    assert SENTENCE in statement.text
    assert "Wij bewaren facturen zeven jaar." in statement.text


def test_password_protected_pdf_is_refused(tmp_path: Path, pdf_bytes: bytes) -> None:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="geheim", algorithm="RC4-128")
    path = tmp_path / "beveiligd.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(StatementReadError, match="password"):
        read_statement(path)


def test_pdf_without_a_text_layer_asks_for_ocr(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(StatementReadError, match="no text layer"):
        read_statement(path)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("Kwalipro, gevestigd aan de\nbernagietuin.", "Kwalipro, gevestigd aan de bernagietuin."),
        ("Kwalipro Training, Coaching & Interim Management, gevestigd aan de\nBernagietuin 24 te Emmen.",
         "Kwalipro Training, Coaching & Interim Management, gevestigd aan de Bernagietuin 24 te Emmen."),
        ("Wie is verantwoordelijk\nKwalipro is het.", "Wie is verantwoordelijk\nKwalipro is het."),
        ("Wij bewaren uw gegevens.\nDaarna wissen wij ze.", "Wij bewaren uw gegevens.\nDaarna wissen wij ze."),
        ("Uw rechten\nU mag uw gegevens inzien.", "Uw rechten\nU mag uw gegevens inzien."),
        ("stuur een e-\nmail naar ons", "stuur een e-mail naar ons"),
        ("Welke gegevens:\nnaam en adres", "Welke gegevens:\nnaam en adres"),
    ],
)
def test_pdf_layout_line_breaks_are_joined_only_inside_sentences(page: str, expected: str) -> None:
    assert reflow_pdf_lines(page) == expected
