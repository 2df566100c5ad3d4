"""Reading a privacy statement from a file: plain text, Markdown, HTML, PDF or DOCX.

Every reader returns the statement as plain text with one heading, paragraph or list item per
line, so that the analyzer's evidence offsets point into text a privacy officer recognises.

    >>> read_statement(Path("privacyverklaring.pdf")).format
    'pdf'
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Sniffing looks at the first bytes only; the extension decides between the text formats.
_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary Word .doc format
_HTML_SNIFF = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<!--)", re.IGNORECASE)

_EXTENSIONS = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}

# Limits, documented in docs/analyze.md ("Limits"). A privacy statement is 5-50 KB of text; these
# leave a hundredfold margin while keeping time and memory bounded (the analyzer is linear in the
# text, about 3 s per million characters on one core; a parsed HTML tree takes ~20x its file).
MAX_TEXT_FILE_BYTES = 5_000_000  # .txt, .md, .html on disk
MAX_BINARY_FILE_BYTES = 20_000_000  # .pdf, .docx on disk (pictures included)
MAX_DOCX_UNPACKED_BYTES = 50_000_000  # all parts of a .docx together, as declared in the ZIP
MAX_DOCX_TEXT_PART_BYTES = 10_000_000  # word/document.xml alone (python-docx reads ~3,000 table rows a second)
MAX_PDF_PAGES = 1_000
MAX_TEXT_CHARS = 1_000_000  # the statement's text, as handed to the analyzer (about 400 pages)

# HTML elements that are page furniture rather than the statement (menus, scripts, footers).
_HTML_NOISE = ("script", "style", "noscript", "template", "nav", "footer", "svg", "iframe", "button", "form")
# A PDF line at least this long that stops mid-sentence was wrapped by the layout, not by the author.
_WRAPPED_LINE = 60
# Elements that start a new line of text; inline elements (b, a, span, em) stay inside their line.
_HTML_BLOCKS = (
    "p", "div", "section", "article", "main", "header", "aside", "address", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "td", "th", "caption", "figure", "figcaption", "hr", "br",
)
# Of those, the ones that follow each other line by line without a blank line between.
_HTML_LINES = ("li", "dt", "dd", "tr", "td", "th", "br")


class StatementReadError(Exception):
    """A statement file that cannot be read; the message names the file and what is wrong."""

    def __init__(self, path: Path, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


@dataclass(frozen=True)
class StatementText:
    """The statement's text and the format it was read from (txt, md, html, pdf or docx)."""

    text: str
    format: str


def read_statement(path: Path) -> StatementText:
    """Read a statement file as plain text; StatementReadError says why a file cannot be used."""
    data = _read_bytes(path)
    kind = detect_format(path, data)
    readers = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html, "md": _read_plain, "txt": _read_plain}
    text = readers[kind](path, data)
    if not text.strip():
        raise StatementReadError(path, f"the {kind.upper()} file contains no text")
    if len(text) > MAX_TEXT_CHARS:
        raise StatementReadError(path, f"the statement has {len(text):,} characters of text; "
                                       f"Waarborg reads at most {MAX_TEXT_CHARS:,} (about 400 pages)")
    return StatementText(text=text, format=kind)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing before reading a file larger than a statement in its format can be."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_FILE_BYTES:
            with path.open("rb") as file:
                binary = file.read(8).startswith((_PDF_MAGIC, _ZIP_MAGIC))
            limit = MAX_BINARY_FILE_BYTES if binary else MAX_TEXT_FILE_BYTES
            if size > limit:
                kind = "PDF or DOCX" if binary else "text, Markdown or HTML"
                raise StatementReadError(path, f"the file is {_megabytes(size)}; a {kind} statement may be "
                                               f"at most {_megabytes(limit)}")
        return path.read_bytes()
    except FileNotFoundError:
        raise StatementReadError(path, "no such file") from None
    except IsADirectoryError:
        raise StatementReadError(path, "is a directory, not a statement file") from None
    except OSError as exc:
        raise StatementReadError(path, f"cannot read file: {exc.strerror or exc}") from None


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def detect_format(path: Path, data: bytes) -> str:
    """The file's format from its first bytes, then its extension; text when nothing else fits."""
    if data.startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        raise StatementReadError(path, "this is an old Word .doc file; save it as .docx or PDF first")
    by_extension = _EXTENSIONS.get(path.suffix.lower())
    if data.startswith(_ZIP_MAGIC):
        if by_extension in (None, "docx") or _is_docx(data):
            return "docx"
        raise StatementReadError(path, "is a ZIP archive, not a statement (expected a .docx document)")
    if by_extension in ("pdf", "docx"):
        raise StatementReadError(path, f"has a .{by_extension} name but is not a {by_extension.upper()} file")
    if by_extension is not None:
        return by_extension
    return "html" if _HTML_SNIFF.match(data[:512].lstrip(b"\xef\xbb\xbf")) else "txt"


