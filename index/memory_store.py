"""An in-memory vector and document store: the fake for unit tests (exact cosine search in numpy).

It implements :class:`index.backends.VectorStore` and :class:`index.backends.DocumentStore` with the
same metadata filters the index uses (``{"doc_id": …}``, ``{"chunk_id": {"$in": […]}}``,
``{"version": {"$ne": …}}`` and ``{"$and": […]}``). Nothing is persisted.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence

import numpy as np

from index.backends import StoredChunk, StoredDocument


def matches(meta: dict, where: dict | None) -> bool:
    """Whether metadata passes a Chroma-style filter (the subset the index uses)."""
    if not where:
        return True
    for key, cond in where.items():
        if key == "$and":
            if not all(matches(meta, c) for c in cond):
                return False
        elif isinstance(cond, dict):
            (op, value), = cond.items()
            if op == "$in" and meta.get(key) not in value:
                return False
            if op == "$ne" and meta.get(key) == value:
                return False
            if op not in ("$in", "$ne"):
                raise ValueError(f"filter operator {op!r} is not supported by the in-memory store")
        elif meta.get(key) != cond:
            return False
    return True


class _Records:
    """id → (vector, text, metadata), in insertion order."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[list[float], str, dict]] = {}

    def upsert(self, ids: list[str], vectors: Sequence, texts: list[str] | None, metas: list[dict]) -> None:
        for i, rid in enumerate(ids):
            self.rows[rid] = (list(vectors[i]), texts[i] if texts else "", copy.deepcopy(metas[i]))

    def delete(self, ids: list[str]) -> None:
        for rid in ids:
            self.rows.pop(rid, None)

    def ids(self, where: dict | None) -> list[str]:
        return [rid for rid, (_, _, meta) in self.rows.items() if matches(meta, where)]


class InMemoryStore:
    """Test fake of the Chroma store (same protocols, exact search, no persistence)."""

    def __init__(self) -> None:
        self.location = "memory"
        self._chunks = _Records()
        self._sentences = _Records()
        self._docs: dict[str, StoredDocument] = {}

    # -- vectors ------------------------------------------------------------------------------
    def add_chunks(self, ids: list[str], vectors: Sequence, texts: list[str], metas: list[dict]) -> None:
        self._chunks.upsert(ids, vectors, texts, metas)

    def delete_chunks(self, ids: list[str]) -> None:
        self._chunks.delete(ids)

    def chunk_ids(self, where: dict | None = None) -> list[str]:
        return self._chunks.ids(where)

    def iter_chunks(self, where: dict | None = None) -> Iterator[StoredChunk]:
        for rid in self._chunks.ids(where):
            _, text, meta = self._chunks.rows[rid]
            yield StoredChunk(rid, text, dict(meta))

    def query(self, vector: Sequence[float], n: int) -> list[tuple[str, float]]:
        ids = list(self._chunks.rows)
        if not ids:
            return []
        m = np.asarray([self._chunks.rows[i][0] for i in ids], dtype=np.float32)
        q = np.asarray(vector, dtype=np.float32)
        sims = m @ q / (np.linalg.norm(m, axis=1) * np.linalg.norm(q) + 1e-12)
        order = np.argsort(-sims, kind="stable")[:n]
        return [(ids[i], float(sims[i])) for i in order]

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        return {i: list(self._chunks.rows[i][0]) for i in ids if i in self._chunks.rows}

    def add_sentences(self, ids: list[str], vectors: Sequence, metas: list[dict]) -> None:
        self._sentences.upsert(ids, vectors, None, metas)

    def delete_sentences(self, ids: list[str]) -> None:
        self._sentences.delete(ids)

    def sentence_ids(self, where: dict | None = None) -> list[str]:
        return self._sentences.ids(where)

    def sentence_metas(self) -> list[tuple[str, dict]]:
        return [(rid, dict(meta)) for rid, (_, _, meta) in self._sentences.rows.items()]

    def sentence_vectors(self, chunk_ids: list[str]) -> list[tuple[dict, list[float]]]:
        wanted = set(chunk_ids)
        return [(dict(m), list(v)) for v, _, m in self._sentences.rows.values() if m.get("chunk_id") in wanted]

    def heartbeat(self) -> None:
        return None

    # -- documents ----------------------------------------------------------------------------
    def put_document(self, doc_id: str, text: str, meta: dict) -> None:
        self._docs[doc_id] = StoredDocument(doc_id, text, copy.deepcopy(meta))

    def delete_document(self, doc_id: str) -> None:
        self._docs.pop(doc_id, None)

    def documents(self, with_text: bool = False) -> list[StoredDocument]:
        docs = self._docs.values()
        return [StoredDocument(d.doc_id, d.text if with_text else "", copy.deepcopy(d.meta)) for d in docs]

    def document(self, doc_id: str) -> StoredDocument | None:
        d = self._docs.get(doc_id)
        return StoredDocument(d.doc_id, d.text, copy.deepcopy(d.meta)) if d else None
