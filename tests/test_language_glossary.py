"""The English→Swedish glossary (ingest/language/glossary.py, data/glossary_en_sv.tsv): phrase
matching, inflections, accents, typos and chat spellings."""

from __future__ import annotations

from importlib import resources

import pytest

from ingest.language.glossary import Glossary, default_glossary, distinct_alternatives
from ingest.language.words import (
    CHAT_SPELLINGS,
    ENGLISH_STOP_WORDS,
    STOP_WORDS,
    WORD,
    differ_by_ending,
    english_base_forms,
    is_number_or_acronym,
)

TSV = """\
# English term or phrase\tSwedish terms
#committee\tNOT AN ENTRY
local care committee\tberedning för närsjukvård
committee\tberedning beredningen
care\tvård

health care board\thälso- och sjukvårdsnämnden
board\tnämnd
no translation\t
agency\tmyndighet myndigheten
government\tregering regeringen
municipality\tkommun kommunen
responsible\tansvarar ansvarig
elderly care\täldreomsorg
supervision\ttillsyn
pharmacy\tapotek
fund\tfinansiera
coordinate\tsamordna
plan\tplan
national\tnationell nationellt
investigator\tutredare utredaren
café\tkafé
people\tmänniskor
department\tdepartement
sentenced\tdöms
simple\tenkel
possible\tmöjlig
counter\tmotverka
falls\tfallolyckor
inquiry\tutredning
injury\tskada
"""


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.from_tsv(TSV)


def test_comment_and_blank_lines_are_ignored(glossary):
    assert all("NOT AN ENTRY" not in sv for sv in glossary.entries.values())
    assert ("english", "term", "or", "phrase") not in glossary.entries
    assert glossary.entries[("committee",)] == "beredning beredningen"


def test_entries_without_a_translation_are_dropped(glossary):
    assert ("no", "translation") not in glossary.entries
    assert len(glossary.entries) == 27


def test_longest_phrase_wins(glossary):
    assert glossary.translate("local care committee") == "beredning för närsjukvård"
    assert glossary.translate("health care board") == "hälso- och sjukvårdsnämnden"
    assert glossary.translate("elderly care") == "äldreomsorg"


def test_shorter_phrases_when_the_long_one_does_not_match(glossary):
    assert glossary.translate("care committee") == "vård beredning beredningen"
    assert glossary.translate("the board") == "nämnd"
    assert glossary.translate("elderly people") == "elderly människor"


def test_groups_keep_each_phrase_apart(glossary):
    assert glossary.translate_groups("Which agency has supervision of the pharmacy?") == [
        "myndighet myndigheten",
        "tillsyn",
        "apotek",
    ]


@pytest.mark.parametrize(
    ("typed", "swedish"),
    [
        ("committees", "beredning beredningen"),  # plural
        ("local care committees", "beredning för närsjukvård"),  # plural at the end of a phrase
        ("boards", "nämnd"),
        ("agencies", "myndighet myndigheten"),  # -ies → -y
        ("municipalities", "kommun kommunen"),
        ("pharmacies", "apotek"),
        ("funded", "finansiera"),  # past forms
        ("funding", "finansiera"),  # -ing
        ("coordinated", "samordna"),  # -d of a word ending in -e
        ("coordinating", "samordna"),  # -ing of a word ending in -e
        ("planned", "plan"),  # doubled consonant
        ("planning", "plan"),
        ("nationally", "nationell nationellt"),  # adverb
        ("investigators", "utredare utredaren"),
    ],
)
def test_inflected_words_find_their_entry(glossary, typed, swedish):
    assert glossary.translate(typed) == swedish


def test_unknown_words_are_kept_and_english_stop_words_dropped(glossary):
    assert glossary.translate("Who chairs the local care committee?") == "chairs beredning för närsjukvård"
    assert glossary.translate("What is SIP in Örebro?") == "sip örebro"
    assert glossary.translate("Could you please tell me what they said about it?") == ""


@pytest.mark.parametrize(
    ("typed", "swedish"),
    [
        ("Local Care COMMITTEE", "beredning för närsjukvård"),  # case
        ("CAFE", "kafé"),  # accents, either way
        ("cafe", "kafé"),
        ("café", "kafé"),
        ("Naïve agency", "naïve myndighet myndigheten"),  # an unknown word keeps its accent
    ],
)
def test_case_and_accents_are_ignored(glossary, typed, swedish):
    assert glossary.translate(typed) == swedish


