"""The entry point: the Gradio page (chat with sources, responsibilities, documents) on the JSON API.

The tabs are built in front/page/ (one module each) and assembled here. Gradio lives only here and
there. Nothing leaves the machine: analytics off, no share link, no server-side rendering, system
fonts only (no font CDN). All document text is rendered through `front.render`, which escapes it.
"""

import os
from pathlib import Path

from assistant.service import AssistantService
from assistant.settings import Settings
from front.page.chat import build_chat
from front.page.documents import DocumentsTab, build_documents
from front.page.register import build_register
from front.page.shell import Page, build_header
from front.page.style import CSS
from front.texts import texts
from front.upload import UploadHandler

READY = "Plansvar: ready on"  # the line `serve` prints once it listens


def build_ui(holder: AssistantService, settings: Settings):
    """The page: the header with the language switch, then one tab per part; the switch relabels
    every text the tabs registered and re-renders their tables."""
    import gradio as gr

    page = Page(holder, settings)
    with gr.Blocks(title="Plansvar") as blocks:
        build_header(page)
        build_chat(page)
        build_register(page)
        documents = build_documents(page)
        if settings.upload.enabled:
            _upload_tab(page, documents)
        page.wire(blocks)
    return blocks


def _upload_tab(page: Page, documents: DocumentsTab) -> None:
    """Adding documents (admin token): each file checked, saved and ingested; one result row per file."""
    import gradio as gr

    uploader = UploadHandler(page.settings, page.holder)  # one per process: it serialises uploads

    def upload(files, token, lang):
        results = [uploader.from_path(f, token or None, name=Path(f).name) for f in files or []]
        rows = [[r.file, r.status, r.message, r.chunks or ""] for r in results]
        return {"headers": texts(lang)["upload_columns"], "data": rows}, None

    with page.text(gr.Tab(page.t("upload"), elem_id="tab-upload"), "upload"):
        files = gr.File(
            label=page.t("upload_files"),
            file_count="multiple",  # no file_types: the server says why a file is refused
            elem_id="upload-files",
        )
        page.text(files, "upload_files")
        token = page.text(gr.Textbox(label=page.t("token"), type="password", elem_id="upload-token"), "token")
        button = page.text(gr.Button(page.t("upload_button"), elem_id="upload-button"), "upload_button", "value")
        results = gr.Dataframe(
            headers=texts(page.language)["upload_columns"], elem_id="upload-results", interactive=False, wrap=True
        )
    documents.refresh_after(button.click(upload, [files, token, page.lang], [results, files]))


def create_app(settings: Settings):
    """The FastAPI app: the JSON API and the page mounted at `/`."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI

    from front.api import ApiOptions, add_api

    holder = AssistantService(settings)
    app = add_api(FastAPI(title="Plansvar", docs_url=None, redoc_url=None), holder, ApiOptions.from_settings(settings))
    theme = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return gr.mount_gradio_app(
        app,
        build_ui(holder, settings).queue(default_concurrency_limit=settings.concurrency),
        path="/",
        footer_links=[],
        max_file_size=settings.upload.max_bytes,
        ssr_mode=False,
        css=CSS,
        theme=theme,
    )


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
    Server(uvicorn.Config(create_app(settings), host=host or settings.host, port=port, log_level="warning")).run()


def main(argv: list[str] | None = None) -> int:
    """The `plansvar` command: the CLI, with this page for `plansvar serve`."""
    from front.cli import main as cli_main

    return cli_main(argv, page=serve)


if __name__ == "__main__":
    raise SystemExit(main())
