"""The page on the app: Gradio mounted at ``/`` beside the JSON API, with the page's other doors.

:func:`mount_page` mounts the built page and wires what Gradio serves besides the browser's page:
only the public endpoints (``front.page.api``) named in its API; the MCP tools (``front.page.mcp``,
when ``mcp.enabled``); the check that a file input names an uploaded file
(``front.page.gate.guard_file_inputs``); and the gate in front of Gradio's by-name and upload
routes (``front.page.gate.GradioGate``). Every door gets the app's one :class:`front.limits.Limits`,
so one client has one allowance whichever door it uses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr

from assistant.service import AssistantService
from assistant.settings import Settings
from front.limits import Limits
from front.page.api import PUBLIC_ENDPOINTS, PublicApi, keep_private
from front.page.gate import GradioGate, UploadPolicy, guard_file_inputs
from front.page.mcp import serve_tools


def mount_page(app: Any, page: gr.Blocks, holder: AssistantService, settings: Settings, limits: Limits, css: str):
    """Mount ``page`` (built with the same ``holder`` and ``limits``) on the FastAPI ``app``; the app."""
    keep_private(page)  # every handler but the public endpoints: out of the API description and the MCP tools
    theme = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    app = gr.mount_gradio_app(
        app,
        page.queue(default_concurrency_limit=settings.concurrency),
        path="/",
        footer_links=[],
        max_file_size=settings.upload.max_bytes,  # Gradio caps each uploaded file itself as it streams it
        ssr_mode=False,
        css=css,
        theme=theme,
        run_history=False,  # it would keep every input (the admin token, every question) in the browser
        mcp_server=settings.mcp.enabled,
        show_error=False,  # an unexpected exception is logged, not shown; our messages (gr.Error) still are
    )
    guard_file_inputs(page)
    serve_tools(page, PublicApi(holder, limits))
    u = settings.upload
    app.add_middleware(
        GradioGate,
        public=PUBLIC_ENDPOINTS,
        upload=UploadPolicy(u.enabled, u.max_bytes, u.max_files, Path(page.GRADIO_CACHE), limits),
    )
    return app
