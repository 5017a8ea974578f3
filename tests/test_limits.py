"""Per-client rate limit (token bucket) and the bounded worker pool."""

from __future__ import annotations

import threading

import pytest

from assistant.errors import Busy
from front.limits import RateLimiter, WorkerSlots, retry_after


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


def test_wait_tells_without_taking():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.wait("a") == 0.0 and limiter.wait("a") == 0.0
    assert limiter.acquire("a") == 0.0 and limiter.acquire("a") == 0.0
    assert limiter.wait("a") == pytest.approx(30.0)
    assert limiter.acquire("a") == pytest.approx(30.0)
