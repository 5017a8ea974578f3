"""What retrieval returns: passages with their exact place in the document."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ingest.documents import UPLOAD
from ingest.register import Responsibility


@dataclass
class Passage:
    """A retrieved chunk. ``text`` equals the document's cleaned text between ``start`` and ``end``."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    page: int | None
    section: str
    context: str = ""
    context_start: int = -1  # where the lead-in ("X får i uppdrag att:") stands in the document
    score: float = 0.0
    rank: int = 0
    scores: dict[str, float] = field(default_factory=dict)  # per retriever, for inspection

    def to_json(self) -> dict:
        return {
            "rank": self.rank,
            "score": round(self.score, 6),
            "doc_id": self.doc_id,
            "title": self.title,
            "page": self.page,
            "section": self.section,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "chunk_id": self.chunk_id,
        }


@dataclass
class DocumentInfo:
    """A committed document as the index knows it."""

    doc_id: str
    title: str
    version: str
    source_path: str
    n_chunks: int
    pages: int
    meta: dict = field(default_factory=dict)  # the catalog's fields (kind, date, period, superseded_by …)
    register: tuple[Responsibility, ...] = ()  # the document's responsibility statements

    @property
    def kind(self) -> str:
        return str(self.meta.get("kind") or "")

    @property
    def when(self) -> str:
        """The period the document covers, else its date ('' if neither is known)."""
        return str(self.meta.get("period") or self.meta.get("date") or "")

    @property
    def superseded_by(self) -> str:
        """Id of the document that replaces this one ('' if none)."""
        return str(self.meta.get("superseded_by") or "")

    @property
    def uploaded(self) -> bool:
        """Added through the page's upload, not ingested from the operator's folders."""
        return self.meta.get("origin") == UPLOAD


@dataclass
class Citation:
    """A quoted span: ``quote == cleaned document text[start:end]`` of document ``doc_id``."""

    marker: int
    chunk_id: str
    doc_id: str
    title: str
    page: int | None
    section: str
    quote: str
    start: int
    end: int
    superseded_by: str = ""  # title of the document that replaces this one, if any
    kind: str = ""
    date: str = ""

    def to_json(self) -> dict:
        return asdict(self)
