"""The data directory checked at start-up: it exists (or can be made), is a directory, takes writes.

Chroma's own error for a read-only or full disk is a SQLite message that names no folder; this
check runs first and says which directory is wrong and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
from pathlib import Path

from assistant.errors import DataDirUnusable

MIN_FREE_BYTES = 10 * 1024 * 1024
_PROBE_BYTES = 64 * 1024
_WHAT_TO_DO = "choose another with --data-dir or PLANSVAR_DATA_DIR"


def check_data_dir(directory: Path) -> None:
    """Create ``directory`` if missing and prove that it takes a write; else :class:`DataDirUnusable`."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DataDirUnusable(f"the data directory {directory} cannot be created ({_reason(e)}); {_WHAT_TO_DO}") from e
    if not directory.is_dir():
        raise DataDirUnusable(f"the data directory {directory} is not a directory; {_WHAT_TO_DO}")
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
