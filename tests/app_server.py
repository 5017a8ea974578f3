"""A real `plansvar serve` process on a free loopback port, for tests that need the server as users run it
(uvicorn, the page mounted, every middleware): start it, wait until it answers, stop it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from assistant.settings import PROJECT_ROOT


@dataclass
class AppProcess:
    url: str
    process: subprocess.Popen
    log: Path

    def rss_kib(self) -> int:
        """Resident memory of the server process (VmRSS, KiB)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line in /proc/PID/status")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data_dir: Path, work: Path, *extra: str, **env: str) -> AppProcess:
    """`python -m app --data-dir DATA serve --port N [extra]` with ``env`` added to the environment."""
    port = free_port()
    work.mkdir(parents=True, exist_ok=True)
    log = work / "serve.log"
    environment = {**os.environ, "GRADIO_TEMP_DIR": str(work / "gradio"), **env}
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "serve", "--port", str(port), *extra]
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=environment, cwd=PROJECT_ROOT)
    return AppProcess(f"http://127.0.0.1:{port}", process, log)


def wait(app: AppProcess, path: str = "/api/health", timeout: float = 120) -> AppProcess:
    """Poll until the server answers ``path`` at all (any status); fail with its log if it exits or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if app.process.poll() is not None:
            pytest.fail(f"the app exited with {app.process.returncode}:\n{app.log.read_text()[-3000:]}")
        try:
            httpx.get(app.url + path, timeout=2)
            return app
        except httpx.TransportError:
            time.sleep(0.3)
    pytest.fail(f"the app did not answer within {timeout} s:\n{app.log.read_text()[-3000:]}")


def stop(app: AppProcess) -> None:
    app.process.terminate()
    try:
        app.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        app.process.kill()
        app.process.wait(timeout=10)


@contextmanager
def serving(data_dir: Path, work: Path, *extra: str, **env: str) -> Iterator[AppProcess]:
    app = wait(start(data_dir, work, *extra, **env))
    try:
        yield app
    finally:
        stop(app)
