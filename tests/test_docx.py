"""The DOCX loader (standard library): paragraphs, headings and list items, and clear errors."""

from __future__ import annotations

import zipfile

import pytest
from docx_files import PLAN_DOCX, write_docx

from ingest.documents import build_document
from ingest.errors import DamagedFile, EmptyDocument
from ingest.loaders import SUPPORTED_SUFFIXES, load_file


def test_docx_becomes_markdown_with_headings_and_list_items(tmp_path):
    loaded = load_file(write_docx(tmp_path / "plan.docx", PLAN_DOCX, title="Digital vård"))
    assert loaded.kind == "docx" and loaded.title == "Digital vård"
    text = loaded.pages[0].text
    assert "# Handlingsplan för digital vård 2025" in text
    assert "## Uppdrag" in text
    assert "- införa digitala vårdbesök i primärvården under 2025," in text  # runs joined
    doc = build_document(loaded)
    assert doc.meta["source_kind"] == "docx"
    kinds = {doc.text[b.start : b.end]: b.kind for b in doc.blocks}
    assert kinds["Uppdrag"] == "heading"
    assert kinds["- införa digitala vårdbesök i primärvården under 2025,"] == "item"
    assert "Beredningen för nära vård följer upp planen årligen." in doc.text


def test_docx_is_a_supported_suffix():
    assert ".docx" in SUPPORTED_SUFFIXES


def test_not_a_zip_is_a_damaged_file(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"this is not a zip archive at all")
    with pytest.raises(DamagedFile) as info:
        load_file(path)
    assert "fake.docx" in str(info.value)


def test_zip_without_a_document_is_damaged_and_an_empty_one_is_empty(tmp_path):
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("hello.txt", "hej")
    with pytest.raises(DamagedFile):
        load_file(other)
    with pytest.raises(EmptyDocument):
        load_file(write_docx(tmp_path / "empty.docx", [("p", "   ")]))
