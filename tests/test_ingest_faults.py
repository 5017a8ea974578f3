"""Files built to break a reader: each is skipped with its name and a reason, and the run goes on.

The files come from tests/hostile_files.py: a PDF flate bomb, .docx files with an encrypted or a
Deflate64 part, zip bombs in a side part. Real loaders, real Chroma; the hashing embedder stands in
for the real one (these tests are about reading).
"""

from __future__ import annotations

import tracemalloc

import pytest
from hostile_files import (
    docx_with_bomb_part,
    docx_with_deflate64_part,
    docx_with_encrypted_part,
    docx_with_lying_size,
    flate_bomb_pdf,
)

from assistant.settings import Settings
from assistant.wiring import build_index
from front.cli import EXIT_SKIPPED, main
from ingest.errors import DamagedFile, TooLarge
from ingest.loaders import load_file
from ingest.pipeline import ingest_paths

GOOD = "Regionen ansvarar för uppföljningen av planen.\n\nKommunen ansvarar för skolan.\n"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a-first.txt").write_text(GOOD, encoding="utf-8")
    flate_bomb_pdf(folder / "b-bomb.pdf")
    docx_with_encrypted_part(folder / "c-encrypted.docx")
    docx_with_deflate64_part(folder / "d-deflate64.docx")
    (folder / "z-last.txt").write_text(GOOD.replace("skolan", "bussarna"), encoding="utf-8")
    return folder


def test_bad_files_are_named_skips_and_later_files_are_ingested(folder, tmp_path):
    settings = Settings(data_dir=tmp_path / "var", embedder="hashing")
    report = ingest_paths([folder], build_index(settings), settings.chunking)
    reasons = {s.path: s.reason for s in report.skipped}
    assert set(reasons) == {"b-bomb.pdf", "c-encrypted.docx", "d-deflate64.docx"}
    assert "LimitReachedError" in reasons["b-bomb.pdf"] or "too large" in reasons["b-bomb.pdf"]
    assert "RuntimeError" in reasons["c-encrypted.docx"] or "encrypted" in reasons["c-encrypted.docx"]
    assert "NotImplementedError" in reasons["d-deflate64.docx"] or "compression" in reasons["d-deflate64.docx"]
    assert len(report.added) == 2 and {d.title for d in build_index(settings).documents()} >= {"A first", "Z last"}


def test_the_cli_names_each_bad_file_and_exits_3(folder, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANSVAR_EMBEDDER", "hashing")
    code = main(["--data-dir", str(tmp_path / "var"), "ingest", str(folder)])
    out, err = capsys.readouterr()
    assert code == EXIT_SKIPPED, err
    assert "added 2," in out and "skipped 3;" in out
    skipped = sorted(line.split(":")[0] for line in err.splitlines() if line.startswith("skipped "))
    assert skipped == ["skipped b-bomb.pdf", "skipped c-encrypted.docx", "skipped d-deflate64.docx"], err
    assert "Traceback" not in err and "plansvar: error" not in err


def _load_measuring_memory(path) -> tuple[Exception | None, int]:
    tracemalloc.start()
    try:
        load_file(path)
        error = None
    except Exception as e:  # noqa: BLE001 - returned to the test
        error = e
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, peak


@pytest.mark.parametrize("part", ["docProps/core.xml", "word/document.xml"])
def test_a_zip_bomb_in_any_part_of_a_docx_is_too_large_and_never_unpacked(tmp_path, part):
    path = docx_with_bomb_part(tmp_path / "bomb.docx", part, unpacked=40_000_000)
    assert path.stat().st_size < 200_000
    error, peak = _load_measuring_memory(path)
    assert isinstance(error, TooLarge), error
    assert part in str(error) and "bomb.docx" in str(error) and "too large" in str(error)
    assert peak < 5_000_000  # the header said 40 MB: nothing was unpacked


def test_a_part_whose_header_lies_about_its_size_is_read_no_further_than_the_header_says(tmp_path):
    path = docx_with_lying_size(tmp_path / "lying.docx", "word/document.xml", unpacked=40_000_000)
    error, peak = _load_measuring_memory(path)
    assert isinstance(error, TooLarge | DamagedFile), error
    assert peak < 5_000_000


def test_a_pdf_flate_bomb_is_too_large(tmp_path):
    error, _ = _load_measuring_memory(flate_bomb_pdf(tmp_path / "bomb.pdf"))
    assert isinstance(error, TooLarge) and "bomb.pdf" in str(error), error


def test_encrypted_and_deflate64_parts_say_what_to_do(tmp_path):
    encrypted, _ = _load_measuring_memory(docx_with_encrypted_part(tmp_path / "e.docx"))
    deflate64, _ = _load_measuring_memory(docx_with_deflate64_part(tmp_path / "d.docx"))
    assert isinstance(encrypted, DamagedFile) and "encrypted" in str(encrypted)
    assert isinstance(deflate64, DamagedFile) and "save it again" in str(deflate64)
