"""Acronym definitions as documents write them, and questions that ask for an expansion."""

from __future__ import annotations

import pytest

from ingest.language.acronyms import expansions, is_acronym
from ingest.language.analysis import asks_expansion


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Arbetet leds av Sveriges Kommuner och Regioner (SKR) nationellt.",
            [("SKR", "Sveriges Kommuner och Regioner")],
        ),
        ("Tillsynen utövas av Inspektionen för vård och omsorg (IVO).", [("IVO", "Inspektionen för vård och omsorg")]),
        ("Mottagningen samverkar med barn- och ungdomspsykiatrin (BUP).", [("BUP", "barn- och ungdomspsykiatrin")]),
        (
            "Teamet för SMO (samordnat medicinsk omhändertagande) startar.",
            [("SMO", "samordnat medicinsk omhändertagande")],
        ),
        (
            "Care follows the Regional Development Strategy (RDS) of the county.",
            [("RDS", "Regional Development Strategy")],
        ),
        (
            "Läkemedelsassisterad behandling vid opioidberoende (LARO) utvecklas.",
            [("LARO", "Läkemedelsassisterad behandling vid opioidberoende")],
        ),
        ("Se kapitel 5 (EU) och bilaga (A).", []),  # nothing before the parenthesis spells them
        ("Planen (SIP) gäller.", []),  # one word cannot spell three letters
        ("Insatsen ges enligt avtalet (LOU) i länet.", []),
    ],
)
def test_definitions_are_found_both_ways_round(text, found):
    assert [(e.acronym, e.long_form) for e in expansions(text)] == found


def test_the_offsets_cover_long_form_and_acronym():
    text = "Arbetet leds av Sveriges Kommuner och Regioner (SKR) nationellt."
    (e,) = expansions(text)
    assert text[e.start : e.end] == "Sveriges Kommuner och Regioner (SKR)"


@pytest.mark.parametrize(("word", "yes"), [("SKR", True), ("BPSD", True), ("NPÖ", True), ("Skr", False), ("A", False)])
def test_what_counts_as_an_acronym(word, yes):
    assert is_acronym(word) is yes


@pytest.mark.parametrize(
    ("question", "yes"),
    [
        ("Vad står IVO för?", True),
        ("Vad betyder förkortningen LSS?", True),
        ("What does SKR stand for?", True),
        ("What is BPSD short for?", True),
        ("what does FBS mean?", True),
        ("Vad är en SIP?", False),  # what it is, not what the letters stand for
        ("What is the role of IVO?", False),
    ],
)
def test_questions_asking_for_an_expansion(question, yes):
    assert asks_expansion(question) is yes
