"""Question language (ingest/language/detect.py); the glossary has tests/test_language_glossary.py."""

from __future__ import annotations

import pytest

from ingest.language.detect import detect_language


@pytest.mark.parametrize(
    "question",
    [
        "Vem ansvarar för uppföljningen av färdplanen?",
        "vem ska införa den så kallade basplatan?",
        "Vad är en SIP?",
        "Vilka är de tre stora målområdena i länets plan för psykisk hälsa?",
        "hur många finsamförbund finns i örebro län?",
        "Färdplanen?",
        "Målbild 2030",
        "Närsjukvård",
        "",
    ],
)
def test_swedish_questions(question):
    assert detect_language(question) == "sv"


@pytest.mark.parametrize(
    "question",
    [
        "who owns the SIP assignment?",
        "What is Finsam?",
        "Until what year does the mental health action plan run?",
        "Who chairs the Beredning för nära vård?",
        "Who has to brief the närsjukvård committee at every meeting?",
        "What does Region Örebro län say about the färdplan?",
        "How do I apply for a new passport?",
    ],
)
def test_english_questions_including_swedish_names(question):
    assert detect_language(question) == "en"


def test_function_words_outweigh_swedish_letters():
    """One Swedish function word inside a name does not outvote two English ones."""
    assert detect_language("Who chairs the Beredning för nära vård?") == "en"
    assert detect_language("Vem leder the Beredning för nära vård?") == "sv"


def test_case_does_not_matter():
    assert detect_language("WHO IS THE CHAIR?") == "en"
    assert detect_language("VEM ÄR ORDFÖRANDE?") == "sv"
