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

from assistant.answers import Answer
from assistant.engine import Assistant
from assistant.errors import IndexMissing, user_message
from assistant.settings import Settings
from front import api_schemas as schemas
from front.api_common import EXPECTED, answer_error, rate_limited, valid_history
from front.api_errors import add_error_handlers
from front.api_schemas import AskRequest, use_schemas
from front.bodylimit import BodyLimit
from front.limits import Limits
from front.openai_api import BearerAuth, add_openai_routes
from index.backends import StoreUnavailable

_DEFAULTS = Settings.model_construct()  # the settings' defaults (the environment is not read)


@dataclass(frozen=True)
class ApiOptions:
    """What the doors take from the settings (:meth:`from_settings`). Without settings (tests): the
    settings' defaults, but no rate limit and no keys."""

    rate_limit_per_minute: int = 0  # 0: no limit
    concurrency: int = _DEFAULTS.concurrency
    queue_timeout_seconds: float = _DEFAULTS.api.queue_timeout_seconds
    trusted_proxies: tuple[str, ...] = ()
    max_body_bytes: int = _DEFAULTS.api.max_body_bytes
    body_limits: tuple[tuple[str, int | None], ...] = ()  # (path prefix, bytes or None: its own cap)
    api_keys: tuple[str, ...] = ()  # accepted bearer tokens on /v1; empty: no key needed
    llm: bool = False  # a language model is configured: /v1 offers plansvar-offline and plansvar-llm too

    @classmethod
    def from_settings(cls, settings: Settings) -> ApiOptions:
        return cls(
            settings.api.rate_limit_per_minute,
            settings.concurrency,
            settings.api.queue_timeout_seconds,
            tuple(settings.api.trusted_proxies),
            settings.api.max_body_bytes,
            api_keys=tuple(k.get_secret_value() for k in settings.api.keys),
            llm=settings.llm.kind != "none",
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

    @app.get("/api/health", responses=_responses(schemas.Health, 503))
    def health() -> JSONResponse:
        try:
            assistant = get_assistant()
            documents = assistant.health()
        except (IndexMissing, StoreUnavailable) as e:
            return JSONResponse({"status": "unavailable", "error": user_message(e)}, status_code=503)
        return JSONResponse({"status": "ok", "documents": documents})

    @app.post("/api/ask", responses=_responses(schemas.Answer, 400, 413, 429, 500, 503))
    def ask(body: AskRequest, request: Request) -> JSONResponse:
        limited = rate_limited(limits, request)
        if limited:
            return limited
        try:
            with slots:
                assistant = get_assistant()
                answer = assistant.ask(body.question, valid_history(body.history, assistant))
        except EXPECTED as e:
            return answer_error(request, e)
        return JSONResponse(answer.to_json())

    @app.post("/api/ask/stream", response_model=None, responses=_stream_responses())
    def ask_stream(body: AskRequest, request: Request) -> StreamingResponse | JSONResponse:
        limited = rate_limited(limits, request)
        if limited:
            return limited
        try:
            with slots:
                assistant = get_assistant()
                items = assistant.stream(body.question, valid_history(body.history, assistant))
                first = next(items)  # validation and retrieval happen here, before the response starts
        except EXPECTED as e:
            return answer_error(request, e)
        return StreamingResponse(_events(itertools.chain([first], items)), media_type="text/event-stream")

    add_openai_routes(app, get_assistant, limits, options.llm)
    add_error_handlers(app)  # after the routes: its catch-all answers what they do not
    app.add_middleware(BodyLimit, default=options.max_body_bytes, prefixes=dict(options.body_limits))
    app.add_middleware(BearerAuth, keys=options.api_keys)  # outermost: nothing under /v1 runs before it
    use_schemas(app, bearer=bool(options.api_keys))
    return app


_ERRORS = {
    400: "An invalid question or a body that is not the expected JSON.",
    413: "A body over the size limit.",
    429: "Too many questions from this address (`Retry-After`).",
    500: "Unexpected error (logged on the server).",
    503: "No index, the store is unreachable, or every worker stayed busy (`Retry-After`).",
}


def _responses(model: type, *errors: int) -> dict:
    out: dict = {200: {"model": model, "description": "OK"}}
    for status in errors:
        out[status] = {"model": schemas.Error if status != 503 or model is not schemas.Health else model}
        out[status]["description"] = _ERRORS[status]
    return out


def _stream_responses() -> dict:
    out = _responses(schemas.Answer, 400, 413, 429, 500, 503)
    out[200] = {
        "description": "Server-sent events: `event: token` with `{\"text\": \"…\"}` per piece, then one "
        "`event: answer` whose data is the Answer JSON (schema `Answer`).",
        "content": {"text/event-stream": {"schema": {"type": "string"}}},
    }
    return out


def _events(items: Iterator[str | Answer]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Answer):
            yield f"event: answer\ndata: {json.dumps(item.to_json(), ensure_ascii=False)}\n\n"
        elif item:
            yield f"event: token\ndata: {json.dumps({'text': item}, ensure_ascii=False)}\n\n"


def create_api_app(settings: Settings) -> FastAPI:
    """The JSON API alone (no page), on an :class:`AssistantService` that refreshes by itself."""
    from assistant.service import AssistantService

    app = FastAPI(title="Plansvar API", docs_url=None, redoc_url=None)
    return add_api(app, AssistantService(settings), ApiOptions.from_settings(settings))


def serve_api(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    # proxy_headers=False: uvicorn would trust X-Forwarded-For from 127.0.0.1; front.limits decides instead
    uvicorn.run(create_api_app(settings), host=host, port=port, log_level="warning", proxy_headers=False)
