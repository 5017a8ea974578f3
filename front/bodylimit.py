"""A limit on the size of request bodies, for every route of the app (an ASGI middleware).

A body whose ``Content-Length`` is over the limit is refused with 413 before a byte of it is read; a
body without one (chunked) is read only until it passes the limit, then the route sees the client
disconnect and the client gets 413. Either way the server never holds more than the limit (plus one
chunk) of a request. The limit can differ per path prefix (the longest prefix wins); ``None`` leaves
a prefix to a cap of its own (the upload route checks each file's size as it streams it to disk).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from front.api_errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class BodyLimit:
    """Refuse request bodies over ``default`` bytes (or over the limit of the longest matching prefix)."""

    def __init__(self, app: ASGIApp, default: int, prefixes: Mapping[str, int | None] | None = None) -> None:
        self.app = app
        self.default = default
        self.prefixes = sorted((prefixes or {}).items(), key=lambda item: -len(item[0]))

    def limit_for(self, path: str) -> int | None:
        return next((limit for prefix, limit in self.prefixes if path.startswith(prefix)), self.default)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.limit_for(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _refuse(scope, send, limit)
            return
        await _Guard(self.app, limit).run(scope, receive, send)


class _Guard:
    """One request whose body is counted as it is read; past the limit the route sees a disconnect."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit
        self.received = 0
        self.too_large = False
        self.started = False

    async def run(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def limited_receive() -> Message:
            if self.too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                self.received += len(message.get("body", b""))
                if self.received > self.limit:
                    self.too_large = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            if self.too_large and not self.started:
                return  # the route's reply to the disconnect; the client gets 413 instead
            if message["type"] == "http.response.start":
                self.started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not self.too_large:
                raise  # the route's own failure; the app's error handling reports it
        if self.too_large and not self.started:
            await _refuse(scope, send, self.limit)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else None
    return None


async def _refuse(scope: Scope, send: Send, limit: int) -> None:
    message = f"the request body is larger than this route accepts ({limit:,} bytes)".replace(",", " ")
    body = json.dumps(error_body(scope.get("path", ""), 413, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": [*headers, (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
