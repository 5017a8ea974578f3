"""From a loaded file to a :class:`CleanDocument` with its title and catalog metadata."""

from __future__ import annotations

import re
from pathlib import Path

from ingest.catalog import CatalogEntry, doc_id_for
from ingest.cleaning import clean_pages
from ingest.errors import EmptyDocument
from ingest.types import CleanDocument, LoadedFile

COLLECTION = "collection"  # a document ingested from the operator's folders (the plans)
UPLOAD = "upload"  # a document added through the page's upload


def build_document(
    loaded: LoadedFile, entry: CatalogEntry | None = None, doc_id: str | None = None, origin: str = COLLECTION
) -> CleanDocument:
    """The cleaned document with its catalog fields; its id is the catalog's, else ``doc_id``, else the
    file name (see ``doc_id_for``); an upload is marked as one (``meta["origin"]``)."""
    path = Path(loaded.path)
    text, blocks, page_starts = clean_pages(loaded)
    if not text.strip():
        raise EmptyDocument(path.name, "nothing left after cleaning")
    doc_id = entry.doc_id if entry else doc_id or doc_id_for(path.name)
    title = entry.title if entry else _guess_title(loaded, text, blocks, path)
    meta = entry.as_meta() if entry else {}
    meta["source_kind"] = loaded.kind
    if origin != COLLECTION:
        meta["origin"] = origin
    return CleanDocument(
        doc_id=doc_id,
        title=title,
        source=path.name,
        text=text,
        blocks=blocks,
        page_starts=page_starts,
        meta=meta,
    )


def _guess_title(loaded: LoadedFile, text: str, blocks, path: Path) -> str:
    if loaded.title and len(loaded.title) > 3:
        return loaded.title
    for block in blocks[:5]:
        candidate = text[block.start : block.end].strip()
        if block.kind == "heading" and 3 < len(candidate) <= 120:
            return candidate
    return re.sub(r"[-_]+", " ", path.stem).strip().capitalize()
