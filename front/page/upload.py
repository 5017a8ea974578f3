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

import gradio as gr

from assistant.service import AssistantService
from assistant.settings import Settings
from front.limits import Limits
from front.upload import UploadHandler, UploadResult

TEXTS = {
    "sv": {
        "upload": "Lägg till dokument",
        "upload_files": "Filer (PDF, TXT, MD, DOCX)",
        "token": "Administratörsnyckel",
        "replace": "Ersätt ett indexerat dokument med samma namn",
        "upload_button": "Ladda upp och indexera",
        "upload_columns": ["Fil", "Resultat", "Meddelande", "Avsnitt"],
    },
    "en": {
        "upload": "Add documents",
        "upload_files": "Files (PDF, TXT, MD, DOCX)",
        "token": "Admin token",
        "replace": "Replace an indexed document of the same name",
        "upload_button": "Upload and index",
        "upload_columns": ["File", "Result", "Message", "Passages"],
    },
}


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


def add_upload_tab(
    settings: Settings, holder: AssistantService, limits: Limits, upload_folder: str | Path, after_upload=None
) -> gr.Tab:
    """The tab and its event (call inside ``with gr.Blocks()``, where the other tabs are made; once
    per app: its :class:`UploadHandler` serialises the uploads). ``limits``: the app's, which name the
    client for the token throttle. ``after_upload``: (fn, outputs) run after each upload, e.g. to
    refresh the documents table."""
    t = TEXTS[settings.ui_language]
    with gr.Tab(t["upload"], elem_id="tab-upload") as tab:
        files = gr.File(
            label=t["upload_files"],
            file_count="multiple",  # no file_types: the server says why a file is refused
            elem_id="upload-files",
        )
        token = gr.Textbox(label=t["token"], type="password", elem_id="upload-token")
        replace = gr.Checkbox(label=t["replace"], value=False, elem_id="upload-replace")
        button = gr.Button(t["upload_button"], elem_id="upload-button")
        results = gr.Dataframe(headers=t["upload_columns"], elem_id="upload-results", interactive=False, wrap=True)
    handler = PageUpload(UploadHandler(settings, holder), upload_folder, limits)
    event = button.click(handler.upload, [files, token, replace], [results, files], api_visibility="private")
    if after_upload is not None:
        fn, outputs = after_upload
        event.then(fn, None, outputs, api_visibility="private")
    return tab
