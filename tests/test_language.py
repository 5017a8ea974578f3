"""Question language and the English→Swedish glossary (ingest/language/)."""

from __future__ import annotations

import pytest

from ingest.language.detect import detect_language
from ingest.language.glossary import Glossary, default_glossary


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


# -- the glossary --------------------------------------------------------------------------------

TSV = """\
# English term or phrase\tSwedish terms
#committee\tNOT AN ENTRY
local care committee\tberedning för närsjukvård
committee\tberedning beredningen
care\tvård

health care board\thälso- och sjukvårdsnämnden
board\tnämnd
no translation\t
"""


@pytest.fixture
def glossary() -> Glossary:
    return Glossary.from_tsv(TSV)


def test_comment_and_blank_lines_are_ignored(glossary):
    assert all("NOT AN ENTRY" not in sv for sv in glossary.entries.values())
    assert ("english", "term", "or", "phrase") not in glossary.entries
    assert glossary.entries[("committee",)] == "beredning beredningen"


def test_entries_without_a_translation_are_dropped(glossary):
    assert ("no", "translation") not in glossary.entries
    assert len(glossary.entries) == 5


def test_longest_phrase_wins(glossary):
    assert glossary.translate("local care committee") == "beredning för närsjukvård"
    assert glossary.translate("health care board") == "hälso- och sjukvårdsnämnden"


def test_shorter_phrases_when_the_long_one_does_not_match(glossary):
    assert glossary.translate("care committee") == "vård beredning beredningen"
    assert glossary.translate("the board") == "nämnd"


def test_plural_falls_back_to_the_singular(glossary):
    assert glossary.translate("committees") == "beredning beredningen"
    assert glossary.translate("local care committees") == "beredning för närsjukvård"
    assert glossary.translate("boards") == "nämnd"


def test_unknown_words_are_kept_and_english_stop_words_dropped(glossary):
    assert glossary.translate("Who chairs the local care committee?") == "chairs beredning för närsjukvård"
    assert glossary.translate("What is SIP in Örebro?") == "sip örebro"


def test_matching_is_case_insensitive(glossary):
    assert glossary.translate("Local Care COMMITTEE") == "beredning för närsjukvård"


def test_empty_glossary_keeps_every_content_word():
    assert Glossary.from_tsv("# only a comment\n").translate("the roadmap of Region Örebro") == "roadmap region örebro"


def test_default_glossary_loads_the_packaged_file():
    glossary = default_glossary()
    assert len(glossary.entries) > 20
    assert glossary.translate("local care committee") == "beredning för närsjukvård"
    assert glossary.translate("health care board") == "hälso- och sjukvårdsnämnden nämnden"
    assert glossary.translate("committees") == "beredningar beredningarna"
    assert not any(key[0].startswith("#") for key in glossary.entries)
    assert default_glossary() is glossary  # loaded once
