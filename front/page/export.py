"""The chat tab's download hook: the conversation so far as Markdown and as JSON (``front.export``).

:func:`add_export` puts a button and a file list where it is called (inside the chat column); the
click writes both files into Gradio's upload folder, which serves them to this browser only (the
path has a random part) and deletes them with its other temporary files. Each export counts against
the client's rate limit, like a question.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import gradio as gr
from gradio.utils import get_upload_folder

from assistant.errors import AssistantError, user_message
from front.export import conversation_json, conversation_markdown
from front.limits import Limits

TEXTS = {
    "sv": {"export": "Spara konversationen", "files": "Konversationen (Markdown, JSON)", "name": "plansvar-samtal"},
    "en": {
        "export": "Save the conversation",
        "files": "The conversation (Markdown, JSON)",
        "name": "plansvar-conversation",
    },
}
EXPORTS = "exports"  # folder inside Gradio's upload folder


def export_files(answers: list[dict], lang: str, folder: str | Path | None = None) -> list[str]:
    """Write the conversation to ``<folder>/exports/<random>/`` as .md and .json; the two paths."""
    target = Path(folder or get_upload_folder()) / EXPORTS / uuid.uuid4().hex
    target.mkdir(parents=True)
    name = TEXTS.get(lang, TEXTS["sv"])["name"]
    markdown, data = target / f"{name}.md", target / f"{name}.json"
    markdown.write_text(conversation_markdown(answers, lang), encoding="utf-8")
    data.write_text(conversation_json(answers), encoding="utf-8")
    return [str(markdown), str(data)]


def add_export(state: gr.State, lang: gr.State, ui_language: str, limits: Limits) -> tuple[gr.Button, gr.File]:
    """The button and the file list, wired to ``state`` (the page's per-browser state: its ``answers``
    are the answers' JSON) and ``lang`` (the page's language code)."""
    t = TEXTS[ui_language]
    button = gr.Button(t["export"], elem_id="export-conversation", size="sm")
    files = gr.File(label=t["files"], file_count="multiple", interactive=False, visible=False, elem_id="export-files")

    def export(st: dict, code: str, request: gr.Request):
        if not st or not st.get("answers"):
            return gr.update(value=None, visible=False)
        try:
            limits.admit(request, "requests")
        except AssistantError as e:
            raise gr.Error(user_message(e), print_exception=False) from e
        return gr.update(value=export_files(st["answers"], code), visible=True)

    button.click(export, [state, lang], files, api_visibility="private")
    return button, files
