"""Adding documents through the page: off by default, an admin token, PDF/TXT/MD/DOCX under a size limit.

The page calls :class:`UploadHandler` once per file and shows each :class:`UploadResult`. A file
that passes every check is saved under ``data_dir/uploads/`` with a cleaned name (no folders, no
hidden files, no control characters) and ingested incrementally through the normal pipeline, so
the same name again replaces that document and the same bytes again change nothing. A file the
pipeline cannot read is not kept (an earlier upload of that name stays as it was). The service is
refreshed afterwards, so the next question sees the document.

The admin token is checked first, before any file is read; wrong tokens are throttled per client
address (``upload.token_attempts_per_minute``: past that, even the right token is refused unread
until the address's allowance refills) and compared in constant time. An upload whose name is the
name of a document ingested from elsewhere (an indexed plan) is refused unless the admin asks to
replace it. A file the loader fails on is not kept, with a plain reason (never the raw exception).

Uploads are written one at a time in this process. Several replicas should not ingest at the same
moment (see docs/DEPLOYMENT.md: one writer at a time).
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import threading
import unicodedata
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.service import AssistantService
from assistant.settings import Settings
from front.limits import RateLimiter, retry_after
from ingest.catalog import doc_id_for
from ingest.documents import UPLOAD
from ingest.pipeline import IngestReport, ingest_paths

log = logging.getLogger("plansvar.upload")
ALLOWED_SUFFIXES = (".pdf", ".txt", ".md", ".docx")
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^\w.\- ]+")  # \w is Unicode: å, ä, ö and other letters stay


@dataclass(frozen=True)
class UploadResult:
    file: str  # the cleaned name when the name was usable, else the name as given
    ok: bool
    status: str  # "added" | "updated" | "unchanged" | "rejected" | "skipped"
    message: str
    doc_id: str = ""
    chunks: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def clean_file_name(name: str) -> str:
    """The last part of ``name`` only, unsafe characters replaced by ``_``, no leading or trailing dots
    ('' when nothing usable is left). ``../../etc/passwd`` → ``passwd``, ``.env.md`` → ``env.md``."""
    base = unicodedata.normalize("NFC", str(name)).replace("\\", "/").rsplit("/", 1)[-1]
    base = " ".join(_UNSAFE.sub("_", base).split()).strip(" ._-")
    if len(base) > MAX_NAME_CHARS:
        stem, dot, suffix = base.rpartition(".")
        keep = MAX_NAME_CHARS - len(suffix) - 1
        base = f"{stem[:keep].rstrip(' ._-')}.{suffix}" if dot and 0 < len(suffix) <= 10 else base[:MAX_NAME_CHARS]
    return base


class UploadHandler:
    """``handler(name, data, token)`` → :class:`UploadResult`; never raises for a bad file or token."""

    def __init__(self, settings: Settings, service: AssistantService) -> None:
        self.settings = settings
        self.service = service
        self._lock = threading.Lock()
        self._guesses = RateLimiter(settings.upload.token_attempts_per_minute)

    def __call__(
        self, name: str, data: bytes, token: str | None, replace: bool = False, address: str = "unknown"
    ) -> UploadResult:
        refusal = self.token_refusal(token, address) or self._refusal(name, len(data))
        if refusal:
            return _rejected(name, refusal) if isinstance(refusal, str) else refusal
        return self._store_and_ingest(clean_file_name(name), data, replace)

    def from_path(
        self,
        path: str | Path,
        token: str | None,
        name: str | None = None,
        replace: bool = False,
        address: str = "unknown",
    ) -> UploadResult:
        """The same for a file on disk (the page's temporary upload): the token first, then its size,
        and only then is it read."""
        path = Path(path)
        shown = name or path.name
        refusal = self.token_refusal(token, address)
        if refusal:
            return _rejected(shown, refusal)
        try:
            size = path.stat().st_size
        except OSError as e:
            return _rejected(shown, f"the uploaded file cannot be read ({e.strerror})")
        return self._refusal(shown, size) or self._store_and_ingest(clean_file_name(shown), path.read_bytes(), replace)

    def token_refusal(self, token: str | None, address: str = "unknown") -> str | None:
        """Why an upload with this token from this client address is refused, or None. A wrong token
        uses one of the address's attempts; with none left, no token is even compared."""
        options = self.settings.upload
        if not options.enabled:
            return "uploads are turned off on this server"
        expected = options.admin_token.get_secret_value() if options.admin_token else ""
        if not expected:
            return "uploads need an admin token, and none is configured on this server"
        wait = self._guesses.wait(address)
        if wait:
            return f"too many wrong admin tokens from your address; please wait {retry_after(wait)} s"
        if not hmac.compare_digest((token or "").encode("utf-8"), expected.encode("utf-8")):
            self._guesses.acquire(address)
            return "the admin token is wrong"
        return None

    def _refusal(self, name: str, size: int) -> UploadResult | None:
        """Why this file is refused, or None: the checks that need no disk or index (after the token)."""
        options = self.settings.upload
        clean = clean_file_name(name)
        if not clean:
            return _rejected(name, "the file name has no usable characters")
        if Path(clean).suffix.lower() not in ALLOWED_SUFFIXES:
            return _rejected(clean, "only .pdf, .txt, .md and .docx files are accepted")
        if size == 0:
            return _rejected(clean, "the file is empty")
        if size > options.max_bytes:
            return _rejected(clean, f"the file is too large ({_size(size)}; at most {_size(options.max_bytes)})")
        return None

    def _store_and_ingest(self, clean: str, data: bytes, replace: bool = False) -> UploadResult:
        folder = self.settings.uploads_dir
        with self._lock:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / clean
            if target.resolve().parent != folder.resolve():  # cannot happen after cleaning; never write elsewhere
                return _rejected(clean, "the file name is not allowed")
            taken = None if replace else self._ingested_elsewhere(target)
            if taken:
                return _rejected(clean, taken)
            backup = _write_keeping_backup(target, data)
            result = self._ingest(clean, target, replace)
            if result.ok:
                if backup:
                    backup.unlink(missing_ok=True)
            elif backup:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        if result.status in ("added", "updated"):
            self.service.refresh()
        return result

    def _ingested_elsewhere(self, target: Path) -> str | None:
        """Why ``target`` may not be ingested without the admin's word: the document it would become
        (its id, letter case aside: "Plan.txt" and "plan.txt" are one file on some systems) was
        ingested from another file (an indexed plan, not an earlier upload of this name)."""
        wanted = doc_id_for(target.name).casefold()  # a file ingested by itself: its name is its id
        for committed in self.service.index.committed().values():
            if committed.doc_id.casefold() != wanted or not committed.source_path:
                continue
            if Path(committed.source_path).resolve() == target.resolve():
                continue
            return (
                f"an indexed document has the same name ({committed.doc_id}, from "
                f"{Path(committed.source_path).name}); rename the file, or choose to replace that document"
            )
        return None

    def _ingest(self, clean: str, target: Path, replace: bool) -> UploadResult:
        """Ingest the saved file (``replace``: it may take the id of a document ingested from another
        file); any failure is a plain reason (logged in full here)."""
        settings = self.settings
        try:
            report = ingest_paths(
                [target], self.service.index, settings.chunking, limits=settings.ingest, replace=replace, origin=UPLOAD
            )
        except Exception as e:  # one bad upload must never surface as a raw exception
            log.warning("upload %s could not be ingested", clean, exc_info=e)
            return _rejected(clean, f"the file could not be read ({type(e).__name__})", status="skipped")
        return _result(clean, report)


def _write_keeping_backup(target: Path, data: bytes) -> Path | None:
    """Write ``data`` to ``target`` atomically; an earlier file of that name is moved aside (returned)."""
    tmp = target.with_name(f".incoming-{uuid.uuid4().hex}")
    tmp.write_bytes(data)
    backup = None
    if target.exists():
        backup = target.with_name(f".previous-{uuid.uuid4().hex}")
        os.replace(target, backup)
    os.replace(tmp, target)
    return backup


def _result(clean: str, report: IngestReport) -> UploadResult:
    if report.skipped:
        return _rejected(clean, report.skipped[0].reason, status="skipped")
    for status, ids in (("added", report.added), ("updated", report.updated), ("unchanged", report.unchanged)):
        if ids:
            messages = {
                "added": f"added: {report.chunks_written} passages indexed",
                "updated": f"replaced the earlier version: {report.chunks_written} passages indexed",
                "unchanged": "already indexed, unchanged",
            }
            return UploadResult(clean, True, status, messages[status], ids[0], report.chunks_written)
    return _rejected(clean, "nothing was indexed", status="skipped")


def _rejected(name: str, message: str, status: str = "rejected") -> UploadResult:
    return UploadResult(name, False, status, message)


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    return f"{n / 1000:.1f} kB" if n >= 1000 else f"{n} bytes"
