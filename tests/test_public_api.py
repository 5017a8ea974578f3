"""The page's public doors, used with the real clients against a real app process: Gradio's own
client (`gradio_client`: view_api, predict, submit). The default corpus, the real embedder."""

from __future__ import annotations

import json
import shutil

import pytest
from app_server import start_app, stop_app
from gradio_client import Client
from gradio_client.exceptions import AppError

pytestmark = pytest.mark.integration

PUBLIC = ["/ask", "/search", "/owners", "/document", "/documents"]
SIP = "who owns the SIP assignment?"


@pytest.fixture(scope="module")
def app(corpus_settings, tmp_path_factory):
    work = tmp_path_factory.mktemp("public-api")
    shutil.copytree(corpus_settings.data_dir, work / "var")
    server = start_app(work / "var", work, PLANSVAR_API__RATE_LIMIT_PER_MINUTE="200")
    yield server
    stop_app(server)


@pytest.fixture(scope="module")
def client(app):
    return Client(app.url + "/", verbose=False, download_files=False)


def assert_the_sip_answer(answer: dict, texts: dict[str, str] | None = None) -> None:
    """The owner first, cited; each citation's quote is its span of the cited document."""
    assert answer["supported"] is True and answer["mode"] == "register", answer["text"]
    assert answer["text"].startswith("Hälso- och sjukvård") and "beredning för närsjukvård" in answer["text"]
    assert "[1]" in answer["text"] and answer["citations"], answer
    first = answer["citations"][0]
    assert first["marker"] == 1 and "SIP" in first["quote"]
    for c in answer["citations"]:
        if texts is not None:
            assert texts[c["doc_id"]][c["start"] : c["end"]] == c["quote"]


# -- gradio_client -------------------------------------------------------------------------------


def test_view_api_lists_only_the_named_public_endpoints(client):
    info = client.view_api(return_format="dict", print_info=False)
    assert sorted(info["named_endpoints"]) == sorted(PUBLIC)
    assert info["unnamed_endpoints"] == {}
    ask = info["named_endpoints"]["/ask"]
    assert [p["parameter_name"] for p in ask["parameters"]] == ["question", "history"]


def test_predict_answers_the_sip_question_with_citations_as_data(client):
    answer = client.predict(SIP, [], api_name="/ask")
    assert isinstance(answer, dict)
    texts = {}
    for c in answer["citations"]:
        span = client.predict(c["doc_id"], c["start"], c["end"], api_name="/document")
        texts[c["doc_id"]] = " " * span["start"] + span["text"]
    assert_the_sip_answer(answer, texts)
    assert "<" not in json.dumps(answer["citations"]), "citations are data, not HTML"


def test_submit_runs_a_job_and_history_decides_the_follow_up(client):
    alone = client.submit("och vem följer upp den?", [], api_name="/ask").result(timeout=120)
    job = client.submit("och vem följer upp den?", ["Vad är färdplanen för nära vård?"], api_name="/ask")
    follow_up = job.result(timeout=120)
    assert "chefsgrupp" in follow_up["text"].lower(), follow_up["text"]
    assert any("Färdplan" in c["title"] for c in follow_up["citations"])
    assert alone["text"] != follow_up["text"], "without history the same words are a new question"


def test_search_owners_document_and_documents(client):
    documents = client.predict(api_name="/documents")["documents"]
    assert len(documents) == 6 and all(d["title"] and d["passages"] > 0 for d in documents)
    passages = client.predict("samordnad individuell plan", 3, api_name="/search")["passages"]
    assert len(passages) == 3
    for p in passages:
        span = client.predict(p["doc_id"], p["start"], p["end"], api_name="/document")
        assert span["text"] == p["text"]
    entries = client.predict("SIP", 5, api_name="/owners")["entries"]
    assert 0 < len(entries) <= 5
    assert any("beredning för närsjukvård" in e["owner"].lower() for e in entries)
    assert all(e["task_text"] for e in entries)


def test_errors_are_messages(client):
    with pytest.raises(AppError, match="no document with id 'nope'"):
        client.predict("nope", 0, 10, api_name="/document")
    with pytest.raises(AppError, match="empty"):
        client.predict("   ", [], api_name="/ask")

