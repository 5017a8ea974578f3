"""`plansvar repair`: rebuild a damaged embedded index from the source files its document records name.

A disk that fills up while Chroma writes can leave the index unreadable (an empty HNSW
``index_metadata.pickle``, a truncated ``chroma.sqlite3``). The document records usually still read
(they are rows in SQLite): each names its source file, its id and its catalog metadata. The rebuild
ingests those files into a new index beside the old one, with the recorded ids and metadata, so the
documents come back exactly as they were (same versions: a later ``plansvar ingest`` finds them
unchanged). Only then is the damaged index moved aside (kept, never deleted) and the new one put in
its place. A source file that is gone is reported; its document stays in the damaged copy.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from assistant.errors import AssistantError
from assistant.settings import Settings
from assistant.wiring import build_embedder, build_index
from front.datadir import space_check
from index.backends import StoreUnavailable
from index.plan_index import PlanIndex
from index.store import ChromaStore
from index.types import DocumentInfo
from ingest.catalog import CatalogEntry
from ingest.discovery import Found
from ingest.documents import COLLECTION
from ingest.errors import printable
from ingest.pipeline import IngestReport, ingest_found


@dataclass
class RepairReport:
    ingest: IngestReport
    gone: list[DocumentInfo] = field(default_factory=list)  # records whose source file is no longer there
    damaged_copy: Path | None = None  # where the damaged index was moved


def repair(
    settings: Settings,
    progress: Callable[[Iterable[Found]], Iterable[Found]] = lambda it: it,
    notify: Callable[[str], None] = lambda line: None,
) -> RepairReport:
    if settings.chroma_url:
        raise AssistantError(
            "repair rebuilds the embedded index in the data directory; with a Chroma server "
            f"({settings.chroma_url}), ingest the folders into it again: plansvar ingest FOLDER"
        )
    target = settings.chroma_path
    if not target.is_dir():
        raise AssistantError(f"there is no index in {settings.data_dir} to repair: run `plansvar ingest`")
    records = _records(settings)
    found = [_recorded(d) for d in records if d.source_path and Path(d.source_path).is_file()]
    gone = [d for d in records if not (d.source_path and Path(d.source_path).is_file())]
    rebuild = settings.data_dir / "chroma.rebuild"
    shutil.rmtree(rebuild, ignore_errors=True)  # a rebuild cut off earlier
    index = PlanIndex(ChromaStore(path=rebuild, prefix=settings.collection_prefix), build_embedder(settings))
    space = space_check(settings.data_dir, target)
    report = ingest_found(
        found, [], index, settings.chunking, progress, settings.ingest, notify, space
    )
    if report.stopped:
        raise AssistantError(
            f"the rebuild stopped: {report.stopped}; the damaged index is still in {target} and the partial "
            f"rebuild in {rebuild}: free some space and run `plansvar repair` again"
        )
    aside = settings.data_dir / f"chroma.damaged-{datetime.now():%Y%m%d-%H%M%S}"
    os.replace(target, aside)
    os.replace(rebuild, target)
    return RepairReport(report, gone, aside)


def _records(settings: Settings) -> list[DocumentInfo]:
    try:
        return build_index(settings).documents()
    except StoreUnavailable as e:
        raise AssistantError(
            f"the document records cannot be read either, so the sources are unknown ({e}); move "
            f"{settings.chroma_path} aside and ingest the folders again: plansvar ingest FOLDER"
        ) from e


def _recorded(doc: DocumentInfo) -> Found:
    """The source file, to be ingested under its recorded id with its recorded catalog entry."""
    path = Path(doc.source_path)
    entry = None
    if doc.meta.get("title"):  # only a catalog entry puts a title among the catalog metadata
        fields = {k: str(v) for k, v in doc.meta.items() if k in CatalogEntry.__dataclass_fields__}
        entry = CatalogEntry(**{**fields, "doc_id": doc.doc_id, "file": path.name})
    origin = str(doc.meta.get("origin") or COLLECTION)
    return Found(path, path.parent, given=True, doc_id=doc.doc_id, entry=entry, origin=origin)


def print_report(result: RepairReport, settings: Settings) -> int:
    """The CLI's lines for a repair; returns the exit code (3 when something could not be rebuilt)."""
    report = result.ingest
    print(
        f"rebuilt {len(report.added)} documents ({report.chunks_written} chunks) into {settings.chroma_path}; "
        f"the damaged index is kept in {result.damaged_copy} (delete it once the rebuilt one answers)"
    )
    for d in result.gone:
        source = printable(d.source_path) or "(none recorded)"
        print(f"not rebuilt {d.doc_id}: its source file {source} is gone", file=sys.stderr)
    for s in report.skipped:
        print(f"skipped {s.path}: {s.reason}", file=sys.stderr)
    return 0 if report.ok and not result.gone else 3
