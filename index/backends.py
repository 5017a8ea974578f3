"""The backends the index is built on, as small protocols: an embedder, a vector store and a
document store. Chroma implements both stores (:mod:`index.store`), an in-memory store implements
them for unit tests (:mod:`index.memory_store`); the embedders are in :mod:`index.embedder`.

Every store method that cannot reach its backend raises :class:`StoreUnavailable`, whatever the
backend; nothing above the store sees a backend's own exceptions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


class StoreUnavailable(RuntimeError):
    """The vector store cannot be reached or opened."""


class IndexDamaged(StoreUnavailable):
    """The embedded index's files are damaged (a disk that filled up mid-write, a truncated file)."""

    @classmethod
    def at(cls, location: str, error: Exception) -> IndexDamaged:
        detail = " ".join(str(error).split())[:200]
        return cls(
            f"the index in {location} is damaged ({detail}); rebuild it from the source files with "
            "`plansvar repair` (the same --data-dir; see docs/DEPLOYMENT.md, A damaged index)"
        )


@dataclass
class StoredChunk:
    chunk_id: str
    text: str
    meta: dict


@dataclass
class StoredDocument:
    doc_id: str
    text: str
    meta: dict


class Embedder(Protocol):
    """Text → vector. Questions and passages are embedded differently (e5's query/passage sides)."""

    def get_query_embedding(self, query: str) -> list[float]: ...

    def get_text_embedding_batch(self, texts: list[str], **kwargs) -> list[list[float]]: ...


class VectorStore(Protocol):
    """Chunk and sentence vectors with their metadata (``doc_id``, ``version``, offsets)."""

    location: str

    def add_chunks(self, ids: list[str], vectors: Sequence, texts: list[str], metas: list[dict]) -> None: ...

    def delete_chunks(self, ids: list[str]) -> None: ...

    def chunk_ids(self, where: dict | None = None) -> list[str]: ...

    def iter_chunks(self, where: dict | None = None) -> Iterator[StoredChunk]: ...

    def query(self, vector: Sequence[float], n: int) -> list[tuple[str, float]]:
        """Ids of the ``n`` nearest chunks with their cosine similarity, best first."""
        ...

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, list[float]]: ...

    def add_sentences(self, ids: list[str], vectors: Sequence, metas: list[dict]) -> None: ...

    def delete_sentences(self, ids: list[str]) -> None: ...

    def sentence_ids(self, where: dict | None = None) -> list[str]: ...

    def sentence_metas(self) -> list[tuple[str, dict]]: ...

    def sentence_vectors(self, chunk_ids: list[str]) -> list[tuple[dict, list[float]]]: ...

    def heartbeat(self) -> None: ...


class DocumentStore(Protocol):
    """The committed document records: cleaned text and metadata (title, version, catalog, register)."""

    def put_document(self, doc_id: str, text: str, meta: dict) -> None: ...

    def delete_document(self, doc_id: str) -> None: ...

    def documents(self, with_text: bool = False) -> list[StoredDocument]: ...

    def document(self, doc_id: str) -> StoredDocument | None: ...
