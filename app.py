"""The entry point: the Gradio page (chat with sources, responsibilities, documents) on the JSON API.

The tabs are built in front/page/ (one module each) and assembled here. Gradio lives only here and
there. Nothing leaves the machine: analytics off, no share link, no server-side rendering, system
fonts only (no font CDN). All document text is rendered through `front.render`, which escapes it.
"""

import os
from dataclasses import replace

from assistant.service import AssistantService
from assistant.settings import Settings
from front.limits import Limits
from front.page.chat import build_chat
from front.page.documents import build_documents
from front.page.register import build_register
from front.page.shell import Page, build_header
from front.page.style import CSS

READY = "Plansvar: ready on"  # the line `serve` prints once it listens


def build_ui(holder: AssistantService, settings: Settings, limits: Limits):
    """The page: the header with the language switch, then one tab per part; the switch relabels
    every text the tabs registered and re-renders their tables. The public endpoints (front/page/api.py)
    are registered on the same Blocks; every door counts against the app's one ``limits``."""
    import gradio as gr

    from front.page.api import PublicApi, add_public_api
    from front.page.upload import build_upload

    page = Page(holder, settings, limits)
    # Gradio deletes the files it holds (uploads never indexed, exported conversations) after an hour.
    with gr.Blocks(title="Plansvar", delete_cache=(600, 3600)) as blocks:
        add_public_api(PublicApi(holder, limits))
        build_header(page)
        build_chat(page)
        build_register(page)
        documents = build_documents(page)
        if settings.upload.enabled:
            build_upload(page, blocks.GRADIO_CACHE, documents)
        page.wire(blocks)
    return blocks


def create_app(settings: Settings):
    """The FastAPI app: the JSON API and the page mounted at `/`."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from fastapi import FastAPI

    from front.api import ApiOptions, add_api
    from front.page.gate import UPLOAD_ROUTE
    from front.page.mount import mount_page

    holder = AssistantService(settings)
    # Gradio's upload route caps each file itself as it streams it to disk (max_file_size, front.page.mount)
    options = replace(ApiOptions.from_settings(settings), body_limits=((UPLOAD_ROUTE, None),))
    limits = options.limits()  # one per app: every door (JSON API, /v1, the page, its API, MCP) shares it
    app = add_api(FastAPI(title="Plansvar", docs_url=None, redoc_url=None), holder, options, limits)
    return mount_page(app, build_ui(holder, settings, limits), holder, settings, limits, CSS)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Serve the page and the JSON API. Once the socket listens, one line on stdout says where:
    "Plansvar: ready on http://HOST:PORT" (with port 0 the system picks a free port, named there)."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets=None) -> None:
            await super().startup(sockets)
            if self.started:
                bound_host, bound_port = self.servers[0].sockets[0].getsockname()[:2]
                print(f"{READY} http://{bound_host}:{bound_port}", flush=True)

    port = settings.port if port is None else port
    # proxy_headers=False: uvicorn would trust X-Forwarded-For from 127.0.0.1; front.limits decides instead
    config = uvicorn.Config(
        create_app(settings), host=host or settings.host, port=port, log_level="warning", proxy_headers=False
    )
    Server(config).run()


def main(argv: list[str] | None = None) -> int:
    """The `plansvar` command: the CLI, with this page for `plansvar serve`."""
    from front.cli import main as cli_main

    return cli_main(argv, page=serve)


if __name__ == "__main__":
    raise SystemExit(main())
