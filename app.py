"""The web front end: a Gradio page (chat with sources, responsibilities, documents) and the JSON API.

Gradio lives only here. Nothing leaves the machine: analytics off, no share link, no server-side
rendering, system fonts only (no font CDN). All document text is rendered through
`assistant.render`, which escapes it.
"""

import json
import os
import threading
import time
from pathlib import Path

from assistant.errors import AssistantError, IndexMissing, user_message
from assistant.render import document_view, sources_panel
from assistant.settings import Settings
from index.store import StoreUnavailable

TEXTS = {
    "sv": {
        "title": "Plansvar – frågor om regionens planer",
        "intro": "Ställ en fråga om Region Örebro läns planer. Svaret citerar planerna; källorna visas bredvid.",
        "question": "Din fråga",
        "placeholder": "T.ex. Vem ansvarar för uppföljningen av färdplanen?",
        "new": "Ny konversation",
        "chat": "Fråga",
        "owners": "Ansvar",
        "documents": "Dokument",
        "show": "Visa i dokument",
        "filter": "Sök ägare eller uppgift",
        "empty_index": "Inga planer är indexerade ännu. Kör `plansvar ingest` och ladda om sidan.",
        "owner_columns": ["Ägare", "Uppgift", "Typ", "Nr", "Dokument", "År"],
        "document_columns": ["Titel", "Typ", "Period/datum", "Sidor", "Avsnitt", "Ersatt av"],
    },
    "en": {
        "title": "Plansvar – questions about the regional plans",
        "intro": "Ask about Region Örebro län's plans. The answer quotes the plans; the sources are shown beside it.",
        "question": "Your question",
        "placeholder": "E.g. Who owns the SIP assignment?",
        "new": "New conversation",
        "chat": "Ask",
        "owners": "Responsibilities",
        "documents": "Documents",
        "show": "Show in document",
        "filter": "Search owner or task",
        "empty_index": "No plans are indexed yet. Run `plansvar ingest` and reload the page.",
        "owner_columns": ["Owner", "Task", "Kind", "No.", "Document", "Year"],
        "document_columns": ["Title", "Kind", "Period/date", "Pages", "Passages", "Superseded by"],
    },
}
EXAMPLES = [
    "Vem ansvarar för uppföljningen av färdplanen?",
    "who owns the SIP assignment?",
    "Vad är de fem delmålen i handlingsplanen för sammanhållen vård och omsorg?",
    "Vad är en SIP?",
]
CSS = """
.sources article.citation { border-left: 4px solid #1f5f8b; padding: .4rem .6rem; margin: .5rem 0; }
.sources mark, .document mark { background: #ffe58f; color: #111; }
.superseded { color: #8a1c1c; font-weight: 600; }
.document-text, .sources .passage { white-space: pre-wrap; }
.document-text { max-height: 60vh; overflow-y: auto; }
:focus-visible { outline: 3px solid #1f5f8b !important; outline-offset: 2px; }
"""


