"""Swedish analysis and BM25 keyword search."""

from __future__ import annotations

import pytest

from index.keyword import KeywordIndex
from ingest.language.words import analyse


def test_inflected_forms_share_a_stem():
    assert analyse("uppföljningen") == analyse("uppföljning")
    assert analyse("handlingsplanerna") == analyse("handlingsplanen") == analyse("handlingsplan")


def test_stop_words_are_removed():
    assert analyse("och för") == []
    tokens = analyse("Uppföljning och ansvar för planen")
    assert len(tokens) == 3
    assert tokens == analyse("uppföljning") + analyse("ansvar") + analyse("planen")


def test_analysis_lower_cases_and_keeps_numbers():
    assert analyse("REGIONEN") == analyse("regionen")
    assert "2023" in analyse("Planen gäller 2020-2023")


CORPUS = {
    "skola": "Kommunerna ansvarar för elevhälsan och skolan.",
    "plan": "Regionen ansvarar för uppföljning av handlingsplanen varje år.",
    "stöd": "Barn och unga med psykisk ohälsa ska få stöd tidigt.",
    "avtal": "Samverkan mellan region och kommun beskrivs i avtalet.",
}


@pytest.fixture(scope="module")
def index() -> KeywordIndex:
    return KeywordIndex(list(CORPUS), list(CORPUS.values()))


def test_search_ranks_the_text_with_the_stemmed_query_words_first(index):
    hits = index.search("Vem ansvarar för uppföljningen av handlingsplanerna?", k=4)
    assert hits[0][0] == "plan"
    assert hits[0][1] > 0
    # "ansvarar" also matches the school text, but with fewer query words it ranks lower
    assert [i for i, _ in hits] == ["plan", "skola"]
    assert hits[0][1] > hits[1][1]


def test_search_returns_only_texts_with_a_matching_word(index):
    assert [i for i, _ in index.search("psykisk ohälsa hos barnen", k=4)] == ["stöd"]


def test_query_of_stop_words_or_unknown_words_finds_nothing(index):
    assert index.search("och för", k=4) == []
    assert index.search("tandvård", k=4) == []
    assert not index.scores("och för").any()


def test_search_respects_k(index):
    assert len(index.search("ansvarar", k=1)) == 1


def test_scores_follow_the_id_order(index):
    scores = index.scores("avtalet")
    assert scores.shape == (len(CORPUS),)
    assert scores.argmax() == list(CORPUS).index("avtal")


def test_empty_index_finds_nothing():
    empty = KeywordIndex([], [])
    assert empty.search("uppföljning", k=3) == []
    assert empty.scores("uppföljning").shape == (0,)
