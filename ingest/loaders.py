"""Read files into pages of raw text: PDF with pypdf (page by page), plain text, Markdown, DOCX.

DOCX is read with the standard library (``zipfile`` + ``xml.etree``): a .docx is a zip of XML,
and its paragraphs, heading styles and list paragraphs are all the chunker needs; it comes out as
Markdown (headings ``#``, list items ``-``). No extra dependency, and nothing in a .docx is ever
fetched or executed (external entities are not resolved by ElementTree).
"""

from __future__ import annotations

import codecs
import logging
import re
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

from pypdf import PdfReader
from pypdf.errors import EmptyFileError, FileNotDecryptedError, LimitReachedError, PdfReadError, PdfStreamError

from ingest.errors import (
    DamagedFile,
    EmptyDocument,
    EncryptedPDF,
    IngestError,
    NotAPDF,
    TooLarge,
    UnreadableFile,
    UnsupportedType,
)
from ingest.options import DEFAULT_LIMITS, IngestLimits
from ingest.types import LoadedFile, LoadedPage, OutlineEntry

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".md", ".markdown", ".docx")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# The parts of a .docx that are read, and how large each may be unpacked (a larger one is a zip bomb,
# not a plan). Checked against the zip header, then enforced while reading: the header can lie.
_DOCX_DOCUMENT = "word/document.xml"
_DOCX_CORE = "docProps/core.xml"
_DOCX_PART_LIMITS = {_DOCX_DOCUMENT: 32 * 1024 * 1024, _DOCX_CORE: 1024 * 1024}
_READ_BLOCK = 64 * 1024
# where each limit is set, for the reason shown to whoever runs the ingest
_SETTING = {"pages": " (PLANSVAR_INGEST__MAX_PAGES)", "chars": " (PLANSVAR_INGEST__MAX_CHARS)"}
# longest first: the UTF-32 little-endian mark begins with the UTF-16 one
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
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


def load_file(path: str | Path, limits: IngestLimits = DEFAULT_LIMITS) -> LoadedFile:
    """Load one file; raise an :class:`IngestError` subclass that says why when it cannot be used
    (:class:`TooLarge` past ``limits``' pages or characters, found out without reading it all)."""
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
        return load_pdf(path, limits)
    if suffix == ".docx":
        return load_docx(path, limits)
    return load_text(path, kind="md" if suffix in (".md", ".markdown") else "txt", limits=limits)


def load_text(path: Path, kind: str = "txt", limits: IngestLimits = DEFAULT_LIMITS) -> LoadedFile:
    """UTF-8, or UTF-16/UTF-32 with a byte-order mark (Windows' "Unicode" text); else Windows-1252.

    Read in blocks and decoded as it comes: a file with more than ``max_chars`` characters is
    :class:`TooLarge` after reading just past that many, however large it is."""
    with open(path, "rb") as fh:
        head = fh.read(_READ_BLOCK)
        encoding = next((name for bom, name in _BOMS if head.startswith(bom)), None)
        if not encoding and b"\x00" in head[:4096]:
            raise UnsupportedType(path.name, "binary content in a text file")
        try:
            text = _decode(fh, head, encoding or "utf-8", "replace" if encoding else "strict", limits, path)
        except UnicodeDecodeError:
            fh.seek(0)
            text = _decode(fh, fh.read(_READ_BLOCK), "cp1252", "replace", limits, path)
    if "\x00" in text[:4096]:
        raise UnsupportedType(path.name, "binary content in a text file")
    if not text.strip():
        raise EmptyDocument(path.name)
    return LoadedFile(path=str(path), kind=kind, pages=[LoadedPage(text=text, number=None)])


def _decode(fh, first: bytes, encoding: str, errors: str, limits: IngestLimits, path: Path) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    parts, chars, block = [], 0, first
    while True:
        part = decoder.decode(block, final=not block)
        parts.append(part)
        chars += len(part)
        if chars > limits.max_chars:
            raise TooLarge(path.name, f"more than {limits.max_chars:,} characters{_SETTING['chars']}")
        if not block:
            return "".join(parts)
        block = fh.read(_READ_BLOCK)


def load_pdf(path: Path, limits: IngestLimits = DEFAULT_LIMITS) -> LoadedFile:
    with open(path, "rb") as fh:
        if b"%PDF" not in fh.read(1024):
            raise NotAPDF(path.name, "no %PDF header")
    with _quiet_pypdf() as pdf_warnings:
        try:
            reader = _open_reader(path)
            pages = _pdf_pages(reader, limits, path)
            outline = _outline(reader)
            title = _metadata_title(reader)
        except IngestError:
            raise
        except LimitReachedError as e:
            raise TooLarge(path.name, f"a compressed part unpacks past the reader's limit: {e}") from e
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


def _pdf_pages(reader: PdfReader, limits: IngestLimits, path: Path) -> list[LoadedPage]:
    """Each page's text; :class:`TooLarge` before extracting when there are too many pages, and at
    the page where the text passes ``max_chars``."""
    if len(reader.pages) > limits.max_pages:
        raise TooLarge(path.name, f"{len(reader.pages):,} pages; at most {limits.max_pages:,}{_SETTING['pages']}")
    pages, chars = [], 0
    for i, page in enumerate(reader.pages):
        pages.append(LoadedPage(text=page.extract_text() or "", number=i + 1))
        chars += len(pages[-1].text)
        if chars > limits.max_chars:
            detail = f"more than {limits.max_chars:,} characters of text by page {i + 1}{_SETTING['chars']}"
            raise TooLarge(path.name, detail)
    return pages


def load_docx(path: Path, limits: IngestLimits = DEFAULT_LIMITS) -> LoadedFile:
    """A Word document as Markdown text: one paragraph per line, heading styles as ``#``, lists as ``-``."""
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(_docx_part(z, _DOCX_DOCUMENT, path))
            title = _docx_title(z, path)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError) as e:
        raise DamagedFile(path.name, f"not a readable .docx: {e}") from e
    except NotImplementedError as e:  # zipfile: Deflate64 and other methods it cannot unpack
        raise DamagedFile(path.name, f"packed with a method that cannot be read ({e}); save it again as .docx") from e
    except RuntimeError as e:  # zipfile: an encrypted member
        raise DamagedFile(path.name, "a part is encrypted; save an unprotected copy") from e
    lines = [line for line in (_docx_paragraph(p) for p in root.iter(f"{_W}p")) if line.strip()]
    if not lines:
        raise EmptyDocument(path.name, "no paragraphs with text")
    if sum(map(len, lines)) > limits.max_chars:
        raise TooLarge(path.name, f"more than {limits.max_chars:,} characters{_SETTING['chars']}")
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


def _docx_part(z: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """One part, unpacked: :class:`TooLarge` past its limit, by the header or (when it lies) by reading."""
    limit = _DOCX_PART_LIMITS[name]
    info = z.getinfo(name)
    if info.file_size > limit:
        raise TooLarge(path.name, f"{name} unpacks to {info.file_size:,} bytes; at most {limit:,}")
    data = bytearray()
    with z.open(info) as fh:  # in small reads: zipfile unpacks as much as one read asks for
        while block := fh.read(_READ_BLOCK):
            data += block
            if len(data) > limit:
                raise TooLarge(path.name, f"{name} unpacks to more than {limit:,} bytes")
    return bytes(data)


def _docx_title(z: zipfile.ZipFile, path: Path) -> str | None:
    try:
        core = ElementTree.fromstring(_docx_part(z, _DOCX_CORE, path))
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
