"""Per-client rate limit (token bucket) and the bounded worker pool."""

from __future__ import annotations

import threading

import pytest

from assistant.errors import Busy
from front.limits import Limits, RateLimited, RateLimiter, TrustedProxies, WorkerSlots, client_address, retry_after


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_up_to_the_limit_then_a_wait():
    clock = Clock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.acquire("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    wait = limiter.acquire("a")
    assert wait == pytest.approx(20.0)  # 3 a minute: one token every 20 s
    assert limiter.acquire("b") == 0.0, "another client has its own bucket"
    clock.now += 20
    assert limiter.acquire("a") == 0.0
    assert limiter.acquire("a") > 0


def test_refused_requests_take_no_token():
    clock = Clock()
    limiter = RateLimiter(60, clock=clock)
    for _ in range(60):
        limiter.acquire("a")
    assert limiter.acquire("a") == pytest.approx(1.0)
    clock.now += 0.5
    assert limiter.acquire("a") == pytest.approx(0.5)
    clock.now += 0.5
    assert limiter.acquire("a") == 0.0


def test_zero_disables_the_limit():
    limiter = RateLimiter(0)
    assert all(limiter.acquire("a") == 0.0 for _ in range(10_000))


def test_memory_is_bounded():
    limiter = RateLimiter(1, max_clients=100)
    for i in range(1000):
        limiter.acquire(f"10.0.{i // 250}.{i % 250}")
    assert len(limiter._buckets) == 100


def test_retry_after_is_whole_seconds_at_least_one():
    assert retry_after(0.01) == "1" and retry_after(1.2) == "2" and retry_after(20.0) == "20"


def test_worker_slots_queue_then_report_busy():
    slots = WorkerSlots(1, timeout=0.05)
    release = threading.Event()
    entered = threading.Event()

    def hold() -> None:
        with slots:
            entered.set()
            release.wait(5)

    t = threading.Thread(target=hold)
    t.start()
    entered.wait(5)
    with pytest.raises(Busy) as info, slots:
        pass
    assert "busy" in str(info.value)
    release.set()
    t.join(5)
    with slots:  # free again
        pass


# -- who the client is: forwarded headers only from trusted proxies ---------------------------------


def _request(peer: str, *forwarded: str):
    """A real Starlette request as the server hands it over: peer address and headers."""
    from starlette.requests import Request

    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers, "client": (peer, 5000)})


def test_without_trusted_proxies_forwarded_headers_are_never_read():
    assert client_address(_request("127.0.0.1", "203.0.113.9")) == "127.0.0.1"
    assert client_address(_request("127.0.0.1", "203.0.113.9"), TrustedProxies()) == "127.0.0.1"
    assert client_address(_request("198.51.100.7", "203.0.113.9"), TrustedProxies(["10.0.0.0/8"])) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client():
    proxies = TrustedProxies(["10.0.0.5", "10.1.0.0/16"])
    assert client_address(_request("10.0.0.5", "203.0.113.9"), proxies) == "203.0.113.9"
    # what the client wrote itself (left of what our proxies appended) never counts
    assert client_address(_request("10.0.0.5", "1.2.3.4, 5.6.7.8, 203.0.113.9"), proxies) == "203.0.113.9"
    # a chain of trusted proxies is skipped from the right; several header lines are one list
    assert client_address(_request("10.0.0.5", "6.6.6.6, 203.0.113.9", "10.1.2.3"), proxies) == "203.0.113.9"
    assert client_address(_request("10.0.0.5"), proxies) == "10.0.0.5", "no header: the proxy itself"
    assert client_address(_request("10.0.0.5", "10.1.0.1"), proxies) == "10.1.0.1", "all trusted: the left-most"
    assert client_address(_request("10.0.0.5", "garbage"), proxies) == "garbage"
    assert client_address(_request("::ffff:10.0.0.5", "2001:db8::1"), proxies) == "2001:db8::1"


def test_gradio_requests_are_read_the_same_way():
    import gradio as gr

    proxies = TrustedProxies(["127.0.0.1"])
    assert client_address(gr.Request(_request("127.0.0.1", "9.9.9.9, 203.0.113.9")), proxies) == "203.0.113.9"
    queued = gr.Request(headers={"x-forwarded-for": "203.0.113.9"}, client={"host": "127.0.0.1", "port": 1})
    assert client_address(queued, proxies) == "203.0.113.9"
    assert client_address(queued) == "127.0.0.1"


def test_invalid_proxy_settings_are_refused_with_a_clear_message():
    from pydantic import ValidationError

    from assistant.settings import ApiSettings

    assert ApiSettings(trusted_proxies="10.0.0.5, 10.1.0.0/16").trusted_proxies == ["10.0.0.5", "10.1.0.0/16"]
    assert ApiSettings(trusted_proxies='["::1"]').trusted_proxies == ["::1"]
    with pytest.raises(ValidationError, match=r"'lb\.internal' is not an IP address or network"):
        ApiSettings(trusted_proxies="lb.internal")


def test_one_allowance_per_client_whatever_the_door():
    limits = Limits(rate_limit_per_minute=2, clock=Clock(), trusted_proxies=["10.0.0.5"])
    limits.admit(_request("10.0.0.5", "203.0.113.9"))
    limits.admit(_request("10.0.0.5", "8.8.8.8, 203.0.113.9"))  # a forged hop gives no new allowance
    with pytest.raises(RateLimited) as info:
        limits.admit(_request("10.0.0.5", "203.0.113.9"))
    assert info.value.wait == pytest.approx(30.0) and "at most 2 a minute" in str(info.value)
    limits.admit(_request("10.0.0.5", "198.51.100.1"))  # another client


def test_wait_tells_without_taking():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.wait("a") == 0.0 and limiter.wait("a") == 0.0
    assert limiter.acquire("a") == 0.0 and limiter.acquire("a") == 0.0
    assert limiter.wait("a") == pytest.approx(30.0)
    assert limiter.acquire("a") == pytest.approx(30.0)


def test_the_refusal_names_what_was_asked_and_when_to_come_back():
    limits = Limits(rate_limit_per_minute=1, clock=Clock())
    limits.admit(_request("198.51.100.1"), "searches")
    with pytest.raises(RateLimited) as info:
        limits.admit(_request("198.51.100.1"), "searches")
    assert str(info.value).startswith("too many searches from your address (at most 1 a minute)")
    assert info.value.retry_after == "60"