class AssistantHolder:
    """Builds the Assistant on first use (so the page starts even before anything is indexed)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._assistant = None
        self._lock = threading.Lock()

    def __call__(self):
        from assistant.wiring import build_assistant

        with self._lock:
            if self._assistant is None:
                assistant = build_assistant(self.settings)
                if not assistant.docs:
                    raise IndexMissing("no plans are indexed yet: run `plansvar ingest`")
                self._assistant = assistant
            return self._assistant


def record_feedback(path: Path, answer: dict, liked: bool, comment: str = "") -> None:
    """Append one feedback record (question, answer, citations, vote) to a local JSONL file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    row = {"time": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "liked": liked, "comment": comment, **answer}
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def build_ui(holder: AssistantHolder, settings: Settings):
    import gradio as gr

    t = TEXTS[settings.ui_language]
    with gr.Blocks(title="Plansvar") as page:
        gr.Markdown(f"# {t['title']}\n{t['intro']}")
        state = gr.State({"questions": [], "answers": []})
        with gr.Tab(t["chat"]), gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    label=t["chat"],
                    elem_id="chat",
                    height=460,
                    render_markdown=False,
                    sanitize_html=True,
                    feedback_options=["Like", "Dislike"],
                )
                question = gr.Textbox(
                    label=t["question"],
                    placeholder=t["placeholder"],
                    elem_id="question",
                    submit_btn=True,
                )
                new = gr.Button(t["new"], elem_id="new-conversation")
                gr.Examples(EXAMPLES, inputs=question)
            with gr.Column(scale=2):
                pick = gr.Dropdown(label=t["show"], choices=[], elem_id="show-in-document")
                doc = gr.HTML(elem_id="document-view")
                sources = gr.HTML(elem_id="sources")
        with gr.Tab(t["owners"]):
            owner_filter = gr.Textbox(label=t["filter"], elem_id="owners-filter")
            owners = gr.Dataframe(
                headers=t["owner_columns"],
                elem_id="owners-table",
                interactive=False,
                wrap=True,
                column_widths=["22%", "44%", "9%", "5%", "14%", "6%"],
            )
        with gr.Tab(t["documents"]):
            documents = gr.Dataframe(
                headers=t["document_columns"], elem_id="documents-table", interactive=False, wrap=True
            )

        def respond(text, history, st):
            history = list(history or [])
            history.append({"role": "user", "content": text})
            try:
                assistant = holder()
                answer = assistant.ask(text, st["questions"][-3:])
            except (AssistantError, StoreUnavailable) as e:
                history.append({"role": "assistant", "content": user_message(e)})
                yield history, st, sources_panel(None, {}, settings.ui_language), gr.update(choices=[]), ""
                return
            history.append({"role": "assistant", "content": ""})
            for piece in assistant.stream_text(answer):
                history[-1]["content"] += piece
                yield history, st, gr.update(), gr.update(), gr.update()
            st = {"questions": [*st["questions"], text], "answers": [*st["answers"], answer.to_json()]}
            panel = sources_panel(answer, assistant.doc_texts, answer.language)
            choices = [f"[{c.marker}] {c.title}" for c in answer.citations or answer.related]
            yield history, st, panel, gr.update(choices=choices, value=None), ""

        def show(choice, st):
            """The whole document of the chosen citation, the cited span highlighted."""
            if not choice or not st["answers"]:
                return ""
            marker = int(choice.split("]")[0].strip("["))
            last = st["answers"][-1]
            c = next(x for x in last["citations"] or last["related"] if x["marker"] == marker)
            return document_view(c["title"], holder().doc_texts[c["doc_id"]], c["start"], c["end"])

        def like(st, data: gr.LikeData):
            if st["answers"]:
                record_feedback(settings.data_dir / "feedback.jsonl", st["answers"][-1], bool(data.liked))

        def owner_rows(query):
            try:
                assistant = holder()
            except (AssistantError, StoreUnavailable) as e:
                return [[user_message(e), "", "", "", "", ""]]
            entries = assistant.owners.search(query or "", assistant.doc_texts, limit=500)
            return [
                [
                    e.owner,
                    assistant.doc_texts[e.doc_id][e.task_start : e.task_end],
                    e.kind,
                    e.number,
                    assistant.docs[e.doc_id].title if e.doc_id in assistant.docs else e.doc_id,
                    e.year,
                ]
                for e in entries
            ]

        def document_rows():
            try:
                docs = holder().retriever.index.documents()
            except (AssistantError, StoreUnavailable) as e:
                return [[user_message(e), "", "", "", "", ""]]
            return [
                [
                    d.title,
                    d.meta.get("kind", ""),
                    d.meta.get("period") or d.meta.get("date", ""),
                    d.pages or "",
                    d.n_chunks,
                    d.meta.get("superseded_by", ""),
                ]
                for d in docs
            ]

        question.submit(respond, [question, chat, state], [chat, state, sources, pick, question])
        new.click(
            lambda: ([], {"questions": [], "answers": []}, "", gr.update(choices=[]), ""),
            None,
            [chat, state, sources, pick, doc],
        )
        pick.change(show, [pick, state], doc)
        chat.like(like, [state], None)
        owner_filter.change(owner_rows, owner_filter, owners)
        page.load(lambda: (owner_rows(""), document_rows()), None, [owners, documents])
    return page


def create_app(settings: Settings):
    """The FastAPI app: the JSON API and the page mounted at `/`."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI

    from assistant.api import add_api

    holder = AssistantHolder(settings)
    app = add_api(FastAPI(title="Plansvar", docs_url=None, redoc_url=None), holder)
    theme = gr.themes.Default(font=["system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return gr.mount_gradio_app(
        app,
        build_ui(holder, settings),
        path="/",
        footer_links=[],
        ssr_mode=False,
        css=CSS,
        theme=theme,
    )


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(settings), host=host or settings.host, port=port or settings.port, log_level="warning")
