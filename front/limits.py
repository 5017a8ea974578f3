"""Per-client limits for the API: a token bucket per client address, and a bounded worker pool.

Both are in-process: with several app replicas, each replica limits what it sees (put the same
limit at the load balancer if one client must be limited across replicas).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

from assistant.errors import Busy


class RateLimiter:
    """``per_minute`` requests per key, refilled continuously; bursts up to ``per_minute``. 0 disables.

    Remembers at most ``max_clients`` keys (the least recently seen are forgotten, which only ever
    gives a forgotten client a full bucket again)."""

    def __init__(self, per_minute: int, max_clients: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.max_clients = max_clients
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key → (tokens, updated)
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float:
        """0 when the request may go ahead (one token taken); else the seconds until it may."""
        if self.per_minute <= 0:
            return 0.0
        rate = self.per_minute / 60.0
        now = self._clock()
        with self._lock:
            tokens, updated = self._buckets.pop(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - updated) * rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / rate
            self._buckets[key] = (tokens - 1.0 if wait == 0.0 else tokens, now)
            while len(self._buckets) > self.max_clients:
                self._buckets.popitem(last=False)
        return wait


def retry_after(seconds: float) -> str:
    """The ``Retry-After`` header value: whole seconds, at least 1."""
    return str(max(1, math.ceil(seconds)))


class WorkerSlots:
    """At most ``size`` answers computed at once; the rest wait in line (up to ``timeout`` seconds).

    On two cores the embedder and the scoring are CPU-bound: more parallel work only makes every
    request slower, so latency grows by queueing instead of by thrashing."""

    def __init__(self, size: int, timeout: float) -> None:
        self.size = size
        self.timeout = timeout
        self._slots = threading.BoundedSemaphore(size)

    def __enter__(self) -> WorkerSlots:
        if not self._slots.acquire(timeout=self.timeout):
            raise Busy(f"the server is busy (no free worker for {self.timeout:g} s); please try again shortly")
        return self

    def __exit__(self, *exc: object) -> None:
        self._slots.release()
