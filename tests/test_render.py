"""The HTML helpers: document text is always escaped, and highlights sit exactly on the offsets."""

from __future__ import annotations

from assistant.answers import Answer, Citation
from front.render import chat_text, citation_card, document_view, highlight, sources_panel

HOSTILE = 'Före <script>alert(1)</script> <img src=x onerror="alert(2)"> [länk](javascript:alert(3)) efter.'


def _citation(text: str, start: int, end: int, **kw) -> Citation:
    return Citation(
        marker=1,
        chunk_id="c1",
        doc_id="d",
        title=kw.get("title", "Plan <b>2021</b>"),
        page=None,
        section="1. Inledning",
        quote=text[start:end],
        start=start,
        end=end,
        superseded_by=kw.get("superseded_by", ""),
    )


def test_highlight_marks_exactly_the_span():
    text = "abc def ghi"
    assert highlight(text, 4, 7, context=None) == "abc <mark>def</mark> ghi"


def test_highlight_escapes_markup_inside_and_around_the_span():
    start = HOSTILE.index("<script>")
    out = highlight(HOSTILE, start, start + len("<script>alert(1)</script>"), context=None)
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in out
    assert "[länk](javascript:alert(3))" in out  # markdown stays literal text: nothing renders it


def test_highlight_with_context_cuts_at_spaces_and_marks_the_cut():
    text = " ".join(f"ord{i}" for i in range(200))
    start = text.index("ord100")
    out = highlight(text, start, start + len("ord100"), context=40)
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>ord100</mark>" in out
    assert " ord" not in out[:3]  # starts on a word boundary


def test_citation_card_escapes_title_and_shows_superseded():
    card = citation_card(_citation(HOSTILE, 0, 4, superseded_by="Färdplan <2024>"), HOSTILE)
    assert "<b>2021</b>" not in card and "Plan &lt;b&gt;2021&lt;/b&gt;" in card
    assert "Färdplan &lt;2024&gt;" in card
    assert "<script>" not in card


def test_sources_panel_lists_related_passages_separately():
    text = "En mening om planen. En annan mening."
    answer = Answer(
        question="q", text="Det framgår inte av planerna.", supported=False, related=[_citation(text, 0, 20)]
    )
    html = sources_panel(answer, {"d": text}, "sv")
    assert "Möjligen relaterat" in html and "<mark>En mening om planen.</mark>" in html


def test_document_view_highlights_the_span_with_an_anchor():
    html = document_view("Plan", HOSTILE, 0, 4)
    assert '<mark id="cited">Före</mark>' in html
    assert "<script>" not in html


def test_chat_text_shows_markup_literally():
    out = chat_text(HOSTILE)
    assert "<" not in out and ">" not in out
    assert "&lt;img src=x onerror=\"alert(2)\"&gt;" in out
    assert "[länk](javascript:alert(3))" in out


def test_sources_text_lists_each_source_plainly():
    from dataclasses import replace

    from front.render import sources_text

    text = "En mening om planen. En annan mening."
    first = replace(_citation(text, 0, 20, title="Plan A"), page=3)
    second = replace(_citation(text, 21, 37, title="Plan B"), marker=2, section="Plan B > 2. Ansvar")
    answer = Answer(question="q", text="A [1]. B [2].", citations=[first, second], language="en")
    assert sources_text(answer) == "Sources:\n[1] Plan A, p. 3\n[2] Plan B, 2. Ansvar"
    refusal = Answer(question="q", text="Det framgår inte.", supported=False, related=[second])
    assert sources_text(refusal) == "Möjligen relaterat:\n[2] Plan B, 2. Ansvar"
    assert sources_text(Answer(question="q", text="x")) == ""
