"""Typo- and accent-tolerant matching: near words (ingest/language/fuzzy.py) and the Swedish
speller (ingest/language/spelling.py)."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from ingest.language.fuzzy import NearWords, Tolerance, deletions, edit_distance
from ingest.language.spelling import Speller

# -- edit distance ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("vård", "vård", 0),
        ("", "abc", 3),
        ("comittee", "committee", 1),  # a letter missing
        ("goverment", "government", 1),
        ("responsable", "responsible", 1),  # a letter wrong
        ("municipalty", "municipality", 1),
        ("tillsnyn", "tillsyn", 1),  # a letter too many
        ("recieve", "receive", 1),  # two letters swapped
        ("ca", "abc", 3),  # OSA: a swapped pair is not edited again
        ("nämnd", "namnd", 1),
        ("kitten", "sitting", 3),
        ("förvaltningen", "forvaltnigen", 2),
    ],
)
def test_edit_distance(a, b, distance):
    assert edit_distance(a, b, limit=5) == distance
    assert edit_distance(b, a, limit=5) == distance


def test_edit_distance_stops_past_the_limit():
    assert edit_distance("kitten", "sitting", limit=1) == 2
    assert edit_distance("a", "abcdef", limit=2) == 3


def test_deletions_keep_the_word_and_drop_up_to_depth_letters():
    assert deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert deletions("abc", 2) == {"abc", "bc", "ac", "ab", "a", "b", "c"}
    assert deletions("ab", 5) == {"ab", "a", "b"}  # never down to the empty string
    assert deletions("abc", 0) == {"abc"}


@pytest.mark.parametrize(("length", "allowed"), [(3, 0), (4, 0), (5, 1), (8, 1), (9, 2), (20, 2)])
def test_tolerance_grows_with_length(length, allowed):
    assert Tolerance(one=5, two=9)(length) == allowed


def test_near_words_agree_with_a_scan_of_the_vocabulary():
    """The deletion index finds exactly what comparing with every word would find."""
    rng = random.Random(7)
    letters = "abcdeåäö"
    vocabulary = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(400)}
    tolerance = Tolerance(one=5, two=9)
    near = NearWords(vocabulary, tolerance)
    for _ in range(150):
        word = "".join(rng.choice(letters) for _ in range(rng.randint(3, 12)))
        expected = sorted(
            (d, v)
            for v in vocabulary
            if v != word
            and (limit := tolerance(min(len(v), len(word))))
            and (d := edit_distance(word, v, limit)) <= limit
        )
        assert near.near(word) == expected, word


def test_near_words_membership_and_short_words():
    near = NearWords(["committee", "government", "care"], Tolerance(one=5, two=9))
    assert "care" in near and "committee" in near and "comittee" not in near
    assert near.near("comittee") == [(1, "committee")]
    assert near.near("goverment") == [(1, "government")]
    assert near.near("govermnet") == [(2, "government")]  # nine letters: two edits
    assert near.near("cure") == []  # four letters: too short to guess
    assert near.near("committee") == []  # the word itself is not its own neighbour


# -- the Swedish speller --------------------------------------------------------------------------

VOCABULARY = {
    "vård": 120,
    "värd": 3,
    "nära": 40,
    "när": 60,
    "för": 500,
    "äldreomsorg": 12,
    "äldreomsorgen": 9,
    "förvaltningen": 25,
    "förvaltning": 8,
    "hälso": 50,
    "sjukvård": 70,
    "sjukvårdsnämnden": 14,
    "nämnden": 30,
    "beredningen": 22,
    "beredning": 15,
    "tillsyn": 6,
    "socialstyrelsen": 5,
    "samordnad": 7,
    "individuell": 7,
    "plan": 80,
    "planen": 20,
    "var": 30,
    "basplattan": 1,
    "utredaren": 11,
    "utredare": 4,
    "delegationen": 6,
    "myndigheten": 9,
    "kommunerna": 18,
    "regionen": 40,
    "psykisk": 25,
    "ohälsa": 10,
    "hälsa": 30,
}


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller(VOCABULARY)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # typed without å, ä, ö
        ("nara", "nära"),
        ("vard", "vård"),  # "vård" occurs far more often than "värd"
        ("aldreomsorg", "äldreomsorg"),
        ("aldreomsorgen", "äldreomsorgen"),
        ("forvaltningen", "förvaltningen"),
        ("nar", "när"),
        ("for", "för"),
        ("halsa", "hälsa"),
        ("ohalsa", "ohälsa"),
        ("sjukvardsnamnden", "sjukvårdsnämnden"),
        ("namnden", "nämnden"),
        # case is ignored; the vocabulary's form is returned
        ("Nara", "nära"),
        ("Aldreomsorgen", "äldreomsorgen"),
        # one typo in a word of six letters or more
        ("tillsny", "tillsyn"),
        ("beredningn", "beredningen"),
        ("utrdaren", "utredaren"),
        ("myndigheen", "myndigheten"),
        ("kommunera", "kommunerna"),
        ("psykiks", "psykisk"),  # swapped letters
        # typo and no marks together
        ("forvaltnigen", "förvaltningen"),
        ("sjukvardsnamden", "sjukvårdsnämnden"),
        ("aldreomsrogen", "äldreomsorgen"),
        # two typos in a word of ten letters or more
        ("delegasjonen", "delegationen"),
        ("socialstyrlsn", "socialstyrelsen"),
    ],
)
def test_correct_finds_the_word_meant(speller, typed, meant):
    assert speller.correct(typed) == meant


@pytest.mark.parametrize(
    "typed",
    [
        "vård",  # known words are never corrected
        "värd",  # known, though a more frequent word folds the same way
        "var",  # known, though "vår" would fold to it
        "plan",
        "beredning",
        "Förvaltningen",  # known in any case
        "NARA",  # all capitals: an acronym
        "SIP",  # acronyms
        "IVO",
        "LSS",
        "2023",  # numbers
        "1a",
        "planx",  # five letters: too short for a typo correction
        "vardag",  # six letters, but nothing within one edit
        "trafiksäkerhet",  # nothing near at all
        "basplatta",  # its neighbour occurs once: not frequent enough to correct towards
        "",
        "e-post",  # not a plain word
    ],
)
def test_correct_leaves_alone(speller, typed):
    assert speller.correct(typed) == typed


def test_the_nearest_then_the_most_frequent_word_wins():
    speller = Speller({"samordnare": 3, "samordnade": 9, "samordnaren": 2})
    assert speller.correct("samordnaxe") == "samordnade"  # both one edit away: the more frequent
    assert speller.correct("samordnarenn") == "samordnaren"  # one edit away, the others two or more


def test_min_count_decides_what_counts_as_frequent():
    assert Speller({"basplattan": 1}).correct("basplatan") == "basplatan"
    assert Speller({"basplattan": 1}, min_count=1).correct("basplatan") == "basplattan"
    assert Speller({"äldreomsorg": 1}).correct("aldreomsorg") == "äldreomsorg"  # marks only: any count


def test_from_texts_counts_the_words_of_the_texts():
    speller = Speller.from_texts(["Nära vård i Region Örebro län.", "Nära vård 2023 och nära vård."])
    assert speller.counts["nära"] == 3 and speller.counts["vård"] == 3
    assert "2023" not in speller.counts
    assert "Region" in speller and "örebro" in speller
    assert speller.correct("orebro") == "örebro"
    assert speller.correct_words("nara vard i orebro 2023") == ["nära", "vård", "i", "örebro", "2023"]


def test_corrections_are_what_a_scan_of_the_vocabulary_would_give():
    """On a 2,000-word vocabulary every correction agrees with comparing the typed word with
    every vocabulary word (nearest, then most frequent, then first in order)."""
    rng = random.Random(11)
    words = {"".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 16))) for _ in range(2_000)}
    counts = {w: rng.randint(1, 50) for w in sorted(words)}
    speller = Speller(counts)
    tolerance = Tolerance(one=6, two=10)
    for w in rng.sample(sorted(words), 60):
        i = rng.randrange(len(w))
        typo = rng.choice([w[:i] + w[i + 1 :], w[:i] + rng.choice("xyz") + w[i + 1 :], w + "e"])
        if typo in counts:
            continue
        scan = [
            (d, -n, v)
            for v, n in counts.items()
            if n >= 2 and (limit := tolerance(min(len(v), len(typo)))) and (d := edit_distance(typo, v, limit)) <= limit
        ]
        assert speller.correct(typo) == (min(scan)[2] if scan else typo), typo


# -- on the bundled plans ----------------------------------------------------------------------------

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"


@pytest.fixture(scope="module")
def plans_speller() -> Speller:
    texts = [p.read_text(encoding="utf-8") for p in sorted(PLANS.iterdir()) if p.suffix in (".txt", ".md")]
    return Speller.from_texts(texts)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("nara", "nära"),
        ("narsjukvard", "närsjukvård"),
        ("forvaltningen", "förvaltningen"),
        ("sjukvardsnamnden", "sjukvårdsnämnden"),
        ("fardplanen", "färdplanen"),
        ("aldre", "äldre"),
        ("malomraden", "målområden"),
        ("malbild", "målbild"),
        ("uppfoljningen", "uppföljningen"),
        ("halsa", "hälsa"),
        ("ohalsa", "ohälsa"),
        ("lanet", "länet"),
        ("orebro", "örebro"),
        ("vardcentraler", "vårdcentraler"),
        ("aterrapportering", "återrapportering"),
        ("kompetensforsorjning", "kompetensförsörjning"),
        ("handlinsplanen", "handlingsplanen"),
        ("samverkn", "samverkan"),
        ("basplatan", "basplattan"),
    ],
)
def test_the_plans_vocabulary_restores_marks_and_mends_typos(plans_speller, typed, meant):
    assert plans_speller.correct(typed) == meant


@pytest.mark.parametrize("typed", ["SIP", "2023", "regionen", "psykisk", "samverkan", "Finsam"])
def test_the_plans_vocabulary_keeps_known_words(plans_speller, typed):
    assert plans_speller.correct(typed) == typed


# -- whole questions typed without marks ----------------------------------------------------------

PLAIN_VOCABULARY = {"vård": 157, "vard": 1, "för": 485, "for": 1, "är": 205, "nära": 60, "nara": 1, "plan": 26}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("vad ar nara vard", "vad är nära vård"),
        ("Vem ansvarar for planen?", "Vem ansvarar för planen?"),
        ("Nara vard, vad ar det?", "Nära vård, vad är det?"),  # case and punctuation kept
        ("vad är nära vård", "vad är nära vård"),  # typed with marks: unchanged
        ("plan 2023 SIP", "plan 2023 SIP"),  # numbers and acronyms as typed
    ],
)
def test_a_swedish_question_gets_its_marks_back(typed, meant):
    assert Speller(PLAIN_VOCABULARY).restore(typed) == meant


def test_a_plain_word_the_text_uses_often_is_kept():
    # "plan" is frequent as written; a rare plain spelling beside a frequent marked one is not
    speller = Speller({"plan": 26, "plån": 30, "vard": 1, "vård": 157})
    assert speller.restore("plan vard") == "plan vård"


def test_an_english_question_keeps_its_words_and_gets_swedish_terms_marked():
    speller = Speller(PLAIN_VOCABULARY | {"what": 0})
    assert speller.restore("what is nara vard for", typos=False) == "what is nära vård for"
