"""The JSON HTTP API beside the page: `POST /api/ask`, `POST /api/ask/stream` and `GET /api/health`.

`/api/ask` returns the same JSON as `plansvar ask --json`. `/api/ask/stream` sends the answer as
server-sent events while it is written: `event: token` with `{"text": "…"}` for each piece, then
one `event: answer` with that same JSON (after the citation check; its text replaces the pieces).
Errors are JSON with one message, never a stack trace: 400 for an invalid question or request, 429
when a client asks too often (with ``Retry-After``), 503 when the index is missing, the vector store
cannot be reached or every worker stayed busy, 500 (logged on the server) for anything unexpected.

`/api/ask` answers in at most ``concurrency`` threads at once; further requests wait in line. A
stream holds a worker only until its first piece (validation and retrieval): the rest is the
model's writing, bounded by ``llm.deadline``.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from assistant.answers import Answer
from assistant.engine import Assistant
from assistant.errors import Busy, IndexMissing, InvalidQuestion, user_message
from assistant.settings import Settings
from assistant.validation import validate_question
from front.api_errors import add_error_handlers, error_response
from front.bodylimit import BodyLimit
from front.limits import Limits, RateLimited, retry_after
from index.store import StoreUnavailable

MAX_BODY_TEXT = 20_000  # characters per question or history entry the request model accepts at all
MAX_HISTORY = 20


class AskRequest(BaseModel):
    question: str = Field(max_length=MAX_BODY_TEXT, description="The question, in Swedish or English.")
    history: list[str] = Field(
        default_factory=list, max_length=MAX_HISTORY, description="Earlier questions of the conversation."
    )


@dataclass(frozen=True)
class ApiOptions:
    rate_limit_per_minute: int = 0  # 0: no limit
    concurrency: int = 4
    queue_timeout_seconds: float = 60.0
    trusted_proxies: tuple[str, ...] = ()
    max_body_bytes: int = 1_000_000
    body_limits: tuple[tuple[str, int | None], ...] = ()  # (path prefix, bytes or None: its own cap)

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiOptions:
        return cls(
            settings.api.rate_limit_per_minute,
            settings.concurrency,
            settings.api.queue_timeout_seconds,
            tuple(settings.api.trusted_proxies),
            settings.api.max_body_bytes,
        )

    def limits(self) -> Limits:
        """The app's one set of limits (create it once; every door shares it)."""
        return Limits(
            self.rate_limit_per_minute, self.concurrency, self.queue_timeout_seconds, self.trusted_proxies
        )


def add_api(
    app: FastAPI,
    get_assistant: Callable[[], Assistant],
    options: ApiOptions | None = None,
    limits: Limits | None = None,
) -> FastAPI:
    """Register the API routes on ``app``; ``get_assistant`` raises IndexMissing when nothing is indexed.

    ``limits``: the app's shared limits (the page's handlers use the same object); by default new ones
    from ``options``. Every route of ``app`` (a page mounted later too) gets the body-size limit."""
    options = options or ApiOptions()
    limits = limits or options.limits()
    slots = limits.slots

    @app.get("/api/health")
    def health() -> JSONResponse:
        try:
            assistant = get_assistant()
            assistant.retriever.index.store.heartbeat()
        except (IndexMissing, StoreUnavailable) as e:
            return JSONResponse({"status": "unavailable", "error": user_message(e)}, status_code=503)
        return JSONResponse({"status": "ok", "documents": len(assistant.docs)})

    @app.post("/api/ask")
    def ask(body: AskRequest, request: Request) -> JSONResponse:
        limited = _limited(limits, request)
        if limited:
            return limited
        try:
            with slots:
                assistant = get_assistant()
                answer = assistant.ask(body.question, _valid_history(body.history, assistant))
        except _EXPECTED as e:
            return _error(request, e)
        return JSONResponse(answer.to_json())

    @app.post("/api/ask/stream", response_model=None)
    def ask_stream(body: AskRequest, request: Request) -> StreamingResponse | JSONResponse:
        limited = _limited(limits, request)
        if limited:
            return limited
        try:
            with slots:
                assistant = get_assistant()
                items = assistant.stream(body.question, _valid_history(body.history, assistant))
                first = next(items)  # validation and retrieval happen here, before the response starts
        except _EXPECTED as e:
            return _error(request, e)
        return StreamingResponse(_events(itertools.chain([first], items)), media_type="text/event-stream")

    add_error_handlers(app)
    app.add_middleware(BodyLimit, default=options.max_body_bytes, prefixes=dict(options.body_limits))
    return app


def _limited(limits: Limits, request: Request) -> JSONResponse | None:
    """429 with Retry-After when this client has asked too often (through any door), else None."""
    try:
        limits.admit(request)
    except RateLimited as e:
        return error_response(request, 429, str(e), headers={"Retry-After": retry_after(e.wait)})
    return None


def _events(items: Iterator[str | Answer]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Answer):
            yield f"event: answer\ndata: {json.dumps(item.to_json(), ensure_ascii=False)}\n\n"
        elif item:
            yield f"event: token\ndata: {json.dumps({'text': item}, ensure_ascii=False)}\n\n"


_EXPECTED = (InvalidQuestion, IndexMissing, StoreUnavailable, Busy)
_CODES = {IndexMissing: "index_missing", StoreUnavailable: "store_unavailable", Busy: "busy"}


def _error(request: Request, e: Exception) -> JSONResponse:
    """400 for a question that cannot be asked; 503 (try again) when the service cannot answer now."""
    if isinstance(e, InvalidQuestion):
        return error_response(request, 400, user_message(e), "invalid_question")
    code = next((c for kind, c in _CODES.items() if isinstance(e, kind)), None)
    return error_response(request, 503, user_message(e), code, headers={"Retry-After": "5"})


def _valid_history(history: list[str], assistant: Assistant) -> list[str]:
    """The earlier questions, each checked like a question (a follow-up is searched with the last one)."""
    out = []
    for i, item in enumerate(history[-3:], start=1):
        try:
            out.append(validate_question(item, assistant.options.max_question_chars))
        except InvalidQuestion as e:
            raise InvalidQuestion(f"history entry {i} of the last three: {e}") from e
    return out


def create_api_app(settings: Settings) -> FastAPI:
    """The JSON API alone (no page), on an :class:`AssistantService` that refreshes by itself."""
    from assistant.service import AssistantService

    app = FastAPI(title="Plansvar API", docs_url=None, redoc_url=None)
    return add_api(app, AssistantService(settings), ApiOptions.from_settings(settings))


def serve_api(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    # proxy_headers=False: uvicorn would trust X-Forwarded-For from 127.0.0.1; front.limits decides instead
    uvicorn.run(create_api_app(settings), host=host, port=port, log_level="warning", proxy_headers=False)
