"""The page in a real headless Chromium (Debian's, driven by Playwright) against real app processes.

Each app runs in its own process on a free loopback port, as `plansvar serve` does for users
(started and stopped by ``tests/app_server.py``):
- ``corpus_app``: the default corpus with the real embedder (a copy of the session's index);
- ``hostile_app``: one document full of markup, to prove the page renders text, never HTML;
- ``empty_app``: nothing indexed, to prove errors become messages.
Every test fails if the page makes a request to anything but the app.

Nothing here sleeps or polls: an app is ready when it prints the line `serve` prints once it listens
(on a port the system picked; ``tests/app_server.py``), and a page is ready when it sets
``data-plansvar-ready`` on <html> (pages.open_page), after its load event has applied the language
and filled the tables.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from app_server import start_app, stop_app

from assistant.settings import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM_BIN") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "e2e"
HOSTILE = Path(__file__).parent.parent / "fixtures" / "hostile"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # No DNS for anything but this machine: the page cannot reach out even by accident.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args, tmp_path_factory):
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's chromium "
            "(apt-get install -y --no-install-recommends chromium) or set CHROMIUM_BIN"
        )
    home = tmp_path_factory.mktemp("chromium-home")  # Chromium writes caches under HOME; keep them here
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "env": {**os.environ, "HOME": str(home)},
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "sv-SE"}


@pytest.fixture(scope="session")
def corpus_app(corpus_settings, tmp_path_factory):
    work = tmp_path_factory.mktemp("corpus-app")
    data_dir = work / "var"
    shutil.copytree(corpus_settings.data_dir, data_dir)
    app = start_app(data_dir, work)
    yield app
    stop_app(app)


def _ingest_hostile(data_dir: Path, env: dict[str, str]) -> Path:
    """Index the hostile document into ``data_dir`` with the CLI, as an operator would."""
    subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "ingest", str(HOSTILE)],
        check=True,
        capture_output=True,
        env={**os.environ, **env},
        cwd=PROJECT_ROOT,
    )
    return data_dir


@pytest.fixture(scope="session")
def hostile_app(tmp_path_factory):
    """One hostile document, indexed with the hashing test embedder (fast; the page is under test)."""
    work = tmp_path_factory.mktemp("hostile-app")
    env = {"PLANSVAR_EMBEDDER": "hashing", "PLANSVAR_ANSWER__MIN_DENSE": "0"}
    app = start_app(_ingest_hostile(work / "var", env), work, **env)
    yield app
    stop_app(app)


@pytest.fixture(scope="session")
def llm_server():
    """The protocol double of an OpenAI-compatible server (tests/chat_double.py), scripted per test."""
    from chat_double import ChatServerDouble

    server = ChatServerDouble().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def llm_app(llm_corpus_settings, llm_server, tmp_path_factory):
    """The three small test plans, answered through the protocol double as the configured LLM."""
    work = tmp_path_factory.mktemp("llm-app")
    data_dir = work / "var"
    shutil.copytree(llm_corpus_settings.data_dir, data_dir)
    env = {"PLANSVAR_LLM__KIND": "openai", "PLANSVAR_LLM__BASE_URL": llm_server.url, "PLANSVAR_LLM__MODEL": "double"}
    app = start_app(data_dir, work, **env)
    yield app
    stop_app(app)


@pytest.fixture(scope="session")
def upload_app(tmp_path_factory):
    """Uploads turned on with an admin token; starts from the hostile document (hashing embedder)."""
    work = tmp_path_factory.mktemp("upload-app")
    env = {
        "PLANSVAR_EMBEDDER": "hashing",
        "PLANSVAR_UPLOAD__ENABLED": "true",
        "PLANSVAR_UPLOAD__ADMIN_TOKEN": "hemlig-nyckel",
        "PLANSVAR_UPLOAD__MAX_BYTES": "100000",
    }
    app = start_app(_ingest_hostile(work / "var", env), work, **env)
    yield app
    stop_app(app)


@pytest.fixture(scope="session")
def empty_app(tmp_path_factory):
    work = tmp_path_factory.mktemp("empty-app")
    app = start_app(work / "var", work, PLANSVAR_EMBEDDER="hashing")
    yield app
    stop_app(app)


@pytest.fixture(autouse=True)
def only_local_requests(page):
    """Fail the test when the page requests anything outside the app (CDN, fonts, analytics)."""
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    yield
    network = [urlsplit(u) for u in requests if urlsplit(u).scheme not in ("data", "blob", "about")]
    outside = [u.geturl() for u in network if u.hostname not in ("127.0.0.1", "localhost")]
    assert not outside, f"the page requested outside the machine: {outside[:5]}"
    assert requests, "no request was seen: the check above proves nothing"


@pytest.fixture
def shot(page, request):
    """Save a screenshot of the current view as a test artifact: test-artifacts/e2e/<test>-<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
