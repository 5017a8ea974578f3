"""The JSON HTTP API beside the page: `POST /api/ask`, `POST /api/ask/stream` and `GET /api/health`.

`/api/ask` returns the same JSON as `plansvar ask --json`. `/api/ask/stream` sends the answer as
server-sent events while it is written: `event: token` with `{"text": "…"}` for each piece, then
one `event: answer` with that same JSON (after the citation check; its text replaces the pieces).
Errors are JSON with one message, never a stack trace: 400 for an invalid question, 503 when the
index is missing or the vector store cannot be reached.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator

from fastapi import FastAPI
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from assistant.answers import Answer
from assistant.engine import Assistant
from assistant.errors import IndexMissing, InvalidQuestion, user_message
from index.store import StoreUnavailable


class AskRequest(BaseModel):
    question: str = Field(description="The question, in Swedish or English.")
    history: list[str] = Field(default_factory=list, description="Earlier questions of the conversation.")


def add_api(app: FastAPI, get_assistant: Callable[[], Assistant]) -> FastAPI:
    """Register the API routes on ``app``; ``get_assistant`` raises IndexMissing when nothing is indexed."""

    @app.get("/api/health")
    def health() -> JSONResponse:
        try:
            assistant = get_assistant()
            assistant.retriever.index.store.heartbeat()
        except (IndexMissing, StoreUnavailable) as e:
            return JSONResponse({"status": "unavailable", "error": user_message(e)}, status_code=503)
        return JSONResponse({"status": "ok", "documents": len(assistant.docs)})

    @app.post("/api/ask")
    def ask(request: AskRequest) -> JSONResponse:
        try:
            answer = get_assistant().ask(request.question, request.history)
        except InvalidQuestion as e:
            return JSONResponse({"error": user_message(e)}, status_code=400)
        except (IndexMissing, StoreUnavailable) as e:
            return JSONResponse({"error": user_message(e)}, status_code=503)
        return JSONResponse(answer.to_json())

    @app.post("/api/ask/stream", response_model=None)
    def ask_stream(request: AskRequest) -> StreamingResponse | JSONResponse:
        try:
            items = get_assistant().stream(request.question, request.history)
            first = next(items)  # validation and retrieval happen here, before the response starts
        except InvalidQuestion as e:
            return JSONResponse({"error": user_message(e)}, status_code=400)
        except (IndexMissing, StoreUnavailable) as e:
            return JSONResponse({"error": user_message(e)}, status_code=503)
        return StreamingResponse(_events(itertools.chain([first], items)), media_type="text/event-stream")

    return app


def _events(items: Iterator[str | Answer]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Answer):
            yield f"event: answer\ndata: {json.dumps(item.to_json(), ensure_ascii=False)}\n\n"
        elif item:
            yield f"event: token\ndata: {json.dumps({'text': item}, ensure_ascii=False)}\n\n"
