"""The corpus snapshot over the in-memory store (no Chroma, no model): what one set of committed
documents holds, read once; a new commit makes a new snapshot and leaves the old one as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.embedder import HashingEmbedding
from index.memory_store import InMemoryStore, matches
from index.plan_index import PlanIndex
from ingest.pipeline import ingest_paths

LLM_CORPUS = Path(__file__).parent / "fixtures" / "llm-corpus"


@pytest.fixture(scope="module")
def index() -> PlanIndex:
    index = PlanIndex(InMemoryStore(), HashingEmbedding())
    report = ingest_paths([LLM_CORPUS], index)
    assert len(report.added) == 3 and not report.skipped
    return index


def test_every_passage_is_an_exact_slice_of_its_document(index):
    snap = index.snapshot()
    assert len(snap) == 3 and len(snap.passages) > 3
    for p in snap.passages.values():
        assert snap.texts[p.doc_id][p.start : p.end] == p.text


def test_passage_at_finds_the_passage_holding_an_offset(index):
    snap = index.snapshot()
    for p in snap.passages.values():
        assert snap.passage_at(p.doc_id, p.start) == p
        assert snap.passage_at(p.doc_id, p.end - 1).chunk_id == p.chunk_id


def test_a_citation_quotes_exactly_its_offsets_with_the_document_title(index):
    snap = index.snapshot()
    p = next(iter(snap.passages.values()))
    c = snap.citation(1, p.doc_id, p.start + 2, p.start + 20)
    assert c.quote == snap.texts[p.doc_id][p.start + 2 : p.start + 20]
    assert c.chunk_id == p.chunk_id and c.title == snap.title(p.doc_id)


def test_the_snapshot_cannot_be_changed_and_outlives_a_new_commit(tmp_path):
    index = PlanIndex(InMemoryStore(), HashingEmbedding())
    (tmp_path / "a.md").write_text("# Plan A\n\nNämnden ansvarar för uppföljningen av planen.\n", encoding="utf-8")
    ingest_paths([tmp_path], index)
    before = index.snapshot()
    (tmp_path / "b.md").write_text("# Plan B\n\nKommunen ska inrätta ett råd för äldrefrågor.\n", encoding="utf-8")
    ingest_paths([tmp_path], index)
    after = index.snapshot()
    assert [d.doc_id for d in before.documents] == ["a.md"] and [d.doc_id for d in after.documents] == ["a.md", "b.md"]
    assert before.fingerprint != after.fingerprint
    with pytest.raises(TypeError):
        before.texts["b.md"] = "x"  # type: ignore[index]


def test_the_register_is_typed_and_points_into_the_text(tmp_path):
    index = PlanIndex(InMemoryStore(), HashingEmbedding())
    (tmp_path / "a.md").write_text("# Plan A\n\nNämnden ansvarar för bemanningen av mottagningen.\n", encoding="utf-8")
    ingest_paths([tmp_path], index)
    snap = index.snapshot()
    [entry] = snap.register
    assert entry.owner == "Nämnden" and entry.kind == "responsible"
    assert "bemanningen" in snap.texts["a.md"][entry.task_start : entry.task_end]


def test_sentence_vectors_come_from_the_store(index):
    snap = index.snapshot()
    p = next(iter(snap.passages.values()))
    vectors = snap.sentence_vectors([p.chunk_id])
    assert vectors and all(p.start <= a < b <= p.end for a, b in vectors)


@pytest.mark.parametrize(
    ("meta", "where", "expected"),
    [
        ({"doc_id": "a"}, {"doc_id": "a"}, True),
        ({"doc_id": "a"}, {"doc_id": "b"}, False),
        ({"chunk_id": "x"}, {"chunk_id": {"$in": ["x", "y"]}}, True),
        ({"doc_id": "a", "version": "2"}, {"$and": [{"doc_id": "a"}, {"version": {"$ne": "2"}}]}, False),
        ({"doc_id": "a", "version": "1"}, {"$and": [{"doc_id": "a"}, {"version": {"$ne": "2"}}]}, True),
    ],
)
def test_the_memory_store_filters_like_chroma(meta, where, expected):
    assert matches(meta, where) is expected
