"""A real `python -m app serve` process on a free loopback port, for tests that need the app as users
run it (uvicorn, the page mounted, every middleware) and talk to it as a client would (plain HTTP,
gradio_client, the MCP client, headless Chromium): start it, wait until it says it listens, stop it.
The one helper for this: the e2e fixtures and the door tests all start their apps here. Nothing here
sleeps or polls: the app is ready when it prints the line `serve` prints once it listens."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from app import READY
from assistant.settings import PROJECT_ROOT

START_TIMEOUT = 240  # seconds; seen: 74 s for the page alone at load 15 on 2 cores


@dataclass
class AppServer:
    url: str
    data_dir: Path
    work: Path
    process: subprocess.Popen
    log: Path

    @property
    def gradio_temp(self) -> Path:
        return self.work / "gradio"

    def alive(self, timeout: float = 10) -> bool:
        """The process runs and answers a health request within ``timeout`` seconds."""
        try:
            return self.process.poll() is None and httpx.get(self.url + "/api/health", timeout=timeout).is_success
        except httpx.TransportError:
            return False

    def rss_kib(self) -> int:
        """Resident memory of the server process (VmRSS, KiB)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line in /proc/PID/status")


def start_app(data_dir: Path, work: Path, *extra: str, timeout: float = START_TIMEOUT, **env: str) -> AppServer:
    """`python -m app --data-dir DATA serve --port 0 [extra]` with ``env`` added to the environment;
    returns once the server says it listens (the line `serve` prints, naming the port the system
    picked). Its output is copied to ``work/serve.log`` as it comes. Fails the test with that log
    when the process exits first or does not say so within ``timeout`` seconds (it is stopped first)."""
    work.mkdir(parents=True, exist_ok=True)
    log = work / "serve.log"
    environment = {
        **os.environ,
        "GRADIO_TEMP_DIR": str(work / "gradio"),
        "TMPDIR": str(work),
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "serve", "--port", "0", *extra]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment, cwd=PROJECT_ROOT
    )
    urls: list[str] = []
    done = threading.Event()

    def copy_output() -> None:
        with log.open("w") as out:
            for line in process.stdout:
                out.write(line)
                out.flush()
                if line.startswith(READY) and not urls:
                    urls.append(line.split()[-1])
                    done.set()
        done.set()  # the process ended

    threading.Thread(target=copy_output, daemon=True).start()
    app = AppServer(urls[0] if done.wait(timeout) and urls else "", data_dir, work, process, log)
    if not app.url:
        stop_app(app)
        pytest.fail(f"the app did not say it was ready within {timeout} s:\n{log.read_text()[-3000:]}")
    return app


def stop_app(app: AppServer) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()
        app.process.wait(timeout=10)


@contextmanager
def serving(data_dir: Path, work: Path, *extra: str, **env: str) -> Iterator[AppServer]:
    """:func:`start_app`, stopped when the block ends."""
    app = start_app(data_dir, work, *extra, **env)
    try:
        yield app
    finally:
        stop_app(app)


def handler_index(app: AppServer, elem_id: str, event: str) -> int:
    """The index of the page's handler for ``event`` on the component ``elem_id`` (as the browser finds it)."""
    config = httpx.get(app.url + "/config", timeout=10).json()
    ids = [c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id]
    for dep in config["dependencies"]:
        if any(target == [ids[0], event] for target in dep["targets"]) and dep.get("backend_fn"):
            return dep["id"]
    raise LookupError(f"no {event} handler on #{elem_id}")


def call_handler(app: AppServer, fn_index: int, data: list, timeout: float = 30, headers: dict | None = None) -> dict:
    """Call one of the page's handlers as the browser does (join the queue, read the event stream);
    the final message (``success``, ``output``). ``headers`` go with the request that joins the queue."""
    session = os.urandom(8).hex()
    body = {"data": data, "fn_index": fn_index, "session_hash": session, "event_data": None, "trigger_id": None}
    joined = httpx.post(app.url + "/gradio_api/queue/join", json=body, timeout=timeout, headers=headers)
    joined.raise_for_status()
    with httpx.stream(
        "GET", app.url + "/gradio_api/queue/data", params={"session_hash": session}, timeout=timeout
    ) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message
    raise RuntimeError("the event stream ended without a result")


def with_mcp(app: AppServer, calls, headers: dict | None = None):
    """Open an MCP session with the app over streamable HTTP (the `mcp` SDK's client; ``headers`` on
    each of its requests); run ``await calls(session)`` in it and return its result."""
    import asyncio

    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def run():
        http = httpx.AsyncClient(headers=headers, timeout=httpx.Timeout(30, read=300), follow_redirects=True)
        transport = streamable_http_client(app.url + "/gradio_api/mcp/", http_client=http)
        async with http, transport as (read, write, _), ClientSession(read, write) as session:
            await session.initialize()
            return await calls(session)

    # A thread of its own: in a session with the browser tests, Playwright's loop runs in this thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()
