"""The JSON API on the real corpus: the same Answer JSON as `plansvar ask --json`, clear errors."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.api import add_api
from assistant.errors import IndexMissing
from assistant.wiring import build_assistant, build_index

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
