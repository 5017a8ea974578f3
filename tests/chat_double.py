"""A protocol double of an LLM server: a real HTTP server on 127.0.0.1 that speaks the OpenAI
chat-completions protocol (`POST /v1/chat/completions`, `stream: true` → SSE `data: {…}` events
ending with `data: [DONE]`) and Ollama's (`POST /api/chat`, NDJSON), scripted per test.

Each request takes the next scripted behaviour: `reply` (text, or a function of the request that
returns it, sent in small pieces), `stall` (some pieces, then silence), `keep_alive` (SSE comments
only, forever), `error` (an HTTP status), `malformed` (an event that is not JSON), `empty` (no
text). Every request body is recorded in `requests`. `stop()` releases stalled handlers.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Reply = str | Callable[[dict], str]


class ChatServerDouble:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self._script: deque[tuple[str, dict]] = deque()
        self.released = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # -- lifecycle ----------------------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        """The base URL an OpenAI-compatible client is given."""
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> ChatServerDouble:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()

    # -- the script ---------------------------------------------------------------------------
    def reply(self, text: Reply, piece: int = 5) -> None:
        self._script.append(("reply", {"text": text, "piece": piece}))

    def stall(self, first: str = "", seconds: float = 30.0) -> None:
        self._script.append(("stall", {"text": first, "seconds": seconds}))

    def keep_alive(self, every: float = 0.2, seconds: float = 30.0) -> None:
        self._script.append(("keep_alive", {"every": every, "seconds": seconds}))

    def error(self, status: int = 500, body: str = '{"error": {"message": "internal error"}}') -> None:
        self._script.append(("error", {"status": status, "body": body}))

    def malformed(self) -> None:
        self._script.append(("malformed", {}))

    def empty(self) -> None:
        self._script.append(("reply", {"text": "", "piece": 5}))

    # -- reading what the client sent ---------------------------------------------------------
    def messages(self, i: int = -1) -> dict[str, str]:
        """role → content of request ``i`` (the last by default)."""
        return {m["role"]: m["content"] for m in self.requests[i]["messages"]}

    def next(self) -> tuple[str, dict]:
        return self._script.popleft() if self._script else ("error", {"status": 500, "body": "no script left"})


def passage_number(request: dict, phrase: str) -> int:
    """The number of the first passage in the request's prompt whose text contains ``phrase``."""
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    for m in re.finditer(r'<passage n="(\d+)"[^\n]*>\n(.*?)\n</passage>', user, re.DOTALL):
        if phrase.lower() in m.group(2).lower():
            return int(m.group(1))
    raise AssertionError(f"no passage in the prompt contains {phrase!r}")


def _chunk(text: str, model: str, finish: str | None = None, role: bool = False) -> bytes:
    delta: dict = {"content": text} if text or not finish else {}
    if role:
        delta["role"] = "assistant"
    event = {
        "id": "chatcmpl-double",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(event)}\n\n".encode()


def _ollama_line(text: str, model: str, done: bool) -> bytes:
    line = {
        "model": model,
        "created_at": "2026-01-01T00:00:00Z",
        "message": {"role": "assistant", "content": text},
        "done": done,
    }
    if done:
        line["done_reason"] = "stop"
    return (json.dumps(line) + "\n").encode()


class _Handler(BaseHTTPRequestHandler):
    double: ChatServerDouble  # set per server by _handler
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self._send(404, "application/json", b'{"error": "not found"}')

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        self.double.requests.append(body)
        self.double.headers.append({k.lower(): v for k, v in self.headers.items()})
        ollama = self.path.rstrip("/") == "/api/chat"
        if not ollama and self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, "application/json", b'{"error": "not found"}')
            return
        kind, args = self.double.next()
        if kind == "error":
            self._send(args["status"], "application/json", args["body"].encode())
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson" if ollama else "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        getattr(self, f"_{kind}")(body, args, ollama)

    def _send(self, status: int, content_type: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def _pieces(self, text: str, model: str, ollama: bool, piece: int) -> None:
        for i in range(0, len(text), piece):
            part = text[i : i + piece]
            self._write(_ollama_line(part, model, False) if ollama else _chunk(part, model, role=i == 0))

    def _reply(self, body: dict, args: dict, ollama: bool) -> None:
        text = args["text"](body) if callable(args["text"]) else args["text"]
        model = body.get("model", "double")
        self._pieces(text, model, ollama, args["piece"])
        if ollama:
            self._write(_ollama_line("", model, True))
        else:
            self._write(_chunk("", model, finish="stop") + b"data: [DONE]\n\n")

    def _stall(self, body: dict, args: dict, ollama: bool) -> None:
        self._pieces(args["text"], body.get("model", "double"), ollama, 5)
        self.double.released.wait(args["seconds"])  # silence: no byte until the test ends

    def _keep_alive(self, body: dict, args: dict, ollama: bool) -> None:
        end = time.monotonic() + args["seconds"]
        while time.monotonic() < end and not self.double.released.is_set():
            self._write(b": keep-alive\n\n")
            time.sleep(args["every"])

    def _malformed(self, body: dict, args: dict, ollama: bool) -> None:
        self._write(b'data: {"choices": [{"delta": {"content": "Hej"\n\n' + b"data: [DONE]\n\n")


def _handler(double: ChatServerDouble) -> type[_Handler]:
    return type("Handler", (_Handler,), {"double": double})
