"""BM25 keyword index (bm25s); the words are analysed by :mod:`ingest.language.words`
(Swedish Snowball stemming and stop words, or character n-grams).

Built in memory from the stored chunks at start-up (well under a second for the bundled plans);
for large corpora :mod:`index.keyword_cache` saves it beside the data and loads it back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np

from ingest.language.words import analyse


class KeywordIndex:
    def __init__(
        self,
        ids: list[str],
        texts: list[str],
        analyser: Callable[[str], list[str]] = analyse,
        k1: float = 1.2,
        b: float = 0.75,
    ) -> None:
        self.ids = ids
        self.analyser = analyser
        self._bm25 = bm25s.BM25(k1=k1, b=b)
        tokens = [analyser(t) or ["\u2205"] for t in texts]
        self.vocab = {tok for doc in tokens for tok in doc}
        if ids:
            self._bm25.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (in ``ids`` order) for the query."""
        terms = [t for t in self.analyser(query) if t in self.vocab]
        if not self.ids or not terms:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(terms), dtype=np.float32)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        s = self.scores(query)
        order = np.argsort(-s)[:k]
        return [(self.ids[i], float(s[i])) for i in order if s[i] > 0]

    def save(self, folder: Path) -> None:
        """Write the index (bm25s's arrays and vocabulary) to ``folder``."""
        self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, ids: list[str], analyser: Callable[[str], list[str]]) -> KeywordIndex:
        """An index saved by :meth:`save` for exactly these ``ids``; ValueError when it does not fit them."""
        bm25 = bm25s.BM25.load(str(folder), show_progress=False)
        n_docs = int(bm25.scores.get("num_docs", -1))
        terms = sum(1 for t in bm25.vocab_dict if t)  # bm25s adds "" to the vocabulary, with no column
        indices = bm25.scores["indices"]
        if n_docs != len(ids) or len(bm25.scores["indptr"]) != terms + 1 or (len(indices) and indices.max() >= n_docs):
            raise ValueError(f"the saved index ({n_docs} passages, {terms} terms) does not fit {len(ids)} passages")
        index = cls.__new__(cls)
        index.ids, index.analyser, index._bm25 = ids, analyser, bm25
        index.vocab = set(bm25.vocab_dict)
        return index
