"""Small files that would cost hours: limits on pages, characters and passages per document, found out
without reading more than needed, and progress lines when the output is not a terminal.

Real loaders and Chroma, the hashing embedder (the cost being bounded is the embedding's).
"""

from __future__ import annotations

import tracemalloc

import pytest
from hostile_files import text_pdf

from assistant.settings import Settings
from assistant.wiring import build_index
from front.cli import EXIT_SKIPPED, main
from ingest.errors import TooLarge
from ingest.loaders import load_file
from ingest.options import IngestLimits
from ingest.pipeline import ingest_paths

PLAN = "Regionen ansvarar för uppföljningen av planen. Kommunen ansvarar för skolan och omsorgen.\n\n"


def _ingest(folder, tmp_path, limits: IngestLimits | None = None):
    settings = Settings(data_dir=tmp_path / "var", embedder="hashing")
    index = build_index(settings)
    return ingest_paths([folder], index, settings.chunking, limits=limits or settings.ingest), index


def test_a_one_page_pdf_with_a_million_characters_is_too_large_by_default(tmp_path):
    """The report's file: a few kB on disk, one page, more text than the default limit."""
    folder = tmp_path / "plans"
    folder.mkdir()
    text_pdf(folder / "one-page.pdf", 1_100_000)
    (folder / "plan.txt").write_text(PLAN, encoding="utf-8")
    assert (folder / "one-page.pdf").stat().st_size < 10_000
    report, _ = _ingest(folder, tmp_path)
    [skip] = report.skipped
    assert skip.path == "one-page.pdf" and skip.reason.startswith(TooLarge.reason)
    assert "1,000,000 characters" in skip.reason and "PLANSVAR_INGEST__MAX_CHARS" in skip.reason
    assert report.added == ["plan.txt"]


def test_too_many_pages_are_refused_before_any_text_is_extracted(tmp_path):
    path = text_pdf(tmp_path / "many.pdf", 200, pages=120)
    with pytest.raises(TooLarge) as info:
        load_file(path, IngestLimits(max_pages=100))
    assert "120 pages; at most 100" in str(info.value) and "PLANSVAR_INGEST__MAX_PAGES" in str(info.value)
    assert len(load_file(path, IngestLimits(max_pages=120)).pages) == 120


def test_a_huge_text_file_is_refused_after_reading_just_past_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for _ in range(400):
            fh.write(PLAN * 550)  # 400 × 50 kB: 20 MB
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge) as info:
            load_file(path, IngestLimits(max_chars=100_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "more than 100,000 characters" in str(info.value)
    assert peak < 3_000_000  # 20 MB on disk; about 100 kB of it read


def test_a_document_with_too_many_passages_is_too_large(tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "long.md").write_text("\n\n".join(f"## Avsnitt {i}\n\n{PLAN}" for i in range(40)), encoding="utf-8")
    report, index = _ingest(folder, tmp_path, IngestLimits(max_chunks=10))
    [skip] = report.skipped
    assert skip.path == "long.md" and "passages; at most 10" in skip.reason
    assert index.documents() == []


def test_the_limits_are_settings_and_the_cli_shows_progress_lines_off_a_terminal(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "a.txt").write_text(PLAN, encoding="utf-8")
    (folder / "b.txt").write_text(PLAN * 30, encoding="utf-8")
    monkeypatch.setenv("PLANSVAR_EMBEDDER", "hashing")
    monkeypatch.setenv("PLANSVAR_INGEST__MAX_CHARS", "1000")

    code = main(["--data-dir", str(tmp_path / "var"), "ingest", str(folder)])

    out, err = capsys.readouterr()
    assert code == EXIT_SKIPPED and "added 1," in out
    lines = err.splitlines()
    assert lines[0] == "ingest 1/2: a.txt" and "ingest 2/2: b.txt" in lines
    assert "ingest a.txt: 1 passages to embed" in lines
    assert any(line.startswith("skipped b.txt: the file is too large") for line in lines), err
