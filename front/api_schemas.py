"""The JSON the HTTP doors send and accept, as pydantic models: the source of ``/openapi.json``.

The routes build their JSON from the answering core's own types (``Answer.to_json``); these models
describe that JSON for clients (and the tests check real responses against them). Error responses:
:class:`Error` under ``/api``, :class:`OpenAIError` under ``/v1``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import models_json_schema

MAX_BODY_TEXT = 20_000  # characters per question, history entry or message the request models accept at all
MAX_HISTORY = 20
MAX_MESSAGES = 200


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- /api ---------------------------------------------------------------------------------------------


class AskRequest(BaseModel):
    question: str = Field(max_length=MAX_BODY_TEXT, description="The question, in Swedish or English.")
    history: list[str] = Field(
        default_factory=list, max_length=MAX_HISTORY, description="Earlier questions of the conversation."
    )


class Citation(_Strict):
    marker: int = Field(description="The number of the marker `[n]` in the text.")
    chunk_id: str = Field(description="The stored passage the quote comes from.")
    doc_id: str
    title: str = Field(description="The document's title.")
    page: int | None = Field(description="PDF page (1-based); null for text and Markdown documents.")
    section: str = Field(description="Section path of the passage (headings), may be empty.")
    quote: str = Field(description="Exactly the document's cleaned text between `start` and `end`.")
    start: int = Field(description="Character offset of the quote in the document's cleaned text.")
    end: int
    superseded_by: str = Field(description="Title of the document that replaces this one, if any.")
    kind: str = Field(description="Document kind from the catalog (action plan, follow-up report, …).")
    date: str = Field(description="Period or date of the document.")


class Sentence(_Strict):
    text: str
    status: Literal["verified", "unverified", "uncited"]
    markers: list[int] = Field(description="Citations that support the sentence (verified sentences only).")
    support: float = Field(description="The best support score among the passages it cites.")


class Answer(_Strict):
    """The same JSON as `plansvar ask --json`."""

    question: str
    text: str = Field(description="The answer with its citation markers `[n]`.")
    language: Literal["sv", "en"]
    supported: bool = Field(description="False: the plans do not seem to cover the question (a refusal).")
    mode: Literal["extractive", "register", "generated", "partial", "refusal", "invalid"] = Field(
        description="partial: the plans cover the topic but not the detail asked for (the closest sentence is quoted)."
    )
    notice: str = Field(description="A short note for the reader, e.g. why the model's answer is not shown.")
    fallback: Literal["", "unreachable", "timeout", "server", "malformed", "empty", "unsupported"] = Field(
        description="Why a generated answer was replaced by the offline one ('' when it was not)."
    )
    sentences: list[Sentence] = Field(description="Generated answers: each sentence after the citation check.")
    citations: list[Citation]
    related: list[Citation] = Field(description="A refusal's possibly related passages.")
    timings: dict[str, float] = Field(description="Milliseconds per step (validate, retrieve, answer, total, …).")
    read_with_previous: str = Field(
        description="The previous question, when this one could not stand alone and was read with it ('' otherwise)."
    )


class Health(_Strict):
    status: Literal["ok", "unavailable"]
    documents: int | None = Field(None, description="Indexed documents (when ok).")
    error: str | None = Field(None, description="Why the service cannot answer (when unavailable).")


class Error(_Strict):
    error: str = Field(description="What went wrong and what to do, in one line.")


# -- /v1 (OpenAI-compatible) -----------------------------------------------------------------------


class OpenAIErrorBody(_Strict):
    message: str
    type: str = Field(
        description="invalid_request_error, authentication_error, not_found_error, rate_limit_error or server_error."
    )
    code: str = Field(
        description="e.g. invalid_question, model_not_found, invalid_api_key, rate_limit_exceeded, "
        "body_too_large, index_missing, store_unavailable, busy."
    )


class OpenAIError(_Strict):
    error: OpenAIErrorBody


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")
    type: str = Field(description="Only `text` parts are read; any other part is refused.")
    text: str | None = Field(None, max_length=MAX_BODY_TEXT)


Text = Annotated[str, Field(max_length=MAX_BODY_TEXT)]
Parts = Annotated[list[ContentPart], Field(max_length=100)]


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")
    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: Text | Parts | None = None


class ChatCompletionRequest(BaseModel):
    """Other OpenAI parameters (temperature, max_tokens, …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")
    model: str = Field(description="`plansvar`, or `plansvar-offline` / `plansvar-llm` (see GET /v1/models).")
    messages: list[ChatMessage] = Field(
        min_length=1,
        max_length=MAX_MESSAGES,
        description="The last message is the question (role user); earlier user messages are the history; "
        "system and assistant messages are not read.",
    )
    stream: bool = Field(False, description="Server-sent `chat.completion.chunk` events, then `data: [DONE]`.")


class PlansvarExtra(Answer):
    """The answer as data: citations with offsets and quotes, supported and refusal flags."""

    refusal: bool = Field(description="True when the plans do not cover the question (mode `refusal`).")


class AssistantMessage(_Strict):
    role: Literal["assistant"]
    content: str = Field(description="The answer with its markers `[n]`, then a plain list of its sources.")


class Choice(_Strict):
    index: int
    message: AssistantMessage
    finish_reason: Literal["stop"]


class ChatCompletion(_Strict):
    id: str
    object: Literal["chat.completion"]
    created: int
    model: str
    choices: list[Choice]
    plansvar: PlansvarExtra


class Delta(_Strict):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(_Strict):
    index: int
    delta: Delta
    finish_reason: Literal["stop"] | None


class ChatCompletionChunk(_Strict):
    """One streamed event. The last one before `[DONE]` has no choices and carries `plansvar`."""

    id: str
    object: Literal["chat.completion.chunk"]
    created: int
    model: str
    choices: list[ChunkChoice]
    plansvar: PlansvarExtra | None = None


class Model(_Strict):
    id: str
    object: Literal["model"]
    created: int
    owned_by: str


class ModelList(_Strict):
    object: Literal["list"]
    data: list[Model]


# -- /openapi.json ------------------------------------------------------------------------------------

EVENT_MODELS = (ChatCompletionChunk, Answer)  # what the streams send, described beside the routes


def use_schemas(app: FastAPI, bearer: bool = False) -> None:
    """Serve ``/openapi.json`` from these models: every error is documented in the door's own shape
    (FastAPI's 422 answer does not exist here: invalid bodies get 400), the streamed event models are
    in the components, and with ``bearer`` the /v1 routes name their bearer-token security."""

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, routes=app.routes, description=DESCRIPTION)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        _, defs = models_json_schema(
            [(m, "serialization") for m in EVENT_MODELS], ref_template="#/components/schemas/{model}"
        )
        components.update(defs.get("$defs", {}))
        for path, operations in schema.get("paths", {}).items():
            for operation in operations.values():
                operation.get("responses", {}).pop("422", None)
                if bearer and path.startswith("/v1/"):
                    operation["security"] = [{"bearer": []}]
        if bearer:
            schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


DESCRIPTION = (
    "Answers questions about the regional plans, quoting them with exact citations. "
    "`/api`: Plansvar's own JSON API. `/v1`: OpenAI-compatible chat completions."
)
