"""Which files an ingest run reads, and the document id of each.

A folder is read recursively; a file given by itself is read on its own. Every file found knows the
folder it was found in (its ``root``; for a file given by itself, its parent), so its id — the path
relative to that folder, see :func:`ingest.catalog.doc_id_for` — is the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ingest.catalog import CATALOG_FILE, Catalog, CatalogEntry, doc_id_for
from ingest.errors import CatalogUnreadable, printable


@dataclass(frozen=True)
class Found:
    """A file to ingest and the folder it was found in."""

    path: Path
    root: Path

    @property
    def relative(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    @property
    def name(self) -> str:
        """How reports name the file: its path relative to the folder given."""
        return self.relative


def discover(paths: Iterable[Path]) -> tuple[list[Found], list[Path]]:
    """Files to ingest and the folders they were found in (folders are where removal applies)."""
    files: list[Found] = []
    folders: list[Path] = []
    for p in paths:
        if p.is_dir():
            root = p.resolve()
            folders.append(root)
            files.extend(Found(f, root) for f in sorted(root.rglob("*")) if f.is_file() and _wanted(f.name))
        else:
            path = p.absolute()
            files.append(Found(path, path.parent))
    return files, folders


def _wanted(name: str) -> bool:
    return name != CATALOG_FILE and not name.startswith(".") and name.lower() != "readme.md"


def document_id(found: Found, entry: CatalogEntry | None) -> str:
    """The catalog's id when the catalog names the file, else the path-based one."""
    return entry.doc_id if entry else doc_id_for(found.relative)


class Catalogs:
    """The ``catalog.json`` of each folder files come from, read once per run."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Catalog] = {}

    def entry(self, found: Found) -> CatalogEntry | None:
        folder = found.path.parent
        if folder not in self._by_folder:
            try:
                self._by_folder[folder] = Catalog.load(folder)
            except (OSError, ValueError, TypeError, AttributeError) as e:
                raise CatalogUnreadable(found.name, f"{printable(str(folder / CATALOG_FILE))}: {e}") from e
        return self._by_folder[folder].for_file(found.path)
