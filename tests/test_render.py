"""The HTML helpers: document text is always escaped, and highlights sit exactly on the offsets."""

from __future__ import annotations

from assistant.answers import Answer, Citation
from front.render import (
    chat_answer,
    chat_text,
    citation_card,
    document_view,
    highlight,
    highlight_spans,
    merge_citations,
    sources_panel,
)

HOSTILE = 'Före <script>alert(1)</script> <img src=x onerror="alert(2)"> [länk](javascript:alert(3)) efter.'


def _citation(text: str, start: int, end: int, **kw) -> Citation:
    return Citation(
        marker=kw.get("marker", 1),
        chunk_id="c1",
        doc_id=kw.get("doc_id", "d"),
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


# -- the sources panel: one card per passage shown ------------------------------------------------

LONG = " ".join(f"ord{i}" for i in range(400))


def _at(word: str, marker: int, doc_id: str = "d") -> Citation:
    start = LONG.index(word + " ")
    return _citation(LONG, start, start + len(word), marker=marker, doc_id=doc_id)


def test_the_same_span_cited_twice_is_one_card_with_both_markers():
    cards = merge_citations([_at("ord10", 1), _at("ord200", 2), _at("ord10", 3)])
    assert [k.markers for k in cards] == [[1, 3], [2]]


def test_spans_whose_shown_text_would_overlap_share_a_card():
    cards = merge_citations([_at("ord100", 1), _at("ord120", 2), _at("ord120", 3, doc_id="other")])
    assert [k.markers for k in cards] == [[1, 2], [3]]


def test_a_merged_card_shows_the_passage_once_with_every_span_marked():
    answer = Answer(question="q", text="a [1] b [2]", citations=[_at("ord100", 1), _at("ord120", 2)])
    html = sources_panel(answer, {"d": LONG}, "sv", turn=3)
    assert html.count('<article class="citation"') == 1
    assert "<mark>ord100</mark>" in html and "<mark>ord120</mark>" in html
    assert html.count("ord110 ") == 1  # the text between the spans is shown once
    assert 'id="source-3-1"' in html and 'id="source-3-2"' in html
    assert 'data-source="source-3-1"' in html and "Visa i dokumentet" in html


def test_overlapping_spans_are_marked_as_one():
    text = "abcdefghij"
    assert highlight_spans(text, [(2, 5), (4, 7)], context=None) == "ab<mark>cdefg</mark>hij"


def test_markers_in_the_chat_link_to_their_sources_and_nothing_else_does():
    text = "Enligt Plan: ”Se bilaga [7] & <b>mer</b>” [1] och ”x” [2]"
    answer = Answer(question="q", text=text, citations=[_at("ord1", 1), _at("ord2", 2)])
    html = chat_answer(answer, turn=5)
    assert '<a class="marker" href="#source-5-1">[1]</a>' in html
    assert '<a class="marker" href="#source-5-2">[2]</a>' in html
    assert "[7]" in html and "source-5-7" not in html  # a bracketed number that cites nothing stays text
    assert "&lt;b&gt;mer&lt;/b&gt;" in html and "<b>" not in html


def test_a_follow_up_says_which_question_it_was_read_with():
    answer = Answer(question="och vem följer upp den?", text="Svar", read_with_previous="Vad är <färdplanen>?")
    html = chat_answer(answer, turn=3)
    assert html.startswith('<p class="read-with">') and "Läst tillsammans med din förra fråga" in html
    assert "&lt;färdplanen&gt;" in html
    assert "read-with" not in chat_answer(Answer(question="q", text="Svar"), turn=1)
