"""Errors the assistant raises, and the one function that turns any error into user text."""

from __future__ import annotations

from pydantic import ValidationError

from index.backends import StoreUnavailable
from ingest.errors import IngestError


class AssistantError(Exception):
    """A problem the user can act on; the message says what happened and what to do."""


class InvalidQuestion(AssistantError):
    """The question cannot be asked as written (empty, too long, control characters).

    ``reason`` names the problem ("empty", "no_words", "too_long", "control", "not_text") and
    ``details`` its figures, so a front end can say it in its own language."""

    def __init__(self, message: str, reason: str = "invalid", **details: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.details = details


class IndexMissing(AssistantError):
    """Nothing has been indexed yet."""


class Busy(AssistantError):
    """Every worker stayed busy for the whole wait; asking again later works."""


class DataDirUnusable(AssistantError):
    """The data directory cannot be created or written (read-only, full, not a directory)."""


def user_message(error: BaseException) -> str:
    """One line of plain text for any error (the CLI and the UI both use this)."""
    if isinstance(error, AssistantError | IngestError | StoreUnavailable):
        return str(error)
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()))
        return f"invalid setting {where}: {first.get('msg')}"
    if isinstance(error, FileNotFoundError | PermissionError | IsADirectoryError):
        return f"{error.strerror}: {error.filename}"
    if isinstance(error, OSError):
        return f"{error.strerror or error}" + (f": {error.filename}" if error.filename else "")
    return f"unexpected {type(error).__name__}: {error} (run with --debug for details)"
