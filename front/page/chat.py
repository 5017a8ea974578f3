"""The chat tab: the conversation, the question box, the sources right after it, the document view,
feedback on each answer, and example questions.

Per browser session the page keeps the questions asked and, by chat message index, each answer
(JSON) and the vote given on it, so a vote or a clicked ``[n]`` always concerns the answer it was
given on, not the latest one.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from assistant.answers import Answer
from assistant.errors import AssistantError
from front.feedback import FeedbackStore
from front.page.shell import Page, document
from front.render import chat_answer, chat_text, sources_panel
from front.texts import error_text, text
from index.backends import StoreUnavailable

EXAMPLES = [
    "Vem ansvarar för uppföljningen av färdplanen?",
    "who owns the SIP assignment?",
    "Vad är de fem delmålen i handlingsplanen för sammanhållen vård och omsorg?",
    "Vad är en SIP?",
]
# The sources panel opens a source when an [n] in an answer or a card's button is clicked: the link
# names the chat turn and the marker ("#source-3-1"); Gradio's chatbot keeps href, not data-*.
OPEN_SOURCE_JS = """
window.plansvarOpenSource = (turn, marker) => trigger('open_source', {turn: turn, marker: marker});
if (!window.plansvarSourcesWired) {
  window.plansvarSourcesWired = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest('#chat a.marker, #sources button.open-source');
    const found = link && /source-(\\d+)-(\\d+)/.exec(link.getAttribute('href') || link.dataset.source || '');
    if (!found) return;
    event.preventDefault();
    window.plansvarOpenSource(Number(found[1]), Number(found[2]));
  });
}
"""
SCROLL_TO_CITED = """() => {
  const mark = document.querySelector('#document-view mark#cited');
  if (mark) mark.scrollIntoView({block: 'center'});
}"""


def new_session() -> dict:
    """Per-browser-session state: questions asked; answers, votes by chat message index; the last vote."""
    return {"questions": [], "answers": {}, "votes": {}, "vote": None}


def _bubble(history: list[dict], turn: int) -> str:
    """The text streamed so far into this turn's answer bubble ('' before the first piece)."""
    return history[turn]["content"] if len(history) > turn else ""


def _citation(answer: dict, marker: int) -> dict | None:
    return next((c for c in answer["citations"] or answer["related"] if c["marker"] == marker), None)


def _message_index(index: int | tuple | list) -> int:
    return index if isinstance(index, int) else index[0]


class ChatHandlers:
    """The chat tab's event handlers. Errors become messages in the page's language."""

    def __init__(self, page: Page, feedback: FeedbackStore) -> None:
        self.holder = page.holder
        self.limits = page.limits  # the app's one rate limit, shared with its other doors
        self.feedback = feedback

    def respond(self, question, history, st, lang, request=None):
        """Stream the answer into the chat; the final Answer replaces the stream (with a model, it
        carries the notice and the marks of sentences the citation check could not verify).
        ``request`` (the browser's): its client address counts against the app's rate limit."""
        import gradio as gr

        history = [*(history or []), {"role": "user", "content": chat_text(question)}]
        turn = len(history)
        try:
            self.limits.admit(request)
            assistant = self.holder()
            answer = None
            for item in assistant.stream(question, st["questions"][-3:]):
                if isinstance(item, Answer):
                    answer = item
                    break
                piece = _bubble(history, turn) + chat_text(item)
                history = [*history[:turn], {"role": "assistant", "content": piece}]
                yield history, st, gr.update(), gr.update(), gr.update()
        except (AssistantError, StoreUnavailable) as e:
            history = [*history[:turn], {"role": "assistant", "content": chat_text(error_text(e, lang))}]
            yield history, st, sources_panel(None, {}, lang), "", gr.update()  # the question stays
            return
        if answer is None:  # a stream ends with its Answer; without one there is nothing more to show
            return
        history = [*history[:turn], {"role": "assistant", "content": chat_answer(answer, turn)}]
        st = {**st, "questions": [*st["questions"], question], "answers": {**st["answers"], turn: answer.to_json()}}
        yield history, st, sources_panel(answer, assistant.snapshot.texts, lang, turn), "", ""

    def open_source(self, st, lang, data) -> str:
        """The whole document of source ``marker`` of the answer at chat message ``turn``, the cited
        span highlighted."""
        answer = st["answers"].get(int(data.turn))
        c = _citation(answer, int(data.marker)) if answer else None
        if c is None:
            return ""
        return document(self.holder, c["doc_id"], c["start"], c["end"], lang, c["title"])

    def vote(self, st, lang, data):
        """A thumbs up/down on the answer it was given on: stored at once, replacing an earlier vote on
        the same answer ('' takes the vote back); a comment may follow. Returns the session, the
        comment row's visibility and what the page says."""
        import gradio as gr

        index = _message_index(data.index)
        answer = st["answers"].get(index)
        if answer is None:
            return st, gr.update(), gr.update()
        row_id = st["votes"].get(index)
        if not isinstance(data.liked, bool):
            if row_id:
                self.feedback.withdraw(row_id)
            votes = {k: v for k, v in st["votes"].items() if k != index}
            return {**st, "votes": votes, "vote": None}, gr.update(visible=False), text(lang, "vote_removed")
        row_id = self.feedback.record(answer, data.liked, row_id=row_id or uuid.uuid4().hex)
        said = text(lang, "voted_up" if data.liked else "voted_down")
        return {**st, "votes": {**st["votes"], index: row_id}, "vote": row_id}, gr.update(visible=True), said

    def comment(self, comment, st, lang):
        if not st.get("vote"):
            return text(lang, "vote_first"), comment
        if not comment.strip():
            return "", comment
        self.feedback.comment(st["vote"], comment)
        return text(lang, "thanks"), ""


