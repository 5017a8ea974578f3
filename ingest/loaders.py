"""Read files into pages of raw text: PDF with pypdf (page by page), plain text, Markdown, DOCX.

DOCX is read with the standard library (``zipfile`` + ``xml.etree``): a .docx is a zip of XML,
and its paragraphs, heading styles and list paragraphs are all the chunker needs; it comes out as
Markdown (headings ``#``, list items ``-``). No extra dependency, and nothing in a .docx is ever
fetched or executed (external entities are not resolved by ElementTree).
"""

from __future__ import annotations

import logging
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.errors import EmptyFileError, FileNotDecryptedError, PdfReadError, PdfStreamError

from ingest.errors import (
    DamagedFile,
    EmptyDocument,
    EncryptedPDF,
    IngestError,
    NotAPDF,
    UnreadableFile,
    UnsupportedType,
)
from ingest.types import LoadedFile, LoadedPage, OutlineEntry

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".docx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_DOCX_MAX_XML = 64 * 1024 * 1024  # unpacked document.xml; a larger one is a zip bomb, not a plan
_HEADING_STYLE = re.compile(r"(?:heading|rubrik)\s*(\d)", re.IGNORECASE)


@contextmanager
def _quiet_pypdf() -> Iterator[list[str]]:
    """Collect pypdf's warnings (it can emit thousands on a damaged file) instead of printing them."""
    collected: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            collected.append(record.getMessage())

    logger = logging.getLogger("pypdf")
    handler, old_propagate = _Collect(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield collected
        collected.extend(str(w.message) for w in caught)
    finally:
        logger.removeHandler(handler)
        logger.propagate = old_propagate


def load_file(path: str | Path) -> LoadedFile:
    """Load one file; raise an :class:`IngestError` subclass that says why when it cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnsupportedType(path.name, f"'{suffix or 'no extension'}'")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise UnreadableFile(path.name, e.strerror or str(e)) from e
    if size == 0:
        raise EmptyDocument(path.name, "the file is 0 bytes")
    if suffix == ".pdf":
        return load_pdf(path)
    if suffix == ".docx":
        return load_docx(path)
    return load_text(path, kind="md" if suffix in (".md", ".markdown") else "txt")


def load_text(path: Path, kind: str = "txt") -> LoadedFile:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise UnsupportedType(path.name, "binary content in a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if not text.strip():
        raise EmptyDocument(path.name)
    return LoadedFile(path=str(path), kind=kind, pages=[LoadedPage(text=text, number=None)])


def load_pdf(path: Path) -> LoadedFile:
    with open(path, "rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise NotAPDF(path.name, "no %PDF header")
    with _quiet_pypdf() as pdf_warnings:
        try:
            reader = _open_reader(path)
            pages = [LoadedPage(text=page.extract_text() or "", number=i + 1) for i, page in enumerate(reader.pages)]
            outline = _outline(reader)
            title = _metadata_title(reader)
        except IngestError:
            raise
        except (PdfReadError, PdfStreamError, EmptyFileError, ValueError, KeyError, TypeError) as e:
            raise DamagedFile(path.name, f"{type(e).__name__}: {e}") from e
    if not any(p.text.strip() for p in pages):
        raise EmptyDocument(path.name, f"{len(pages)} page(s), no text layer")
    return LoadedFile(
        path=str(path),
        kind="pdf",
        pages=pages,
        outline=outline,
        title=title,
        warnings=len(pdf_warnings),
    )


def load_docx(path: Path) -> LoadedFile:
    """A Word document as Markdown text: one paragraph per line, heading styles as ``#``, lists as ``-``."""
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > _DOCX_MAX_XML:
                raise DamagedFile(path.name, f"word/document.xml unpacks to {info.file_size} bytes")
            root = ElementTree.fromstring(z.read(info))
            title = _docx_title(z)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError) as e:
        raise DamagedFile(path.name, f"not a readable .docx: {e}") from e
    lines = [line for line in (_docx_paragraph(p) for p in root.iter(f"{_W}p")) if line.strip()]
    if not lines:
        raise EmptyDocument(path.name, "no paragraphs with text")
    return LoadedFile(path=str(path), kind="docx", pages=[LoadedPage("\n\n".join(lines), None)], title=title)


def _docx_paragraph(p: ElementTree.Element) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    text = " ".join("".join(parts).split())
    style = p.find(f"{_W}pPr/{_W}pStyle")
    heading = _HEADING_STYLE.search(style.get(f"{_W}val", "")) if style is not None else None
    if heading and text:
        return "#" * min(int(heading.group(1)) or 1, 6) + " " + text
    if p.find(f"{_W}pPr/{_W}numPr") is not None and text:
        return "- " + text
    return text


def _docx_title(z: zipfile.ZipFile) -> str | None:
    try:
        core = ElementTree.fromstring(z.read("docProps/core.xml"))
    except (KeyError, ElementTree.ParseError):
        return None
    node = core.find(_DC_TITLE)
    return node.text.strip() if node is not None and node.text and node.text.strip() else None


def _open_reader(path: Path) -> PdfReader:
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        try:
            if not reader.decrypt(""):
                raise EncryptedPDF(path.name)
        except (FileNotDecryptedError, NotImplementedError) as e:
            raise EncryptedPDF(path.name) from e
    return reader


def _outline(reader: PdfReader) -> list[OutlineEntry]:
    entries: list[OutlineEntry] = []

    def walk(items: list, level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
                continue
            try:
                number = reader.get_destination_page_number(item)
            except Exception:  # noqa: BLE001 - a broken bookmark only loses that bookmark
                continue
            if number is None:  # a bookmark to no page of this document
                continue
            page = number + 1
            title = str(getattr(item, "title", "") or "").strip()
            if title:
                entries.append(OutlineEntry(title=title, page=page, level=level))

    try:
        walk(reader.outline, 1)
    except (PdfReadError, KeyError, TypeError, ValueError):
        return []
    return entries


def _metadata_title(reader: PdfReader) -> str | None:
    try:
        title = reader.metadata.title if reader.metadata else None
    except (PdfReadError, KeyError, TypeError, ValueError):
        return None
    return title.strip() if isinstance(title, str) and title.strip() else None
