"""The JSON API on the real corpus: the same Answer JSON as `plansvar ask --json`, clear errors."""

from __future__ import annotations

import threading

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.errors import IndexMissing
from assistant.wiring import build_assistant, build_index
from front.api import ApiOptions, add_api

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def client(corpus_settings, corpus_retriever):
    assistant = build_assistant(corpus_settings, corpus_retriever)
    return TestClient(add_api(FastAPI(), lambda: assistant))


def test_health_reports_the_documents(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "documents": 6}


def test_ask_returns_the_answer_json_with_exact_citations(client, corpus_settings):
    response = client.post("/api/ask", json={"question": "vem ansvarar för uppföljningen av färdplanen?"})
    assert response.status_code == 200
    body = response.json()
    assert body["supported"] is True and "chefsgrupp" in body["text"].lower()
    index = build_index(corpus_settings)
    for c in body["citations"]:
        assert index.document_text(c["doc_id"])[c["start"] : c["end"]] == c["quote"]


def test_follow_up_uses_the_history(client):
    body = client.post(
        "/api/ask", json={"question": "och vem följer upp den?", "history": ["Vad är färdplanen för nära vård?"]}
    ).json()
    assert body["supported"] is True
    assert any(c["doc_id"] == "fardplan-nara-vard-2024" for c in body["citations"])


@pytest.mark.parametrize("question", ["", "   ", "x" * 1001, "fråga\x00"])
def test_invalid_questions_get_400_with_a_message(client, question):
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and response.json()["error"]


def test_missing_index_is_503_not_a_traceback():
    def missing():
        raise IndexMissing("no plans are indexed yet: run `plansvar ingest`")

    client = TestClient(add_api(FastAPI(), missing))
    assert client.get("/api/health").status_code == 503
    response = client.post("/api/ask", json={"question": "Vad är en SIP?"})
    assert response.status_code == 503 and "plansvar ingest" in response.json()["error"]


# -- limits and bad requests -----------------------------------------------------------------------


def test_rate_limit_gives_429_with_retry_after(corpus_settings, corpus_retriever):
    assistant = build_assistant(corpus_settings, corpus_retriever)
    limited = TestClient(add_api(FastAPI(), lambda: assistant, ApiOptions(rate_limit_per_minute=2)))
    question = {"question": "Vad är en SIP?"}
    assert [limited.post("/api/ask", json=question).status_code for _ in range(2)] == [200, 200]
    response = limited.post("/api/ask", json=question)
    assert response.status_code == 429
    assert set(response.json()) == {"error"} and "at most 2 a minute" in response.json()["error"]
    assert int(response.headers["retry-after"]) == 30
    assert limited.get("/api/health").status_code == 200, "health checks are not limited"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"{}",
        b'{"question": 42}',
        b'{"question": ["a"]}',
        b'{"question": "ok", "history": "not a list"}',
        b'{"question": "' + b"x" * 20_001 + b'"}',
        b"[]",
    ],
)
def test_malformed_requests_get_400_with_one_message(client, body):
    response = client.post("/api/ask", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert set(response.json()) == {"error"} and response.json()["error"].startswith("invalid request: ")
    assert "Traceback" not in response.text


def test_invalid_history_gets_400(client):
    response = client.post("/api/ask", json={"question": "och vem följer upp den?", "history": ["ok", "bad\x07"]})
    assert response.status_code == 400
    assert response.json()["error"].startswith("history entry 2 of the last three: the question contains control")


def test_unexpected_errors_are_500_json_without_a_traceback(caplog):
    def broken():
        raise RuntimeError("secret internal detail")

    client = TestClient(add_api(FastAPI(), broken), raise_server_exceptions=False)
    response = client.post("/api/ask", json={"question": "Vad är en SIP?"})
    assert response.status_code == 500
    assert response.json() == {"error": "unexpected error; the details are in the server log"}
    assert "secret" not in response.text and "Traceback" not in response.text
    assert "secret internal detail" in caplog.text  # logged on the server


def test_a_question_waiting_too_long_for_a_worker_gets_503_busy(corpus_settings, corpus_retriever):
    assistant = build_assistant(corpus_settings, corpus_retriever)
    inside, release = threading.Event(), threading.Event()

    def slow():
        inside.set()
        release.wait(10)
        return assistant

    options = ApiOptions(concurrency=1, queue_timeout_seconds=0.2)
    client = TestClient(add_api(FastAPI(), slow, options))
    first: list = []
    t = threading.Thread(target=lambda: first.append(client.post("/api/ask", json={"question": "Vad är en SIP?"})))
    t.start()
    assert inside.wait(10)
    response = client.post("/api/ask", json={"question": "Vad är en SIP?"})
    release.set()
    t.join(30)
    assert response.status_code == 503 and "busy" in response.json()["error"]
    assert first[0].status_code == 200
