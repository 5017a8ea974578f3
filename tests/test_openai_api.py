"""The OpenAI-compatible door of a real `plansvar serve` process (the default corpus, the real
embedder), asked by the official `openai` client and by Gradio's own `gr.load_chat`: a correct,
cited answer, streaming and not, the answer as data in the `plansvar` field, OpenAI-style errors,
and bearer-token auth."""

from __future__ import annotations

import re
import shutil

import httpx
import openai
import pytest
from app_server import serving
from openai import OpenAI

from assistant.wiring import build_assistant
from front import api_schemas as schemas

pytestmark = pytest.mark.integration

KEYS = ("first-test-key", "second-test-key")
SIP = "who owns the SIP assignment?"


@pytest.fixture(scope="module")
def server(corpus_settings, tmp_path_factory):
    work = tmp_path_factory.mktemp("openai-app")
    shutil.copytree(corpus_settings.data_dir, work / "var")
    with serving(work / "var", work, PLANSVAR_API__KEYS=",".join(KEYS)) as app:
        yield app


@pytest.fixture(scope="module")
def client(server):
    return OpenAI(base_url=server.url + "/v1", api_key=KEYS[1], max_retries=0, timeout=120)


@pytest.fixture(scope="module")
def assistant(corpus_settings, corpus_retriever):
    """The same corpus in this process: the document texts and the register to check answers against."""
    return build_assistant(corpus_settings, corpus_retriever)


def sip_owners(assistant) -> set[str]:
    """The owners the responsibility register holds for the SIP assignment."""
    owners = {r.entry.owner for r in assistant.owners("SIP", limit=50) if "SIP" in r.task_text}
    assert owners, "the register holds no SIP entry: the checks below would prove nothing"
    return owners


def assert_correct_and_cited(text: str, extra: dict, assistant) -> None:
    """Supported, every quote exactly the document's text at its offsets, the register's owner named
    and quoted, and the content listing each cited source."""
    assert extra["supported"] is True and extra["refusal"] is False and extra["mode"] in {"register", "extractive"}
    assert extra["citations"], "a supported answer cites its passages"
    for c in extra["citations"]:
        assert assistant.snapshot.texts[c["doc_id"]][c["start"] : c["end"]] == c["quote"]
        assert f"[{c['marker']}] {c['title']}" in text, "the content lists each source"
    named = [owner for owner in sip_owners(assistant) if owner in extra["text"]]
    assert named, f"the answer names none of the register's SIP owners: {extra['text']}"
    assert any(named[0] in c["quote"] for c in extra["citations"]), "the owner is in a cited quote"
    assert text.startswith(extra["text"]) and "\n\nSources:\n[1] " in text
    assert re.search(r"\[1\]", extra["text"]), "the answer keeps its markers"


def test_models(client, server):
    assert [m.id for m in client.models.list().data] == ["plansvar"]  # no language model configured
    schemas.ModelList.model_validate(httpx.get(server.url + "/v1/models", headers=_auth()).json())


def test_a_cited_answer_with_the_openai_client(client, assistant):
    completion = client.chat.completions.create(model="plansvar", messages=[{"role": "user", "content": SIP}])
    schemas.ChatCompletion.model_validate(completion.model_dump(exclude_unset=True))
    choice = completion.choices[0]
    assert choice.message.role == "assistant" and choice.finish_reason == "stop"
    assert_correct_and_cited(choice.message.content, completion.model_extra["plansvar"], assistant)


