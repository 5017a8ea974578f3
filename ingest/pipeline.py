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

from ingest.catalog import CatalogEntry
from ingest.chunking import chunk_document
from ingest.discovery import Catalogs, Found, discover, document_id
from ingest.documents import COLLECTION, build_document
from ingest.errors import (
    DiskSpaceLow,
    DuplicateId,
    IngestError,
    TooLarge,
    UnexpectedError,
    UnreadableFile,
    UnsupportedType,
    printable,
)
from ingest.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.options import DEFAULT_LIMITS, ChunkingOptions, IngestLimits
from ingest.register import extract_responsibilities
from ingest.space import document_bytes, file_bytes
from ingest.types import Chunk, CleanDocument

# given the bytes a step will write: what is wrong with the disk ("" or None when it can take them)
SpaceCheck = Callable[[int], str | None]
PIPELINE_VERSION = "13"  # bump when cleaning, chunking or the register changes, so documents are re-ingested


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
    stopped: str = ""  # why the run stopped early (the disk), "" when it went through
    not_reached: int = 0  # files not looked at because it stopped

    @property
    def ok(self) -> bool:
        return not self.skipped and not self.stopped


def file_version(path: Path, catalog_entry: object, options: ChunkingOptions, origin: str = COLLECTION) -> str:
    with open(path, "rb") as fh:
        h = hashlib.file_digest(fh, "sha256")  # streamed: a huge file is never in memory whole
    extra = {"catalog": getattr(catalog_entry, "__dict__", None), "options": options.model_dump(), "origin": origin}
    h.update(json.dumps(extra, sort_keys=True, ensure_ascii=False).encode())
    h.update(PIPELINE_VERSION.encode())
    return h.hexdigest()[:16]


def ingest_paths(
    paths: Iterable[Path],
    sink: Sink,
    options: ChunkingOptions = ChunkingOptions(),
    progress: Callable[[Iterable[Found]], Iterable[Found]] = lambda it: it,
    limits: IngestLimits = DEFAULT_LIMITS,
    notify: Callable[[str], None] = lambda line: None,
    space: SpaceCheck | None = None,
    *,
    replace: bool = False,
    origin: str = COLLECTION,
) -> IngestReport:
    """Ingest files and folders. ``progress`` wraps the files as they are read (a progress bar);
    ``notify`` gets a line before each document's passages are embedded (the long step).
    ``replace``: a file may take over the id of a document ingested from another file that is still
    there (an upload the admin chose to put in its place); otherwise that is :class:`DuplicateId`.
    ``origin`` is stored with each document (an upload is ``ingest.documents.UPLOAD``: its register
    entries never outrank the collection's)."""
    files, folders = discover(list(paths))
    return ingest_found(
        files, folders, sink, options, progress, limits, notify, space, replace=replace, origin=origin
    )


def ingest_found(
    files: list[Found],
    folders: list[Path],
    sink: Sink,
    options: ChunkingOptions = ChunkingOptions(),
    progress: Callable[[Iterable[Found]], Iterable[Found]] = lambda it: it,
    limits: IngestLimits = DEFAULT_LIMITS,
    notify: Callable[[str], None] = lambda line: None,
    space: SpaceCheck | None = None,
    *,
    replace: bool = False,
    origin: str = COLLECTION,
) -> IngestReport:
    """:func:`ingest_paths` for files already found (``folders``: where files that are gone are removed).

    With ``space`` (given the bytes a step needs, it says what is wrong, or nothing): the run does
    not start when the disk cannot take all the files that changed (:class:`DiskSpaceLow`), and
    stops before a document the disk cannot take (``report.stopped``); the index then holds every
    document completed so far."""
    report = IngestReport(garbage_collected=sink.collect_garbage())
    run = _Run(sink, options, sink.committed(), report, limits, notify, space or (lambda need: None))
    run.replace, run.origin = replace, origin
    problem = run.space(run.space_needed(files))
    if problem:
        raise DiskSpaceLow(problem)
    for n, found in enumerate(progress(files)):
        if report.stopped:
            report.not_reached = len(files) - n
            break
        run.ingest(found)
    for doc_id, info in run.committed.items():
        src = Path(info.source_path)
        inside = any(src.is_relative_to(f) for f in folders)
        if doc_id not in run.claimed and inside and not src.exists():
            sink.remove(doc_id)
            report.removed.append(doc_id)
    return report


