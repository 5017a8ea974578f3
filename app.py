"""The web front end: a Gradio page (chat with sources, responsibilities, documents) and the JSON API.

Gradio lives only here. Nothing leaves the machine: analytics off, no share link, no server-side
rendering, system fonts only (no font CDN). All document text is rendered through
`front.render`, which escapes it.
"""

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.answers import Answer
from assistant.errors import AssistantError, user_message
from assistant.service import AssistantService
from assistant.settings import Settings
from front.feedback import FeedbackStore
from front.render import answer_text, chat_text, document_view, sources_panel
from front.upload import UploadHandler
from index.backends import StoreUnavailable

TEXTS: dict[str, dict[str, Any]] = {  # labels (str), table headers (list[str]), kinds (dict)
    "sv": {
        "title": "# Plansvar – frågor om regionens planer\n"
        "Ställ en fråga om Region Örebro läns planer. Svaret citerar planerna; källorna visas bredvid.",
        "question": "Din fråga",
        "placeholder": "T.ex. Vem ansvarar för uppföljningen av färdplanen?",
        "new": "Ny konversation",
        "chat": "Fråga",
        "owners": "Ansvar",
        "documents": "Dokument",
        "show": "Visa i dokument",
        "filter": "Sök ägare eller uppgift",
        "owner_hint": "Välj en rad för att se texten den bygger på.",
        "comment": "Kommentar till ditt omdöme (valfritt)",
        "send": "Skicka kommentar",
        "thanks": "Tack! Kommentaren är sparad.",
        "vote_first": "Ge först tummen upp eller ner på ett svar.",
        "language": "Språk",
        "upload": "Lägg till dokument",
        "upload_files": "Filer (PDF, TXT, MD, DOCX)",
        "token": "Administratörsnyckel",
        "upload_button": "Ladda upp och indexera",
        "upload_columns": ["Fil", "Resultat", "Meddelande", "Avsnitt"],
        "owner_columns": ["Ägare", "Uppgift", "Typ", "Nr", "Dokument", "År"],
        "kinds": {
            "assigned": "uppdrag",
            "responsible": "ansvar",
            "decided": "beslut",
            "follows_up": "uppföljning",
            "other": "övrigt",
        },
        "document_columns": ["Titel", "Typ", "Period/datum", "Sidor", "Avsnitt", "Ersatt av"],
    },
    "en": {
        "title": "# Plansvar – questions about the regional plans\n"
        "Ask about Region Örebro län's plans. The answer quotes the plans; the sources are shown beside it.",
        "question": "Your question",
        "placeholder": "E.g. Who owns the SIP assignment?",
        "new": "New conversation",
        "chat": "Ask",
        "owners": "Responsibilities",
        "documents": "Documents",
        "show": "Show in document",
        "filter": "Search owner or task",
        "owner_hint": "Select a row to see the text it rests on.",
        "comment": "A comment on your rating (optional)",
        "send": "Send comment",
        "thanks": "Thank you! The comment is saved.",
        "vote_first": "First give an answer a thumbs up or down.",
        "language": "Language",
        "upload": "Add documents",
        "upload_files": "Files (PDF, TXT, MD, DOCX)",
        "token": "Admin token",
        "upload_button": "Upload and index",
        "upload_columns": ["File", "Result", "Message", "Passages"],
        "owner_columns": ["Owner", "Task", "Kind", "No.", "Document", "Year"],
        "kinds": {
            "assigned": "assigned",
            "responsible": "responsible",
            "decided": "decided",
            "follows_up": "follows up",
            "other": "other",
        },
        "document_columns": ["Title", "Kind", "Period/date", "Pages", "Passages", "Superseded by"],
    },
}
LANGUAGES = {"Svenska": "sv", "English": "en"}
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
.document-text, .sources .passage { white-space: pre-wrap; overflow-wrap: anywhere; }
.document-text { max-height: 60vh; overflow-y: auto; }
:focus-visible { outline: 3px solid #1f5f8b !important; outline-offset: 2px; }
#owners-table .cell-wrap, #documents-table .cell-wrap { font-family: system-ui, sans-serif; }
@media (max-width: 640px) { #header { flex-direction: column; } #language { min-width: 0 !important; } }
"""
GRADIO_UPLOAD = "/gradio_api/upload"  # Gradio's file upload route (its own size cap)
SCROLL_TO_CITED = (
    "() => { for (const m of document.querySelectorAll('mark#cited')) m.scrollIntoView({block: 'center'}); }"
)


def _new_state() -> dict:
    """Per-browser-session state: the questions asked, the answers (JSON), the last vote."""
    return {"questions": [], "answers": [], "vote": None}


def _bubble(history: list[dict], turn: int) -> str:
    """The text streamed so far into this turn's answer bubble ('' before the first piece)."""
    return history[turn]["content"] if len(history) > turn else ""


def _citation(answer: dict, marker: int) -> dict | None:
    return next((c for c in answer["citations"] or answer["related"] if c["marker"] == marker), None)


class Handlers:
    """The page's event handlers. Errors become messages; document text goes through `front.render`."""

    def __init__(self, holder: AssistantService, settings: Settings) -> None:
        self.holder = holder
        self.settings = settings
        self.feedback = FeedbackStore(settings.feedback_path)
        self.uploader = UploadHandler(settings, holder)  # one per process: it serialises uploads

    def respond(self, text, history, st):
        """Stream the answer into the chat; the final Answer's text replaces the stream (with a model,
        it carries the notice and the marks of sentences the citation check could not verify)."""
        import gradio as gr

        history = [*(history or []), {"role": "user", "content": chat_text(text)}]
        turn = len(history)
        try:
            assistant = self.holder()
            answer = None
            for item in assistant.stream(text, st["questions"][-3:]):
                if isinstance(item, Answer):
                    answer = item
                    break
                history = [*history[:turn], {"role": "assistant", "content": _bubble(history, turn) + chat_text(item)}]
                yield history, st, gr.update(), gr.update(), gr.update()
        except (AssistantError, StoreUnavailable) as e:
            history = [*history[:turn], {"role": "assistant", "content": chat_text(user_message(e))}]
            yield history, st, sources_panel(None, {}), gr.update(choices=[], value=None), ""
            return
        history = [*history[:turn], {"role": "assistant", "content": chat_text(answer_text(answer))}]
        st = {**st, "questions": [*st["questions"], text], "answers": [*st["answers"], answer.to_json()]}
        panel = sources_panel(answer, assistant.snapshot.texts, answer.language)
        choices = [f"[{c.marker}] {c.title}" for c in answer.citations or answer.related]
        yield history, st, panel, gr.update(choices=choices, value=None), ""

    def show(self, choice, st):
        """The whole document of the chosen citation, the cited span highlighted."""
        if not choice or not st["answers"]:
            return ""
        c = _citation(st["answers"][-1], int(choice.split("]")[0].strip("[")))
        if c is None:
            return ""
        return self._document(c["doc_id"], c["start"], c["end"], c["title"])

    def _document(self, doc_id: str, start: int, end: int, title: str | None = None) -> str:
        """The document view, or the reason it cannot be shown (store down, document gone)."""
        try:
            assistant = self.holder()
        except (AssistantError, StoreUnavailable) as e:
            return f'<p class="error">{chat_text(user_message(e))}</p>'
        found = assistant.document(doc_id)
        if found is None:
            return ""
        info, text = found
        return document_view(title or info.title, text, start, end)

    def vote(self, st, data):
        """A thumbs up/down on the latest answer: stored at once; a comment may follow."""
        import gradio as gr

        if not st["answers"]:
            return st, gr.update()
        row_id = self.feedback.record(st["answers"][-1], bool(data.liked))
        return {**st, "vote": row_id}, gr.update(visible=True)

    def comment(self, text, st, lang):
        t = TEXTS[lang]
        if not st.get("vote"):
            return t["vote_first"], text
        if not text.strip():
            return "", text
        self.feedback.comment(st["vote"], text)
        return t["thanks"], ""

    def owner_rows(self, query):
        """Rows of the register table and, per row, where its evidence is (for the source view)."""
        try:
            assistant = self.holder()
        except (AssistantError, StoreUnavailable) as e:
            return [[user_message(e), "", "", "", "", ""]], []
        found = assistant.owners(query or "", limit=500)
        rows = [
            [
                r.entry.owner,
                r.task_text,
                TEXTS[self.settings.ui_language]["kinds"].get(r.entry.kind, r.entry.kind),
                r.entry.number,
                r.title,
                r.entry.year,
            ]
            for r in found
        ]
        return rows, [[r.entry.doc_id, r.entry.task_start, r.entry.task_end] for r in found]

    def owner_source(self, refs, data):
        """The document of the selected register row, its evidence highlighted."""
        row = data.index[0] if isinstance(data.index, list | tuple) else data.index
        if row is None or not 0 <= row < len(refs):
            return ""
        doc_id, start, end = refs[row]
        return self._document(doc_id, start, end)

    def upload(self, files, token):
        """Each uploaded file checked, saved and ingested (assistant/upload.py); one result row per file."""
        results = [self.uploader.from_path(f, token or None, name=Path(f).name) for f in files or []]
        return [[r.file, r.status, r.message, r.chunks or ""] for r in results], None

    def document_rows(self):
        try:
            docs = self.holder().documents()
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


def build_ui(holder: AssistantService, settings: Settings):
    import gradio as gr

    h = Handlers(holder, settings)
    t = TEXTS[settings.ui_language]
    with gr.Blocks(title="Plansvar") as page:
        lang = gr.State(settings.ui_language)
        state = gr.State(_new_state())
        owner_refs = gr.State([])
        with gr.Row(elem_id="header"):
            title = gr.Markdown(t["title"])
            language = gr.Radio(
                list(LANGUAGES),
                value=next(k for k, v in LANGUAGES.items() if v == settings.ui_language),
                label=t["language"],
                elem_id="language",
                scale=0,
                min_width=200,
            )
        with gr.Tab(t["chat"], elem_id="tab-chat") as chat_tab, gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=300):
                chat = gr.Chatbot(
                    label=t["chat"],
                    elem_id="chat",
                    height=460,
                    render_markdown=False,
                    sanitize_html=True,
                    feedback_options=["Like", "Dislike"],
                )
                question = gr.Textbox(
                    label=t["question"], placeholder=t["placeholder"], elem_id="question", submit_btn=True
                )
                with gr.Row(visible=False, elem_id="feedback-row") as feedback_row:
                    comment = gr.Textbox(label=t["comment"], elem_id="feedback-comment", scale=3)
                    send = gr.Button(t["send"], elem_id="feedback-send", scale=1)
                feedback_status = gr.Markdown(elem_id="feedback-status")
                new = gr.Button(t["new"], elem_id="new-conversation")
                gr.Examples(EXAMPLES, inputs=question)
            with gr.Column(scale=2, min_width=300):
                pick = gr.Dropdown(label=t["show"], choices=[], elem_id="show-in-document")
                doc = gr.HTML(elem_id="document-view")
                sources = gr.HTML(elem_id="sources")
        with gr.Tab(t["owners"], elem_id="tab-owners") as owners_tab:
            owner_filter = gr.Textbox(label=t["filter"], elem_id="owners-filter")
            owners = gr.Dataframe(
                headers=t["owner_columns"],
                label=t["owner_hint"],
                show_label=True,
                elem_id="owners-table",
                interactive=False,
                wrap=True,
                column_widths=["22%", "44%", "9%", "5%", "14%", "6%"],
            )
            owner_source = gr.HTML(elem_id="owner-source")
        with gr.Tab(t["documents"], elem_id="tab-documents") as documents_tab:
            documents = gr.Dataframe(
                headers=t["document_columns"], elem_id="documents-table", interactive=False, wrap=True
            )

        if settings.upload.enabled:
            with gr.Tab(t["upload"], elem_id="tab-upload"):
                files = gr.File(
                    label=t["upload_files"],
                    file_count="multiple",  # no file_types: the server says why a file is refused
                    elem_id="upload-files",
                )
                token = gr.Textbox(label=t["token"], type="password", elem_id="upload-token")
                upload = gr.Button(t["upload_button"], elem_id="upload-button")
                upload_results = gr.Dataframe(
                    headers=t["upload_columns"], elem_id="upload-results", interactive=False, wrap=True
                )
            upload.click(h.upload, [files, token], [upload_results, files]).then(h.document_rows, None, documents)

        def relabel(choice):
            code = LANGUAGES[choice]
            x = TEXTS[code]
            return (
                code,
                gr.update(value=x["title"]),
                gr.update(label=x["language"]),
                gr.update(label=x["chat"]),
                gr.update(label=x["owners"]),
                gr.update(label=x["documents"]),
                gr.update(label=x["chat"]),
                gr.update(label=x["question"], placeholder=x["placeholder"]),
                gr.update(label=x["comment"]),
                gr.update(value=x["send"]),
                gr.update(value=x["new"]),
                gr.update(label=x["show"]),
                gr.update(label=x["filter"]),
                gr.update(headers=x["owner_columns"], label=x["owner_hint"]),
                gr.update(headers=x["document_columns"]),
            )

        language.change(
            relabel,
            language,
            [
                *(lang, title, language, chat_tab, owners_tab, documents_tab, chat, question, comment, send),
                *(new, pick, owner_filter, owners, documents),
            ],
        )
        question.submit(h.respond, [question, chat, state], [chat, state, sources, pick, question])

        def reset():
            return [], _new_state(), "", gr.update(choices=[], value=None), "", gr.update(visible=False), ""

        conversation = [chat, state, sources, pick, doc, feedback_row, feedback_status]
        new.click(reset, None, conversation)
        chat.clear(reset, None, conversation)
        pick.change(h.show, [pick, state], doc).then(None, None, None, js=SCROLL_TO_CITED)

        def on_vote(st, data: gr.LikeData):
            return h.vote(st, data)

        def on_owner_row(refs, data: gr.SelectData):
            return h.owner_source(refs, data)

        chat.like(on_vote, [state], [state, feedback_row])
        send.click(h.comment, [comment, state, lang], [feedback_status, comment])
        comment.submit(h.comment, [comment, state, lang], [feedback_status, comment])
        owner_filter.change(h.owner_rows, owner_filter, [owners, owner_refs])
        owners.select(on_owner_row, [owner_refs], owner_source).then(None, None, None, js=SCROLL_TO_CITED)
        page.load(lambda: (*h.owner_rows(""), h.document_rows()), None, [owners, owner_refs, documents])
    return page


def create_app(settings: Settings):
    """The FastAPI app: the JSON API and the page mounted at `/`."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    import gradio as gr
    from fastapi import FastAPI

    from front.api import ApiOptions, add_api

    holder = AssistantService(settings)
    # Gradio's upload route caps each file itself as it streams it to disk (max_file_size below)
    options = replace(ApiOptions.from_settings(settings), body_limits=((GRADIO_UPLOAD, None),))
    limits = options.limits()  # one per app: every door (JSON API, /v1, the page's handlers) shares it
    app = add_api(FastAPI(title="Plansvar", docs_url=None, redoc_url=None), holder, options, limits)
    app.state.limits = limits
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
    import uvicorn

    # proxy_headers=False: uvicorn would trust X-Forwarded-For from 127.0.0.1; front.limits decides instead
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port or settings.port,
        log_level="warning",
        proxy_headers=False,
    )


def main(argv: list[str] | None = None) -> int:
    """The `plansvar` command: the CLI, with this page for `plansvar serve`."""
    from front.cli import main as cli_main

    return cli_main(argv, page=serve)


if __name__ == "__main__":
    raise SystemExit(main())
