"""The chat tab's download hook: the conversation so far as Markdown and as JSON (``front.export``).

:func:`add_export` puts a button and a file list where it is called (in the chat tab); the click
writes both files into Gradio's upload folder, which serves them to this browser only (the path has
a random part) and deletes them with its other temporary files. Each export counts against the
client's rate limit, like a question. Its texts are the page's (front/texts.py), in the page's language.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.utils import get_upload_folder

from assistant.errors import AssistantError
from front.export import conversation_json, conversation_markdown
from front.page.shell import Page
from front.texts import error_text, text

EXPORTS = "exports"  # folder inside Gradio's upload folder


def export_files(answers: list[dict], lang: str, folder: str | Path | None = None) -> list[str]:
    """Write the conversation to ``<folder>/exports/<random>/`` as .md and .json; the two paths."""
    target = Path(folder or get_upload_folder()) / EXPORTS / uuid.uuid4().hex
    target.mkdir(parents=True)
    name = text(lang, "export_name")
    markdown, data = target / f"{name}.md", target / f"{name}.json"
    markdown.write_text(conversation_markdown(answers, lang), encoding="utf-8")
    data.write_text(conversation_json(answers), encoding="utf-8")
    return [str(markdown), str(data)]


def conversation(st: dict | None) -> list[dict]:
    """The answers of the page's session (kept by chat message index) in the order they were given."""
    answers = (st or {}).get("answers") or {}
    return [answers[k] for k in sorted(answers)]


def add_export(page: Page, state: Any) -> tuple[gr.Button, gr.File]:
    """The button and the file list, wired to ``state`` (the chat's per-browser session) and the
    page's language; both labelled through the page (relabelled on a language switch)."""
    button = page.text(gr.Button(page.t("export"), elem_id="export-conversation", size="sm"), "export", "value")
    files = gr.File(
        label=page.t("export_files"), file_count="multiple", interactive=False, visible=False, elem_id="export-files"
    )
    page.text(files, "export_files")
    limits = page.limits

    def export(st: dict, lang: str, request: gr.Request):
        answers = conversation(st)
        if not answers:
            return gr.update(value=None, visible=False)
        try:
            limits.admit(request, "requests")
        except AssistantError as e:
            raise gr.Error(error_text(e, lang), print_exception=False) from e
        return gr.update(value=export_files(answers, lang), visible=True)

    button.click(export, [state, page.lang], files, api_visibility="private")
    return button, files
