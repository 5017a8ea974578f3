"""Attacks on the page's doors, each against a real `python -m app serve` process (as an attacker on
the same network would send them): the rate limit on every door. Hashing embedder (the doors are
under test, not the answers)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from app_server import AppServer, call_handler, handler_index, start_app, stop_app, with_mcp
from gradio_client import Client
from gradio_client.exceptions import AppError

from assistant.settings import PROJECT_ROOT

PLAN = "Trafikplan\n\nRegionen ansvarar för kollektivtrafiken. Nya busslinjer öppnas 2025 mellan kommunerna.\n"
BASE = {"PLANSVAR_EMBEDDER": "hashing", "PLANSVAR_ANSWER__MIN_DENSE": "0"}


def _ingest(data_dir: Path, folder: Path) -> None:
    """Index ``folder`` with the CLI, as an operator does (the plans "ingested from elsewhere")."""
    env = {**os.environ, **BASE}
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "ingest", str(folder)]
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=PROJECT_ROOT)


def _start(tmp_path_factory, name: str, **env: str) -> AppServer:
    work = tmp_path_factory.mktemp(name)
    plans = work / "plans"
    plans.mkdir()
    (plans / "trafikplan.txt").write_text(PLAN, encoding="utf-8")
    _ingest(work / "var", plans)
    return start_app(work / "var", work, **BASE, **env)


# -- issue 14.6 / 12.3: one rate limit for every door -----------------------------------------


@pytest.fixture(scope="module")
def limited_app(tmp_path_factory):
    app = _start(tmp_path_factory, "limited", PLANSVAR_API__RATE_LIMIT_PER_MINUTE="1")
    yield app
    stop_app(app)


def _mcp_ask(app: AppServer, question: str):
    return with_mcp(app, lambda session: session.call_tool("ask", {"question": question}))


def test_one_rate_limit_holds_on_every_door(limited_app):
    """At one question a minute: the first is answered; then the JSON API, the Gradio API, the MCP
    tool and the page's chat all refuse the same address within that minute."""
    question = {"question": "Vem ansvarar för kollektivtrafiken?"}
    assert httpx.post(limited_app.url + "/api/ask", json=question, timeout=30).status_code == 200
    refused = httpx.post(limited_app.url + "/api/ask", json=question, timeout=30)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    with pytest.raises(AppError, match="too many questions"):
        Client(limited_app.url + "/", verbose=False).predict(question["question"], [], api_name="/ask")
    result = _mcp_ask(limited_app, question["question"])
    assert result.isError and "too many questions" in result.content[0].text
    chat = call_handler(limited_app, handler_index(limited_app, "question", "submit"), [question["question"], [], None])
    assert chat["success"], chat
    bubbles = chat["output"]["data"][0]
    assert "too many questions" in str(bubbles[-1]), bubbles
