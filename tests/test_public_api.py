"""The page's public doors, used with the real clients against a real app process: Gradio's own
client (`gradio_client`: view_api, predict, submit) and the MCP Python SDK's client over streamable
HTTP. The default corpus, the real embedder."""

from __future__ import annotations

import json
import shutil

import pytest
from app_server import start_app, stop_app, with_mcp
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


def assert_the_sip_answer(answer: dict) -> None:
    """The owner first, cited, and the SIP assignment among the quotes."""
    assert answer["supported"] is True and answer["mode"] == "register", answer["text"]
    assert answer["text"].startswith("Hälso- och sjukvård") and "beredning för närsjukvård" in answer["text"]
    assert "[1]" in answer["text"] and answer["citations"], answer
    assert answer["citations"][0]["marker"] == 1
    assert any("SIP" in c["quote"] for c in answer["citations"]), answer["citations"]


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
    assert_the_sip_answer(answer)
    for c in answer["citations"]:  # each quote is its span of the cited document
        span = client.predict(c["doc_id"], c["start"], c["end"], api_name="/document")
        assert span["text"] == c["quote"], (c, span)
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


# -- MCP -----------------------------------------------------------------------------------------


def test_mcp_lists_the_five_read_only_tools_with_typed_arguments(app):
    tools = with_mcp(app, lambda s: s.list_tools()).tools
    by_name = {t.name: t for t in tools}
    assert sorted(by_name) == ["ask", "document", "documents", "owners", "search"]
    ask = by_name["ask"]
    assert "question" in ask.inputSchema["required"]
    assert ask.inputSchema["properties"]["question"]["type"] == "string"
    assert by_name["document"].inputSchema["properties"]["start"]["type"] == "integer"
    for tool in tools:
        assert tool.description and tool.outputSchema["type"] == "object"
        assert tool.annotations.readOnlyHint is True


def test_mcp_calls_each_tool_and_gets_structured_results(app):
    async def calls(session):
        return {
            "ask": await session.call_tool("ask", {"question": SIP}),
            "search": await session.call_tool("search", {"query": "samordnad individuell plan", "k": 2}),
            "owners": await session.call_tool("owners", {"query": "SIP", "limit": 3}),
            "documents": await session.call_tool("documents", {}),
            "document": await session.call_tool(
                "document", {"doc_id": "fardplan-nara-vard-2024", "start": 0, "end": 40}
            ),
            "unknown": await session.call_tool("document", {"doc_id": "nope"}),
        }

    results = with_mcp(app, calls)
    for name in ("ask", "search", "owners", "documents", "document"):
        r = results[name]
        assert not r.isError, r.content
        assert json.loads(r.content[0].text) == r.structuredContent
    assert_the_sip_answer(results["ask"].structuredContent)
    assert len(results["search"].structuredContent["passages"]) == 2
    assert 0 < len(results["owners"].structuredContent["entries"]) <= 3
    assert len(results["documents"].structuredContent["documents"]) == 6
    span = results["document"].structuredContent
    assert span["start"] == 0 and span["end"] == 40 and len(span["text"]) == 40
    assert results["unknown"].isError and "no document with id" in results["unknown"].content[0].text
