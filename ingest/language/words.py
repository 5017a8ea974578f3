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
# English words a translation into Swedish drops (they carry no content).
ENGLISH_STOP_WORDS = ENGLISH_FUNCTION_WORDS | _words("do can i me my any there whose whom as at into than then")

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


def fold_accents(text: str) -> str:
    """Letters without their marks ("nära vård" → "nara vard"), for matching text typed without å, ä, ö."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


# Words that open a sentence by pointing back at the one before it ("Dessa patienter …", "Där …"):
# such a sentence is read together with its predecessor.
BACK_REFERENCES = _words(
    "dessa detta denna de dom där då därför därmed här han hon hen dess deras sådana",
    "these this they those there he she its their such",
)


def opens_with_back_reference(sentence: str) -> bool:
    words = WORD.findall(sentence[:40].lower())
    return bool(words) and words[0] in BACK_REFERENCES
