"""Chroma holds the chunk vectors and, in a second collection, the committed document records.

Embedded (``PersistentClient``) by default, a Chroma server (``HttpClient``) when a URL is given.
Chroma never embeds for us: collections are opened with ``embedding_function=None`` and every
write passes vectors, so its default model (a download) is never touched.

With a server, a call that cannot reach it raises :class:`StoreUnavailable` (a clear message, not a
connection traceback). Nothing has to be reopened when the server is back: every call is a new
HTTP request, so the next one simply works.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
import chromadb.errors
import httpx  # chromadb's HTTP client; only its connection errors are named here
from chromadb.config import Settings as ChromaSettings

from index.backends import IndexDamaged, StoredChunk, StoredDocument, StoreUnavailable

_BATCH = 256
_DOC_VECTOR = [1.0]  # document records are looked up by id, never by similarity
# what Chroma (SQLite, its HNSW files) says when its files are damaged rather than busy or unreachable
_DAMAGED = re.compile(r"malformed|not a database|deserializ|pickle|hnsw segment|error finding id|corrupt", re.I)


def _damaged(error: Exception) -> bool:
    return isinstance(error, chromadb.errors.ChromaError | RuntimeError) and bool(_DAMAGED.search(str(error)))


# a server that is down, restarting or unreachable: refused, reset, timed out, closed mid-answer
_UNREACHABLE = (httpx.TransportError, ConnectionError, TimeoutError)


class _Guarded:
    """A Chroma collection whose calls turn a lost connection into :class:`StoreUnavailable`, and
    damaged files of an embedded index into :class:`IndexDamaged`: the one place where Chroma's
    errors are translated."""

    def __init__(self, collection: Any, location: str, embedded: bool) -> None:
        self._collection = collection
        self._location = location
        self._embedded = embedded

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._collection, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except _UNREACHABLE as e:
                raise StoreUnavailable(
                    f"the Chroma vector store at {self._location} does not answer ({e}); "
                    "check that the server runs: Plansvar reconnects by itself when it is back"
                ) from e
            except Exception as e:
                if self._embedded and _damaged(e):
                    raise IndexDamaged.at(self._location, e) from e
                raise

        return call


class ChromaStore:
    """Implements :class:`index.backends.VectorStore` and :class:`index.backends.DocumentStore`."""

    def __init__(self, path: Path | None = None, url: str | None = None, prefix: str = "plansvar") -> None:
        settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        if not url and path is None:
            raise ValueError("ChromaStore needs a path or a url")
        try:
            if url:
                u = urlparse(url if "://" in url else f"http://{url}")
                self.client = chromadb.HttpClient(
                    host=u.hostname or "127.0.0.1",
                    port=u.port or 8000,
                    ssl=u.scheme == "https",
                    settings=settings,
                )
            elif path is not None:
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=settings)
            cosine = {"hnsw:space": "cosine"}
            chunks = self.client.get_or_create_collection(f"{prefix}_chunks", embedding_function=None, metadata=cosine)
            sentences = self.client.get_or_create_collection(
                f"{prefix}_sentences", embedding_function=None, metadata=cosine
            )
            docs = self.client.get_or_create_collection(f"{prefix}_documents", embedding_function=None)
        except Exception as e:
            where = url or str(path)
            if not url and _damaged(e):
                raise IndexDamaged.at(where, e) from e
            raise StoreUnavailable(f"cannot open the Chroma vector store at {where}: {e}") from e
        self.location = url or str(path)
        self.embedded = not url
        self.chunks = _Guarded(chunks, self.location, self.embedded)
        self.sentences = _Guarded(sentences, self.location, self.embedded)
        self.docs = _Guarded(docs, self.location, self.embedded)

    # -- chunks and sentences (both: vectors with doc_id/version metadata) ----------------------
    def add_chunks(self, ids: list[str], vectors: Sequence, texts: list[str], metas: list[dict]) -> None:
        _upsert(self.chunks, ids, vectors, metas, texts)

    def delete_chunks(self, ids: list[str]) -> None:
        _delete(self.chunks, ids)

    def chunk_ids(self, where: dict | None = None) -> list[str]:
        return list(self.chunks.get(where=where, include=[])["ids"])

    def add_sentences(self, ids: list[str], vectors: Sequence, metas: list[dict]) -> None:
        _upsert(self.sentences, ids, vectors, metas)

    def delete_sentences(self, ids: list[str]) -> None:
        _delete(self.sentences, ids)

    def sentence_ids(self, where: dict | None = None) -> list[str]:
        return list(self.sentences.get(where=where, include=[])["ids"])

    def sentence_metas(self) -> list[tuple[str, dict]]:
        got = self.sentences.get(include=["metadatas"])
        return [(sid, dict(m or {})) for sid, m in zip(got["ids"], got["metadatas"], strict=True)]

    def sentence_vectors(self, chunk_ids: list[str]) -> list[tuple[dict, list[float]]]:
        """The stored sentence vectors of these chunks, with their metadata (offsets)."""
        if not chunk_ids:
            return []
        got = self.sentences.get(where={"chunk_id": {"$in": chunk_ids}}, include=["metadatas", "embeddings"])
        return list(zip([dict(m) for m in got["metadatas"]], got["embeddings"], strict=True))

    def iter_chunks(self, where: dict | None = None) -> Iterator[StoredChunk]:
        offset = 0
        while True:
            got = self._page(where, offset)
            if not got["ids"]:
                return
            for cid, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                yield StoredChunk(cid, text or "", dict(meta or {}))
            offset += len(got["ids"])

    def _page(self, where: dict | None, offset: int) -> dict:
        return self.chunks.get(where=where, include=["documents", "metadatas"], limit=2000, offset=offset)

    def query(self, vector: Sequence[float], n: int) -> list[tuple[str, float]]:
        """Ids of the nearest chunks with cosine similarity (fewer when the collection holds fewer).

        No ``count()`` first: Chroma caps ``n_results`` itself, and counting cost 4 ms a question at 30 000 chunks."""
        res = self.chunks.query(query_embeddings=[list(vector)], n_results=n, include=["distances"])
        return [(cid, 1.0 - float(d)) for cid, d in zip(res["ids"][0], res["distances"][0], strict=True)]

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        """The stored vectors of these chunks (for exact scores of candidates the ANN search missed)."""
        if not ids:
            return {}
        got = self.chunks.get(ids=list(ids), include=["embeddings"])
        return {cid: list(v) for cid, v in zip(got["ids"], got["embeddings"], strict=True)}

    # -- documents ----------------------------------------------------------------------------
    def put_document(self, doc_id: str, text: str, meta: dict) -> None:
        self.docs.upsert(ids=[doc_id], embeddings=[_DOC_VECTOR], documents=[text], metadatas=[_flat(meta)])

    def delete_document(self, doc_id: str) -> None:
        self.docs.delete(ids=[doc_id])

    def documents(self, with_text: bool = False) -> list[StoredDocument]:
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        got = self.docs.get(include=include)
        texts = got.get("documents") or [""] * len(got["ids"])
        return [
            StoredDocument(doc_id, text or "", _unflat(meta or {}))
            for doc_id, text, meta in zip(got["ids"], texts, got["metadatas"], strict=True)
        ]

    def document(self, doc_id: str) -> StoredDocument | None:
        got = self.docs.get(ids=[doc_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        return StoredDocument(doc_id, got["documents"][0] or "", _unflat(got["metadatas"][0] or {}))

    def heartbeat(self) -> None:
        try:
            self.client.heartbeat()
        except Exception as e:
            raise StoreUnavailable(f"the Chroma vector store at {self.location} does not answer: {e}") from e


def _upsert(collection, ids: list[str], vectors: Sequence, metas: list[dict], texts: list[str] | None = None) -> None:
    for i in range(0, len(ids), _BATCH):
        sl = slice(i, i + _BATCH)
        collection.upsert(
            ids=ids[sl], embeddings=list(vectors[sl]), metadatas=metas[sl], documents=texts[sl] if texts else None
        )


def _delete(collection, ids: list[str]) -> None:
    for i in range(0, len(ids), _BATCH):
        collection.delete(ids=ids[i : i + _BATCH])


def _flat(meta: dict) -> dict:
    """Chroma metadata holds scalars only: nested values are stored as JSON strings under ``json:``."""
    out = {}
    for k, v in meta.items():
        if v is None:
            continue
        out[k] = v if isinstance(v, str | int | float | bool) else "json:" + json.dumps(v, ensure_ascii=False)
    return out


def _unflat(meta: dict) -> dict:
    return {k: json.loads(v[5:]) if isinstance(v, str) and v.startswith("json:") else v for k, v in meta.items()}