@pytest.mark.parametrize(
    ("typed", "swedish"),
    [
        ("goverment", "regering regeringen"),  # a letter missing
        ("govermnent", "regering regeringen"),  # two letters swapped
        ("responsable", "ansvarar ansvarig"),  # a letter wrong
        ("comittee", "beredning beredningen"),
        ("committe", "beredning beredningen"),
        ("municipalty", "kommun kommunen"),
        ("muncipality", "kommun kommunen"),
        ("supervison", "tillsyn"),
        ("pharmcy", "apotek"),
        ("agnecy", "myndighet myndigheten"),
        ("investgator", "utredare utredaren"),
        ("invesitgator", "utredare utredaren"),
        ("goverrment", "regering regeringen"),  # a letter too many, one wrong: two edits in nine letters or more
        ("local care comittee", "beredning för närsjukvård"),  # a typo inside a phrase
        ("elderley care", "äldreomsorg"),
        ("comittees", "beredning beredningen"),  # a typo and a plural
        ("inqury", "utredning"),  # "injury" is one edit away too: the longer common start wins
    ],
)
def test_typos_of_glossary_words_are_forgiven(glossary, typed, swedish):
    assert glossary.translate(typed) == swedish


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("boad", "boad"),  # four letters: too short to guess (board? boat? road?)
        ("plant", "plant"),  # "plan" is too short to be reached by an edit
        ("carrot", "carrot"),  # nothing within one edit
        ("SIP", "sip"),  # acronyms
        ("IVO", "ivo"),
        ("2023", "2023"),  # numbers
        ("närsjukvård", "närsjukvård"),  # Swedish words (å, ä, ö) are never English typos
        ("myndigheten", "myndigheten"),  # a Swedish word of the glossary
        ("Karlskoga", "karlskoga"),  # names
        ("governance agency", "governance myndighet myndigheten"),  # four edits from "government"
        ("governmental", "governmental"),  # other forms of a glossary word are not typos of it
        ("sentence", "sentence"),
        ("simply", "simply"),
        ("possibly", "possibly"),
        ("counted", "counted"),
        ("calls", "calls"),  # a typo keeps the first letter
    ],
)
def test_words_that_are_not_typos_are_kept(glossary, typed, kept):
    assert glossary.translate(typed) == kept


@pytest.mark.parametrize(
    ("typed", "swedish"),
    [
        ("whos responsible", "ansvarar ansvarig"),
        ("govt agency", "regering regeringen myndighet myndigheten"),
        ("what r ppl in the dept doing", "människor departement"),
        ("pls tell me abt the plan", "plan"),
        ("u said ur plan", "plan"),
    ],
)
def test_chat_spellings_are_read_as_the_words_they_stand_for(glossary, typed, swedish):
    assert glossary.translate(typed) == swedish


def test_read_words_gives_the_matched_and_the_typed_forms(glossary):
    forms, typed = glossary.read_words("Whos in the goverment café")
    assert forms == ["who", "is", "in", "the", "government", "cafe"]
    assert typed == ["who", "is", "in", "the", "goverment", "café"]


def test_an_english_phrase_listed_twice_gets_both_lines_alternatives():
    glossary = Glossary.from_tsv("board\tnämnd nämnden\nboard\tstyrelse nämnd\n")
    assert glossary.entries == {("board",): "nämnd nämnden styrelse"}


def test_distinct_alternatives_keep_each_word_once_in_order():
    assert distinct_alternatives("nämnd styrelse nämnd nämnden") == "nämnd styrelse nämnden"
    assert distinct_alternatives("hälso- och sjukvård") == "hälso- och sjukvård"
    assert distinct_alternatives("") == ""


def test_empty_glossary_keeps_every_content_word():
    assert Glossary.from_tsv("# only a comment\n").translate("the roadmap of Region Örebro") == "roadmap region örebro"


# -- English word forms and chat spellings (ingest/language/words.py) -------------------------------


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("agencies", "agency"),
        ("processes", "process"),
        ("plans", "plan"),
        ("funded", "fund"),
        ("decided", "decid"),  # "decide" follows: a caller keeps the candidate it knows
        ("applied", "apply"),
        ("coordinating", "coordinat"),
        ("running", "runn"),
        ("nationally", "national"),
    ],
)
def test_english_base_forms_list_the_likeliest_first(word, first):
    assert english_base_forms(word)[0] == first


@pytest.mark.parametrize(
    ("word", "among"),
    [
        ("decided", "decide"),
        ("coordinating", "coordinate"),
        ("running", "run"),
        ("planned", "plan"),
        ("services", "service"),
    ],
)
def test_english_base_forms_include_the_word_meant(word, among):
    assert among in english_base_forms(word)


