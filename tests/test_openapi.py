"""`/openapi.json` describes every JSON route with real schemas: the request body, the 200 response
and each error in the door's own shape (no FastAPI 422, which these routes never send)."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from assistant.settings import Settings
from front.api import create_api_app

ROUTES = {
    ("/api/health", "get"),
    ("/api/ask", "post"),
    ("/api/ask/stream", "post"),
    ("/v1/models", "get"),
    ("/v1/chat/completions", "post"),
}


@pytest.fixture(scope="module", params=["page", "api-only"])
def schema(request, tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("openapi"), embedder="hashing", api={"keys": "k"})
    if request.param == "page":
        from app import create_app

        app = create_app(settings)
    else:
        app = create_api_app(settings)
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    return [(path, method, op) for path, ops in schema["paths"].items() for method, op in ops.items()]


def test_exactly_the_json_routes_are_described(schema):
    assert {(path, method) for path, method, _ in _operations(schema)} == ROUTES


def test_every_route_has_a_real_200_schema_and_its_errors(schema):
    for path, method, op in _operations(schema):
        responses = op["responses"]
        media = "text/event-stream" if path.endswith("/stream") else "application/json"
        assert responses["200"]["content"][media]["schema"], f"{method} {path}: empty 200 schema"
        assert "422" not in responses, f"{method} {path} documents FastAPI's 422, which it never sends"
        errors = {status: r for status, r in responses.items() if status != "200"}
        assert errors, f"{method} {path}: no error responses"
        shape = "OpenAIError" if path.startswith("/v1/") else ("Health" if path == "/api/health" else "Error")
        for status, response in errors.items():
            ref = response["content"]["application/json"]["schema"]["$ref"]
            assert ref == f"#/components/schemas/{shape}", f"{method} {path} {status}: {ref}"
        if method == "post":
            assert {"400", "413", "429", "503"} <= set(errors)
            assert op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        if path.startswith("/v1/"):
            assert "401" in errors and op["security"] == [{"bearer": []}]


def test_the_answer_schema_has_its_fields(schema):
    components = schema["components"]["schemas"]
    answer = components["Answer"]["properties"]
    assert {"text", "language", "supported", "mode", "notice", "fallback", "sentences", "citations", "related",
            "timings"} <= set(answer)
    assert {"start", "end", "quote", "doc_id", "page", "section"} <= set(components["Citation"]["properties"])
    assert "plansvar" in components["ChatCompletion"]["properties"]
    assert "plansvar" in components["ChatCompletionChunk"]["properties"]


def test_every_reference_resolves(schema):
    components = schema["components"]["schemas"]
    refs = {ref.rsplit("/", 1)[1] for ref in _refs(schema)}
    assert refs and refs <= set(components), sorted(refs - set(components))
    assert "HTTPValidationError" not in components


def _refs(node) -> list[str]:
    text = json.dumps(node)
    return [part.split('"')[0] for part in text.split('"$ref": "')[1:]]
