"""One error shape per door, on every route of that door, whatever went wrong.

- The JSON API (``/api/…``): ``{"error": "one line"}``.
- The OpenAI-compatible door (``/v1/…``): ``{"error": {"message": "…", "type": "…", "code": "…"}}``,
  the shape OpenAI clients read.

That holds for the answers the routes give (invalid question, 429, 503) and for what the framework
would otherwise answer in its own shape (``{"detail": …}``): a body that is not JSON or not the
expected JSON, a wrong method (405, with ``Allow``), an unknown path under ``/api`` or ``/v1``
(404), an oversized body (413), an unexpected exception (500, logged, never a trace).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger("plansvar.api")

API_PREFIX = "/api/"
OPENAI_PREFIX = "/v1/"
ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

# OpenAI's error ``type`` per status; ``code`` says more (see README, "OpenAI-compatible door").
OPENAI_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    404: "not_found_error",
    405: "invalid_request_error",
    413: "invalid_request_error",
    429: "rate_limit_error",
}
DEFAULT_CODES = {
    400: "invalid_request",
    401: "invalid_api_key",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    429: "rate_limit_exceeded",
    500: "internal_error",
    503: "unavailable",
}
EXPECTED_BODY = {
    API_PREFIX: ' (send {"question": "...", "history": ["..."]})',
    OPENAI_PREFIX: ' (send {"model": "plansvar", "messages": [{"role": "user", "content": "..."}]})',
}


def is_openai(path: str) -> bool:
    return path.startswith(OPENAI_PREFIX) or path == OPENAI_PREFIX.rstrip("/")


def error_body(path: str, status: int, message: str, code: str | None = None) -> dict:
    """The error JSON of the door ``path`` belongs to."""
    if is_openai(path):
        kind = OPENAI_TYPES.get(status, "server_error")
        return {"error": {"message": message, "type": kind, "code": code or DEFAULT_CODES.get(status, "error")}}
    return {"error": message}


def error_response(
    request: Request, status: int, message: str, code: str | None = None, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(request.url.path, status, message, code), status_code=status, headers=headers)


def add_error_handlers(app: FastAPI) -> None:
    """The handlers that keep the framework's own errors in the door's shape, and the catch-all
    routes that answer 404/405 under ``/api`` and ``/v1`` (a page mounted at ``/`` would answer
    them in its shape otherwise). Call after the door's routes are registered."""
    for prefix in (API_PREFIX, OPENAI_PREFIX):
        app.add_api_route(prefix + "{rest:path}", _no_such_route, methods=ALL_METHODS, include_in_schema=False)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


async def _no_such_route(request: Request) -> JSONResponse:
    """404, or 405 with ``Allow`` when the path exists for other methods."""
    allowed: set[str] = set()
    for route in request.app.router.routes:
        methods = getattr(route, "methods", None)
        if not methods or getattr(route, "endpoint", None) is _no_such_route:
            continue
        match, _ = route.matches(request.scope)
        if match is not Match.NONE:
            allowed |= set(methods)
    if allowed:
        message = f"{request.method} is not allowed on {request.url.path}; use {', '.join(sorted(allowed))}"
        return error_response(request, 405, message, headers={"Allow": ", ".join(sorted(allowed))})
    return error_response(request, 404, f"no such route: {request.url.path}")


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """A body that is not the expected JSON: 400 with the first problem, in one line."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    first = errors[0] if errors else {}
    where = ".".join(str(x) for x in first.get("loc", ()) if x != "body") or "body"
    if first.get("type") == "json_invalid":
        what = f"the body is not valid JSON ({first.get('ctx', {}).get('error', 'decode error')}, at character {where})"
    elif where == "body" and "json" not in request.headers.get("content-type", ""):
        sent = request.headers.get("content-type", "no content-type")
        what = f"body: send JSON with content-type application/json, not {sent}"
    else:
        what = f"{where}: {first.get('msg', 'not the expected JSON')}"
    hint = EXPECTED_BODY[OPENAI_PREFIX if is_openai(request.url.path) else API_PREFIX]
    return error_response(request, 400, f"invalid request: {what}{hint}")


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    status = exc.status_code if isinstance(exc, StarletteHTTPException) else 500
    detail = exc.detail if isinstance(exc, StarletteHTTPException) else "error"
    headers = getattr(exc, "headers", None)
    return error_response(request, status, str(detail), headers=headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unexpected error on %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "unexpected error; the details are in the server log")
