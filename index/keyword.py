"""BM25 keyword index (bm25s) with Swedish Snowball stemming and Swedish stop words.

Built in memory from the stored chunks at start-up: for a corpus of this size it takes
milliseconds, and it always matches what Chroma holds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

_WORD = re.compile(r"\w+", re.UNICODE)
_STOP = frozenset(STOPWORDS_SWEDISH) | {"the", "of", "and", "to", "in", "a", "is", "for", "who", "what"}


_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread: PyStemmer's stemmers (and their caches) are not thread-safe."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer


def analyse(text: str) -> list[str]:
    """Lower-case words, Swedish stop words removed, stemmed. Numbers are kept as they are."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOP and (len(w) > 1 or w.isdigit())]
    return _stemmer().stemWords(words)


def analyse_chars(text: str, n: int = 4) -> list[str]:
    """Character n-grams inside each non-stop word ("#sjuk", "sjuk", …): matches parts of Swedish
    compounds ("avgiftsöversyn" ~ "översyn") and survives typos ("basplatan" ~ "basplattan")."""
    grams: list[str] = []
    for w in _WORD.findall(text.lower()):
        if w in _STOP or len(w) < 3:
            continue
        padded = f"#{w}#"
        grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return grams


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