class _Run:
    """One ingest run: which ids this run has claimed, and what it reports."""

    def __init__(
        self,
        sink: Sink,
        options: ChunkingOptions,
        committed: dict[str, CommittedDoc],
        report: IngestReport,
        limits: IngestLimits,
        notify: Callable[[str], None],
        space: SpaceCheck,
    ):
        self.sink, self.options, self.committed, self.report = sink, options, committed, report
        self.limits, self.notify, self.space = limits, notify, space
        self.claimed: dict[str, str] = {}  # doc_id -> source path of the file that has it in this run
        self.replace = False  # a file may take over an id another file on disk has (ingest_paths)
        self.origin = COLLECTION  # stored with each document (ingest.documents.UPLOAD for an upload)
        self.catalogs = Catalogs()
        self.versions: dict[Path, str] = {}

    def ingest(self, found: Found) -> None:
        if found.skip or not found.path.exists():
            self.report.skipped.append(Skipped(found.name, found.skip or "no such file"))
            return
        try:
            entry, doc_id, source, version = self._identify(found)
            self._claim(found, doc_id, source)
            previous = self.committed.get(doc_id)
            if _unchanged(previous, version, source):
                self.report.unchanged.append(doc_id)
                return
            origin = found.origin or self.origin
            doc = build_document(load_file(found.path, self.limits), entry, doc_id=doc_id, origin=origin)
            chunks = chunk_document(doc, self.options.target_tokens, self.options.hard_limit)
            if len(chunks) > self.limits.max_chunks:
                detail = f"{len(chunks):,} passages; at most {self.limits.max_chunks:,} (PLANSVAR_INGEST__MAX_CHUNKS)"
                raise TooLarge(found.name, detail)
            doc.register = extract_responsibilities(doc)
        except Exception as e:  # noqa: BLE001 - whatever goes wrong with one file, the run goes on without it
            self.report.skipped.append(_skipped(found.name, e))
            return
        problem = self.space(document_bytes(len(doc.text), len(chunks)))
        if problem:  # stop between documents, before the disk fills up in the middle of a write
            self.report.stopped = problem
            self.report.skipped.append(Skipped(found.name, printable(f"not ingested: {problem}")))
            return
        self.notify(f"{found.name}: {len(chunks)} passages to embed")
        self._write(doc, chunks, version, source, previous)

    def _identify(self, found: Found) -> tuple[CatalogEntry | None, str, str, str]:
        """The file's catalog entry, id, resolved path and version; raises when it cannot be ingested."""
        path = found.path
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise UnsupportedType(found.name, f"'{path.suffix or 'no extension'}'")
        if not found.inside():  # a link changed since the folder was read
            raise UnreadableFile(found.name, "it now leads out of the folder being ingested; not followed")
        entry = found.entry if found.doc_id else self.catalogs.entry(found)
        doc_id = found.doc_id or document_id(found, entry)
        if path not in self.versions:
            self.versions[path] = file_version(path, entry, self.options, found.origin or self.origin)
        return entry, doc_id, str(path.resolve()), self.versions[path]

    def space_needed(self, files: list[Found]) -> int:
        """The disk the files that changed need (estimated from their sizes)."""
        total = 0
        for found in files:
            try:
                _, doc_id, source, version = self._identify(found)
                size = found.path.stat().st_size
            except Exception:  # noqa: BLE001 - such a file is reported when its turn comes
                continue
            if not found.skip and not _unchanged(self.committed.get(doc_id), version, source):
                total += file_bytes(found.path, size, self.limits.max_chars)
        return total

    def _claim(self, found: Found, doc_id: str, source: str) -> None:
        """Take ``doc_id`` for this file, unless another file has it (in this run, or one still on disk)."""
        other = self.claimed.get(doc_id)
        previous = self.committed.get(doc_id)
        if other is None and previous is not None and previous.source_path != source and not self.replace:
            other = previous.source_path if Path(previous.source_path).exists() else None
        if other is not None:
            raise DuplicateId(found.name, f"'{printable(doc_id)}' is already the id of {printable(other)}")
        self.claimed[doc_id] = source

    def _write(self, doc, chunks: list[Chunk], version: str, source: str, previous: CommittedDoc | None) -> None:
        self.sink.stage(doc, chunks, version)
        self.sink.commit(doc, chunks, version, source)
        self.sink.drop_stale(doc.doc_id, version)
        (self.report.updated if previous else self.report.added).append(doc.doc_id)
        self.report.chunks_written += len(chunks)
        for old_id, info in self.committed.items():  # the same file under an earlier id (ids were stems once)
            if old_id != doc.doc_id and info.source_path == source and old_id not in self.claimed:
                self.sink.remove(old_id)
                self.report.removed.append(old_id)


def _unchanged(previous: CommittedDoc | None, version: str, source: str) -> bool:
    return previous is not None and previous.version == version and previous.source_path == source


def _skipped(name: str, error: Exception) -> Skipped:
    """A report line's parts: the escaped name, and a reason that cannot start a new line either (a
    reader's message can quote a name from inside the file)."""
    if isinstance(error, OSError):
        error = UnreadableFile(name, error.strerror or str(error))
    elif not isinstance(error, IngestError):
        error = UnexpectedError.wrap(name, error)
    return Skipped(name, printable(error.reason + (f" ({error.detail})" if error.detail else "")))