@pytest.mark.parametrize("word", ["process", "class", "is", "as", "bus", "red", "sing", "fly", "data"])
def test_words_without_a_regular_ending_have_no_base_forms_worth_trying(word):
    assert all(len(b) > 2 for b in english_base_forms(word))
    assert word not in english_base_forms(word)


def test_chat_spellings_stand_for_plain_english_words():
    for short, meant in CHAT_SPELLINGS.items():
        assert short == short.lower() and short not in ENGLISH_STOP_WORDS - {"u", "r", "y", "n", "w"}
        assert all(w.isalpha() and w == w.lower() for w in meant.split()), short


@pytest.mark.parametrize(
    ("a", "b", "family"),
    [
        ("sentence", "sentenced", True),
        ("simply", "simple", True),
        ("possibly", "possible", True),
        ("counted", "counter", True),
        ("organise", "organised", True),
        ("nation", "national", True),
        ("municipalty", "municipality", False),  # a letter missing inside: a typo
        ("committe", "committee", False),  # a final letter missing: a typo
        ("investigater", "investigator", False),
        ("elderley", "elderly", False),
        ("responsable", "responsible", False),
        ("calls", "falls", False),
    ],
)
def test_differ_by_ending_tells_word_families_from_typos(a, b, family):
    assert differ_by_ending(a, b) is family
    assert differ_by_ending(b, a) is family


@pytest.mark.parametrize(
    ("word", "expected"),
    [("2023", True), ("1a", True), ("SIP", True), ("IVO", True), ("Sip", False), ("vård", False), ("A", False)],
)
def test_is_number_or_acronym(word, expected):
    assert is_number_or_acronym(word) is expected


# -- the packaged glossary ---------------------------------------------------------------------------


def _packaged_lines() -> list[str]:
    packaged = resources.files("ingest.language").joinpath("data/glossary_en_sv.tsv")
    return packaged.read_text(encoding="utf-8").splitlines()


def test_the_packaged_file_is_well_formed():
    entries = [line for line in _packaged_lines() if line.strip() and not line.startswith("#")]
    topics = [line for line in _packaged_lines() if line.startswith("# ==")]
    assert len(entries) >= 1000 and len(topics) >= 10
    keys = [line.partition("\t")[0].strip().lower() for line in entries]
    assert len(keys) == len(set(keys)), "an English phrase listed twice"
    for line in entries:
        en, tab, sv = line.partition("\t")
        assert tab and en.strip() and "\t" not in sv, line
        swedish = [w for w in WORD.findall(sv.lower()) if w not in STOP_WORDS]
        assert swedish, f"only stop words on the Swedish side: {line}"


def test_default_glossary_loads_the_packaged_file():
    glossary = default_glossary()
    assert len(glossary.entries) >= 1000
    assert glossary.translate("local care committee") == "beredning för närsjukvård"
    assert "hälso- och sjukvårdsnämnden" in glossary.translate("health care board")
    assert glossary.translate("committees") == "beredningar beredningarna"
    assert not any(key[0].startswith("#") for key in glossary.entries)
    assert default_glossary() is glossary  # loaded once


@pytest.mark.parametrize(
    ("english", "swedish"),
    [
        # the ordinary words of the domain
        ("agency", "myndighet"),
        ("ministry", "departement"),
        ("supervision", "tillsyn"),
        ("pharmacy", "apotek"),
        ("regulation", "förordning"),
        ("national", "nationell"),
        ("inquiry", "utredning"),
        ("investigator", "utredare"),
        ("terms of reference", "direktiv"),
        ("government", "regering"),
        ("parliament", "riksdag"),
        ("county", "län"),
        ("health centre", "vårdcentral"),
        ("relatives", "anhöriga"),
        ("service users", "brukare"),
        # several phrasings of one concept
        ("elderly care", "äldreomsorg"),
        ("care of older people", "äldreomsorg"),
        ("old people's care", "äldreomsorg"),
        # agencies by their English names
        ("National Board of Health and Welfare", "socialstyrelsen"),
        ("Health and Social Care Inspectorate", "ivo"),
        ("Public Health Agency of Sweden", "folkhälsomyndigheten"),
        ("Medical Products Agency", "läkemedelsverket"),
        # typos and chat spellings on the real glossary
        ("goverment", "regering"),
        ("comittee", "beredning"),
        ("municipalty", "kommun"),
        ("govt", "regering"),
    ],
)
def test_default_glossary_knows_the_domain(english, swedish):
    assert swedish in default_glossary().translate(english).split()
