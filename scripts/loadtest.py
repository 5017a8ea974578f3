"""Load test: simulated users asking the dev questions through `POST /api/ask` on 127.0.0.1.

Starts `plansvar serve` on a free loopback port on the default index (``make loadtest`` ingests it
first if missing) with the per-client rate limit off (every simulated user comes from 127.0.0.1, so
the limit would measure itself), then for each user count runs that many users for a fixed time:
each sends a question, waits for the answer, sends the next (no think time: the worst case).
Reports throughput, latency p50/p95/p99, errors and the server's RSS; ``--write`` replaces the
``## Load test`` section of docs/BENCHMARKS.md. Bounded: fixed duration per step, loopback only,
and the server is stopped at the end.

    .venv/bin/python scripts/loadtest.py --write docs/BENCHMARKS.md
    .venv/bin/python scripts/loadtest.py --users 5 --duration 5          # a quick check
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from bench import git_commit, machine
from mdsection import write_section

from assistant.evaluation import load_gold, percentile
from assistant.settings import PROJECT_ROOT, configure_runtime

GOLD = PROJECT_ROOT / "data" / "eval" / "dev.jsonl"
HOST = "127.0.0.1"


@dataclass
class Step:
    users: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # ms of successful answers
    errors: dict[str, int] = field(default_factory=dict)
    rss_mb: list[float] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of the process and its children (uvicorn runs in the one process)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def start_server(port: int, api_only: bool, env_extra: dict[str, str]) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "app", "serve", "--port", str(port)] + (["--api-only"] if api_only else [])
    env = {**os.environ, "PLANSVAR_API__RATE_LIMIT_PER_MINUTE": "0", **env_extra}
    return subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, proc: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(trust_env=False, timeout=5) as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
            try:
                if client.get(f"{base}/api/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer /api/health within {timeout:.0f} s")


async def user(client: httpx.AsyncClient, base: str, questions: list[str], k: int, until: float, step: Step) -> None:
    i = k * 7
    while time.monotonic() < until:
        # a request number makes every question new to the server's query-vector cache, as real
        # citizens' questions would be: each request pays for its embedding
        question = f"{questions[i % len(questions)]} (#{k}-{i})"
        i += 1
        t0 = time.perf_counter()
        try:
            r = await client.post(f"{base}/api/ask", json={"question": question})
        except httpx.HTTPError as e:
            step.error(type(e).__name__)
            continue
        if r.status_code == 200:
            step.latencies.append((time.perf_counter() - t0) * 1000)
        else:
            step.error(f"HTTP {r.status_code}")


async def sample_rss(pid: int, until: float, step: Step) -> None:
    while time.monotonic() < until:
        step.rss_mb.append(rss_mb(pid))
        await asyncio.sleep(0.5)


async def run_step(base: str, pid: int, questions: list[str], users: int, duration: float) -> Step:
    step = Step(users)
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(trust_env=False, timeout=120, limits=limits) as client:
        t0 = time.monotonic()
        until = t0 + duration
        await asyncio.gather(
            sample_rss(pid, until, step), *(user(client, base, questions, k, until, step) for k in range(users))
        )
        step.seconds = time.monotonic() - t0  # includes the answers in flight at the deadline
    return step


def render(steps: list[Step], duration: float, note: str, api_only: bool) -> str:
    what = "`plansvar serve --api-only`" if api_only else "`plansvar serve` (page and API)"
    lines = [
        "## Load test",
        "",
        f"Written by `make loadtest` (`scripts/loadtest.py`): {what} on the default index, real embedder, "
        f"embedded Chroma, per-client rate limit off; each simulated user asks the 57 dev questions in turn "
        f"(each made unique with a request number, so no answer comes from a cache) through `POST /api/ask` "
        f"with no pause, {duration:.0f} s per step; client and server on the same two cores. Latency is per "
        "answered request (queueing included).",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {note}",
        *machine()[:2],
        f"- Commit: {git_commit()}",
        "",
        "| Users | Requests | Throughput | p50 | p95 | p99 | Errors | Server RSS (max) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in steps:
        n = len(s.latencies)
        errors = ", ".join(f"{v} × {k}" for k, v in sorted(s.errors.items())) or "0"
        ms = s.latencies or [float("nan")]
        rss = max(s.rss_mb) if s.rss_mb else float("nan")
        lines.append(
            f"| {s.users} | {n} | {n / s.seconds:.1f} req/s | {percentile(ms, 50):.0f} ms | "
            f"{percentile(ms, 95):.0f} ms | {percentile(ms, 99):.0f} ms | {errors} | {rss:.0f} MB |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    configure_runtime()
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--users", default="10,25,50", help="concurrent users per step")
    p.add_argument("--duration", type=float, default=30.0, help="seconds per step")
    p.add_argument("--api-only", action="store_true", help="serve the API without the page")
    p.add_argument("--concurrency", type=int, default=None, help="PLANSVAR_CONCURRENCY for the server")
    p.add_argument("--write", type=Path, metavar="PATH", help="replace the '## Load test' section of this file")
    args = p.parse_args(argv)
    questions = [q.question for q in load_gold(GOLD)]
    port = free_port()
    base = f"http://{HOST}:{port}"
    extra = {"PLANSVAR_CONCURRENCY": str(args.concurrency)} if args.concurrency else {}
    load_before = os.getloadavg()
    proc = start_server(port, args.api_only, extra)
    steps = []
    try:
        wait_ready(base, proc)
        asyncio.run(run_step(base, proc.pid, questions, 2, 3.0))  # warm-up: model loaded, caches filled
        for users in (int(u) for u in args.users.split(",")):
            steps.append(asyncio.run(run_step(base, proc.pid, questions, users, args.duration)))
            print(render(steps[-1:], args.duration, "", args.api_only).splitlines()[-1], file=sys.stderr)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    load = os.getloadavg()
    note = (
        f"load average before {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}, "
        f"after {load[0]:.2f} (1/5/15 min; the test itself loads both cores)"
        + (f"; PLANSVAR_CONCURRENCY={args.concurrency}" if args.concurrency else "")
    )
    text = render(steps, args.duration, note, args.api_only)
    print(text, end="")
    if args.write:
        write_section(args.write, text)
        print(f"loadtest: wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
