"""HTML for the sources panel and the document view. Every piece of document text and every
question is escaped here: a document containing `<script>` shows those characters and runs nothing."""

from __future__ import annotations

from html import escape

from assistant.answers import Answer, Citation

CONTEXT_CHARS = 300  # text shown around a cited span in the sources panel

LABELS = {
    "sv": {
        "sources": "Källor",
        "none": "Inga källor för det här svaret.",
        "page": "s.",
        "superseded": "Ersatt av",
        "related": "Möjligen relaterat",
        "section": "Avsnitt",
    },
    "en": {
        "sources": "Sources",
        "none": "No sources for this answer.",
        "page": "p.",
        "superseded": "Replaced by",
        "related": "Possibly related",
        "section": "Section",
    },
}


def chat_text(text: str) -> str:
    """Text for a chat bubble. Gradio's chatbot renders messages as (sanitised) HTML even without
    Markdown, so questions and answers are escaped: `<img onerror=…>` shows as those characters."""
    return escape(text, quote=False)


def highlight(text: str, start: int, end: int, context: int | None = CONTEXT_CHARS, mark_id: str = "") -> str:
    """``text`` escaped, with ``text[start:end]`` in a <mark>; with ``context``, only that many
    characters either side (cut at spaces, with an ellipsis)."""
    start, end = max(0, start), min(len(text), end)
    lo, hi = 0, len(text)
    if context is not None:
        lo = max(0, start - context)
        hi = min(len(text), end + context)
        if lo > 0 and " " in text[lo:start]:
            lo = text.index(" ", lo) + 1
        if hi < len(text) and " " in text[end:hi]:
            hi = text.rindex(" ", end, hi)
    before, span, after = text[lo:start], text[start:end], text[end:hi]
    id_attr = f' id="{escape(mark_id)}"' if mark_id else ""
    return (
        ("…" if lo > 0 else "")
        + escape(before)
        + f"<mark{id_attr}>{escape(span)}</mark>"
        + escape(after)
        + ("…" if hi < len(text) else "")
    )


def citation_card(c: Citation, document_text: str, lang: str = "sv") -> str:
    labels = LABELS[lang]
    where = [f"{labels['page']} {c.page}"] if c.page else []
    if c.section:
        where.append(escape(c.section))
    meta = " · ".join(escape(x) for x in (c.kind, c.date) if x)
    superseded = (
        f'<div class="superseded">{labels["superseded"]}: {escape(c.superseded_by)}</div>' if c.superseded_by else ""
    )
    return (
        f'<article class="citation" id="citation-{c.marker}" tabindex="0">'
        f'<header><span class="marker">[{c.marker}]</span> <strong>{escape(c.title)}</strong>'
        + (f' <span class="meta">{meta}</span>' if meta else "")
        + "</header>"
        + (f'<div class="where">{" · ".join(where)}</div>' if where else "")
        + superseded
        + f'<blockquote class="passage">{highlight(document_text, c.start, c.end)}</blockquote>'
        "</article>"
    )


def sources_panel(answer: Answer | None, document_texts: dict[str, str], lang: str = "sv") -> str:
    labels = LABELS[lang]
    if answer is None:
        return f'<section class="sources" aria-label="{labels["sources"]}"></section>'
    cards = [citation_card(c, document_texts.get(c.doc_id, ""), lang) for c in answer.citations]
    if answer.related:
        cards.append(f"<h3>{labels['related']}</h3>")
        cards += [citation_card(c, document_texts.get(c.doc_id, ""), lang) for c in answer.related]
    body = "".join(cards) or f"<p>{labels['none']}</p>"
    return f'<section class="sources" aria-label="{labels["sources"]}"><h2>{labels["sources"]}</h2>{body}</section>'


def document_view(title: str, document_text: str, start: int, end: int) -> str:
    """The whole cleaned document, the cited span highlighted (id ``cited`` to scroll to)."""
    paragraphs = highlight(document_text, start, end, context=None, mark_id="cited")
    return (
        f'<section class="document" aria-label="{escape(title)}"><h2>{escape(title)}</h2>'
        f'<div class="document-text">{paragraphs}</div></section>'
    )
