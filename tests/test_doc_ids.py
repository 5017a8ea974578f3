"""Document ids: one per file, the same on every run, collisions named; gold file names map to them.

A document without a catalog entry is named by its path relative to the folder it was ingested
from, suffix included. Real Chroma, the hashing embedder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.evaluation import evaluate_register
from assistant.settings import Settings
from assistant.wiring import build_index
from ingest.catalog import doc_id_for
from ingest.documents import build_document
from ingest.loaders import load_file
from ingest.pipeline import ingest_paths

TEXT = "# {title}\n\nRegionstyrelsen ansvarar för uppföljningen av {what}.\n\nPlanen gäller {what} i länet.\n"


def _write(path: Path, title: str, what: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEXT.format(title=title, what=what), encoding="utf-8")
    return path


@pytest.fixture
def index(tmp_path):
    settings = Settings(data_dir=tmp_path / "var", embedder="hashing")
    return build_index(settings)


def _ingest(paths, index):
    return ingest_paths(paths, index, Settings(embedder="hashing").chunking)


def test_files_that_share_a_stem_are_three_documents_and_a_rerun_changes_nothing(tmp_path, index):
    folder = tmp_path / "plans"
    _write(folder / "collide.txt", "Plan för bussar", "bussarna")
    _write(folder / "collide.md", "Plan för tåg", "tågen")
    _write(folder / "Collide.TXT", "Plan för färjor", "färjorna")

    first = _ingest([folder], index)
    assert sorted(first.added) == ["Collide.TXT", "collide.md", "collide.txt"] and first.ok
    texts = index.snapshot().texts
    assert [w for w in ("bussarna", "tågen", "färjorna") if any(w in t for t in texts.values())] == [
        "bussarna",
        "tågen",
        "färjorna",
    ]
    assert len(texts) == 3
    second = _ingest([folder], index)
    assert sorted(second.unchanged) == ["Collide.TXT", "collide.md", "collide.txt"]
    assert second.added == second.updated == second.removed == [] and second.chunks_written == 0


def test_ids_are_paths_relative_to_the_folder_given(tmp_path, index):
    folder = tmp_path / "plans"
    _write(folder / "norr" / "plan.txt", "Plan norr", "norr")
    _write(folder / "söder" / "plan.txt", "Plan söder", "söder")
    report = _ingest([folder], index)
    assert sorted(report.added) == ["norr/plan.txt", "söder/plan.txt"]
    other = build_index(Settings(data_dir=tmp_path / "v2", embedder="hashing"))
    single = _ingest([folder / "norr" / "plan.txt"], other)
    assert single.added == ["plan.txt"]  # a file given by itself is named by its file name


def test_the_same_id_from_another_folder_is_a_named_skip(tmp_path, index):
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first / "plan.txt", "Plan ett", "ett")
    _write(second / "plan.txt", "Plan två", "två")
    assert _ingest([first], index).added == ["plan.txt"]

    later = _ingest([second], index)  # a later run
    together = _ingest([first, second], index)  # one run with both folders

    for report in (later, together):
        [skip] = report.skipped
        assert skip.path == "plan.txt" and "same document id" in skip.reason
        assert str((first / "plan.txt").resolve()) in skip.reason
    assert "ett" in index.document_text("plan.txt") and len(index.documents()) == 1


def test_two_catalog_entries_with_one_id_are_a_named_skip(tmp_path, index):
    folder = tmp_path / "plans"
    _write(folder / "a.txt", "A", "a")
    _write(folder / "b.txt", "B", "b")
    entries = [{"doc_id": "plan", "file": name, "title": name} for name in ("a.txt", "b.txt")]
    (folder / "catalog.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    report = _ingest([folder], index)
    assert report.added == ["plan"]
    assert [s.path for s in report.skipped] == ["b.txt"] and "'plan'" in report.skipped[0].reason


def test_a_broken_catalog_is_a_named_skip_of_its_files(tmp_path, index):
    folder = tmp_path / "plans"
    _write(folder / "a.txt", "A", "a")
    (folder / "catalog.json").write_text("{not json", encoding="utf-8")
    [skip] = _ingest([folder], index).skipped
    assert skip.path == "a.txt" and "catalog.json" in skip.reason


def test_a_document_under_its_old_stem_id_is_replaced_once(tmp_path, index):
    """Indexes built before ids had suffixes: the first run re-ingests such a file under its new id."""
    path = _write(tmp_path / "plans" / "collide.txt", "Plan för bussar", "bussarna")
    doc = build_document(load_file(path), None, "collide")
    index.stage(doc, [], "old")
    index.commit(doc, [], "old", str(path.resolve()))

    report = _ingest([path.parent], index)

    assert report.added == ["collide.txt"] and report.removed == ["collide"]
    assert [d.doc_id for d in index.documents()] == ["collide.txt"]
    assert _ingest([path.parent], index).unchanged == ["collide.txt"]


def test_catalog_ids_stay_as_they_were(tmp_path, index):
    """The bundled plans keep their catalog ids: an index built before is not re-embedded."""
    from assistant.settings import PROJECT_ROOT

    catalog = json.loads((PROJECT_ROOT / "data" / "plans" / "catalog.json").read_text(encoding="utf-8"))
    report = _ingest([PROJECT_ROOT / "data" / "plans"], index)
    assert sorted(report.added) == sorted(d["doc_id"] for d in catalog["documents"])


@pytest.mark.parametrize(
    ("relative", "doc_id"),
    [
        ("handlingsplan-psykisk-halsa-2020-2023.txt", "handlingsplan-psykisk-halsa-2020-2023.txt"),
        ("dir.-201827.md", "dir.-201827.md"),
        (Path("bilagor") / "Plan A.PDF", "bilagor/Plan A.PDF"),
        ("a\u0308tgärd.txt", "ätgärd.txt"),  # a decomposed ä (as some file systems store names)
        ("rad\nskiljd.txt", "rad\\nskiljd.txt"),
    ],
)
def test_doc_id_for(relative, doc_id):
    assert doc_id_for(relative) == doc_id


def test_the_register_evaluation_maps_gold_file_names_through_the_catalog(tmp_path, index):
    """The directives corpus gives 'dir.-201827.md' the id 'dir-2018-27': the gold's file name must find it."""
    folder = tmp_path / "dirs"
    _write(folder / "dir.-201827.md", "Direktiv", "sjukskrivningsprocessen")
    _write(folder / "plan.txt", "Plan", "planen")
    entry = {"doc_id": "dir-2018-27", "file": "dir.-201827.md", "title": "Direktiv"}
    (folder / "catalog.json").write_text(json.dumps({"documents": [entry]}), encoding="utf-8")
    _ingest([folder], index)
    gold = tmp_path / "owners.jsonl"
    rows = [
        {"doc": name, "owner": "Regionstyrelsen", "evidence": f"Regionstyrelsen ansvarar för uppföljningen av {what}."}
        for name, what in (("dir.-201827.md", "sjukskrivningsprocessen"), ("plan.txt", "planen"))
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    snapshot = index.snapshot()
    score = evaluate_register(list(snapshot.register), gold, snapshot.texts, snapshot.documents)

    assert score["recall"] == 1.0 and score["matched"] == 2, score
