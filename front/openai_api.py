"""The OpenAI-compatible door: `POST /v1/chat/completions` (streaming and not) and `GET /v1/models`.

Any client that speaks OpenAI's chat completions (the `openai` package, chat portals, Gradio's
`gr.load_chat`) asks the plans through it. The last message is the question (role user); earlier
user messages are the history. The reply's content is the answer with its markers `[n]`, then a
plain list of its sources, so any client shows where it comes from; the answer as data (citations
with offsets and quotes, the supported and refusal flags; :class:`front.api_schemas.PlansvarExtra`)
is the extra field ``plansvar`` of the response, and of the last streamed chunk before ``[DONE]``.

The content streams once the citation check is done: a client cannot take back text it has shown,
so a model's unchecked tokens are not sent. Same limits, validation and errors as `/api/ask`, in
OpenAI's error shape. With API keys configured every /v1 route needs ``Authorization: Bearer <key>``.
"""

from __future__ import annotations

import copy
import hmac
import json
import time
import uuid
import weakref
from collections.abc import Callable, Iterator, Sequence

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

from assistant.answers import Answer
from assistant.engine import Assistant
from assistant.errors import InvalidQuestion, user_message
from front import api_schemas as schemas
from front.api_common import EXPECTED, answer_error, rate_limited, valid_history
from front.api_errors import OPENAI_PREFIX, error_body, error_response
from front.limits import Limits
from front.render import answer_text, sources_text

MODEL = "plansvar"
OFFLINE = "plansvar-offline"
LLM = "plansvar-llm"
PIECE = 80  # characters per streamed piece of content


def model_ids(llm: bool) -> list[str]:
    """`plansvar` (the configured answerer); with a language model also each mode by name."""
    return [MODEL, OFFLINE, LLM] if llm else [MODEL]


def add_openai_routes(app: FastAPI, get_assistant: Callable[[], Assistant], limits: Limits, llm: bool) -> None:
    """`GET /v1/models` and `POST /v1/chat/completions` on ``app``, sharing ``limits`` with the other doors."""
    models = model_ids(llm)
    created = int(time.time())

    @app.get("/v1/models", responses=_responses(200, schemas.ModelList, 401))
    def list_models() -> JSONResponse:
        data = [{"id": m, "object": "model", "created": created, "owned_by": "plansvar"} for m in models]
        return JSONResponse({"object": "list", "data": data})

    @app.post(
        "/v1/chat/completions",
        response_model=None,
        responses=_responses(200, schemas.ChatCompletion, 400, 401, 404, 413, 429, 500, 503, stream=True),
    )
    def chat_completions(
        body: schemas.ChatCompletionRequest, request: Request
    ) -> JSONResponse | StreamingResponse:
        if body.model not in models:
            message = f"no model {body.model!r}: use one of {', '.join(models)} (GET /v1/models)"
            return error_response(request, 404, message, "model_not_found")
        limited = rate_limited(limits, request)
        if limited:
            return limited
        try:
            question, history = conversation(body.messages)
            with limits.slots:
                assistant = _answerer(get_assistant(), body.model)
                items = assistant.stream(question, valid_history(history, assistant))
                first = next(items)  # validation and retrieval happen here, before the response starts
                answer = None if body.stream else _final([first], items)
        except EXPECTED as e:
            return answer_error(request, e)
        reply = _Reply(body.model)
        if answer is not None:
            return JSONResponse(reply.completion(answer))
        return StreamingResponse(reply.events([first], items), media_type="text/event-stream")


def conversation(messages: Sequence[schemas.ChatMessage]) -> tuple[str, list[str]]:
    """The question (the last message, a user's) and the history (the earlier user messages)."""
    if messages[-1].role != "user":
        raise InvalidQuestion(f"the last message must be the user's question (role user), not {messages[-1].role}")
    texts = [_text(m, i) for i, m in enumerate(messages, start=1) if m.role == "user"]
    return texts[-1], texts[:-1]


def _text(message: schemas.ChatMessage, number: int) -> str:
    if message.content is None or isinstance(message.content, str):
        return message.content or ""
    other = sorted({part.type for part in message.content if part.type != "text"})
    if other:
        raise InvalidQuestion(f"message {number}: only text can be asked about, not {', '.join(other)}")
    return "\n".join(part.text or "" for part in message.content)


_offline_copies: weakref.WeakKeyDictionary[Assistant, Assistant] = weakref.WeakKeyDictionary()


