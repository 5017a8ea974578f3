"""The corpus catalog: titles, publishers, kinds, dates and which document replaces which."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from ingest.errors import printable

CATALOG_FILE = "catalog.json"


@dataclass(frozen=True)
class CatalogEntry:
    doc_id: str
    file: str
    title: str
    publisher: str = ""
    kind: str = ""
    period: str = ""
    date: str = ""
    adopted_by: str = ""
    superseded_by: str = ""
    note: str = ""

    def as_meta(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v and k not in ("doc_id", "file")}


@dataclass
class Catalog:
    entries: dict[str, CatalogEntry] = field(default_factory=dict)  # by file name

    @classmethod
    def load(cls, folder: Path) -> Catalog:
        """Read ``catalog.json`` in ``folder``; a folder without one has an empty catalog."""
        path = folder / CATALOG_FILE
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        fields = CatalogEntry.__dataclass_fields__
        entries = {}
        for raw in data.get("documents", []):
            entry = CatalogEntry(**{k: v for k, v in raw.items() if k in fields and v is not None})
            entries[entry.file] = entry
        return cls(entries)

    def for_file(self, path: Path) -> CatalogEntry | None:
        return self.entries.get(path.name)


def doc_id_for(relative: str | PurePath) -> str:
    """The id of a document without a catalog entry: its path relative to the folder it was ingested
    from, with its suffix and ``/`` between folders (``plan-2020.txt``, ``bilagor/Plan.PDF``).

    Unique per file and the same on every run, and a file name in a gold set is its id. NFC, so a
    name spelled with combining accents gets the same id; control characters are escaped."""
    return printable(unicodedata.normalize("NFC", PurePath(relative).as_posix()))
