"""Why a file could not be ingested. Each message says what happened in plain words."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be turned into a document; the run goes on without it."""

    reason = "could not be read"

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {self.reason}" + (f" ({detail})" if detail else ""))


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


class TooLarge(IngestError):
    reason = "the file is too large to index"


class UnexpectedError(IngestError):
    """Any other exception while reading one file: named with its type, and the run goes on."""

    reason = "the file could not be read (the reader failed on it)"

    @classmethod
    def wrap(cls, path: str, error: Exception) -> UnexpectedError:
        detail = " ".join(f"{type(error).__name__}: {error}".split())
        return cls(path, detail if len(detail) <= 200 else detail[:199] + "…")