def _answerer(assistant: Assistant, model: str) -> Assistant:
    """The assistant for ``model``: `plansvar-offline` answers without the language model (a shallow
    copy that shares everything loaded, made once per Assistant)."""
    if model != OFFLINE or assistant.generator is None:
        return assistant
    offline = _offline_copies.get(assistant)
    if offline is None:
        offline = copy.copy(assistant)
        offline.generator = None
        _offline_copies[assistant] = offline
    return offline


def _final(done: list, items: Iterator[str | Answer]) -> Answer:
    for item in [*done, *items]:
        if isinstance(item, Answer):
            return item
    raise RuntimeError("the answer stream ended without an answer")


def content(answer: Answer) -> str:
    """What any chat client shows: the answer with its markers, then its sources as plain lines."""
    sources = sources_text(answer)
    return f"{answer_text(answer)}\n\n{sources}" if sources else answer_text(answer)


def extra(answer: Answer) -> dict:
    return {**answer.to_json(), "refusal": answer.mode == "refusal"}


class _Reply:
    """One completion's envelope: its id, time and model, as a whole or as chunks."""

    def __init__(self, model: str) -> None:
        self.model = model
        self.id = f"chatcmpl-{uuid.uuid4().hex}"
        self.created = int(time.time())

    def _envelope(self, kind: str) -> dict:
        return {"id": self.id, "object": kind, "created": self.created, "model": self.model}

    def completion(self, answer: Answer) -> dict:
        message = {"role": "assistant", "content": content(answer)}
        choice = {"index": 0, "message": message, "finish_reason": "stop"}
        return {**self._envelope("chat.completion"), "choices": [choice], "plansvar": extra(answer)}

    def _chunk(self, delta: dict, finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return _event({**self._envelope("chat.completion.chunk"), "choices": [choice]})

    def events(self, done: list, items: Iterator[str | Answer]) -> Iterator[str]:
        yield self._chunk({"role": "assistant", "content": ""})
        try:
            answer = _final(done, items)
        except EXPECTED as e:  # the store went away while the model was writing
            yield _event(error_body(OPENAI_PREFIX, 503, user_message(e), "unavailable"))
            return
        text = content(answer)
        for start in range(0, len(text), PIECE):
            yield self._chunk({"content": text[start : start + PIECE]})
        yield self._chunk({}, "stop")
        yield _event({**self._envelope("chat.completion.chunk"), "choices": [], "plansvar": extra(answer)})
        yield "data: [DONE]\n\n"


def _event(data: dict) -> str:
    return f"data: {json.dumps(data, ensure_ascii=False)}\n\n"


def _responses(ok: int, model: type, *errors: int, stream: bool = False) -> dict:
    out: dict = {ok: {"model": model, "description": "The answer." if stream else "OK"}}
    if stream:
        out[ok]["content"] = {
            "text/event-stream": {
                "schema": {"$ref": "#/components/schemas/ChatCompletionChunk"},
                "description": "With `stream: true`: `data: <ChatCompletionChunk JSON>` events, then `data: [DONE]`.",
            }
        }
    for status in errors:
        out[status] = {"model": schemas.OpenAIError, "description": _ERRORS[status]}
    return out


_ERRORS = {
    400: "An invalid question or request.",
    401: "A missing or wrong API key (only when keys are configured).",
    404: "No such model.",
    413: "A body over the size limit.",
    429: "Too many questions from this address (`Retry-After`).",
    500: "Unexpected error (logged on the server).",
    503: "No index, the store is unreachable, or every worker stayed busy (`Retry-After`).",
}


class BearerAuth:
    """ASGI middleware: with ``keys``, every request under ``/v1`` needs ``Authorization: Bearer <key>``
    (compared in constant time); others get 401 before anything else runs."""

    def __init__(self, app, keys: Sequence[str]) -> None:
        self.app = app
        self.keys = [k.encode() for k in keys]

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (self.keys and (path.startswith(OPENAI_PREFIX) or path == OPENAI_PREFIX.rstrip("/"))):
            await self.app(scope, receive, send)
            return
        if self._accepted(dict(scope.get("headers", ())).get(b"authorization", b"")):
            await self.app(scope, receive, send)
            return
        message = "a valid API key is required: send the header Authorization: Bearer <key>"
        body = json.dumps(error_body(path, 401, message, "invalid_api_key")).encode()
        headers = [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")]
        await send({"type": "http.response.start", "status": 401, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _accepted(self, header: bytes) -> bool:
        scheme, _, token = header.partition(b" ")
        matches = [hmac.compare_digest(token.strip(), key) for key in self.keys]  # no early exit
        return scheme.lower() == b"bearer" and any(matches)
