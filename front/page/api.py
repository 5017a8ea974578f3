"""The page's public API: five read-only endpoints with stable names, served to Gradio clients and as MCP tools.

``/ask``, ``/search``, ``/owners``, ``/document`` and ``/documents`` take typed arguments and return
JSON objects (the answer with its citations as data, never HTML). Every other event handler of the
page is private (:func:`keep_private`): ``view_api()`` lists these five only, and only these are
callable by name. Each call takes one request of the client's allowance from the app's shared
:class:`front.limits.Limits` (the same bucket as ``POST /api/ask``, ``/v1`` and the chat; the client
is named by its trusted-proxy rule), and the answering ones run in its worker slots. A follow-up is
decided by the caller's ``history`` argument, never by a session. The endpoints use the
``Assistant`` front only (``ask``, ``search``, ``owners``, ``document``, ``documents``).

:class:`PublicApi` holds the endpoints as plain methods (they raise ``AssistantError``s); Gradio
gets them through :func:`add_public_api`, the MCP server through ``front.page.mcp``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.errors import AssistantError, InvalidQuestion, user_message
from assistant.service import AssistantService
from front.api_common import valid_history
from front.api_schemas import MAX_HISTORY
from front.limits import Limits
from index.backends import StoreUnavailable
from index.types import DocumentInfo

PUBLIC_ENDPOINTS = ("ask", "search", "owners", "document", "documents")
MAX_PASSAGES = 20
MAX_OWNERS = 100
MAX_SPAN_CHARS = 20_000
_ERRORS = (AssistantError, StoreUnavailable)


class PublicApi:
    """The endpoints. ``request`` is the HTTP request of the caller (a Gradio or MCP call): its client
    address is what the rate limit counts."""

    def __init__(self, holder: AssistantService, limits: Limits) -> None:
        self.holder = holder
        self.limits = limits

    def ask(self, question: str, history: list[str] | None = None, request: gr.Request | None = None) -> dict:
        """Ask the regional plans a question (Swedish or English) and get an answer quoted from them.

        The answer text carries markers [1], [2] ... that point to its citations; each citation names the
        document, page or section, and the exact character offsets of the quoted span in the document's
        text (quote == document text[start:end]). When the plans do not cover the question, `supported`
        is false and `related` lists the closest passages.

        Args:
            question: The question, e.g. "Who owns the SIP assignment?".
            history: Earlier questions of this conversation, oldest first (a follow-up is read with the last one).
        """
        self.limits.admit(request)
        with self.limits.slots:
            assistant = self.holder()
            if len(history or []) > MAX_HISTORY:
                raise InvalidQuestion(f"at most {MAX_HISTORY} earlier questions")
            return assistant.ask(question, valid_history(list(history or []), assistant)).to_json()

    def search(self, query: str, k: int = 5, request: gr.Request | None = None) -> dict:
        """Search the plans' passages for a query, best first (hybrid vector and keyword search).

        Each passage gives its document, title, page or section, score and text, which is exactly the
        document's text between `start` and `end`.

        Args:
            query: What to look for, in Swedish or English.
            k: How many passages to return (1 to 20).
        """
        self.limits.admit(request, "searches")
        with self.limits.slots:
            passages = self.holder().search(query, max(1, min(int(k), MAX_PASSAGES)))
            return {"query": " ".join(str(query).split()), "passages": [p.to_json() for p in passages]}

    def owners(self, query: str = "", limit: int = 20, request: gr.Request | None = None) -> dict:
        """Look up the responsibility register: who is assigned, responsible for, decided or follows up what.

        Each entry names the owner, the kind of statement, the assignment number, the year, the document
        and the task text with its offsets in the document (task_text == document text[task_start:task_end]).

        Args:
            query: Words of an owner or a task, Swedish or English (empty: the register from its start).
            limit: At most this many entries (1 to 100).
        """
        self.limits.admit(request, "requests")
        assistant = self.holder()
        query = (query or "").strip()[: assistant.options.max_question_chars]
        rows = assistant.owners(query, max(1, min(int(limit), MAX_OWNERS)))  # empty query: the register from its start
        entries = [{**r.entry.to_json(), "title": r.title, "task_text": r.task_text} for r in rows]
        return {"query": query, "entries": entries}

    def document(self, doc_id: str, start: int = 0, end: int = -1, request: gr.Request | None = None) -> dict:
        """Read a span of one document's cleaned text by character offsets (as citations give them).

        Returns the text between `start` and `end` (at most 20,000 characters), the document's title
        and its total length, so a citation's quote can be read in its context.

        Args:
            doc_id: The document's id, as `documents` and every citation give it.
            start: First character of the span (0: the beginning).
            end: Character after the span (-1: to the end, cut at 20,000 characters from start).
        """
        self.limits.admit(request, "requests")
        found = self.holder().document(doc_id)
        if found is None:
            raise AssistantError(f"no document with id {doc_id!r}; the `documents` endpoint lists them")
        info, text = found
        start = max(0, min(int(start), len(text)))
        end = len(text) if int(end) < 0 else max(start, min(int(end), len(text)))
        end = min(end, start + MAX_SPAN_CHARS)
        span = text[start:end]
        return {"doc_id": doc_id, "title": info.title, "length": len(text), "start": start, "end": end, "text": span}

    def documents(self, request: gr.Request | None = None) -> dict:
        """List the indexed documents: id, title, kind, period or date, pages, passages, and for a
        superseded one the id of the document that replaces it."""
        self.limits.admit(request, "requests")
        return {"documents": [_document_json(d) for d in self.holder().documents()]}

    def endpoints(self) -> list[Callable[..., dict]]:
        return [getattr(self, name) for name in PUBLIC_ENDPOINTS]


def _document_json(d: DocumentInfo) -> dict:
    return {
        "doc_id": d.doc_id,
        "title": d.title,
        "kind": d.meta.get("kind", ""),
        "period": d.meta.get("period", ""),
        "date": d.meta.get("date", ""),
        "pages": d.pages,
        "passages": d.n_chunks,
        "superseded_by": d.superseded_by,
    }


def _for_gradio(fn: Callable[..., dict]) -> Callable[..., dict]:
    """``fn`` with the errors a caller can act on as ``gr.Error`` (a message, no traceback in the log)."""

    @functools.wraps(fn)
    def endpoint(*args: Any, **kwargs: Any) -> dict:
        try:
            return fn(*args, **kwargs)
        except _ERRORS as e:
            raise gr.Error(user_message(e), print_exception=False) from e

    return endpoint


def add_public_api(api: PublicApi) -> None:
    """Register the endpoints on the Blocks being built (call inside ``with gr.Blocks()``).

    Not queued: each runs in a request thread of its own, bounded by the shared worker slots; the
    HTTP request (and so the client address) reaches the endpoint directly."""
    for fn in api.endpoints():
        gr.api(_for_gradio(fn), api_name=fn.__name__, queue=False)


def keep_private(blocks: gr.Blocks) -> None:
    """Every event handler of ``blocks`` that is not one of the public endpoints becomes private:
    left out of the API description and of the MCP tools. (Call after the page is built; a tab added
    later is covered without a change here.)"""
    for fn in blocks.fns.values():
        if fn.api_name not in PUBLIC_ENDPOINTS:
            fn.api_visibility = "private"
