"""What the HTTP doors (`/api`, `/v1`) share about asking: the rate-limit answer, the history check,
and how the answering core's expected errors become HTTP errors (in the door's shape)."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import JSONResponse

from assistant.engine import Assistant
from assistant.errors import Busy, IndexMissing, InvalidQuestion, user_message
from assistant.validation import validate_question
from front.api_errors import error_response
from front.limits import Limits, RateLimited, retry_after
from index.store import StoreUnavailable

EXPECTED = (InvalidQuestion, IndexMissing, StoreUnavailable, Busy)
_CODES = {IndexMissing: "index_missing", StoreUnavailable: "store_unavailable", Busy: "busy"}


def rate_limited(limits: Limits, request: Request) -> JSONResponse | None:
    """429 with Retry-After when this client has asked too often (through any door), else None."""
    try:
        limits.admit(request)
    except RateLimited as e:
        return error_response(request, 429, str(e), headers={"Retry-After": retry_after(e.wait)})
    return None


def answer_error(request: Request, e: Exception) -> JSONResponse:
    """400 for a question that cannot be asked; 503 (try again) when the service cannot answer now."""
    if isinstance(e, InvalidQuestion):
        return error_response(request, 400, user_message(e), "invalid_question")
    code = next((c for kind, c in _CODES.items() if isinstance(e, kind)), None)
    return error_response(request, 503, user_message(e), code, headers={"Retry-After": "5"})


def valid_history(history: list[str], assistant: Assistant) -> list[str]:
    """The earlier questions, each checked like a question (a follow-up is searched with the last one)."""
    out = []
    for i, item in enumerate(history[-3:], start=1):
        try:
            out.append(validate_question(item, assistant.options.max_question_chars))
        except InvalidQuestion as e:
            raise InvalidQuestion(f"history entry {i} of the last three: {e}") from e
    return out
