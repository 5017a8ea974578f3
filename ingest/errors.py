"""Why a file could not be ingested. Each message says what happened in plain words."""

from __future__ import annotations

import unicodedata


def printable(name: str) -> str:
    """``name`` with control and line-breaking characters escaped (``\\n``, ``\\x1b``, ``\\u2028``), so a
    file name can never start a new line, or colour, a report or a log."""
    return "".join(
        ch if unicodedata.category(ch) not in _ESCAPED else ch.encode("unicode_escape").decode("ascii")
        for ch in name
    )


_ESCAPED = {"Cc", "Cf", "Zl", "Zp", "Cs"}


class IngestError(Exception):
    """A file could not be turned into a document; the run goes on without it."""

    reason = "could not be read"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(printable(f"{path}: {self.reason}" + (f" ({detail})" if detail else "")))


class EncryptedPDF(IngestError):
    reason = "the PDF is encrypted (password-protected); save an unprotected copy to index it"


class DamagedFile(IngestError):
    reason = "the file is damaged or truncated and could not be parsed"


class NotAPDF(IngestError):
    reason = "the file is named .pdf but is not a PDF"


class EmptyDocument(IngestError):
    reason = "the file contains no extractable text (empty, or scanned images without text)"


class UnsupportedType(IngestError):
    reason = "this file type is not supported (use .pdf, .txt, .md or .docx)"


class UnreadableFile(IngestError):
    reason = "the file could not be read"


class DuplicateId(IngestError):
    reason = "another file has the same document id; rename one of them (or give each its own doc_id in catalog.json)"


class CatalogUnreadable(IngestError):
    reason = "the catalog.json beside it cannot be read; fix or remove it and ingest again"


class TooLarge(IngestError):
    reason = "the file is too large to index"


class UnexpectedError(IngestError):
    """Any other exception while reading one file: named with its type, and the run goes on."""

    reason = "the file could not be read (the reader failed on it)"

    @classmethod
    def wrap(cls, path: str, error: Exception) -> UnexpectedError:
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        return cls(path, detail if len(detail) <= 200 else detail[:199] + "…")


class DiskSpaceLow(IngestError):
    """The disk of the index cannot take what an ingest would write; nothing was written."""

    reason = "not enough free disk space"

    def __init__(self, message: str) -> None:  # about the run, not one file: the message alone
        self.path, self.detail = "", message
        Exception.__init__(self, printable(message))
