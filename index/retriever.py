"""Hybrid retrieval over the plan index.

Candidates come from the vector search (Chroma, e5) and from two BM25 indexes (stemmed words,
and character 4-grams that match parts of Swedish compounds). Each candidate gets a weighted
score: cosine similarity plus the max-normalised BM25 scores plus a small bonus for passages
that state a responsibility when the question asks who is responsible, and for passages whose
list items carry the number a question names ("assignment Nr 10"), and for documents whose title,
period or date names a year the question names ("in the 2023 report"). The weights were chosen
by measurement with `plansvar eval` (see docs/BENCHMARKS.md); plain reciprocal-rank fusion
scored lower here because BM25 alone is weak on paraphrased questions.

Lead-in expansion: a numbered item ("Nr 15. Att …") often sits far below the heading that names
its owner ("X får i uppdrag:"). When such an item ranks near the top, the passage holding that
heading is placed right after it, so the owner is among the passages shown.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping

import numpy as np

from index.keyword import KeywordIndex
from index.keyword_cache import KeywordCache
from index.options import RetrievalOptions
from index.plan_index import PlanIndex, copy_passage
from index.snapshot import CorpusSnapshot
from index.types import Passage
from ingest.language.admin import states_responsibility
from ingest.language.detect import detect_language
from ingest.language.glossary import Glossary
from ingest.language.marks import item_numbers, years_in
from ingest.language.questions import asked_item_numbers, asks_for_owner
from ingest.language.search_text import keyword_text
from ingest.language.words import analyse, analyse_chars

ANALYSERS = {"words": analyse, "chars": analyse_chars}


def index_text(p: Passage) -> str:
    return keyword_text(p.title, p.section, p.context, p.text)


class HybridRetriever:
    """Retrieval over one corpus snapshot; built anew (never refreshed) when the snapshot changes."""

    def __init__(
        self,
        snapshot: CorpusSnapshot,
        index: PlanIndex,
        options: RetrievalOptions = RetrievalOptions(),
        glossary: Glossary | None = None,
        keyword_cache: KeywordCache | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.index = index  # vector search and the query embedder
        self.options = options
        self.glossary = glossary
        self.keyword_cache = keyword_cache
        self._vectors: dict[str, list[float]] = {}
        self._vectors_lock = threading.Lock()  # requests run in threads; the cache is shared
        passages = list(snapshot.passages.values())
        self._ids = [p.chunk_id for p in passages]
        self._row = {cid: i for i, cid in enumerate(self._ids)}
        keyword = self._keyword_indexes(snapshot.fingerprint, passages)
        self.words, self.chars = keyword["words"], keyword["chars"]
        self._responsible = np.array([_states_responsibility(p) for p in passages], float)
        self._items = [item_numbers(p.text) for p in passages]
        doc_years = {d.doc_id: years_in(" ".join([d.title, *map(str, d.meta.values())])) for d in snapshot.documents}
        self._years = [doc_years.get(p.doc_id, set()) for p in passages]

    @property
    def passages(self) -> Mapping[str, Passage]:
        return self.snapshot.passages

    def _keyword_indexes(self, fingerprint: tuple, passages: list[Passage]) -> dict[str, KeywordIndex]:
        def build() -> dict[str, KeywordIndex]:
            texts = [index_text(p) for p in passages]
            return {name: KeywordIndex(self._ids, texts, analyser) for name, analyser in ANALYSERS.items()}

        if self.keyword_cache is None:
            return build()
        return self.keyword_cache.load_or_build(fingerprint, self._ids, ANALYSERS, build)

    def swedish_terms(self, question: str) -> str:
        """For an English question, its Swedish term list from the glossary; else empty."""
        return " ".join(self.swedish_groups(question))

    def swedish_groups(self, question: str) -> list[str]:
        """For an English question, the glossary translation phrase by phrase; else empty."""
        if not self.options.translate_english or self.glossary is None or detect_language(question) != "en":
            return []
        return self.glossary.translate_groups(question)

    def query_vector(self, question: str) -> list[float]:
        """The question's embedding; the last few are kept, so answering reuses retrieval's."""
        with self._vectors_lock:
            cached = self._vectors.get(question)
        if cached is None:
            cached = self.index.embed_query(question)
            with self._vectors_lock:
                self._vectors[question] = cached
                while len(self._vectors) > 32:
                    self._vectors.pop(next(iter(self._vectors)))
        return cached

    def dense(self, question: str, n: int) -> list[tuple[str, float]]:
        # The multilingual embedder takes the question as asked: adding the glossary's Swedish
        # term list to the query vector measured worse than keyword search with it alone.
        vector = self.query_vector(question)
        # a wider pool than needed: HNSW is approximate (more so after deletions) and staged chunks are
        # skipped; with 2n+30 the top n matched exact search on every dev question (docs/EVALUATION.md)
        hits = self.index.nearest(vector, 2 * n + 30)
        return [(cid, s) for cid, s in hits if cid in self.passages][:n]

    def _exact_dense(self, question: str, chunk_ids: list[str]) -> dict[str, float]:
        """Exact cosine similarity for candidates that keyword search found but the approximate
        vector search did not return, so that no candidate's score depends on how the HNSW graph
        happened to be built."""
        stored = self.index.chunk_vectors(chunk_ids)
        if not stored:
            return {}
        q = np.asarray(self.query_vector(question), dtype=np.float32)
        m = np.asarray(list(stored.values()), dtype=np.float32)
        sims = m @ q / (np.linalg.norm(m, axis=1) * np.linalg.norm(q) + 1e-12)
        return {cid: float(s) for cid, s in zip(stored, sims, strict=True)}

    def scores(self, question: str) -> dict[str, dict[str, float]]:
        """Per-candidate signals: dense, word, char, responsibility (for inspection and fusion)."""
        o = self.options
        swedish = self.swedish_terms(question)
        dense = dict(self.dense(question, o.candidates))
        query = f"{question} {swedish}" if swedish else question
        word, char = _normalised(self.words.scores(query)), _normalised(self.chars.scores(query))
        rows = {self._row[c] for c in dense}
        for arr in (word, char):
            rows.update(int(i) for i in np.argsort(-arr)[: o.candidates] if arr[i] > 0)
        numbers = asked_item_numbers(question)
        if numbers:
            rows.update(r for r, items in enumerate(self._items) if items & numbers)
        dense.update(self._exact_dense(question, [self._ids[r] for r in rows if self._ids[r] not in dense]))
        floor = min(dense.values()) if dense else 0.0
        owner = 1.0 if asks_for_owner(question) else 0.0
        years = years_in(question)
        return {
            self._ids[r]: {
                "dense": dense.get(self._ids[r], floor),
                "word": float(word[r]),
                "char": float(char[r]),
                "responsibility": owner * float(self._responsible[r]),
                "item_number": 1.0 if numbers & self._items[r] else 0.0,
                "year": 1.0 if years & self._years[r] else 0.0,
            }
            for r in rows
        }

    def retrieve(self, question: str, k: int | None = None) -> list[Passage]:
        """The ``k`` best passages (by default ``top_k`` of the options)."""
        if not self._ids:
            return []
        o = self.options
        k = o.top_k if k is None else k
        signals = self.scores(question)
        fused = {
            cid: o.dense_weight * s["dense"]
            + o.word_weight * s["word"]
            + o.char_weight * s["char"]
            + o.responsibility_weight * s["responsibility"]
            + o.item_number_weight * s["item_number"]
            + o.year_weight * s["year"]
            for cid, s in signals.items()
        }
        ranked = sorted(fused, key=lambda c: (-fused[c], c))
        if o.expand_lead_in:
            ranked, shown_for = self._with_lead_ins(ranked, k)
            for lead, item in shown_for.items():
                fused[lead] = fused[item]  # a lead-in shown for an item ranks (and scores) with it
        out = []
        for rank, cid in enumerate(ranked[:k], start=1):
            p = copy_passage(self.passages[cid], score=fused.get(cid, 0.0), rank=rank)
            p.scores = signals.get(cid, {})
            out.append(p)
        return out

    def _with_lead_ins(self, ranked: list[str], k: int) -> tuple[list[str], dict[str, str]]:
        """The ranking with each top item's lead-in passage right after it; and lead-in → item."""
        out: list[str] = []
        shown_for: dict[str, str] = {}
        for cid in ranked:
            if cid in out:
                continue
            out.append(cid)
            lead = self.snapshot.lead_in_passage(cid)
            if lead and lead not in out and len(out) <= self.options.lead_in_within:
                out.append(lead)
                shown_for[lead] = cid
            if len(out) >= k + 5:
                break
        return out, shown_for

def _states_responsibility(p: Passage) -> bool:
    """The passage states a responsibility itself, or holds items of a list whose lead-in assigns them
    (the answers and reports between the items of such a list do not count)."""
    return states_responsibility(p.text) or bool(
        p.context and item_numbers(p.text) and states_responsibility(p.context)
    )


def _normalised(scores: np.ndarray) -> np.ndarray:
    top = float(scores.max()) if scores.size else 0.0
    return scores / top if top > 0 else scores
