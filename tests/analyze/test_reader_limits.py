"""Hostile statement files (issue 10 item 3): limits refused by name, deep pages read in one walk."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from reader_mutants import sample_docx

from waarborg.analyze import readers
from waarborg.analyze.readers import StatementReadError, html_to_text, read_statement


def _docx_with(parts: dict[str, bytes]) -> bytes:
    """The sample .docx with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample_docx())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for name in source.namelist():
            dest.writestr(name, parts.pop(name, None) or source.read(name))
        for name, content in parts.items():
            dest.writestr(name, content)
    return out.getvalue()


def _refusal(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(StatementReadError) as caught:
        read_statement(path)
    assert str(caught.value).startswith(f"{path}: ")
    return caught.value.problem


def test_docx_zip_bomb_is_refused_from_the_declared_sizes(tmp_path: Path) -> None:
    bomb = _docx_with({"word/document.xml": b"<w:document>" + b" " * 12_000_000 + b"</w:document>"})
    assert len(bomb) < 100_000  # small on disk, 12 MB inside
    assert (
        _refusal(tmp_path, "bomb.docx", bomb) == "word/document.xml unpacks to 12.0 MB; Waarborg reads at most 10.0 MB"
    )


def test_docx_whose_parts_together_unpack_too_far_is_refused(tmp_path: Path) -> None:
    bomb = _docx_with({"word/media/image1.png": b"\0" * 51_000_000})
    problem = _refusal(tmp_path, "bomb.docx", bomb)
    assert re.fullmatch(r"the DOCX unpacks to 51\.\d MB; Waarborg unpacks at most 50\.0 MB", problem), problem


def test_docx_with_broken_document_xml_says_so(tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(sample_docx())) as archive:
        xml = archive.read("word/document.xml")
    broken = _docx_with({"word/document.xml": xml[: len(xml) // 2]})
    assert _refusal(tmp_path, "broken.docx", broken).startswith("a part of the DOCX is not well-formed XML (")


def test_text_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    problem = _refusal(tmp_path, "huge.txt", b"Wij bewaren uw gegevens. " * 210_000)
    assert problem == "the file is 5.2 MB; a text, Markdown or HTML statement may be at most 5.0 MB"


def test_statement_text_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    problem = _refusal(tmp_path, "long.md", b"Wij bewaren uw gegevens.\n" * 44_000)
    assert (
        problem == "the statement has 1,100,000 characters of text; Waarborg reads at most 1,000,000 (about 400 pages)"
    )


def test_deep_html_is_read_without_editing_the_parse_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    from bs4 import Tag

    def no_editing(*args: object, **kwargs: object) -> None:
        raise AssertionError("editing the tree costs time in the square of its depth")

    for method in ("insert", "insert_before", "insert_after", "decompose", "extract"):
        monkeypatch.setattr(Tag, method, no_editing)
    deep = (
        "<html><body>" + "<div>" * 10_000 + "<p>Wij bewaren</p><li>facturen</li>" + "</div>" * 10_000 + "</body></html>"
    )
    assert html_to_text(deep) == "Wij bewaren\n\n- facturen\n"


def test_limits_are_documented() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "analyze.md").read_text(encoding="utf-8")
    for limit in (
        "MAX_TEXT_FILE_BYTES",
        "MAX_BINARY_FILE_BYTES",
        "MAX_DOCX_UNPACKED_BYTES",
        "MAX_DOCX_TEXT_PART_BYTES",
        "MAX_PDF_PAGES",
        "MAX_TEXT_CHARS",
    ):
        assert f"{getattr(readers, limit):,}" in docs, limit


def test_pdf_over_the_page_limit_is_refused_before_extracting(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(readers.MAX_PDF_PAGES + 1):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert _refusal(tmp_path, "long.pdf", buffer.getvalue()) == "the PDF has 1,001 pages; Waarborg reads at most 1,000"


def test_cli_refuses_a_zip_bomb_with_exit_2_and_the_limit(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from waarborg.cli.app import build_app

    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with({"word/document.xml": b"<w:document>" + b" " * 12_000_000 + b"</w:document>"}))
    result = CliRunner().invoke(build_app(), ["analyze", str(path)])
    assert result.exit_code == 2
    assert "word/document.xml unpacks to 12.0 MB" in result.output and "Traceback" not in result.output
