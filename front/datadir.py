"""The data directory checked at start-up: it exists (or can be made), is a directory, takes writes.

Chroma's own error for a read-only or full disk is a SQLite message that names no folder; this
check runs first and says which directory is wrong and what to do. Commands that only read (docs,
ask, retrieve, …) are not refused for a full disk; an ingest checks that the disk can take what it
will write (:func:`space_check`), before it starts and before each document.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from assistant.errors import DataDirUnusable

MIN_FREE_BYTES = 10 * 1024 * 1024
MIN_HEADROOM_BYTES = 64 * 1024 * 1024  # left free after an ingest, for SQLite's journal and Chroma's compaction
_PROBE_BYTES = 64 * 1024
_WHAT_TO_DO = "choose another with --data-dir or PLANSVAR_DATA_DIR"


def check_data_dir(directory: Path, writes: bool = True) -> None:
    """Create ``directory`` if missing and, for a command that ``writes``, prove that it takes a
    write and has some room; else :class:`DataDirUnusable`."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataDirUnusable(f"the data directory {directory} cannot be created ({_reason(e)}); {_WHAT_TO_DO}") from e
    if not directory.is_dir():
        raise DataDirUnusable(f"the data directory {directory} is not a directory; {_WHAT_TO_DO}")
    if writes:
        _check_writes(directory)


def _check_writes(directory: Path) -> None:
    probe = directory / f".plansvar-write-check-{os.getpid()}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"\0" * _PROBE_BYTES)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as e:
        raise DataDirUnusable(f"the data directory {directory} cannot be written ({_reason(e)}); {_WHAT_TO_DO}") from e
    finally:
        with contextlib.suppress(OSError):  # nothing to remove when it could not even be created
            probe.unlink(missing_ok=True)
    free = shutil.disk_usage(directory).free
    if free < MIN_FREE_BYTES:
        raise DataDirUnusable(
            f"the disk of the data directory {directory} is full ({free // 1024} KiB free); "
            f"free some space or {_WHAT_TO_DO}"
        )


def space_check(directory: Path, index: Path) -> Callable[[int], str | None]:
    """For an ingest into ``index`` (a folder in ``directory``): given the bytes a step will write,
    what is wrong with the disk, or None. The headroom kept free is :data:`MIN_HEADROOM_BYTES` plus
    the largest folder in the index (Chroma rewrites a vector segment whole when it compacts it; a
    disk that fills up then leaves it damaged)."""
    segments = [_size(p) for p in index.iterdir() if p.is_dir()] if index.is_dir() else []
    headroom = MIN_HEADROOM_BYTES + max(segments, default=0)

    def check(need: int) -> str | None:
        free = shutil.disk_usage(directory).free
        if free >= need + headroom:
            return None
        return (
            f"the disk of the data directory {directory} has {_mb(free)} free; this needs about "
            f"{_mb(need + headroom)} ({_mb(need)} to write and {_mb(headroom)} kept free for the index's "
            f"upkeep): free some space or {_WHAT_TO_DO}"
        )

    return check


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _mb(n: int) -> str:
    return f"{n / 1e6:,.1f} MB"


def _reason(error: OSError) -> str:
    reasons = {
        errno.EROFS: "read-only file system",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "disk quota exceeded",
        errno.EACCES: "permission denied",
        errno.EPERM: "operation not permitted",
        errno.ENOTDIR: "a part of the path is a file, not a directory",
        errno.EEXIST: "a file of that name exists",
    }
    known = reasons.get(error.errno) if error.errno is not None else None
    return known or error.strerror or str(error)
