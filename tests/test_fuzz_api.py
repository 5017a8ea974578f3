"""Fuzzing the question path: whatever a citizen types, `POST /api/ask` answers 200 or 400 with one
message — never a 500, never a traceback (arbitrary Unicode, lone surrogates, control characters,
markdown and HTML, strings far over the length cap)."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assistant.wiring import build_assistant
from front.api import add_api

pytestmark = pytest.mark.integration

MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**fet** _kursiv_ [länk](javascript:alert(1))",
    "# Rubrik\n\n- punkt\n- punkt",
    "```python\nimport os\n```",
    "| a | b |\n|---|---|",
    "&lt;&amp;&#0;",
    "{{7*7}} ${7*7} %s %(x)s",
    "Vem ansvarar för SIP?",
    "who owns the SIP assignment?",
]
SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
CONTROL = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])

questions = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None), max_size=300),
    st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=40)), max_size=6).map(" ".join),
    st.tuples(st.sampled_from(MARKUP), st.text(CONTROL, min_size=1, max_size=5)).map("".join),
    st.tuples(st.sampled_from(MARKUP), st.text(SURROGATES, min_size=1, max_size=3)).map("".join),
    st.text(min_size=990, max_size=1010),
    st.integers(1001, 30_000).map(lambda n: "ö" * n),
)


@pytest.fixture(scope="module")
def client(corpus_settings, corpus_retriever):
    assistant = build_assistant(corpus_settings, corpus_retriever)
    return TestClient(add_api(FastAPI(), lambda: assistant), raise_server_exceptions=False)


def _check(response) -> None:
    assert response.status_code in (200, 400), (response.status_code, response.text[:300])
    assert "Traceback" not in response.text and 'File "' not in response.text
    body = response.json()
    if response.status_code == 400:
        assert set(body) == {"error"} and body["error"] and "\n" not in body["error"]
    else:
        assert {"text", "citations", "supported"} <= set(body)


# derandomize: the same 150 examples on every run (CI is deterministic); the explicit example is a
# lone surrogate in the history, which a random run once found (the answer echoed it: a 500)
@settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(question=questions, history=st.lists(questions, max_size=2))
@example(question="0", history=["0\ud800"])
def test_any_question_is_answered_or_refused_with_a_message(client, question, history):
    # json.dumps escapes lone surrogates as \\udxxx: valid JSON that decodes to an unencodable str
    body = json.dumps({"question": question, "history": history})
    _check(client.post("/api/ask", content=body, headers={"content-type": "application/json"}))
