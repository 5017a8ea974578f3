"""The documents tab: every indexed document with its kind, period, size and, when another plan
replaces it, that plan's title. A table on a wide screen, cards on a small one (CSS shows one)."""

from dataclasses import dataclass
from html import escape
from typing import Any

from assistant.errors import AssistantError
from front.page.shell import Page
from front.texts import error_text, texts
from index.backends import StoreUnavailable


def document_cards(rows: list[list], headers: list[str]) -> str:
    """The rows as cards for a small screen: the title, then each other column that has a value."""
    cards = []
    for title, *values in rows:
        pairs = zip(headers[1:], values, strict=True)
        facts = "".join(f"<dt>{escape(h)}</dt><dd>{escape(str(v))}</dd>" for h, v in pairs if v)
        cards.append(f'<li class="document-card"><h2>{escape(str(title))}</h2><dl>{facts}</dl></li>')
    return f'<ul class="document-cards">{"".join(cards)}</ul>'


class DocumentHandlers:
    def __init__(self, page: Page) -> None:
        self.holder = page.holder

    def rows(self, lang: str) -> tuple[dict, str]:
        """The table (headers in ``lang``: title, kind, period or date, pages, passages, replaced by)
        and the same rows as cards."""
        headers = texts(lang)["document_columns"]
        rows: list[list[Any]]
        try:
            docs = self.holder().documents()
        except (AssistantError, StoreUnavailable) as e:
            rows = [[error_text(e, lang), "", "", "", "", ""]]
            return {"headers": headers, "data": rows}, document_cards(rows, headers)
        titles = {d.doc_id: d.title for d in docs}
        rows = [
            [
                d.title,
                d.kind,
                d.when,
                d.pages or "",
                d.n_chunks,
                _replacing_title(d.superseded_by, titles),
            ]
            for d in docs
        ]
        return {"headers": headers, "data": rows}, document_cards(rows, headers)


def _replacing_title(doc_id: str, titles: dict[str, str]) -> str:
    """The title of the replacing document (the catalog names it by id); the id if it is not indexed."""
    return titles.get(doc_id, doc_id) if doc_id else ""


@dataclass
class DocumentsTab:
    table: Any
    cards: Any
    handlers: DocumentHandlers
    lang: Any

    def refresh_after(self, event: Any) -> Any:
        """Fill the table again after ``event`` (an upload changed the documents)."""
        return event.then(self.handlers.rows, [self.lang], [self.table, self.cards])


def build_documents(page: Page) -> DocumentsTab:
    """The documents tab; its table, filled through the page's language."""
    import gradio as gr

    h = DocumentHandlers(page)
    with page.text(gr.Tab(page.t("documents"), elem_id="tab-documents"), "documents"):
        table = gr.Dataframe(
            headers=texts(page.language)["document_columns"],
            elem_id="documents-table",
            interactive=False,
            wrap=True,
            column_widths=["34%", "13%", "13%", "8%", "9%", "23%"],  # no header broken inside a word
        )
        cards = gr.HTML(elem_id="document-cards")
    page.follow_language(h.rows, [], [table, cards])
    return DocumentsTab(table, cards, h, page.lang)
