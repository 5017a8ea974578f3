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
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fastapi import FastAPI, Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from assistant.answers import Answer
from assistant.engine import Assistant
from assistant.errors import Busy, IndexMissing, InvalidQuestion, user_message
from assistant.settings import Settings
from assistant.validation import validate_question
from front.limits import DoorLimits, TooManyRequests
from index.store import StoreUnavailable

log = logging.getLogger("plansvar.api")

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

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiOptions:
        return cls(settings.api.rate_limit_per_minute, settings.concurrency, settings.api.queue_timeout_seconds)

    def limits(self) -> DoorLimits:
        return DoorLimits.create(self.rate_limit_per_minute, self.concurrency, self.queue_timeout_seconds)


def add_api(
    app: FastAPI,
    get_assistant: Callable[[], Assistant],
    options: ApiOptions | None = None,
    limits: DoorLimits | None = None,
) -> FastAPI:
    """Register the API routes on ``app``; ``get_assistant`` raises IndexMissing when nothing is indexed.

    ``limits``: the rate limit and worker slots this app shares between its doors (the page's own
    API uses the same object); without it, the API gets its own from ``options``."""
    limits = limits or (options or ApiOptions()).limits()
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
                answer = assistant.ask(body.question, valid_history(body.history, assistant))
        except _EXPECTED as e:
            return _error(e)
        return JSONResponse(answer.to_json())

    @app.post("/api/ask/stream", response_model=None)
    def ask_stream(body: AskRequest, request: Request) -> StreamingResponse | JSONResponse:
        limited = _limited(limits, request)
        if limited:
            return limited
        try:
            with slots:
                assistant = get_assistant()
                items = assistant.stream(body.question, valid_history(body.history, assistant))
                first = next(items)  # validation and retrieval happen here, before the response starts
        except _EXPECTED as e:
            return _error(e)
        return StreamingResponse(_events(itertools.chain([first], items)), media_type="text/event-stream")

    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(Exception, _unexpected)
    return app


def _limited(limits: DoorLimits, request: Request) -> JSONResponse | None:
    """429 with Retry-After when this client address has asked too often, else None."""
    try:
        limits.admit(request)
    except TooManyRequests as e:
        return JSONResponse({"error": str(e)}, status_code=429, headers={"Retry-After": e.retry_after})
    return None


def _events(items: Iterator[str | Answer]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Answer):
            yield f"event: answer\ndata: {json.dumps(item.to_json(), ensure_ascii=False)}\n\n"
        elif item:
            yield f"event: token\ndata: {json.dumps({'text': item}, ensure_ascii=False)}\n\n"


_EXPECTED = (InvalidQuestion, IndexMissing, StoreUnavailable, Busy)


def _error(e: Exception) -> JSONResponse:
    """400 for a question that cannot be asked; 503 (try again) when the service cannot answer now."""
    if isinstance(e, InvalidQuestion):
        return JSONResponse({"error": user_message(e)}, status_code=400)
    return JSONResponse({"error": user_message(e)}, status_code=503, headers={"Retry-After": "5"})


def valid_history(history: list[str], assistant: Assistant) -> list[str]:
    """The earlier questions, each checked like a question (a follow-up is searched with the last one)."""
    out = []
    for i, item in enumerate(history[-3:], start=1):
        try:
            out.append(validate_question(item, assistant.options.max_question_chars))
        except InvalidQuestion as e:
            raise InvalidQuestion(f"history entry {i} of the last three: {e}") from e
    return out


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """A body that is not the expected JSON: 400 with the first problem, in one line."""
    if not request.url.path.startswith("/api/") or not isinstance(exc, RequestValidationError):
        return await request_validation_exception_handler(request, exc)
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or "body"
    message = f"invalid request: {where}: {first.get('msg', 'not the expected JSON')}"
    message += ' (send {"question": "...", "history": ["..."]})'
    return JSONResponse({"error": message}, status_code=400)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    return JSONResponse({"error": "unexpected error; the details are in the server log"}, status_code=500)


def create_api_app(settings: Settings) -> FastAPI:
    """The JSON API alone (no page), on an :class:`AssistantService` that refreshes by itself."""
    from assistant.service import AssistantService

    app = FastAPI(title="Plansvar API", docs_url=None, redoc_url=None)
    return add_api(app, AssistantService(settings), ApiOptions.from_settings(settings))


def serve_api(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(create_api_app(settings), host=host, port=port, log_level="warning")
