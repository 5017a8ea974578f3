"""What a refusal offers as possibly related: each plan once, and only passages that share a word
with the question (assistant/engine.py: related_passages)."""

from __future__ import annotations

from assistant.engine import related_passages
from index.types import Passage


def _passage(doc_id: str, n: int, word: float) -> Passage:
    text = f"Avsnitt {n} av {doc_id}."
    return Passage(f"{doc_id}-{n}", doc_id, doc_id.title(), text, 0, len(text), None, "", scores={"word": word})


def test_each_plan_is_named_once_by_its_best_passage():
    ranked = [_passage("psykisk", 1, 0.8), _passage("psykisk", 2, 0.9), _passage("vard", 1, 0.3)]
    assert [p.chunk_id for p in related_passages(ranked)] == ["psykisk-1", "vard-1"]


def test_a_passage_that_shares_no_word_with_the_question_is_not_offered():
    ranked = [_passage("psykisk", 1, 0.0), _passage("vard", 1, 0.0), _passage("fardplan", 1, 0.2)]
    assert [p.doc_id for p in related_passages(ranked)] == ["fardplan"]


def test_nothing_is_offered_when_no_passage_shares_a_word():
    assert related_passages([_passage("psykisk", 1, 0.0), _passage("vard", 2, 0.0)]) == []


def test_at_most_three_plans():
    ranked = [_passage(d, 1, 0.5) for d in ("a", "b", "c", "d")]
    assert [p.doc_id for p in related_passages(ranked)] == ["a", "b", "c"]
