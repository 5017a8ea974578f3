"""Real-world PDFs (tests/fixtures/pdf-samples) through the real loader, cleaner, chunker and Chroma.

The whole folder is ingested in one run, shared by the tests of this module (GeoTopo alone is
117 pages). The hashing embedder stands in for the real one: these tests are about loading.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import warnings
from collections import defaultdict
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.wiring import build_index
from ingest.errors import DamagedFile, UnsupportedType
from ingest.loaders import load_file
from ingest.pipeline import IngestReport, discover, ingest_paths

PDF_SAMPLES = Path(__file__).parent / "fixtures" / "pdf-samples"

GOOD = {
    "minimal-document.pdf",
    "002-trivial-libre-office-writer.pdf",
    "pdflatex-4-pages.pdf",
    "pdflatex-outline.pdf",
    "multicolumn.pdf",
    "google-doc-document.pdf",
    "habibi.pdf",
    "GeoTopo-komprimiert.pdf",
}
# file -> words the skip reason must contain (lower case)
BROKEN = {
    "libreoffice-writer-password.pdf": ("encrypted", "password"),
    "truncated.pdf": ("damaged",),
    "empty.pdf": ("no extractable text", "0 bytes"),
    "not-a-pdf.pdf": ("not a pdf",),
    "unreadablemetadata.pdf": ("damaged",),
}


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """One ingest run over the whole folder: (report, index)."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("pdf-samples-index"), embedder="hashing")
    index = build_index(settings)
    report = ingest_paths([PDF_SAMPLES], index, settings.chunking)
    return report, index


@pytest.fixture(scope="module")
def passages_by_doc(samples):
    _, index = samples
    out = defaultdict(list)
    for p in list(index.snapshot().passages.values()):
        out[p.doc_id].append(p)
    return out


def _skip_reasons(report: IngestReport) -> dict[str, str]:
    return {s.path: s.reason for s in report.skipped}


def test_the_run_accounts_for_every_pdf(samples):
    report, _ = samples
    pdfs = sorted(p.name for p in PDF_SAMPLES.glob("*.pdf"))
    assert len(report.added) + len(report.skipped) == len(pdfs) == 13
    assert not report.updated and not report.unchanged and not report.removed


def test_good_files_are_added_with_chunks(samples, passages_by_doc):
    report, index = samples
    assert set(report.added) == GOOD
    docs = {d.doc_id: d for d in index.documents()}
    assert set(docs) == GOOD
    for doc_id in GOOD:
        assert docs[doc_id].n_chunks == len(passages_by_doc[doc_id]) > 0, doc_id
        assert all(p.text.strip() for p in passages_by_doc[doc_id])
    assert report.chunks_written == sum(d.n_chunks for d in docs.values())


def test_passage_text_is_the_stored_document_text_between_its_offsets(samples, passages_by_doc):
    _, index = samples
    for doc_id, passages in passages_by_doc.items():
        text = index.document_text(doc_id)
        for p in passages:
            assert text[p.start : p.end] == p.text, (doc_id, p.chunk_id)


def test_each_chunk_of_the_4_page_pdf_knows_its_page(passages_by_doc):
    pages = [p.page for p in passages_by_doc["pdflatex-4-pages.pdf"]]
    assert None not in pages
    assert set(pages) == {1, 2, 3, 4}
    assert pages == sorted(pages)  # document order follows page order


def test_one_page_files_are_page_1(passages_by_doc):
    for doc_id in ("minimal-document.pdf", "002-trivial-libre-office-writer.pdf", "google-doc-document.pdf"):
        assert {p.page for p in passages_by_doc[doc_id]} == {1}, doc_id
    assert "Lorem ipsum dolor sit amet" in passages_by_doc["minimal-document.pdf"][0].text


def test_google_doc_title_comes_from_the_pdf_metadata(samples):
    _, index = samples
    docs = {d.doc_id: d for d in index.documents()}
    assert docs["google-doc-document.pdf"].title == "PDF Example Document"


def test_multicolumn_keeps_all_three_pages(passages_by_doc):
    assert {p.page for p in passages_by_doc["multicolumn.pdf"]} == {1, 2, 3}


def test_arabic_text_is_kept(passages_by_doc):
    text = " ".join(p.text for p in passages_by_doc["habibi.pdf"])
    assert "حَبيبي" in text
    assert "habibi" in text


