"""What reaches the mounted Gradio app from outside, decided before Gradio sees a request.

:class:`GradioGate` is an ASGI middleware on the app (pure ASGI; it reads headers, never a body):

- Gradio's by-name routes (``/gradio_api/call/<name>``, ``/call/v2/<name>``, ``/run/<name>``,
  ``/api/<name>``) reach only the public endpoints (``front.page.api``): any other name, a private
  handler of the page or a name that does not exist, is a plain 404 (no traceback in the log). The
  page itself calls its handlers through the queue by index, as Gradio's browser client does.
- Gradio's generic upload route (``/gradio_api/upload``) is closed (404) while uploads are off.
  While on, a request must say its length, at most ``max_files`` files of ``max_bytes`` each; it
  counts against the client's rate limit; and uploads waiting to be indexed may hold at most that
  much again, so the route cannot fill the disk. Temporary files Gradio's parser leaves behind
  (a part not named ``files``, a broken request) are deleted before the response ends, when no
  other upload is in progress.

:func:`guard_file_inputs`: a file input of any event names a file the browser uploaded, nothing
else on the server.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
from starlette.requests import Request

from front.limits import Limits, RateLimited

_BY_NAME = re.compile(r"^/gradio_api/(?:call/v2|call|run|api)/(?P<name>[^/]+)")
UPLOAD_ROUTE = "/gradio_api/upload"  # Gradio's generic upload route (it caps each file itself)
_UPLOAD = (UPLOAD_ROUTE, UPLOAD_ROUTE + "/")
_UPLOADED = re.compile(r"^[0-9a-f]{64}$")
MULTIPART_ALLOWANCE = 2048  # boundary and part headers of one file in a multipart body


def guard_file_inputs(blocks: Any) -> None:
    """Make Gradio check that a file input names an uploaded file (in its upload folder).

    Gradio checks this only once its Blocks "has launched", which ``launch()`` records and
    ``mount_gradio_app`` does not: a page mounted on FastAPI copied any server path given as a file
    input into its cache before the handler ran (``{"path": "/dev/zero"}`` never returned,
    ``/proc/self/environ`` was copied). With the flag set, such a call fails before any file is read.
    """
    blocks.has_launched = True


@dataclass(frozen=True)
class UploadPolicy:
    enabled: bool
    max_bytes: int  # per file
    max_files: int  # per request
    folder: Path  # Gradio's upload folder
    limits: Limits  # the app's one rate limit (an upload counts against the client's allowance)

    @property
    def max_request_bytes(self) -> int:
        return (self.max_bytes + MULTIPART_ALLOWANCE) * self.max_files

    @property
    def max_pending_bytes(self) -> int:
        return self.max_bytes * self.max_files


class GradioGate:
    def __init__(self, app: Any, public: tuple[str, ...], upload: UploadPolicy) -> None:
        self.app = app
        self.public = set(public)
        self.upload = upload
        self._uploads_in_progress = 0

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        named = _BY_NAME.match(path)
        if named and named["name"] not in self.public:
            endpoints = ", ".join(f"/{n}" for n in sorted(self.public))
            await _reply(send, 404, f"no endpoint named /{named['name']}; the endpoints are {endpoints}")
            return
        if path in _UPLOAD and scope["method"] == "POST":
            await self._upload(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _upload(self, scope: dict, receive: Any, send: Any) -> None:
        refusal = self._upload_refusal(scope)
        if refusal is None:
            length = int(dict(scope["headers"])[b"content-length"])
            refusal = await anyio.to_thread.run_sync(self._storage_refusal, length)
        if refusal is not None:
            await _reply(send, *refusal)
            return
        self._uploads_in_progress += 1
        swept = False

        async def send_after_sweep(message: dict) -> None:
            # the leftovers go before the response's last byte, so a client that has its answer
            # never sees them (sweeping after the response raced with the client's next look)
            nonlocal swept
            last = message["type"] == "http.response.body" and not message.get("more_body", False)
            if last and self._uploads_in_progress == 1:
                await anyio.to_thread.run_sync(self._sweep)
                swept = True
            await send(message)

        try:
            await self.app(scope, receive, send_after_sweep)
        finally:
            self._uploads_in_progress -= 1
            if not self._uploads_in_progress and not swept:
                await anyio.to_thread.run_sync(self._sweep)

    def _upload_refusal(self, scope: dict) -> tuple[int, str, dict[str, str]] | None:
        policy = self.upload
        if not policy.enabled:
            return 404, "uploads are turned off on this server", {}
        length = dict(scope["headers"]).get(b"content-length", b"")
        if not length.isdigit():
            return 411, "an upload must give its length (Content-Length)", {}
        if int(length) > policy.max_request_bytes:
            limit = f"at most {policy.max_files} files of {policy.max_bytes} bytes each"
            return 413, f"the upload is too large ({int(length)} bytes; {limit})", {}
        try:
            policy.limits.admit(Request(scope), "uploads")
        except RateLimited as e:
            return 429, str(e), {"retry-after": e.retry_after}
        return None

    def _storage_refusal(self, incoming: int) -> tuple[int, str, dict[str, str]] | None:
        """Uploads are stored as ``<folder>/<sha256 of the content>/<name>`` until indexed or expired;
        with this request they may hold at most ``max_pending_bytes``."""
        folder = self.upload.folder
        held = sum(p.stat().st_size for p in folder.glob("*/*") if _UPLOADED.match(p.parent.name) and p.is_file())
        if held + incoming > self.upload.max_pending_bytes:
            return 503, "too many uploads are waiting to be indexed; please try again later", {"retry-after": "60"}
        return None

    def _sweep(self) -> None:
        """Gradio's parser writes each file part to ``tmp…`` in the upload folder and moves it into a
        content-hash folder when the request succeeds; what is still there was left behind."""
        folder = self.upload.folder
        if not folder.is_dir():
            return
        for p in folder.glob("tmp*"):
            if p.is_file() and not p.is_symlink():
                p.unlink(missing_ok=True)


async def _reply(send: Any, status: int, message: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