def _is_docx(data: bytes) -> bool:
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# --- plain text and Markdown ------------------------------------------------------------------


def decode_text(path: Path, data: bytes) -> str:
    """Text bytes as str: UTF-8 (with or without BOM), else Windows-1252 when it looks like text."""
    if b"\x00" in data[:4096]:
        raise StatementReadError(path, "looks like a binary file, not text (it contains NUL bytes)")
    try:
        return _normalise_newlines(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    # Older Dutch statements are often saved as Windows-1252; accept them only when nearly all
    # bytes are printable, so that binary garbage is still refused.
    controls = sum(1 for byte in data if byte < 0x20 and byte not in b"\t\n\r\f")
    if controls > len(data) // 200:
        raise StatementReadError(path, "looks like a binary file, not UTF-8 text")
    return _normalise_newlines(data.decode("cp1252", errors="replace"))


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_plain(path: Path, data: bytes) -> str:
    return decode_text(path, data)


# --- HTML -------------------------------------------------------------------------------------


def _read_html(path: Path, data: bytes) -> str:
    return html_to_text(decode_text(path, data))


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: one heading, paragraph or list item per line."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return _tidy_lines("".join(_html_text_pieces(soup)))


def _html_text_pieces(soup: Any) -> Iterator[str]:
    """The page's strings in document order, with a line break around each block element.

    One walk with an explicit stack: linear in the size of the page however deep it nests (editing
    the tree instead, as before, cost time in the square of the depth: 10,000 nested <div> took 30 s).
    Page furniture, <head> and comments are skipped with everything inside them.
    """
    from bs4 import Tag

    wanted = soup.interesting_string_types
    wanted = (wanted,) if isinstance(wanted, type) else tuple(wanted)
    children: list[Iterator[Any]] = [iter(soup.contents)]
    closers: list[str] = []
    while children:
        node = next(children[-1], None)
        if node is None:
            children.pop()
            if closers:
                yield closers.pop()
        elif isinstance(node, Tag):
            if node.name in _HTML_NOISE or node.name == "head":
                continue
            is_block = node.name in _HTML_BLOCKS
            yield ("\n" if is_block else "") + ("- " if node.name == "li" else "")
            closers.append("\n" if is_block and node.name not in _HTML_LINES else "")
            children.append(iter(node.contents))
        elif type(node) in wanted:
            yield str(node)


def _tidy_lines(text: str) -> str:
    """Collapse spaces within lines and runs of blank lines; no line keeps leading or trailing space."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line != "-"]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"


# --- PDF --------------------------------------------------------------------------------------


def _read_pdf(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise StatementReadError(path, "the PDF is password-protected; save an unprotected copy first")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise StatementReadError(path, f"the PDF has {len(reader.pages):,} pages; Waarborg reads at most "
                                           f"{MAX_PDF_PAGES:,}")
        pages = _pdf_page_texts(reader)
    except StatementReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise StatementReadError(path, f"is not a readable PDF ({exc})") from None
    except Exception as exc:  # pypdf raises assorted errors on damaged files; none may escape as a crash
        if type(exc).__name__ in ("DependencyError", "FileNotDecryptedError"):
            raise StatementReadError(path, "the PDF is encrypted and cannot be opened") from None
        raise StatementReadError(path, f"is not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n\n".join(reflow_pdf_lines(page) for page in pages)
    if not text.strip():
        raise StatementReadError(path, "the PDF has no text layer (a scanned image?); run OCR on it first")
    return _tidy_lines(text)


def _pdf_page_texts(reader: Any) -> list[str]:
    """Each page's text, stopping once the text is over the limit (read_statement then refuses it)."""
    pages: list[str] = []
    length = 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        length += len(pages[-1])
        if length > MAX_TEXT_CHARS:
            break
    return pages


def reflow_pdf_lines(page_text: str) -> str:
    """Join lines that a PDF broke only for layout, so sentences stay on one line.

    A line is joined to the next when it does not end a sentence and either the next line goes on
    in lower case, or the line is as long as wrapped body text (headings and list items are short).
    """
    out: list[str] = []
    for line in (raw.rstrip() for raw in page_text.split("\n")):
        previous = out[-1] if out else ""
        open_ended = bool(previous) and not previous.endswith((".", ":", ";", "!", "?"))
        continues = line[:1].islower() or (len(previous) >= _WRAPPED_LINE and line[:1].isalnum())
        if open_ended and continues:
            joiner = "" if previous.endswith("-") else " "
            out[-1] = f"{previous}{joiner}{line.lstrip()}"
        else:
            out.append(line)
    return "\n".join(out)


# --- DOCX -------------------------------------------------------------------------------------


def _read_docx(path: Path, data: bytes) -> str:
    import io

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    _check_docx_archive(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
        return _tidy_lines("\n".join(_docx_lines(document)))
    except LxmlError as exc:  # a part that is not well-formed XML (python-docx parses with lxml)
        detail = getattr(exc, "msg", None) or str(exc)
        raise StatementReadError(path, f"a part of the DOCX is not well-formed XML ({detail})") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise StatementReadError(path, f"is not a readable DOCX document ({exc})") from None


def _check_docx_archive(path: Path, data: bytes) -> None:
    """Refuse a .docx whose parts unpack to more than the limit, before anything is unpacked.

    The sizes come from the ZIP's directory; zipfile never inflates a part beyond its declared
    size (it stops, then fails the CRC), so a small archive cannot expand into gigabytes.
    """
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise StatementReadError(path, f"is not a readable DOCX document ({exc})") from None
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise StatementReadError(path, f"the DOCX unpacks to {_megabytes(unpacked)}; Waarborg unpacks "
                                       f"at most {_megabytes(MAX_DOCX_UNPACKED_BYTES)}")
    body = next((part for part in parts if part.filename == "word/document.xml"), None)
    if body is None:
        raise StatementReadError(path, "is not a Word document (the ZIP has no word/document.xml)")
    if body.file_size > MAX_DOCX_TEXT_PART_BYTES:
        raise StatementReadError(path, f"word/document.xml unpacks to {_megabytes(body.file_size)}; Waarborg "
                                       f"reads at most {_megabytes(MAX_DOCX_TEXT_PART_BYTES)}")


def _docx_lines(document: Any) -> list[str]:
    """Paragraphs and table cells in document order; list paragraphs get a '- ' marker."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_docx_paragraph_line(Paragraph(block, document)))
        elif tag == "tbl":
            lines.extend(_docx_table_lines(Table(block, document)))
    return lines


def _docx_paragraph_line(paragraph: Any) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text: str = paragraph.text
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    is_list = style.lower().startswith(("list", "lijst")) or numbered
    return f"- {text}" if is_list and text.strip() else text


def _docx_table_lines(table: Any) -> list[str]:
    lines: list[str] = [""]
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is reported once per column it spans
                continue
            seen.add(id(cell._tc))
            lines.extend(paragraph.text for paragraph in cell.paragraphs)
    lines.append("")
    return lines
