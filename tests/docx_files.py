"""Minimal .docx files made with the standard library (a zip of WordprocessingML), for tests."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""
_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>"""
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph(kind: str, text: str) -> str:
    props = ""
    if kind.startswith("h"):
        props = f'<w:pPr><w:pStyle w:val="Heading{kind[1:]}"/></w:pPr>'
    elif kind == "li":
        props = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    # two runs per paragraph, as Word writes them
    half = len(text) // 2
    runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' for part in (text[:half], text[half:]))
    return f"<w:p>{props}{runs}</w:p>"


def write_docx(path: Path, paragraphs: list[tuple[str, str]], title: str | None = None) -> Path:
    """``paragraphs``: (kind, text) with kind "p", "h1".."h6" or "li"."""
    body = "".join(_paragraph(kind, text) for kind, text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", document)
        if title:
            z.writestr("docProps/core.xml", _CORE.format(title=escape(title)))
    return path


PLAN_DOCX = [
    ("h1", "Handlingsplan för digital vård 2025"),
    ("p", "Regionen och kommunerna i länet samverkar om digitala vårdtjänster för invånarna."),
    ("h2", "Uppdrag"),
    ("p", "Hälso- och sjukvårdsförvaltningen får i uppdrag att:"),
    ("li", "införa digitala vårdbesök i primärvården under 2025,"),
    ("li", "följa upp tillgängligheten till digitala tjänster varje kvartal."),
    ("p", "Beredningen för nära vård följer upp planen årligen."),
]