def test_geotopo_textbook_is_ingested_whole(samples, passages_by_doc):
    _, index = samples
    doc = next(d for d in index.documents() if d.doc_id == "GeoTopo-komprimiert.pdf")
    assert doc.pages == 117
    assert doc.title == "Geometrie und Topologie"
    pages = {p.page for p in passages_by_doc["GeoTopo-komprimiert.pdf"]}
    assert min(pages) == 1 and max(pages) >= 115
    assert len(pages) >= 100


def test_outline_titles_become_section_headings(passages_by_doc):
    sections = {p.section for p in passages_by_doc["pdflatex-outline.pdf"]}
    for title in ("Foo", "Bar", "Baz"):
        assert any(s.endswith(title) for s in sections), (title, sections)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_is_skipped_with_its_name_and_a_plain_reason(samples, name):
    report, _ = samples
    reasons = _skip_reasons(report)
    assert name in reasons, reasons
    reason = reasons[name]
    for word in BROKEN[name]:
        assert word in reason.lower(), reason
    assert "\n" not in reason and "Traceback" not in reason


def test_only_the_broken_files_are_skipped(samples):
    report, _ = samples
    assert set(_skip_reasons(report)) == set(BROKEN)


def test_readme_in_the_folder_is_not_ingested(samples):
    report, index = samples
    assert (PDF_SAMPLES / "README.md").is_file()
    files, _ = discover([PDF_SAMPLES])
    assert "README.md" not in {f.name for f in files}
    assert "readme" not in index.committed()
    assert not any("readme" in s.path.lower() for s in report.skipped)


@pytest.mark.parametrize("name", ["unreadablemetadata.pdf", "truncated.pdf"])
def test_pypdf_warnings_are_not_printed(capfd, caplog, name):
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(DamagedFile) as info:
            load_file(PDF_SAMPLES / name)
    out, err = capfd.readouterr()
    assert out == ""
    assert len(err.splitlines()) < 3, err
    # pytest's own log and warning capture would hide a flood from capfd: check they saw nothing either
    assert not [r.getMessage() for r in caplog.records if r.name.startswith("pypdf")]
    assert not [str(w.message) for w in caught]
    assert info.value.path == name


def test_pypdf_warnings_are_not_printed_outside_pytest():
    """Without pytest's log capture a stray pypdf warning would reach stderr: load in a plain process."""
    script = (
        "import sys\n"
        "from ingest.errors import IngestError\n"
        "from ingest.loaders import load_file\n"
        "for name in sys.argv[1:]:\n"
        "    try:\n"
        "        load_file(name)\n"
        "    except IngestError:\n"
        "        pass\n"
    )
    files = [str(PDF_SAMPLES / n) for n in ("unreadablemetadata.pdf", "truncated.pdf", "multicolumn.pdf")]
    done = subprocess.run(
        [sys.executable, "-c", script, *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) < 3, done.stderr


def test_damaged_file_error_names_the_file_and_the_reason():
    with pytest.raises(DamagedFile) as info:
        load_file(PDF_SAMPLES / "truncated.pdf")
    message = str(info.value)
    assert message.startswith("truncated.pdf: the file is damaged or truncated")


@pytest.mark.parametrize("name", ["report.odt", "map.png"])
def test_unsupported_file_type_raises_unsupported_type(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not really an office file")
    with pytest.raises(UnsupportedType) as info:
        load_file(path)
    assert info.value.path == name


def test_unsupported_files_in_a_folder_are_skipped_and_the_rest_is_ingested(tmp_path, make_settings):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "report.odt").write_bytes(b"PK\x03\x04 not really an office file")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really an office file")
    (folder / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    shutil.copy(PDF_SAMPLES / "minimal-document.pdf", folder / "minimal-document.pdf")
    settings = make_settings(embedder="hashing")
    report = ingest_paths([folder], build_index(settings), settings.chunking)
    assert report.added == ["minimal-document.pdf"]
    reasons = _skip_reasons(report)
    assert set(reasons) == {"report.odt", "map.png", "broken.docx"}
    assert reasons.pop("broken.docx").startswith(DamagedFile.reason)  # .docx is read, this one is not one
    for name, reason in reasons.items():
        assert reason.startswith(UnsupportedType.reason), (name, reason)
        assert name.rsplit(".", 1)[1] in reason
    assert not report.ok
