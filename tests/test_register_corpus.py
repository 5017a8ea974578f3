"""The register on both development corpora: exact offsets, and recall against their gold statements.

The six regional plans (data/plans, gold data/eval/owners_dev.jsonl) and the 30 government committee
directives (data/directives, gold data/eval/directives/owners.jsonl) are two genres; the register
is developed on both. Extraction is deterministic, so the floors are the counts reached. Both gold
files are partial annotations: an entry they do not list may well be right, so precision against
them is a lower bound (the judged precision is in docs/register_sample.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.register_eval import gold_spans, load_corpus, load_statements, match_register, overlaps, score_register
from ingest.catalog import Catalog
from ingest.register import KINDS, extract_responsibilities

ROOT = Path(__file__).resolve().parents[1]
CORPORA = {
    "plans": (ROOT / "data" / "plans", ROOT / "data" / "eval" / "owners_dev.jsonl"),
    "directives": (ROOT / "data" / "directives", ROOT / "data" / "eval" / "directives" / "owners.jsonl"),
}
# (matched gold statements reached, floor on precision against the partial gold)
REACHED = {"plans": (60, 0.35), "directives": (89, 0.40)}


@pytest.fixture(scope="module", params=sorted(CORPORA))
def corpus(request):
    folder, gold_path = CORPORA[request.param]
    docs, skipped = load_corpus(folder)
    assert not skipped
    found = [r for doc in docs for r in extract_responsibilities(doc)]
    ids = {entry.file: entry.doc_id for entry in Catalog.load(folder).entries.values()}
    return request.param, docs, found, load_statements(gold_path), ids


def test_offsets_are_exact(corpus):
    _, docs, found, _, _ = corpus
    texts = {d.doc_id: d.text for d in docs}
    for r in found:
        text = texts[r.doc_id]
        assert text[r.owner_start : r.owner_end] == r.owner
        assert r.task_start < r.task_end and r.task in text[r.task_start : r.task_end]
        assert r.kind in KINDS and r.year
        assert r.recipient != r.owner and r.owner not in r.consulted


def test_every_document_has_a_register(corpus):
    name, docs, found, _, _ = corpus
    empty = {d.doc_id for d in docs} - {r.doc_id for r in found}
    assert len(empty) <= (1 if name == "directives" else 0), empty  # one information page assigns nothing


def test_recall_against_the_gold_statements(corpus):
    name, docs, found, gold, ids = corpus
    score = score_register(found, gold, {d.doc_id: d.text for d in docs}, ids)
    matched, precision = REACHED[name]
    assert score["matched"] >= matched, score
    assert score["recall"] >= 0.80, score
    assert score["precision"] >= precision, score


def test_where_the_gold_annotates_a_sentence_the_register_names_its_owner(corpus):
    _, docs, found, gold, ids = corpus
    texts = {d.doc_id: d.text for d in docs}
    matched = {f for _, f in match_register(found, gold, texts, ids)}
    spans = gold_spans(gold, texts, ids)
    annotated = [i for i, f in enumerate(found) if any(d == f.doc_id and overlaps(f, sp) for d, sp in spans)]
    assert sum(i in matched for i in annotated) / len(annotated) >= 0.80
