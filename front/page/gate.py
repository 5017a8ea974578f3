"""What reaches the mounted Gradio app from outside, decided before Gradio sees a request.

:class:`GradioGate` is an ASGI middleware on the app (pure ASGI; it reads headers, never a body):

- Gradio's by-name routes (``/gradio_api/call/<name>``, ``/call/v2/<name>``, ``/run/<name>``,
  ``/api/<name>``) reach only the public endpoints (``front.page.api``): any other name, a private
  handler of the page or a name that does not exist, is a plain 404 (no traceback in the log). The
  page itself calls its handlers through the queue by index, as Gradio's browser client does.

:func:`guard_file_inputs`: a file input of any event names a file the browser uploaded, nothing
else on the server.
"""

from __future__ import annotations

import json
import re
from typing import Any


_BY_NAME = re.compile(r"^/gradio_api/(?:call/v2|call|run|api)/(?P<name>[^/]+)")


def guard_file_inputs(blocks: Any) -> None:
    """Make Gradio check that a file input names an uploaded file (in its upload folder).

    Gradio checks this only once its Blocks "has launched", which ``launch()`` records and
    ``mount_gradio_app`` does not: a page mounted on FastAPI copied any server path given as a file
    input into its cache before the handler ran (``{"path": "/dev/zero"}`` never returned,
    ``/proc/self/environ`` was copied). With the flag set, such a call fails before any file is read.
    """
    blocks.has_launched = True


class GradioGate:
    def __init__(self, app: Any, public: tuple[str, ...]) -> None:
        self.app = app
        self.public = set(public)

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
        await self.app(scope, receive, send)


async def _reply(send: Any, status: int, message: str, headers: dict[str, str] | None = None) -> None:
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
