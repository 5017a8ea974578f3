"""One error shape on every route of a door: the framework's own errors (bad content type, invalid
JSON, wrong method, unknown path) answer ``{"error": "…"}`` under /api like the routes do, with the
page mounted at / as `plansvar serve` runs it and without it (`--api-only`)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from front.api import create_api_app

TEXT, FORM = {"content-type": "text/plain"}, {"content-type": "application/x-www-form-urlencoded"}
BAD_REQUESTS = [
    ("post", "/api/ask", {"content": '{"question": "Vad är en SIP?"}'.encode(), "headers": TEXT}),
    ("post", "/api/ask", {"content": b"question=Vad", "headers": FORM}),
    ("post", "/api/ask", {"content": '{"question": "Vad är'.encode(), "headers": {"content-type": "application/json"}}),
    ("post", "/api/ask/stream", {"content": b"\xff\xfe{", "headers": {"content-type": "application/json"}}),
    ("get", "/api/ask", {}),
    ("put", "/api/ask/stream", {"json": {"question": "Vad är en SIP?"}}),
    ("delete", "/api/health", {}),
    ("get", "/api/no-such-route", {}),
    ("post", "/api/ask/extra", {"json": {"question": "Vad är en SIP?"}}),
]


@pytest.fixture(scope="module", params=["page", "api-only"])
def client(request, tmp_path_factory):
    from assistant.settings import Settings

    settings = Settings(data_dir=tmp_path_factory.mktemp("errors"), embedder="hashing")
    if request.param == "page":
        from app import create_app

        return TestClient(create_app(settings), raise_server_exceptions=False)
    return TestClient(create_api_app(settings), raise_server_exceptions=False)


@pytest.mark.parametrize(("method", "path", "kwargs"), BAD_REQUESTS, ids=lambda x: x if isinstance(x, str) else "")
def test_the_frameworks_errors_have_the_apis_shape(client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    assert 400 <= response.status_code < 500
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"], body
    assert "Traceback" not in response.text


def test_wrong_method_is_405_with_allow(client):
    response = client.get("/api/ask")
    assert response.status_code == 405 and response.headers["allow"] == "POST"
    assert response.json() == {"error": "GET is not allowed on /api/ask; use POST"}


def test_unknown_api_path_is_404(client):
    response = client.get("/api/no-such-route")
    assert response.status_code == 404 and response.json() == {"error": "no such route: /api/no-such-route"}


def test_a_body_that_is_not_json_says_so(client):
    response = client.post("/api/ask", content=b'{"question": "x"}', headers={"content-type": "text/plain"})
    assert "send JSON with content-type application/json, not text/plain" in response.json()["error"]
    response = client.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert response.json()["error"].startswith("invalid request: the body is not valid JSON")
