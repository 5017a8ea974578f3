"""Every front door of a real `plansvar serve` process shares one rate limit per client, and a client
cannot name itself: `X-Forwarded-For` counts only from the configured proxies — on the JSON API,
`/v1`, the page's chat, its Gradio API and the MCP tools alike."""

from __future__ import annotations

import httpx
import pytest
from app_server import call_handler, handler_index, serving, with_mcp
from gradio_client import Client
from gradio_client.exceptions import AppError


@pytest.fixture(scope="module")
def limited_app(tmp_path_factory):
    """Nothing indexed (a question is a 503 once the limit let it through), one question a minute (the
    next token comes 60 s later: far longer than these tests take between their requests)."""
    work = tmp_path_factory.mktemp("limited-app")
    env = {"PLANSVAR_EMBEDDER": "hashing", "PLANSVAR_API__RATE_LIMIT_PER_MINUTE": "1"}
    with serving(work / "var", work, **env) as app:
        yield app


def test_a_forged_forwarded_address_gets_no_fresh_allowance(limited_app):
    ask = {"question": "Vad är en SIP?"}
    statuses = [
        httpx.post(limited_app.url + "/api/ask", json=ask, headers={"X-Forwarded-For": f"203.0.113.{i}"}, timeout=30)
        .status_code
        for i in range(3)
    ]
    assert statuses == [503, 429, 429], "nothing is indexed: 503 while the limit lets a question through"


def test_every_door_draws_on_the_same_allowance(limited_app):
    """The allowance the test above used up is the one the OpenAI-compatible door draws on too."""
    chat = {"model": "plansvar", "messages": [{"role": "user", "content": "Vad är en SIP?"}]}
    for stream in (False, True):
        response = httpx.post(limited_app.url + "/v1/chat/completions", json={**chat, "stream": stream}, timeout=30)
        assert response.status_code == 429 and int(response.headers["retry-after"]) >= 1
        error = response.json()["error"]
        assert error["type"] == "rate_limit_error" and error["code"] == "rate_limit_exceeded"
        assert "at most 1 a minute" in error["message"]
    response = httpx.post(limited_app.url + "/api/ask/stream", json={"question": "Vad är en SIP?"}, timeout=30)
    assert response.status_code == 429 and set(response.json()) == {"error"}



@pytest.fixture(scope="module")
def proxied_app(tmp_path_factory):
    """As ``limited_app``, behind a proxy on 127.0.0.1 (the tests' own address): the client is the
    address the proxy forwards."""
    work = tmp_path_factory.mktemp("proxied-app")
    env = {
        "PLANSVAR_EMBEDDER": "hashing",
        "PLANSVAR_API__RATE_LIMIT_PER_MINUTE": "1",
        "PLANSVAR_API__TRUSTED_PROXIES": "127.0.0.1",
    }
    with serving(work / "var", work, **env) as app:
        yield app


def _forwarded(client: str) -> dict[str, str]:
    return {"X-Forwarded-For": client}


def _gradio(app, client: str) -> Client:
    """Gradio's own client, its requests forwarded for ``client`` by the trusted proxy."""
    return Client(app.url + "/", verbose=False, headers=_forwarded(client))


def test_behind_a_trusted_proxy_every_door_names_the_forwarded_client(proxied_app):
    """Nothing is indexed: a request the limit lets through says so; one it refuses says "too many"."""
    url, ask = proxied_app.url, {"question": "Vad är en SIP?"}
    first = httpx.post(url + "/api/ask", json=ask, headers=_forwarded("203.0.113.1"), timeout=30)
    assert first.status_code == 503, "admitted (nothing indexed)"
    with pytest.raises(AppError, match="too many questions"):  # the same client through the Gradio API
        _gradio(proxied_app, "203.0.113.1").predict(ask["question"], [], api_name="/ask")
    with pytest.raises(AppError, match="no plans are indexed"):  # another client has its own allowance
        _gradio(proxied_app, "203.0.113.2").predict("SIP", 3, api_name="/search")
    refused = with_mcp(
        proxied_app, lambda s: s.call_tool("ask", {"question": ask["question"]}), headers=_forwarded("203.0.113.2")
    )
    assert refused.isError and "too many questions" in refused.content[0].text
    chat = {"model": "plansvar", "messages": [{"role": "user", "content": ask["question"]}]}
    v1 = httpx.post(url + "/v1/chat/completions", json=chat, headers=_forwarded("203.0.113.3"), timeout=30)
    assert v1.status_code == 503, "admitted (nothing indexed)"
    submit = handler_index(proxied_app, "question", "submit")
    page = call_handler(proxied_app, submit, [ask["question"], [], None, None], headers=_forwarded("203.0.113.3"))
    assert page["success"] and "För många förfrågningar" in str(page["output"]["data"][0][-1]), page


MB = 1_000_000


class Body:
    """A 200 MB request body made on the fly; counts what the server let the client send."""

    def __init__(self, size: int = 200 * MB, chunk: int = MB) -> None:
        self.size, self.chunk, self.sent = size, chunk, 0

    def __iter__(self):
        while self.sent < self.size:
            self.sent += self.chunk
            yield b" " * self.chunk


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_a_200_mb_body_is_refused_without_being_read(limited_app, declared):
    body = Body()
    headers = {"content-type": "application/json"}
    if declared:
        headers["content-length"] = str(body.size)
    before = limited_app.rss_kib()
    response = httpx.post(limited_app.url + "/api/ask", content=iter(body), headers=headers, timeout=120)
    after = limited_app.rss_kib()
    assert response.status_code == 413
    assert response.json() == {"error": "the request body is larger than this route accepts (1 000 000 bytes)"}
    # the server stopped reading: what the client got to send is what the socket buffers hold, not 200 MB
    assert body.sent < 50 * MB, f"the client could send {body.sent / MB:.0f} MB"
    assert after - before < 50_000, f"the server grew by {(after - before) / 1024:.0f} MB"
    assert httpx.get(limited_app.url + "/api/health", timeout=30).status_code == 503, "still serving"
