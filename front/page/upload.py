"""The page's upload tab ("Lägg till dokument"), shown only when uploads are turned on.

The browser sends the chosen files to Gradio's upload route first (``/gradio_api/upload``, gated
by ``front.page.gate``), which stores each under Gradio's upload folder; the click then hands this
handler their paths with the token. The handler:

- checks the token (throttled per client address, named by the app's trusted-proxy rule) before
  it looks at any file;
- takes only files inside this app's upload folder, regular files, not links: a path the caller
  made up (``/dev/zero``, ``/proc/self/environ``, the project's own files) is refused unread
  (Gradio refuses such paths before the handler runs, too: see ``front.page.gate.guard_file_inputs``);
- hands each to :class:`front.upload.UploadHandler` (type, size, name, ingest);
- deletes the uploaded copies when done, whatever the result.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import gradio as gr

from front.limits import Limits
from front.page.documents import DocumentsTab
from front.page.shell import Page
from front.texts import texts
from front.upload import UploadHandler, UploadResult


class PageUpload:
    """The click handler :meth:`upload`."""

    def __init__(self, uploader: UploadHandler, upload_folder: str | Path, limits: Limits) -> None:
        self.uploader = uploader
        self.folder = Path(upload_folder).resolve()
        self.limits = limits  # names the client (trusted proxies) for the token throttle

    def upload(self, files: list[str] | None, token: str | None, replace: bool, request: gr.Request):
        """``(files, token, replace)`` from the tab → (one result row per file, the cleared file list)."""
        files = [str(f) for f in files or []]
        try:
            results = self._results(files, token or None, bool(replace), self.limits.client_address(request))
        finally:
            for f in files:
                self._discard(Path(f))
        return [[r.file, r.status, r.message, r.chunks or ""] for r in results], None

    def _results(self, files: list[str], token: str | None, replace: bool, address: str) -> list[UploadResult]:
        refusal = self.uploader.token_refusal(token, address)
        if refusal:
            return [UploadResult(Path(f).name, False, "rejected", refusal) for f in files]
        results = []
        for f in files:
            path = self._received(Path(f))
            if path is None:
                results.append(UploadResult(Path(f).name, False, "rejected", "not a file uploaded to this page"))
            else:
                results.append(self.uploader.from_path(path, token, path.name, replace, address))
        return results

    def _received(self, path: Path) -> Path | None:
        """``path`` when it is a regular file the browser uploaded to this app (in its upload folder)."""
        if path.is_symlink() or not path.is_absolute():
            return None
        resolved = path.resolve()
        if not resolved.is_relative_to(self.folder) or not resolved.is_file():
            return None
        return resolved

    def _discard(self, path: Path) -> None:
        """Delete an uploaded copy and its (content-hash) folder; nothing outside the upload folder."""
        received = self._received(path)
        if received is None:
            return
        received.unlink(missing_ok=True)
        parent = received.parent
        if parent != self.folder and parent.is_relative_to(self.folder) and not any(parent.iterdir()):
            shutil.rmtree(parent, ignore_errors=True)


def build_upload(page: Page, upload_folder: str | Path, documents: DocumentsTab | None = None) -> Any:
    """The tab and its event (call inside ``with gr.Blocks()``, where the other tabs are made; once
    per app: its :class:`UploadHandler` serialises the uploads). Its texts are the page's, relabelled
    on a language switch; the result table's headers are in the page's language. The page's
    ``limits`` name the client for the token throttle; ``documents`` is refilled after each upload."""
    handler = PageUpload(UploadHandler(page.settings, page.holder), upload_folder, page.limits)

    def upload(files, token, replace, lang, request: gr.Request):
        rows, cleared = handler.upload(files, token, replace, request)
        return {"headers": texts(lang)["upload_columns"], "data": rows}, cleared

    with page.text(gr.Tab(page.t("upload"), elem_id="tab-upload"), "upload") as tab:
        files = gr.File(
            label=page.t("upload_files"),
            file_count="multiple",  # no file_types: the server says why a file is refused
            elem_id="upload-files",
        )
        page.text(files, "upload_files")
        token = page.text(gr.Textbox(label=page.t("token"), type="password", elem_id="upload-token"), "token")
        replace = page.text(gr.Checkbox(label=page.t("replace"), value=False, elem_id="upload-replace"), "replace")
        button = page.text(gr.Button(page.t("upload_button"), elem_id="upload-button"), "upload_button", "value")
        results = gr.Dataframe(
            headers=texts(page.language)["upload_columns"], elem_id="upload-results", interactive=False, wrap=True
        )
    event = button.click(upload, [files, token, replace, page.lang], [results, files], api_visibility="private")
    if documents is not None:
        documents.refresh_after(event)
    return tab
