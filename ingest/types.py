"""The shapes ingestion produces: loaded pages, cleaned documents, chunks."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ingest.language.search_text import keyword_text, search_form


@dataclass(frozen=True)
class LoadedPage:
    """Raw text of one page (PDF) or of a whole text file (``number`` is None)."""

    text: str
    number: int | None


@dataclass(frozen=True)
class OutlineEntry:
    title: str
    page: int
    level: int


@dataclass
class LoadedFile:
    path: str
    kind: str  # "pdf" | "txt" | "md" | "docx" (read as Markdown)
    pages: list[LoadedPage]
    outline: list[OutlineEntry] = field(default_factory=list)
    title: str | None = None  # from file metadata, when there is one
    warnings: int = 0  # parser warnings collected while reading (not printed one by one)


@dataclass(frozen=True)
class Block:
    """A structural unit of cleaned text: a heading, a paragraph or a list item."""

    kind: str  # "heading" | "paragraph" | "item"
    start: int
    end: int
    level: int = 0  # heading level (1 = top); 0 for other blocks


@dataclass
class CleanDocument:
    """A document's cleaned text, with where each page starts and its structure."""

    doc_id: str
    title: str
    source: str
    text: str
    blocks: list[Block]
    page_starts: list[tuple[int, int]] = field(default_factory=list)  # (offset, page number)
    meta: dict = field(default_factory=dict)
    register: list = field(default_factory=list)  # Responsibility entries, filled by the pipeline

    def page_at(self, offset: int) -> int | None:
        """Page number of the character at ``offset`` (None for text without pages)."""
        if not self.page_starts:
            return None
        i = bisect.bisect_right([o for o, _ in self.page_starts], offset) - 1
        return self.page_starts[max(i, 0)][1]

    @property
    def page_count(self) -> int:
        return len({p for _, p in self.page_starts})


@dataclass
class Chunk:
    """A passage: ``text`` is exactly ``document.text[start:end]``; the search forms add context."""

    chunk_id: str
    doc_id: str
    title: str
    text: str
    start: int
    end: int
    page: int | None
    section: str
    context: str = ""
    ordinal: int = 0
    context_start: int = -1  # offset of the lead-in in the document (-1: no lead-in)

    @property
    def embed_text(self) -> str:
        """What is embedded: the title, then the text (measured better than adding the section path)."""
        return search_form(f"{self.title}\n{self.text}")

    @property
    def index_text(self) -> str:
        """What is keyword-indexed: title, section path and lead-in, then the text."""
        return keyword_text(self.title, self.section, self.context, self.text)
