"""HTML for the chat bubbles, the sources panel and the document view. Every piece of document text
and every question is escaped here: a document containing `<script>` shows those characters and
runs nothing. The words around them come from front/texts.py."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from assistant.answers import Answer, Citation, replace_markers, with_markers
from assistant.context import merge_spans
from front.texts import texts

CONTEXT_CHARS = 160  # text shown around a cited span in the sources panel


def chat_text(text: str) -> str:
    """Text for a chat bubble. Gradio's chatbot renders messages as (sanitised) HTML even without
    Markdown, so questions and answers are escaped: `<img onerror=…>` shows as those characters."""
    return escape(text, quote=False)


def chat_answer(answer: Answer, turn: int) -> str:
    """The answer for its chat bubble: escaped text whose ``[n]`` markers are links to source n of
    the answer at chat message ``turn`` (the page opens it); first, when the question was read as a
    follow-up, which question it was read with."""
    cited = {c.marker for c in answer.citations or answer.related}

    def link(n: int, marker: str) -> str:
        return f'<a class="marker" href="#{source_id(turn, n)}">[{n}]</a>' if n in cited else marker

    body = replace_markers(chat_text(answer_text(answer)), link)
    if not answer.read_with_previous:
        return body
    note = texts(answer.language)["read_with"].format(previous=answer.read_with_previous)
    return f'<p class="read-with"><em>{chat_text(note)}</em></p>{body}'


def highlight(text: str, start: int, end: int, context: int | None = CONTEXT_CHARS, mark_id: str = "") -> str:
    """``text`` escaped, with ``text[start:end]`` in a <mark>; with ``context``, only that many
    characters either side (cut at spaces, with an ellipsis)."""
    return highlight_spans(text, [(start, end)], context, mark_id)


def highlight_spans(
    text: str, spans: list[tuple[int, int]], context: int | None = CONTEXT_CHARS, mark_id: str = ""
) -> str:
    """``text`` escaped with each span in a <mark> (overlapping spans as one; the first carries
    ``mark_id``); with ``context``, only that many characters before the first and after the last."""
    marks = merge_spans([(max(0, a), min(len(text), b)) for a, b in spans])
    lo, hi = 0, len(text)
    if context is not None:
        first, last = marks[0][0], marks[-1][1]
        lo, hi = max(0, first - context), min(len(text), last + context)
        if lo > 0 and " " in text[lo:first]:
            lo = text.index(" ", lo) + 1
        if hi < len(text) and " " in text[last:hi]:
            hi = text.rindex(" ", last, hi)
    out, at = ["…" if lo > 0 else ""], lo
    for i, (a, b) in enumerate(marks):
        id_attr = f' id="{escape(mark_id)}"' if mark_id and i == 0 else ""
        out.append(f"{escape(text[at:a])}<mark{id_attr}>{escape(text[a:b])}</mark>")
        at = b
    out.append(escape(text[at:hi]) + ("…" if hi < len(text) else ""))
    return "".join(out)


@dataclass
class SourceCard:
    """Passages of one document shown together in the sources panel: the citations whose shown
    text would overlap (the same span cited twice, or an owner's sentence next to their task)."""

    citations: list[Citation] = field(default_factory=list)

    @property
    def citation(self) -> Citation:
        return self.citations[0]

    @property
    def markers(self) -> list[int]:
        return [c.marker for c in self.citations]

    @property
    def spans(self) -> list[tuple[int, int]]:
        return [(c.start, c.end) for c in self.citations]


def merge_citations(citations: list[Citation], context: int = CONTEXT_CHARS) -> list[SourceCard]:
    """One card per passage shown: a citation joins a card of the same document when the text shown
    around them would overlap; cards keep the order of their first marker."""
    cards: list[SourceCard] = []
    for c in citations:
        near = next((k for k in cards if k.citation.doc_id == c.doc_id and _near(k, c, context)), None)
        if near is None:
            cards.append(SourceCard([c]))
        else:
            near.citations.append(c)
    return cards


def _near(card: SourceCard, c: Citation, context: int) -> bool:
    return any(c.start - b <= 2 * context and a - c.end <= 2 * context for a, b in card.spans)


def citation_card(card: SourceCard | Citation, document_text: str, lang: str = "sv", turn: int | None = None) -> str:
    """A source: its markers, title, kind and date, page and section, the passage with the cited
    span highlighted, and a button that opens the whole document there (``turn``: the chat turn)."""
    card = card if isinstance(card, SourceCard) else SourceCard([card])
    t, c = texts(lang), card.citation
    where = [f"{t['page']} {c.page}"] if c.page else []
    if c.section:
        where.append(escape(c.section))
    meta = " · ".join(escape(x) for x in (c.kind, c.date) if x)
    superseded = (
        f'<div class="superseded">{t["superseded"]}: {escape(c.superseded_by)}</div>' if c.superseded_by else ""
    )
    markers = " ".join(f'<span class="marker" id="{source_id(turn, m)}">[{m}]</span>' for m in card.markers)
    button = (
        f'<button type="button" class="open-source" data-source="{source_id(turn, card.markers[0])}">'
        f'{t["open"]}<span class="visually-hidden"> {markers_text(card.markers)}</span></button>'
        if turn is not None
        else ""
    )
    return (
        f'<article class="citation" tabindex="-1" aria-label="{escape(c.title)} {markers_text(card.markers)}">'
        f"<header>{markers} <strong>{escape(c.title)}</strong>"
        + (f' <span class="meta">{meta}</span>' if meta else "")
        + "</header>"
        + (f'<div class="where">{" · ".join(where)}</div>' if where else "")
        + superseded
        + f'<blockquote class="passage">{highlight_spans(document_text, card.spans)}</blockquote>'
        + button
        + "</article>"
    )


def source_id(turn: int | None, marker: int) -> str:
    """The id of source ``marker`` of the answer at chat message ``turn`` ("source-3-1")."""
    return f"source-{marker}" if turn is None else f"source-{turn}-{marker}"


def markers_text(markers: list[int]) -> str:
    return " ".join(f"[{m}]" for m in markers)


def sources_panel(
    answer: Answer | None, document_texts: Mapping[str, str], lang: str = "sv", turn: int | None = None
) -> str:
    """The sources of ``answer``: its cited passages (identical ones merged), or the possibly related
    passages of a refusal, under a heading in ``lang``."""
    t = texts(lang)
    if answer is None:
        return f'<section class="sources" aria-label="{t["sources"]}"></section>'

    def cards(citations: list[Citation]) -> list[str]:
        return [
            citation_card(k, document_texts.get(k.citation.doc_id, ""), lang, turn) for k in merge_citations(citations)
        ]

    body = cards(answer.citations)
    if answer.related:
        body += [f"<h3>{t['related']}</h3>", *cards(answer.related)]
    content = "".join(body) or f"<p>{t['no_sources']}</p>"
    return f'<section class="sources" aria-label="{t["sources"]}"><h2>{t["sources"]}</h2>{content}</section>'


def answer_html(answer: Answer) -> str:
    """The answer as escaped HTML: the notice first (why a model's answer is not shown, or how many of its
    sentences could not be checked), then the text. A generated sentence that no cited passage supports
    is wrapped in ``<span class="unverified">`` and followed by a visible "(ej verifierad)" /
    "(unverified)" mark, one that cites nothing in ``<span class="uncited">`` with "(ingen källa)" /
    "(no source)", so neither can pass for a checked one; a verified sentence is followed by its markers."""
    t = texts(answer.language)
    notice = f'<p class="notice" role="status">{escape(answer.notice)}</p>' if answer.notice else ""
    if not answer.sentences:
        return notice + f'<p class="answer">{escape(answer.text)}</p>'
    parts = []
    for s in answer.sentences:
        if s.status == "verified":
            markers = "".join(f' <a class="marker" href="#source-{m}">[{m}]</a>' for m in s.markers)
            parts.append(f'<span class="verified">{escape(s.text)}</span>{markers}')
        else:
            status = "unverified" if s.status == "unverified" else "uncited"
            parts.append(
                f'<span class="{status}" title="{escape(t[status + "_title"])}">{escape(s.text)}</span>'
                f' <small class="{status}-mark">({t[status]})</small>'
            )
    return notice + '<p class="answer">' + " ".join(parts) + "</p>"


def answer_text(answer: Answer) -> str:
    """The answer as plain text for a chat bubble or a terminal: the notice first, then the text with each
    sentence that could not be checked marked "(ej verifierad)" / "(unverified)" or "(ingen källa)" /
    "(no source)"."""
    t = texts(answer.language)
    body = answer.text
    if answer.sentences:
        body = " ".join(
            with_markers(s.text, s.markers) if s.status == "verified" else f"{s.text} ({t[s.status]})"
            for s in answer.sentences
        )
    return f"{answer.notice}\n\n{body}" if answer.notice else body


def sources_text(answer: Answer) -> str:
    """The answer's sources as plain lines, "[1] Title, p. 3" (the section when there is no page), under
    "Källor:" / "Sources:"; a refusal's related passages under "Möjligen relaterat:" / "Possibly related:"."""
    labels = texts(answer.language)

    def line(c: Citation) -> str:
        where = f"{labels['page']} {c.page}" if c.page else c.section.removeprefix(f"{c.title} > ")
        return f"[{c.marker}] {c.title}" + (f", {where}" if where and where != c.title else "")

    blocks = []
    if answer.citations:
        blocks.append(f"{labels['sources']}:\n" + "\n".join(line(c) for c in answer.citations))
    if answer.related:
        blocks.append(f"{labels['related']}:\n" + "\n".join(line(c) for c in answer.related))
    return "\n\n".join(blocks)


def document_view(title: str, document_text: str, start: int, end: int, lang: str = "sv") -> str:
    """The whole cleaned document, the cited span highlighted (id ``cited`` to scroll to)."""
    paragraphs = highlight(document_text, start, end, context=None, mark_id="cited")
    label = f"{texts(lang)['document']}: {title}"
    return (
        f'<section class="document" aria-label="{escape(label)}"><h2>{escape(title)}</h2>'
        f'<div class="document-text" tabindex="0">{paragraphs}</div></section>'
    )
