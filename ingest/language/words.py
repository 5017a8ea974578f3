"""Words: tokens, function and stop words, stemming, character n-grams.

The Swedish stop words are Snowball's (as bm25s ships them); stemming is Snowball's Swedish
stemmer (PyStemmer). English words that keyword search and answer scoring should ignore are
listed here too: an English question is matched against Swedish text through the glossary.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import Stemmer
from bm25s.stopwords import STOPWORDS_SWEDISH

WORD = re.compile(r"\w+", re.UNICODE)
# a word of letters and digits only (no underscore)
PLAIN_WORD = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S+")
# a word as the glossary and language detection see it: hyphens kept ("hälso-")
WORD_WITH_HYPHEN = re.compile(r"[\wåäöÅÄÖéü-]+", re.UNICODE)


def _words(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


STOP_WORDS = frozenset(STOPWORDS_SWEDISH) | {"the", "of", "and", "to", "in", "a", "is", "for", "who", "what"}

# Function words that tell the two languages apart (language detection).
SWEDISH_FUNCTION_WORDS = _words(
    "och att det som en är på för med av till den har de inte om ett vi kan var jag ska vad vem vilka",
    "vilken hur när finns från eller också så sig men skulle ut efter vid under mellan enligt ansvarar",
    "får uppdrag",
)
ENGLISH_FUNCTION_WORDS = _words(
    "the and of to in is for who what which how when does did was were are with on by from that this",
    "it be has have should would their its an a or about according plan plans",
)
# English words a translation into Swedish drops (they carry no content): function words, the
# verbs of asking, and what is left of a contraction or possessive split at its apostrophe.
ENGLISH_STOP_WORDS = ENGLISH_FUNCTION_WORDS | _words(
    "do does done doing can could may might must shall will i me my mine you your yours we our us they",
    "them theirs he she his her him its these those there here whose whom where why as at into than then",
    "not no nor but if so also such some all any each every other others another same both either neither",
    "more most much many few less least very just only even still yet already again too quite rather",
    "above below over under between through during before after since while because though although",
    "whether within without upon onto off out up down per via etc regarding concerning please thanks",
    "thank hi hello hey kind sort like want wants wanted know tell say says said mention mentions",
    "mentioned explain describe give gives gave given show shows shown find found get got gotten let look see",
    "seen make made told known am been being yes ok okay until everyone everybody anyone anybody someone",
    "somebody something anything everything nothing",
    "s t don doesn isn aren didn won shouldn wouldn couldn hasn haven wasn weren ll ve re d",
)

# Chat spellings and shorthand of English words (lower case) → the words they stand for.
CHAT_SPELLINGS = {
    **dict.fromkeys(["u", "yu"], "you"),
    "ur": "your",
    "yr": "year",
    "r": "are",
    "y": "why",
    "n": "and",
    "w": "with",
    "b4": "before",
    **dict.fromkeys(["pls", "plz", "plez", "pleez"], "please"),
    **dict.fromkeys(["thx", "thnx", "tnx", "ty"], "thanks"),
    **dict.fromkeys(["ppl", "ppls"], "people"),
    **dict.fromkeys(["govt", "gov", "gvt"], "government"),
    **dict.fromkeys(["govts", "govs"], "governments"),
    **dict.fromkeys(["dept", "dpt"], "department"),
    "depts": "departments",
    **dict.fromkeys(["mgmt", "mgt"], "management"),
    "admin": "administration",
    "org": "organisation",
    "orgs": "organisations",
    "info": "information",
    "abt": "about",
    **dict.fromkeys(["bc", "bcz", "cuz", "coz", "cos"], "because"),
    "tho": "though",
    "thru": "through",
    "wrt": "with respect to",
    "asap": "as soon as possible",
    "approx": "approximately",
    "yrs": "years",
    "wk": "week",
    "wks": "weeks",
    **dict.fromkeys(["num", "nbr"], "number"),
    "amt": "amount",
    "dr": "doctor",
    "drs": "doctors",
    "hosp": "hospital",
    "meds": "medicines",
    "rx": "prescription",
    "dx": "diagnosis",
    "tx": "treatment",
    "psych": "psychiatry",
    "rehab": "rehabilitation",
    "uni": "university",
    "stats": "statistics",
    "req": "requirement",
    "reqs": "requirements",
    "dev": "development",
    "whos": "who is",
    **dict.fromkeys(["whats", "wat", "wot"], "what is"),
    "wheres": "where is",
    "whens": "when is",
    "hows": "how is",
    "whys": "why is",
    "thats": "that is",
    "theres": "there is",
    "im": "i am",
    "ive": "i have",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "arent": "are not",
    "wasnt": "was not",
    "werent": "were not",
    "cant": "cannot",
    "wont": "will not",
    "shouldnt": "should not",
    "wouldnt": "would not",
    "couldnt": "could not",
    "havent": "have not",
    "hasnt": "has not",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "kinda": "kind of",
    "lemme": "let me",
    "gimme": "give me",
}

# Words of a question that say how it asks, not what it is about (never matched against the plans).
QUESTION_WORDS_TEXT = (
    "vem vilka vilken vilket vad hur när var varför finns ska skulle kan får fick har hade "
    "who what which when where why how does did is are was were should would can could "
    "enligt according plans planen planerna document"
)

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread: PyStemmer's stemmers (and their caches) are not thread-safe."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("swedish")
    return stemmer


def stem(words: list[str]) -> list[str]:
    """Snowball's Swedish stems of lower-case words."""
    return _stemmer().stemWords(words)


