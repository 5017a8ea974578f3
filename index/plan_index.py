"""The plan index: chunk and sentence vectors plus committed document records, over a vector store
and a document store (:mod:`index.backends`). Implements the ingest ``Sink``; reads a
:class:`~index.snapshot.CorpusSnapshot` of what is committed.

Visibility rule: a chunk is part of the index only when its document record is committed with
the same version. Staged chunks of an interrupted run are invisible and are collected later.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from index.backends import DocumentStore, Embedder, StoredChunk, StoredDocument, VectorStore
from index.snapshot import CorpusSnapshot
from index.types import DocumentInfo, Passage
from ingest.language.search_text import search_form
from ingest.language.sentences import quotable_sentences
from ingest.pipeline import CommittedDoc
from ingest.register import Responsibility
from ingest.types import Chunk, CleanDocument


class PlanIndex:
    def __init__(self, store: VectorStore, embedder: Embedder, docs: DocumentStore | None = None) -> None:
        """``docs``: where the document records live; the vector store itself when it is one too (Chroma)."""
        self.store = store
        self.docs: DocumentStore = docs if docs is not None else store  # type: ignore[assignment]
        self.embedder = embedder

    # -- Sink -------------------------------------------------------------------------------
    def committed(self) -> dict[str, CommittedDoc]:
        return {
            d.doc_id: CommittedDoc(d.doc_id, str(d.meta.get("version", "")), str(d.meta.get("source_path", "")))
            for d in self.docs.documents()
        }

    def stage(self, doc: CleanDocument, chunks: list[Chunk], version: str) -> None:
        if not chunks:
            return
        vectors = self.embedder.get_text_embedding_batch([c.embed_text for c in chunks])
        metas = [_chunk_meta(c, version) for c in chunks]
        # one id per chunk *and* version: staging must never overwrite the committed version's chunks
        # (a catalog or chunking-option change gives a new version with the same text and chunk ids)
        ids = [f"{c.chunk_id}@{version}" for c in chunks]
        self.store.add_chunks(ids, vectors, [c.text for c in chunks], metas)
        self._stage_sentences(doc, chunks, ids, version)

    def _stage_sentences(self, doc: CleanDocument, chunks: list[Chunk], chunk_ids: list[str], version: str) -> None:
        """Each sentence embedded on its own (title first), so answers can pick the sentence that fits."""
        spans, metas = [], []
        for c, cid in zip(chunks, chunk_ids, strict=True):
            for a, b in quotable_sentences(doc.text, c.start, c.end):
                spans.append(search_form(f"{c.title}\n{doc.text[a:b]}"))
                metas.append({"doc_id": doc.doc_id, "version": version, "chunk_id": cid, "start": a, "end": b})
        if spans:
            vectors = self.embedder.get_text_embedding_batch(spans)
            ids = [f"{m['chunk_id']}:{m['start']}" for m in metas]
            self.store.add_sentences(ids, vectors, metas)

    def commit(self, doc: CleanDocument, chunks: list[Chunk], version: str, source_path: str) -> None:
        meta = {
            "version": version,
            "title": doc.title,
            "source": doc.source,
            "source_path": source_path,
            "n_chunks": len(chunks),
            "pages": doc.page_count,
            "page_starts": doc.page_starts,
            "catalog": doc.meta,
            "register": [r.to_json() for r in doc.register],
        }
        self.docs.put_document(doc.doc_id, doc.text, meta)

    def drop_stale(self, doc_id: str, version: str) -> None:
        where = {"$and": [{"doc_id": doc_id}, {"version": {"$ne": version}}]}
        self.store.delete_chunks(self.store.chunk_ids(where))
        self.store.delete_sentences(self.store.sentence_ids(where))

    def remove(self, doc_id: str) -> None:
        self.docs.delete_document(doc_id)  # uncommit first: the chunks become invisible at once
        self.store.delete_chunks(self.store.chunk_ids({"doc_id": doc_id}))
        self.store.delete_sentences(self.store.sentence_ids({"doc_id": doc_id}))

    def collect_garbage(self) -> int:
        versions = {d: c.version for d, c in self.committed().items()}
        chunks = self.store.iter_chunks()
        orphans = [c.chunk_id for c in chunks if _committed_version(c.meta, versions) != c.meta.get("version")]
        self.store.delete_chunks(orphans)
        stale = [sid for sid, m in self.store.sentence_metas() if _committed_version(m, versions) != m.get("version")]
        self.store.delete_sentences(stale)
        return len(orphans)

    # -- Reading ----------------------------------------------------------------------------
    def snapshot(self) -> CorpusSnapshot:
        """What is committed now: documents, texts, visible passages and the way to their sentence vectors."""
        stored = self.docs.documents(with_text=True)
        versions = {d.doc_id: str(d.meta.get("version", "")) for d in stored}
        visible = (c for c in self.store.iter_chunks() if _committed_version(c.meta, versions) == c.meta.get("version"))
        return CorpusSnapshot(
            fingerprint=tuple(sorted(versions.items())),
            documents=[_to_info(d) for d in stored],
            texts={d.doc_id: d.text for d in stored},
            passages=[_to_passage(c) for c in visible],
            sentence_vectors=self.sentence_vectors,
        )

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[tuple[int, int], list[float]]:
        """(start, end) of each stored sentence of these chunks → its vector."""
        return {(int(m["start"]), int(m["end"])): v for m, v in self.store.sentence_vectors(chunk_ids)}

    def documents(self) -> list[DocumentInfo]:
        return sorted((_to_info(d) for d in self.docs.documents()), key=lambda d: d.doc_id)

    def document_text(self, doc_id: str) -> str | None:
        doc = self.docs.document(doc_id)
        return doc.text if doc else None

    def fingerprint(self) -> tuple[tuple[str, str], ...]:
        """Changes whenever a document is committed or removed (for refreshing readers)."""
        return tuple(sorted((d, c.version) for d, c in self.committed().items()))

    # -- Searching ------------------------------------------------------------------------------
    def embed_query(self, question: str) -> list[float]:
        return self.embedder.get_query_embedding(question)

    def nearest(self, vector: Sequence[float], n: int) -> list[tuple[str, float]]:
        """Ids of the nearest chunks (staged ones included: the caller keeps the visible ones)."""
        return self.store.query(vector, n)

    def chunk_vectors(self, ids: Sequence[str]) -> dict[str, list[float]]:
        return self.store.chunk_vectors(ids)

    def heartbeat(self) -> None:
        self.store.heartbeat()


def _to_info(d: StoredDocument) -> DocumentInfo:
    return DocumentInfo(
        doc_id=d.doc_id,
        title=str(d.meta.get("title", d.doc_id)),
        version=str(d.meta.get("version")),
        source_path=str(d.meta.get("source_path", "")),
        n_chunks=int(d.meta.get("n_chunks", 0)),
        pages=int(d.meta.get("pages", 0)),
        meta=dict(d.meta.get("catalog") or {}),
        register=tuple(Responsibility.from_json(e) for e in d.meta.get("register") or []),
    )


def _chunk_meta(c: Chunk, version: str) -> dict:
    meta = {
        "doc_id": c.doc_id,
        "version": version,
        "title": c.title,
        "start": c.start,
        "end": c.end,
        "section": c.section,
        "context": c.context,
        "ordinal": c.ordinal,
        "context_start": c.context_start,
    }
    if c.page is not None:
        meta["page"] = c.page
    return meta


def _to_passage(c: StoredChunk) -> Passage:
    m = c.meta
    return Passage(
        chunk_id=c.chunk_id,
        doc_id=m["doc_id"],
        title=m.get("title", ""),
        text=c.text,
        start=int(m["start"]),
        end=int(m["end"]),
        page=m.get("page"),
        section=m.get("section", ""),
        context=m.get("context", ""),
        context_start=int(m.get("context_start", -1)),
    )


def copy_passage(p: Passage, **changes) -> Passage:
    return dataclasses.replace(p, scores=dict(p.scores), **changes)


def _committed_version(meta: dict, versions: Mapping[str, str]) -> str | None:
    """The committed version of the document a stored chunk or sentence belongs to (None: not committed)."""
    doc_id = meta.get("doc_id")
    return versions.get(doc_id) if isinstance(doc_id, str) else None
