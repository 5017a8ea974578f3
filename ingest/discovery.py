"""Which files an ingest run reads, and the document id of each.

A folder is read recursively; a file given by itself is read on its own. Every file found knows the
folder it was found in (its ``root``; for a file given by itself, its parent), so its id — the path
relative to that folder, see :func:`ingest.catalog.doc_id_for` — is the same on every run.

Symbolic links inside a folder are never followed out of it: a link is read only when it points to
a file inside the folder that is not read anyway. Links out of it, links to folders, loops and
dangling links are reported as skipped, each with its name and why. Hidden files and folders,
``catalog.json`` and ``README.md`` are not documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.catalog import CATALOG_FILE, Catalog, CatalogEntry, doc_id_for
from ingest.errors import CatalogUnreadable, printable


@dataclass(frozen=True)
class Found:
    """A file to ingest and the folder it was found in; ``skip`` says why it is not read (a link)."""

    path: Path
    root: Path
    skip: str = ""
    given: bool = False  # named by itself on the command line (not found in a folder)
    doc_id: str = ""  # an id recorded earlier (a rebuild), instead of the catalog's or the path's
    entry: CatalogEntry | None = None  # with ``doc_id``: the catalog entry recorded with it
    origin: str = ""  # with ``doc_id``: the origin recorded with it (an upload stays one)

    @property
    def relative(self) -> str:
        return self.path.relative_to(self.root).as_posix()

    def inside(self) -> bool:
        """Whether the file (through any link) is still inside its folder; a file given by itself always is."""
        return self.given or self.path.resolve().is_relative_to(self.root)

    @property
    def name(self) -> str:
        """How reports name the file: its path relative to the folder given, control characters escaped."""
        return printable(self.relative)


def discover(paths: Iterable[Path]) -> tuple[list[Found], list[Path]]:
    """Files to ingest (and links skipped, with ``skip`` set), and the folders they were found in
    (folders are where removal applies)."""
    files: list[Found] = []
    folders: list[Path] = []
    for p in paths:
        if p.is_dir():
            root = p.resolve()
            folders.append(root)
            files.extend(_folder(root))
        else:
            path = p.absolute()
            files.append(Found(path, path.parent, given=True))
    return files, folders


def _folder(root: Path) -> list[Found]:
    entries: list[Path] = []
    links: list[Path] = []
    unreadable: list[Found] = []
    for path, error in _walk(root):
        if error:
            unreadable.append(Found(path, root, f"a folder that cannot be read ({error})"))
        else:
            (links if path.is_symlink() else entries).append(path)
    read = {p.resolve() for p in entries}
    found = [Found(p, root) for p in entries] + unreadable
    found += [Found(p, root, _link_problem(p, root, read)) for p in links]
    return sorted(found, key=lambda f: f.relative)


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    """Files and links below ``folder`` (links to folders included, never descended into), and
    folders that cannot be listed (with the reason)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield folder, e.strerror or str(e)
        return
    for entry in entries:
        if not _wanted(entry.name):
            continue
        path = Path(entry.path)
        if entry.is_symlink():
            yield path, ""
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file(follow_symlinks=False):
            yield path, ""


def _link_problem(link: Path, root: Path, read: set[Path]) -> str:
    """Why a link is not read ('' when it is: a file inside the folder that is not read anyway)."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return f"a symbolic link to {printable(os.readlink(link))}, which does not exist"
    except (RuntimeError, OSError):  # RuntimeError: Python 3.11's "Symlink loop"; OSError: ELOOP
        return "a symbolic link that loops (it leads back to itself)"
    if not target.is_relative_to(root):
        return f"a symbolic link out of the folder being ingested (to {printable(str(target))}); not followed"
    if target.is_dir():
        return "a symbolic link to a folder; its files are read where they are"
    if target in read:
        return f"a symbolic link to {printable(target.relative_to(root).as_posix())}, which is read itself"
    return ""


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
