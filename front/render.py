"""HTML for the sources panel and the document view. Every piece of document text and every
question is escaped here: a document containing `<script>` shows those characters and runs nothing."""

from __future__ import annotations

from html import escape

from assistant.answers import Answer, Citation, with_markers

CONTEXT_CHARS = 300  # text shown around a cited span in the sources panel

LABELS = {
    "sv": {
        "sources": "Källor",
        "none": "Inga källor för det här svaret.",
        "page": "s.",
        "superseded": "Ersatt av",
        "related": "Möjligen relaterat",
        "section": "Avsnitt",
        "unverified": "ej verifierad",
        "unverified_title": "Ingen av de källor meningen hänvisar till stöder den.",
        "uncited": "ingen källa",
        "uncited_title": "Meningen hänvisar inte till någon källa.",
    },
    "en": {
        "sources": "Sources",
        "none": "No sources for this answer.",
        "page": "p.",
        "superseded": "Replaced by",
        "related": "Possibly related",
        "section": "Section",
        "unverified": "unverified",
        "unverified_title": "None of the sources this sentence cites supports it.",
        "uncited": "no source",
        "uncited_title": "This sentence cites no source.",
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


def answer_html(answer: Answer) -> str:
    """The answer as escaped HTML: the notice first (why a model's answer is not shown, or how many of its
    sentences could not be checked), then the text. A generated sentence that no cited passage supports
    is wrapped in ``<span class="unverified">`` and followed by a visible "(ej verifierad)" /
    "(unverified)" mark, one that cites nothing in ``<span class="uncited">`` with "(ingen källa)" /
    "(no source)", so neither can pass for a checked one; a verified sentence is followed by its markers."""
    labels = LABELS.get(answer.language, LABELS["sv"])
    notice = f'<p class="notice" role="status">{escape(answer.notice)}</p>' if answer.notice else ""
    if not answer.sentences:
        return notice + f'<p class="answer">{escape(answer.text)}</p>'
    parts = []
    for s in answer.sentences:
        if s.status == "verified":
            markers = "".join(f' <a class="marker" href="#citation-{m}">[{m}]</a>' for m in s.markers)
            parts.append(f'<span class="verified">{escape(s.text)}</span>{markers}')
        else:
            status = "unverified" if s.status == "unverified" else "uncited"
            parts.append(
                f'<span class="{status}" title="{escape(labels[status + "_title"])}">{escape(s.text)}</span>'
                f' <small class="{status}-mark">({labels[status]})</small>'
            )
    return notice + '<p class="answer">' + " ".join(parts) + "</p>"


def answer_text(answer: Answer) -> str:
    """The answer as plain text for a chat bubble or a terminal: the notice first, then the text with each
    sentence that could not be checked marked "(ej verifierad)" / "(unverified)" or "(ingen källa)" /
    "(no source)"."""
    labels = LABELS.get(answer.language, LABELS["sv"])
    body = answer.text
    if answer.sentences:
        body = " ".join(
            with_markers(s.text, s.markers) if s.status == "verified" else f"{s.text} ({labels[s.status]})"
            for s in answer.sentences
        )
    return f"{answer.notice}\n\n{body}" if answer.notice else body


def sources_text(answer: Answer) -> str:
    """The answer's sources as plain lines, "[1] Title, p. 3" (the section when there is no page), under
    "Källor:" / "Sources:"; a refusal's related passages under "Möjligen relaterat:" / "Possibly related:"."""
    labels = LABELS.get(answer.language, LABELS["sv"])

    def line(c: Citation) -> str:
        where = f"{labels['page']} {c.page}" if c.page else c.section.removeprefix(f"{c.title} > ")
        return f"[{c.marker}] {c.title}" + (f", {where}" if where and where != c.title else "")

    blocks = []
    if answer.citations:
        blocks.append(f"{labels['sources']}:\n" + "\n".join(line(c) for c in answer.citations))
    if answer.related:
        blocks.append(f"{labels['related']}:\n" + "\n".join(line(c) for c in answer.related))
    return "\n\n".join(blocks)


def document_view(title: str, document_text: str, start: int, end: int) -> str:
    """The whole cleaned document, the cited span highlighted (id ``cited`` to scroll to)."""
    paragraphs = highlight(document_text, start, end, context=None, mark_id="cited")
    return (
        f'<section class="document" aria-label="{escape(title)}"><h2>{escape(title)}</h2>'
        f'<div class="document-text">{paragraphs}</div></section>'
    )
