"""The running app's Assistant: built on first use, replaced when the index changes.

The page and the API answer in threads. Each request takes the current :class:`Assistant` and
uses it to the end; a refresh builds a new Assistant beside it (passages, keyword indexes,
register, document texts, all from the stored chunks) and then swaps one reference, so no request
ever sees a half-rebuilt index.

Refresh happens when asked (:meth:`AssistantService.refresh`, e.g. after an upload) and by itself:
at most every ``refresh_seconds`` a request starts a background check that compares the
committed-documents fingerprint with the one the Assistant was built from and, on a change, builds
the new Assistant; requests go on with the current one meanwhile (at 100 times the corpus a
rebuild takes seconds, docs/BENCHMARKS.md). That is how an app replica sees documents ingested
through another replica or the CLI into a shared Chroma server.

A store that cannot be opened (a Chroma server that is down at start-up) is tried again on the
next request; a store that goes away later makes requests fail with ``StoreUnavailable`` until it
is back, with no restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from assistant.engine import Assistant
from assistant.errors import IndexMissing
from assistant.settings import Settings
from assistant.wiring import build_assistant, build_index, build_retriever
from index.plan_index import PlanIndex

EMPTY_INDEX = "no plans are indexed yet: run `plansvar ingest`"
log = logging.getLogger("plansvar.service")


class AssistantService:
    """Callable: ``service()`` returns the current Assistant or raises ``IndexMissing`` / ``StoreUnavailable``."""

    def __init__(
        self,
        settings: Settings,
        index: PlanIndex | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._index = index
        self._assistant: Assistant | None = None
        self._lock = threading.Lock()  # one builder at a time; readers never wait for it
        self._clock = clock
        self._checked_at = clock()
        self._background: threading.Thread | None = None

    def __call__(self) -> Assistant:
        assistant = self._assistant
        if assistant is None:
            self.refresh()
        elif self._refresh_due():
            self._refresh_in_background()
        assistant = self._assistant
        if assistant is None:
            raise IndexMissing(EMPTY_INDEX)
        return assistant

    @property
    def index(self) -> PlanIndex:
        """The plan index (opened on first use; raises ``StoreUnavailable`` while the store cannot be opened)."""
        if self._index is None:
            self._index = build_index(self.settings)
        return self._index

    def refresh(self, force: bool = False, wait: bool = True) -> bool:
        """Rebuild the Assistant when the committed documents changed (or ``force``); True when rebuilt.

        With ``wait=False`` it returns False at once if another thread is rebuilding."""
        if not self._lock.acquire(blocking=wait):
            return False
        try:
            self._checked_at = self._clock()
            current = self._assistant
            if current is not None and not force and self.index.fingerprint() == current.snapshot.fingerprint:
                return False
            fresh = build_assistant(self.settings, build_retriever(self.settings, self.index))
            self._assistant = fresh if len(fresh.snapshot) else None  # an empty index is looked at again next time
            return True
        finally:
            self._lock.release()

    def wait_for_refresh(self, timeout: float | None = None) -> None:
        """Until a background refresh started by a request has finished (for tests and shutdown)."""
        background = self._background
        if background is not None:
            background.join(timeout)

    def _refresh_due(self) -> bool:
        every = self.settings.refresh_seconds
        return every > 0 and self._clock() - self._checked_at >= every

    def _refresh_in_background(self) -> None:
        with self._lock:
            if self._background is not None and self._background.is_alive():
                return
            self._checked_at = self._clock()  # one check per interval, however many requests come
            self._background = threading.Thread(target=self._refresh_quietly, name="plansvar-refresh", daemon=True)
            self._background.start()

    def _refresh_quietly(self) -> None:
        try:
            self.refresh()
        except Exception as e:  # noqa: BLE001 - a failed check is retried next interval; requests report their own errors
            log.warning("checking the index for changes failed (%s: %s); trying again later", type(e).__name__, e)
