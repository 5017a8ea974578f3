"""Hybrid retrieval: dense (Chroma, e5) and keyword (BM25) rankings fused by weighted RRF."""

from __future__ import annotations

from dataclasses import dataclass

from index.fusion import reciprocal_rank_fusion
from index.keyword import KeywordIndex
from index.plan_index import PlanIndex, copy_passage
from index.types import Passage


@dataclass(frozen=True)
class RetrievalOptions:
    dense_candidates: int = 40
    keyword_candidates: int = 40
    rrf_k: float = 60.0
    dense_weight: float = 1.0
    keyword_weight: float = 1.0


def index_text(p: Passage) -> str:
    return "\n".join(x for x in (p.title, p.section, p.context, p.text) if x)


class HybridRetriever:
    def __init__(self, index: PlanIndex, options: RetrievalOptions = RetrievalOptions()) -> None:
        self.index = index
        self.options = options
        self._fingerprint: tuple = ()
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> bool:
        """Reload passages and rebuild the keyword index when the committed documents changed."""
        fp = self.index.fingerprint()
        if not force and fp == self._fingerprint:
            return False
        self.passages = {p.chunk_id: p for p in self.index.passages()}
        ids = list(self.passages)
        self.keyword = KeywordIndex(ids, [index_text(self.passages[i]) for i in ids])
        self._fingerprint = fp
        return True

    def dense(self, question: str, n: int) -> list[tuple[str, float]]:
        vector = self.index.embedder.get_query_embedding(question)
        hits = self.index.store.query(vector, n + 10)  # a few extra: staged chunks are skipped
        return [(cid, s) for cid, s in hits if cid in self.passages][:n]

    def retrieve(self, question: str, k: int = 5) -> list[Passage]:
        o = self.options
        dense = self.dense(question, o.dense_candidates)
        keyword = self.keyword.search(question, o.keyword_candidates)
        fused = reciprocal_rank_fusion(
            [[c for c, _ in dense], [c for c, _ in keyword]], k=o.rrf_k, weights=[o.dense_weight, o.keyword_weight]
        )
        dense_s, kw_s = dict(dense), dict(keyword)
        out = []
        for rank, (cid, score) in enumerate(fused[:k], start=1):
            p = copy_passage(self.passages[cid], score=score, rank=rank)
            p.scores = {"dense": dense_s.get(cid, 0.0), "keyword": kw_s.get(cid, 0.0)}
            out.append(p)
        return out
