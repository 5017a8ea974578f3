"""Per-client limits for every door of the app: a token bucket per client address, and a bounded worker pool.

One :class:`DoorLimits` per app, shared by the JSON API, the page's chat, its Gradio API and the MCP
tools, so a client cannot get a fresh allowance by changing doors. :func:`client_address` is the one
place that decides which address a request comes from.

Both are in-process: with several app replicas, each replica limits what it sees (put the same
limit at the load balancer if one client must be limited across replicas).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.errors import AssistantError, Busy


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
        return self._take(key, take=True)

    def wait(self, key: str) -> float:
        """The seconds until ``key`` may make a request (0: now), taking nothing."""
        return self._take(key, take=False)

    def _take(self, key: str, take: bool) -> float:
        if self.per_minute <= 0:
            return 0.0
        rate = self.per_minute / 60.0
        now = self._clock()
        with self._lock:
            tokens, updated = self._buckets.pop(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - updated) * rate)
            wait = 0.0 if tokens >= 1.0 else (1.0 - tokens) / rate
            self._buckets[key] = (tokens - 1.0 if wait == 0.0 and take else tokens, now)
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


def client_address(request: Any) -> str:
    """The address of the client that sent ``request`` (a Starlette/FastAPI request, or Gradio's
    ``gr.Request`` around one). Every door asks this function, so how the address is derived (e.g.
    from a trusted proxy's forwarded header) is decided here only."""
    client = getattr(request, "client", None) if request is not None else None
    host = getattr(client, "host", None)
    return str(host) if host else "unknown"


class TooManyRequests(AssistantError):
    """A client asked more often than the per-minute limit allows; ``wait`` seconds until it may again."""

    def __init__(self, message: str, wait: float) -> None:
        super().__init__(message)
        self.wait = wait

    @property
    def retry_after(self) -> str:
        return retry_after(self.wait)


@dataclass(frozen=True)
class DoorLimits:
    """The rate limit and the worker slots one app shares between all its doors."""

    limiter: RateLimiter
    slots: WorkerSlots

    @classmethod
    def create(cls, rate_limit_per_minute: int, concurrency: int, queue_timeout_seconds: float) -> DoorLimits:
        return cls(RateLimiter(rate_limit_per_minute), WorkerSlots(concurrency, queue_timeout_seconds))

    def admit(self, request: Any, what: str = "questions") -> None:
        """Take one request of this client's allowance, or raise :class:`TooManyRequests`."""
        wait = self.limiter.acquire(client_address(request))
        if wait:
            raise TooManyRequests(
                f"too many {what} from your address (at most {self.limiter.per_minute} a minute); "
                f"please wait {retry_after(wait)} s",
                wait,
            )
