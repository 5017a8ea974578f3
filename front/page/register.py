"""The register tab ("Ansvar"): who is responsible for what, with the text each row rests on.

On a wide screen the register is a table (a row opens its source); on a small one the same rows are
cards with a button that opens the source (CSS shows one or the other), so nothing wraps a letter
per line. Headers and kinds are in the page's language.
"""

from dataclasses import dataclass
from html import escape
from typing import Any

from assistant.errors import AssistantError
from assistant.owners import RegisterRow
from front.page.shell import Page, document
from front.texts import error_text, texts
from index.backends import StoreUnavailable

MAX_ROWS = 500
OPEN_ROW_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button.open-row');
  if (button) trigger('open_row', {row: Number(button.dataset.row)});
});
"""


def owner_cards(rows: list[list], lang: str) -> str:
    """The rows as cards: owner, task, then kind · number · document · year, and a source button."""
    t = texts(lang)
    cards = []
    for i, (owner, task, kind, number, title, year) in enumerate(rows):
        meta = " · ".join(escape(str(x)) for x in (kind, number and f"nr {number}", title, year) if x)
        cards.append(
            f'<li class="owner-card"><h2>{escape(owner)}</h2><p class="task">{escape(task)}</p>'
            f'<p class="meta">{meta}</p>'
            f'<button type="button" class="open-row" data-row="{i}">{t["open"]}'
            f'<span class="visually-hidden">: {escape(owner)}</span></button></li>'
        )
    return f'<ul class="owner-cards" aria-label="{t["owners"]}">{"".join(cards)}</ul>'


def _row(r: RegisterRow, kinds: dict[str, str]) -> list:
    """Owner, task, kind (in the page's language), number, document, year."""
    e = r.entry
    return [e.owner, r.task_text, kinds.get(e.kind, e.kind), e.number, r.title, e.year]


class RegisterHandlers:
    def __init__(self, page: Page) -> None:
        self.holder = page.holder

    def rows(self, lang: str, query: str):
        """The table (headers and rows in ``lang``), where each row's evidence is, and the cards."""
        t = texts(lang)
        try:
            assistant = self.holder()
        except (AssistantError, StoreUnavailable) as e:
            rows = [[error_text(e, lang), "", "", "", "", ""]]
            return {"headers": t["owner_columns"], "data": rows}, [], ""
        found = assistant.owners(query or "", MAX_ROWS)
        rows = [_row(r, t["kinds"]) for r in found]
        refs = [[r.entry.doc_id, r.entry.task_start, r.entry.task_end] for r in found]
        return {"headers": t["owner_columns"], "data": rows}, refs, owner_cards(rows, lang)

    def source(self, refs: list, lang: str, row: int | None) -> str:
        """The document of register row ``row``, its evidence highlighted."""
        if row is None or not 0 <= row < len(refs):
            return ""
        doc_id, start, end = refs[row]
        return document(self.holder, doc_id, start, end, lang)


@dataclass
class RegisterTab:
    filter: Any
    table: Any
    cards: Any
    source: Any
    refs: Any


def build_register(page: Page) -> RegisterTab:
    """The register tab; filled (and re-filled in another language) through the page's language."""
    import gradio as gr

    h = RegisterHandlers(page)
    with page.text(gr.Tab(page.t("owners"), elem_id="tab-owners"), "owners"):
        search = page.text(gr.Textbox(label=page.t("filter"), elem_id="owners-filter"), "filter")
        table = gr.Dataframe(
            headers=texts(page.language)["owner_columns"],
            label=page.t("owner_hint"),
            show_label=True,
            elem_id="owners-table",
            interactive=False,
            wrap=True,
            column_widths=["22%", "44%", "9%", "5%", "14%", "6%"],
        )
        page.text(table, "owner_hint")
        cards = gr.HTML(elem_id="owner-cards", js_on_load=OPEN_ROW_JS)
        source = gr.HTML(elem_id="owner-source")
    tab = RegisterTab(search, table, cards, source, gr.State([]))

    def on_row(refs, lang, data: gr.SelectData):
        row = data.index[0] if isinstance(data.index, list | tuple) else data.index
        return h.source(refs, lang, row)

    def on_card(refs, lang, data: gr.EventData):
        return h.source(refs, lang, int(data.row))

    scroll = "() => document.querySelector('#owner-source mark#cited')?.scrollIntoView({block: 'center'})"
    outputs = [table, tab.refs, cards]
    page.follow_language(h.rows, [search], outputs)
    search.change(h.rows, [page.lang, search], outputs)
    table.select(on_row, [tab.refs, page.lang], source).then(None, js=scroll)
    cards.open_row(on_card, [tab.refs, page.lang], source).then(None, js=scroll)
    return tab