def analyse(text: str) -> list[str]:
    """Lower-case words, Swedish stop words removed, stemmed. Numbers are kept as they are."""
    words = [w for w in WORD.findall(text.lower()) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]
    return stem(words)


def analyse_chars(text: str, n: int = 4) -> list[str]:
    """Character n-grams inside each non-stop word ("#sjuk", "sjuk", …): matches parts of Swedish
    compounds ("avgiftsöversyn" ~ "översyn") and survives typos ("basplatan" ~ "basplattan")."""
    grams: list[str] = []
    for w in WORD.findall(text.lower()):
        if w in STOP_WORDS or len(w) < 3:
            continue
        padded = f"#{w}#"
        grams.extend(padded[i : i + n] for i in range(max(1, len(padded) - n + 1)))
    return grams


# Words after which a trailing hyphen is a suspended compound ("hälso- och sjukvård"), not a word
# broken over two lines.
SUSPENDED_HYPHEN_NEXT = frozenset({"och", "eller", "samt", "respektive", "resp", "resp.", "som", "till", "and", "or"})

QUESTION_STEMS = frozenset(analyse(QUESTION_WORDS_TEXT))


def plain_words(text: str) -> list[str]:
    """The words of a text, letters and digits only: "hälso- och sjukvård:s" → ["hälso", "och", "sjukvård", "s"]."""
    return PLAIN_WORD.findall(text)


def has_word(text: str) -> bool:
    """The text holds at least one word character (not only punctuation, markers or space)."""
    return bool(WORD.search(text))


def collapse_spaces(text: str) -> str:
    """Each run of white space as one space."""
    return _SPACES.sub(" ", text)


def word_ends(text: str) -> list[int]:
    """Where each word (a run of non-space characters) of the text ends."""
    return [m.end() for m in _NON_SPACE.finditer(text)]


def fold_accents(text: str) -> str:
    """Letters without their marks ("nära vård" → "nara vard"), for matching text typed without å, ä, ö."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def is_number_or_acronym(word: str) -> bool:
    """'2023', '1a', 'SIP', 'IVO', 'LSS': words that are matched as typed, never corrected."""
    return any(ch.isdigit() for ch in word) or (len(word) >= 2 and word.isupper())


def english_base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected English word (lower case), most likely first: plurals
    and third persons ("agencies" → "agency", "processes" → "process", "plans" → "plan"), past
    forms ("funded" → "fund", "decided" → "decide", "planned" → "plan", "applied" → "apply"),
    -ing forms ("coordinating" → "coordinate", "planning" → "plan") and adverbs in -ly
    ("nationally" → "national"). Not words themselves: a caller keeps those it knows."""
    out: list[str] = []

    def add(*forms: str) -> None:
        out.extend(f for f in forms if len(f) > 2 and f not in out)

    n = len(word)
    if n > 4 and word.endswith("ies"):
        add(word[:-3] + "y")
    if n > 4 and word.endswith("es"):
        add(word[:-2])
    if n > 3 and word.endswith("s") and not word.endswith("ss"):
        add(word[:-1])
    if n > 4 and word.endswith("ied"):
        add(word[:-3] + "y")
    if n > 4 and word.endswith("ed"):
        add(word[:-2], word[:-1], *([word[:-3]] if word[-3] == word[-4] else []))
    if n > 5 and word.endswith("ing"):
        add(word[:-3], word[:-3] + "e", *([word[:-4]] if word[-4] == word[-5] else []))
    if n > 5 and word.endswith("ly"):
        add(word[:-2])
    return out


# Endings that make another word of the same family ("sentence" / "sentenced", "simple" / "simply",
# "count" / "counted" / "counter"): two words that differ only in these are not a typo of each other.
ENGLISH_ENDINGS = _words(
    "s es d ed r er ers ing ings ly y ies ied le ity ion ions al ally ness ment ments ise ize ised ized",
    "ises izes ation ations ive",
) | {""}


def differ_by_ending(a: str, b: str) -> bool:
    """Whether two words are one family's forms: after their common beginning (or up to two
    letters less of it), what is left of each is an English ending or nothing."""
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return any(a[k:] in ENGLISH_ENDINGS and b[k:] in ENGLISH_ENDINGS for k in range(common, max(common - 3, 0), -1))


# Words that open a sentence by pointing back at the one before it ("Dessa patienter …", "Där …"):
# such a sentence is read together with its predecessor.
BACK_REFERENCES = _words(
    "dessa detta denna de dom där då därför därmed här han hon hen dess deras sådana",
    "these this they those there he she its their such",
)


def opens_with_back_reference(sentence: str) -> bool:
    words = WORD.findall(sentence[:40].lower())
    return bool(words) and words[0] in BACK_REFERENCES
