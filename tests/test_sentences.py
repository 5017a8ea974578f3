"""Sentence splitting for Swedish administrative text, with exact offsets."""

from __future__ import annotations

import itertools

import pytest

from ingest.language.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Regionen ansvarar bl.a. Region Örebro läns vårdcentraler.",
        "Kommunen ansvarar t.ex. Elevhälsan och socialtjänsten.",
        "Barnet ska ha en s.k. Samordnad individuell plan.",
        "Planen omfattar skola, vård m.m. och beskriver ansvaret.",
        "Det gäller åtgärd nr. 3 i bilagan.",
        "Nr 5. Regionen ska ta fram en plan.",
        "Enligt åtgärd Nr 5. Regionen följer upp.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_abbreviation_between_two_real_sentences():
    text = "Regionen ansvarar bl.a. för vården. Kommunen ansvarar t.ex. för skolan."
    assert sentences(text) == ["Regionen ansvarar bl.a. för vården.", "Kommunen ansvarar t.ex. för skolan."]


def test_list_number_at_line_start_does_not_end_a_sentence():
    text = "Regionen ska:\n3. Ta fram en plan.\n4. Följa upp den. Redovisa årligen."
    assert sentences(text) == [
        "Regionen ska:",
        "3. Ta fram en plan.",
        "4. Följa upp den.",
        "Redovisa årligen.",
    ]


def test_ordinary_full_stop_ends_a_sentence():
    assert sentences("Planen antogs 2021. Den gäller till 2023.") == [
        "Planen antogs 2021.",
        "Den gäller till 2023.",
    ]


def test_question_and_exclamation_marks_end_sentences():
    assert sentences("Vem ansvarar för uppföljningen? Regionen! Det är bestämt.") == [
        "Vem ansvarar för uppföljningen?",
        "Regionen!",
        "Det är bestämt.",
    ]


_TEXTS = [
    "  Vem ansvarar?  Regionen ansvarar bl.a. för vården.\n\n Kommunen t.ex. för skolan!   ",
    "Åtgärder:\n\n3. Ta fram en plan.\n4. Följ upp.  Nr 5. Rapportera.\n",
    "En mening utan slutpunkt",
    "Första.\tAndra.\u00a0Tredje?\n",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_offsets_are_exact_and_cover_all_non_space_text(text):
    spans = split_sentences(text)
    assert spans, "at least one sentence"
    for a, b in spans:
        piece = text[a:b]
        assert piece and piece == piece.strip()
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert "".join("".join(text[a:b].split()) for a, b in spans) == "".join(text.split())


def test_offsets_of_a_slice_refer_to_the_whole_text():
    text = "Inledning. Regionen ansvarar. Kommunen följer upp. Slut."
    start = text.index("Regionen")
    end = text.index(" Slut")
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["Regionen ansvarar.", "Kommunen följer upp."]
    assert spans[0][0] == start


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n\t ") == []
