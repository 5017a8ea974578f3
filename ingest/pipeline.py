"""Incremental ingestion: hash each file, skip what is unchanged, replace what changed, remove what is gone.

The pipeline writes through a :class:`Sink` (the index implements it) in three steps per
document: ``stage`` its chunks under a new version, ``commit`` the document record (the one
step that makes the new version visible), then ``drop_stale`` chunks of older versions. A run
cut off at any point leaves either the old or the new version visible, never a mixture;
``collect_garbage`` removes staged chunks that were never committed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ingest.catalog import CATALOG_FILE, Catalog, doc_id_for
from ingest.chunking import chunk_document
from ingest.documents import COLLECTION, build_document
from ingest.errors import IngestError, UnreadableFile, UnsupportedType
from ingest.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.options import ChunkingOptions
from ingest.register import extract_responsibilities
from ingest.types import Chunk, CleanDocument

PIPELINE_VERSION = "12"  # bump when cleaning, chunking or the register changes, so documents are re-ingested


@dataclass(frozen=True)
class CommittedDoc:
    doc_id: str
    version: str
    source_path: str


class Sink(Protocol):
    def committed(self) -> dict[str, CommittedDoc]: ...
    def stage(self, doc: CleanDocument, chunks: list[Chunk], version: str) -> None: ...
    def commit(self, doc: CleanDocument, chunks: list[Chunk], version: str, source_path: str) -> None: ...
    def drop_stale(self, doc_id: str, version: str) -> None: ...
    def remove(self, doc_id: str) -> None: ...
    def collect_garbage(self) -> int: ...


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    chunks_written: int = 0
    garbage_collected: int = 0

    @property
    def ok(self) -> bool:
        return not self.skipped


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to ingest and the folders they were found in (folders are where removal applies)."""
    files: list[Path] = []
    folders: list[Path] = []
    for p in paths:
        if p.is_dir():
            folders.append(p.resolve())
            files.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and f.name != CATALOG_FILE
                and not f.name.startswith(".")
                and f.name.lower() != "readme.md"
            )
        else:
            files.append(p)
    return files, folders


def file_version(path: Path, catalog_entry: object, options: ChunkingOptions, origin: str = COLLECTION) -> str:
    h = hashlib.sha256(path.read_bytes())
    extra = {"catalog": getattr(catalog_entry, "__dict__", None), "options": options.model_dump(), "origin": origin}
    h.update(json.dumps(extra, sort_keys=True, ensure_ascii=False).encode())
    h.update(PIPELINE_VERSION.encode())
    return h.hexdigest()[:16]


def ingest_paths(
    paths: Iterable[Path],
    sink: Sink,
    options: ChunkingOptions = ChunkingOptions(),
    progress: Callable[[Iterable[Path]], Iterable[Path]] = lambda it: it,
    origin: str = COLLECTION,
) -> IngestReport:
    """Ingest files and folders through ``sink``; ``origin`` is stored with each document (an upload is
    ``ingest.documents.UPLOAD``: its register entries never outrank the collection's)."""
    report = IngestReport(garbage_collected=sink.collect_garbage())
    files, folders = discover(list(paths))
    committed = sink.committed()
    seen: set[str] = set()
    catalogs: dict[Path, Catalog] = {}
    for path in progress(files):
        catalog = catalogs.setdefault(path.parent, Catalog.load(path.parent))
        _ingest_one(path, catalog, sink, options, committed, seen, report, origin)
    for doc_id, info in committed.items():
        src = Path(info.source_path)
        inside = any(src.is_relative_to(f) for f in folders)
        if doc_id not in seen and inside and not src.exists():
            sink.remove(doc_id)
            report.removed.append(doc_id)
    return report


def _ingest_one(
    path: Path,
    catalog: Catalog,
    sink: Sink,
    options: ChunkingOptions,
    committed: dict[str, CommittedDoc],
    seen: set[str],
    report: IngestReport,
    origin: str = COLLECTION,
) -> None:
    if not path.exists():
        report.skipped.append(Skipped(str(path), "no such file"))
        return
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        err = UnsupportedType(path.name, f"'{path.suffix or 'no extension'}'")
        report.skipped.append(Skipped(path.name, f"{err.reason} ({err.detail})"))
        return
    entry = catalog.for_file(path)
    doc_id = entry.doc_id if entry else doc_id_for(path)
    seen.add(doc_id)
    try:
        version = file_version(path, entry, options, origin)
        previous = committed.get(doc_id)
        if previous and previous.version == version:
            report.unchanged.append(doc_id)
            return
        doc = build_document(load_file(path), entry, origin)
        chunks = chunk_document(doc, options.target_tokens, options.hard_limit)
        doc.register = extract_responsibilities(doc)
    except IngestError as e:
        report.skipped.append(Skipped(path.name, e.reason + (f" ({e.detail})" if e.detail else "")))
        return
    except OSError as e:
        unreadable = UnreadableFile(path.name, e.strerror or str(e))
        report.skipped.append(Skipped(path.name, f"{unreadable.reason} ({unreadable.detail})"))
        return
    sink.stage(doc, chunks, version)
    sink.commit(doc, chunks, version, str(path.resolve()))
    sink.drop_stale(doc_id, version)
    (report.updated if previous else report.added).append(doc_id)
    report.chunks_written += len(chunks)