def test_streaming_gives_the_same_answer_and_the_data_last(client, assistant):
    whole = client.chat.completions.create(model="plansvar", messages=[{"role": "user", "content": SIP}])
    stream = client.chat.completions.create(model="plansvar", messages=[{"role": "user", "content": SIP}], stream=True)
    chunks = list(stream)
    for chunk in chunks:
        schemas.ChatCompletionChunk.model_validate(chunk.model_dump(exclude_unset=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == whole.choices[0].message.content
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == "stop"
    last = chunks[-1].model_extra["plansvar"]
    assert not chunks[-1].choices and {**last, "timings": {}} == {**whole.model_extra["plansvar"], "timings": {}}
    assert_correct_and_cited(text, chunks[-1].model_extra["plansvar"], assistant)


def test_earlier_user_messages_are_the_history(client):
    messages = [
        {"role": "system", "content": "You are a helpful assistant."},
        {"role": "user", "content": [{"type": "text", "text": "Vad är färdplanen för nära vård?"}]},
        {"role": "assistant", "content": "Färdplanen …"},
        {"role": "user", "content": "och vem följer upp den?"},
    ]
    extra = client.chat.completions.create(model="plansvar", messages=messages).model_extra["plansvar"]
    assert extra["supported"] is True
    assert any(c["doc_id"] == "fardplan-nara-vard-2024" for c in extra["citations"])


def test_gradio_load_chat_gets_a_cited_answer(server, assistant):
    import gradio as gr

    for streaming in (True, False):
        chat = gr.load_chat(server.url + "/v1", model="plansvar", token=KEYS[0], streaming=streaming)
        reply = chat.fn(SIP, [])
        text = list(reply)[-1] if streaming else reply
        owners = [o for o in sip_owners(assistant) if o in text]
        assert owners and "\n\nSources:\n[1] " in text, text


# -- errors and auth --------------------------------------------------------------------------------


def _auth(key: str = KEYS[0]) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.mark.parametrize(
    ("messages", "code"),
    [
        ([{"role": "user", "content": "   "}], "invalid_question"),
        ([{"role": "user", "content": "x" * 1001}], "invalid_question"),
        ([{"role": "user", "content": SIP}, {"role": "assistant", "content": "…"}], "invalid_question"),
        ([{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:,"}}]}], "invalid_question"),
        ([], "invalid_request"),
        ([{"role": "nobody", "content": SIP}], "invalid_request"),
    ],
)
def test_invalid_requests_are_400_in_openais_shape(client, messages, code):
    with pytest.raises(openai.BadRequestError) as info:
        client.chat.completions.create(model="plansvar", messages=messages)
    error = info.value.body
    assert error["code"] == code and error["type"] == "invalid_request_error" and error["message"]


def test_an_unknown_model_is_404(client):
    with pytest.raises(openai.NotFoundError) as info:
        client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": SIP}])
    assert info.value.body["code"] == "model_not_found" and "plansvar" in info.value.body["message"]


@pytest.mark.parametrize("headers", [{}, _auth("wrong-key"), {"Authorization": KEYS[0]}, {"Authorization": "Basic x"}])
def test_v1_needs_one_of_the_keys(server, headers):
    for method, path in [("GET", "/v1/models"), ("POST", "/v1/chat/completions"), ("GET", "/v1/nothing-here")]:
        response = httpx.request(method, server.url + path, headers=headers, json={}, timeout=30)
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        assert response.json()["error"]["code"] == "invalid_api_key"
    with pytest.raises(openai.AuthenticationError):
        OpenAI(base_url=server.url + "/v1", api_key="wrong", max_retries=0).models.list()


def test_other_doors_do_not_need_the_key(server):
    assert httpx.get(server.url + "/api/health", timeout=30).status_code == 200
    assert httpx.get(server.url + "/v1/models", headers=_auth(KEYS[0]), timeout=30).status_code == 200


# -- with a language model configured: each mode by name ---------------------------------------------

OWNER_SV = "Vem ansvarar för uppföljningen av handlingsplanen för psykisk hälsa?"


def test_with_a_model_the_modes_are_named_models(llm_corpus_settings, llm_corpus_retriever, chat_server):
    """`plansvar-offline` never asks the model; `plansvar-llm` and `plansvar` do (through the protocol
    double of an LLM server)."""
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from assistant.options import LLMOptions
    from front.api import ApiOptions, add_api

    llm = LLMOptions(kind="openai", base_url=chat_server.url, model="double", timeout=2.0, deadline=6.0)
    assistant = build_assistant(llm_corpus_settings.model_copy(update={"llm": llm}), llm_corpus_retriever)
    client = TestClient(add_api(FastAPI(), lambda: assistant, ApiOptions(llm=True)))
    models = client.get("/v1/models").json()["data"]
    assert [m["id"] for m in models] == ["plansvar", "plansvar-offline", "plansvar-llm"]

    def ask(model: str) -> dict:
        body = {"model": model, "messages": [{"role": "user", "content": OWNER_SV}]}
        response = client.post("/v1/chat/completions", json=body)
        assert response.status_code == 200, response.text
        return response.json()["plansvar"]

    offline = ask("plansvar-offline")
    assert chat_server.requests == [] and offline["mode"] in {"register", "extractive"} and not offline["fallback"]
    assert assistant.generator is not None, "the shared Assistant keeps its model"
    chat_server.reply("Hälso- och sjukvårdsförvaltningen ansvarar för uppföljningen [1].")
    generated = ask("plansvar-llm")
    assert len(chat_server.requests) == 1
    assert generated["mode"] == "generated" or generated["fallback"], generated
