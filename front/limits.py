"""Per-client limits for every front door: a token bucket per client address, a bounded worker
pool, and who the client is (forwarded headers count only from configured proxies).

One :class:`Limits` per app, created once in ``create_app`` and shared by the JSON API, the
OpenAI-compatible door, the page's chat and export, its Gradio API, the MCP tools and the upload
route, so a client cannot get a fresh allowance by changing doors. :meth:`Limits.client_address` is
the one place that decides which address a request comes from. All of it is in-process:
with several app replicas, each replica limits what it sees (put the same limit at the load balancer
if one client must be limited across replicas).
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from assistant.errors import AssistantError, Busy
from assistant.settings import Settings


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


class RateLimited(AssistantError):
    """A client asked more often than the per-minute limit; ``wait`` seconds until it may again.

    ``what`` names what was asked for in the message ("questions", "searches", "uploads" …)."""

    def __init__(self, wait: float, per_minute: int, what: str = "questions") -> None:
        super().__init__(
            f"too many {what} from your address (at most {per_minute} a minute); please wait {retry_after(wait)} s"
        )
        self.wait = wait
        self.per_minute = per_minute

    @property
    def retry_after(self) -> str:
        """The ``Retry-After`` header value for this refusal."""
        return retry_after(self.wait)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


class TrustedProxies:
    """The addresses and networks (``10.0.0.5``, ``10.0.0.0/24``, ``::1``) whose ``X-Forwarded-For`` counts."""

    def __init__(self, networks: Iterable[str] = ()) -> None:
        self.networks: tuple[Network, ...] = tuple(ipaddress.ip_network(n.strip(), strict=False) for n in networks)

    def __contains__(self, address: str) -> bool:
        ip = _ip(address)
        if ip is None:
            return False
        ip = getattr(ip, "ipv4_mapped", None) or ip
        return any(ip in network for network in self.networks)


def client_address(request: Any, proxies: TrustedProxies | None = None) -> str:
    """The address a request comes from, for per-client limits.

    ``request``: a Starlette request, or Gradio's ``gr.Request`` (its ``.request``, or the headers and
    client it keeps for queued calls). The direct peer, unless it is one of ``proxies``: then the
    right-most ``X-Forwarded-For`` entry that is not a trusted proxy (entries to its left are the
    client's to write, so they never count). Without ``proxies`` forwarded headers are never read."""
    inner = getattr(request, "request", None)
    if inner is not None:  # gr.Request around the Starlette request
        request = inner
    client = getattr(request, "client", None)
    peer = str(getattr(client, "host", "") or "unknown")
    if proxies is None or peer not in proxies:
        return peer
    headers = getattr(request, "headers", None) or {}
    values = headers.getlist("x-forwarded-for") if hasattr(headers, "getlist") else [headers.get("x-forwarded-for")]
    hops = [hop.strip() for value in values if value for hop in value.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in proxies:
            ip = _ip(hop)
            return str(ip) if ip is not None else hop
    return hops[0] if hops else peer


_DEFAULTS = Settings.model_construct()  # the settings' defaults (the environment is not read)


class Limits:
    """The limits every door of one app shares: the rate limit per client address, the worker slots,
    and the proxies trusted to name the client. Create one per app and hand it to each door."""

    def __init__(
        self,
        rate_limit_per_minute: int = 0,
        concurrency: int = _DEFAULTS.concurrency,
        queue_timeout_seconds: float = _DEFAULTS.api.queue_timeout_seconds,
        trusted_proxies: Iterable[str] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.rate = RateLimiter(rate_limit_per_minute, clock=clock)
        self.slots = WorkerSlots(concurrency, queue_timeout_seconds)
        self.proxies = TrustedProxies(trusted_proxies)

    def client_address(self, request: Any) -> str:
        """See :func:`client_address` (with this app's trusted proxies)."""
        return client_address(request, self.proxies)

    def admit(self, request: Any, what: str = "questions") -> None:
        """Take one request from this client's allowance; raises :class:`RateLimited` when it is used up.

        Every door calls it: the HTTP doors with their Starlette request, the page's handlers, its
        Gradio API and the MCP tools with theirs (``gr.Request`` or Starlette's). ``what`` names the
        kind of request in the refusal ("questions", "searches", "uploads", "requests")."""
        wait = self.rate.acquire(self.client_address(request))
        if wait:
            raise RateLimited(wait, self.rate.per_minute, what)