@dataclass
class ChatTab:
    chat: Any
    question: Any
    sources: Any
    document: Any
    state: Any
    export_files: Any = None  # the conversation's download links (front/page/export.py)


def build_chat(page: Page) -> ChatTab:
    """The chat tab; its events wired."""
    import gradio as gr

    from front.page.export import add_export

    handlers = ChatHandlers(page, FeedbackStore(page.settings.feedback_path))
    state = gr.State(new_session())
    with page.text(gr.Tab(page.t("chat"), elem_id="tab-chat"), "chat"):
        with gr.Row(equal_height=False, elem_id="chat-row"):
            with gr.Column(scale=3, min_width=300, elem_id="chat-column"):
                chat, question = _conversation(page)
                feedback = _feedback(page)
            with gr.Column(scale=2, min_width=300, elem_id="sources-column"):
                sources = gr.HTML(sources_panel(None, {}, page.language), elem_id="sources", js_on_load=OPEN_SOURCE_JS)
                view = gr.HTML(elem_id="document-view")
        new = page.text(gr.Button(page.t("new"), elem_id="new-conversation", size="sm"), "new", "value")
        _, export_files = add_export(page, state)
        examples = gr.Examples(EXAMPLES, inputs=question, label=page.t("examples"))
        page.text(examples.dataset, "examples")
    tab = ChatTab(chat, question, sources, view, state, export_files)
    _wire(page, handlers, tab, feedback, new)
    return tab


def _conversation(page: Page) -> tuple[Any, Any]:
    import gradio as gr

    chat = gr.Chatbot(
        label=page.t("chat"),
        elem_id="chat",
        height="var(--plansvar-chat-height)",  # front/page/style.py: smaller on a phone
        render_markdown=False,
        sanitize_html=True,
        feedback_options=["Like", "Dislike"],
        buttons=["copy", "copy_all"],
    )
    page.text(chat, "chat")
    question = gr.Textbox(
        label=page.t("question"), placeholder=page.t("placeholder"), elem_id="question", submit_btn=page.t("submit")
    )
    page.text(question, "question")
    page.text(question, "placeholder", "placeholder")
    page.text(question, "submit", "submit_btn")
    return chat, question


@dataclass
class _Feedback:
    row: Any
    comment: Any
    send: Any
    status: Any


def _feedback(page: Page) -> _Feedback:
    import gradio as gr

    with gr.Row(visible=False, elem_id="feedback-row") as row:
        comment = page.text(gr.Textbox(label=page.t("comment"), elem_id="feedback-comment", scale=3), "comment")
        send = page.text(gr.Button(page.t("send"), elem_id="feedback-send", scale=1), "send", "value")
    return _Feedback(row, comment, send, gr.Markdown(elem_id="feedback-status"))


def _wire(page: Page, h: ChatHandlers, tab: ChatTab, fb: _Feedback, new: Any) -> None:
    import gradio as gr

    def respond(question, history, st, lang, request: gr.Request):
        yield from h.respond(question, history, st, lang, request)

    def on_vote(st, lang, data: gr.LikeData):
        return h.vote(st, lang, data)

    def on_open(st, lang, data: gr.EventData):
        return h.open_source(st, lang, data)

    def reset():
        return [], new_session(), "", "", gr.update(visible=False), "", gr.update(value=None, visible=False)

    conversation = [tab.chat, tab.state, tab.sources, tab.document, fb.row, fb.status, tab.export_files]
    tab.question.submit(
        respond,
        [tab.question, tab.chat, tab.state, page.lang],
        [tab.chat, tab.state, tab.sources, tab.document, tab.question],
    )
    new.click(reset, None, conversation)
    tab.chat.clear(reset, None, conversation)
    tab.chat.like(on_vote, [tab.state, page.lang], [tab.state, fb.row, fb.status])
    tab.sources.open_source(on_open, [tab.state, page.lang], tab.document).then(None, js=SCROLL_TO_CITED)
    fb.send.click(h.comment, [fb.comment, tab.state, page.lang], [fb.status, fb.comment])
    fb.comment.submit(h.comment, [fb.comment, tab.state, page.lang], [fb.status, fb.comment])
