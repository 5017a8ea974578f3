"""The body-size limit on every route (front/bodylimit.py), in-process: the limit per path prefix, 413
in the shape of the door the path belongs to, bodies under the limit untouched."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.settings import Settings
from front.api import create_api_app
from front.bodylimit import BodyLimit


def test_the_longest_prefix_decides():
    limit = BodyLimit(None, 100, {"/gradio_api/upload": None, "/gradio_api": 50, "/gradio_api/queue": 70})
    assert limit.limit_for("/api/ask") == 100
    assert limit.limit_for("/gradio_api/queue/join") == 70
    assert limit.limit_for("/gradio_api/info") == 50
    assert limit.limit_for("/gradio_api/upload") is None


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("bodylimit"), embedder="hashing")
    settings.api.max_body_bytes = 2048
    return TestClient(create_api_app(settings), raise_server_exceptions=False)


def _chunks(total: int, size: int = 512):
    for _ in range(total // size):
        yield b" " * size


TOO_LARGE = {"error": "the request body is larger than this route accepts (2 048 bytes)"}


@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream", "/api/health", "/anything"])
def test_a_declared_length_over_the_limit_is_413_on_any_route(client, path):
    response = client.post(path, content=b" " * 4096, headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json() == TOO_LARGE


@pytest.mark.parametrize("path", ["/api/ask", "/api/ask/stream"])
def test_a_chunked_body_is_read_only_up_to_the_limit(client, path):
    """(A route that reads no body, such as a 404 or 405, answers without reading it.)"""
    response = client.post(path, content=_chunks(8192), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json() == TOO_LARGE


def test_the_openai_door_gets_its_own_error_shape(client):
    response = client.post("/v1/chat/completions", content=b" " * 4096)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "body_too_large"
    assert response.json()["error"]["type"] == "invalid_request_error"


def test_under_the_limit_the_route_answers(client):
    padded = b'{"question": "Vad \\u00e4r en SIP?"' + b" " * 1500 + b"}"
    response = client.post("/api/ask", content=padded, headers={"content-type": "application/json"})
    assert response.status_code == 503 and "plansvar ingest" in response.json()["error"]  # nothing indexed
    response = client.post("/api/ask", content=_chunks(1024), headers={"content-type": "application/json"})
    assert response.status_code == 400  # read whole (1 kB of spaces), then found not to be JSON
