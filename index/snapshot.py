"""The corpus snapshot: everything one set of committed documents holds, built once, never changed.

A snapshot is read from the stores when the committed documents change (its ``fingerprint``: each
document id with its version). The retriever, the answerers, the register search, the citation
check and context packing are built from one snapshot; a running app swaps the snapshot (and what
was built from it) as a whole, so a question never sees two corpora at once.

It holds the documents (with their catalog fields and register entries), their cleaned texts, the
visible passages by id and by place, and the way to the stored sentence vectors of its passages.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from types import MappingProxyType

from index.types import Citation, DocumentInfo, Passage
from ingest.register import Responsibility

Span = tuple[int, int]
# chunk ids → {(start, end): vector} of their stored sentences
SentenceVectors = Callable[[list[str]], dict[Span, list[float]]]


class CorpusSnapshot:
    def __init__(
        self,
        fingerprint: tuple,
        documents: Iterable[DocumentInfo],
        texts: Mapping[str, str],
        passages: Iterable[Passage],
        sentence_vectors: SentenceVectors = lambda chunk_ids: {},
    ) -> None:
        self.fingerprint = fingerprint
        self.documents: tuple[DocumentInfo, ...] = tuple(sorted(documents, key=lambda d: d.doc_id))
        self.texts: Mapping[str, str] = MappingProxyType(dict(texts))
        ordered = sorted(passages, key=lambda p: (p.doc_id, p.start))
        self.passages: Mapping[str, Passage] = MappingProxyType({p.chunk_id: p for p in ordered})
        self.register: tuple[Responsibility, ...] = tuple(e for d in self.documents for e in d.register)
        self._sentence_vectors = sentence_vectors
        self._by_id = {d.doc_id: d for d in self.documents}
        self._starts: dict[str, tuple[list[int], list[str]]] = {}
        for p in ordered:
            starts, ids = self._starts.setdefault(p.doc_id, ([], []))
            starts.append(p.start)
            ids.append(p.chunk_id)

    def __len__(self) -> int:
        return len(self.documents)

    # -- documents ----------------------------------------------------------------------------
    def document(self, doc_id: str) -> DocumentInfo | None:
        return self._by_id.get(doc_id)

    def title(self, doc_id: str) -> str:
        d = self._by_id.get(doc_id)
        return d.title if d else doc_id

    def replaced_by(self, doc_id: str) -> str:
        """Title of the document that replaces this one ('' if none); the id when it is not indexed."""
        d = self._by_id.get(doc_id)
        return self.title(d.superseded_by) if d and d.superseded_by else ""

    @cached_property
    def known_text(self) -> str:
        """Every indexed text and catalog field in one string (to tell what the corpus never names)."""
        meta = " ".join(" ".join(map(str, [d.title, *d.meta.values()])) for d in self.documents)
        return " ".join(self.texts.values()) + " " + meta

    # -- passages -----------------------------------------------------------------------------
    def passage_at(self, doc_id: str, offset: int) -> Passage:
        """The visible passage holding ``offset`` of the document (the nearest one before it)."""
        starts, ids = self._starts[doc_id]
        i = max(bisect.bisect_right(starts, offset) - 1, 0)
        return self.passages[ids[i]]

    def lead_in_passage(self, chunk_id: str) -> str | None:
        """Id of the passage holding the lead-in of ``chunk_id``'s list, if another passage holds it."""
        p = self.passages[chunk_id]
        if p.context_start < 0:
            return None
        starts, ids = self._starts[p.doc_id]
        i = bisect.bisect_right(starts, p.context_start) - 1
        return ids[i] if i >= 0 and ids[i] != chunk_id else None

    def sentence_vectors(self, chunk_ids: list[str]) -> dict[Span, list[float]]:
        """The stored sentence vectors of these passages, by (start, end) in their document."""
        return self._sentence_vectors(chunk_ids)

    # -- citations ----------------------------------------------------------------------------
    def citation(self, marker: int, doc_id: str, start: int, end: int, passage: Passage | None = None) -> Citation:
        """A citation of ``texts[doc_id][start:end]``, in the passage that holds ``start`` unless given."""
        p = passage or self.passage_at(doc_id, start)
        d = self._by_id.get(doc_id)
        return Citation(
            marker=marker,
            chunk_id=p.chunk_id,
            doc_id=doc_id,
            title=d.title if d else p.title,
            page=p.page,
            section=p.section,
            quote=self.texts[doc_id][start:end],
            start=start,
            end=end,
            superseded_by=self.replaced_by(doc_id),
            kind=d.kind if d else "",
            date=d.when if d else "",
        )
