"""Question analysis: what kind of answer a question expects, and what it is about.

The kind is read from the question's structure, not from any word in it: the question word that
opens the main clause (after an opener such as "och" or "can you tell me", and after a topic set
off by a dash or colon: "Vårdgarantin – vad ska utredningen göra?"), the preposition before it
("till vem" asks for a recipient), the noun after "vilken/which" ("vilket år" asks for a date,
"vilka mål" for a list) and the verb of the clause ("samråda med" asks for parties). A question
word inside a subordinate clause does not count: "Vem ska kontaktas när en patient skrivs ut?"
asks for an owner. A question that opens with a finite verb asks for a yes or no.

The question's clauses are found in ``clauses``, the kind read from them in ``question_kinds``
(``KINDS`` lists them; tests/data/README.md defines each).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.language import question_words as qw
from ingest.language.clauses import (
    has_cue,
    main_segment,
    opens_question,
    question_word_at,
    second_parts,
    split_segments,
)
from ingest.language.detect import detect_language
from ingest.language.question_kinds import KINDS, kind_of
from ingest.language.words import ENGLISH_STOP_WORDS, STOP_WORDS, fold_accents

__all__ = ["KINDS", "QuestionAnalysis", "analyse_question", "focus_words"]

_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,}[a-zåäö]?$")
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class QuestionAnalysis:
    question: str
    lang: str  # "sv" or "en"
    expects: str  # one of KINDS
    also: tuple[str, ...] = ()  # further kinds asked for in a second part
    focus: tuple[str, ...] = ()  # content words, as written
    term: str = ""  # for a definition: the term asked about
    wants_name: bool = False  # a person's name is asked for ("vad heter utredaren?", "who is the coordinator?")

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.expects, *self.also)


def analyse_question(question: str) -> QuestionAnalysis:
    """The kind of answer ``question`` expects, its second parts, its focus words and its language."""
    segments = [s for s in split_segments(question) if s]
    main, rest = main_segment(segments)
    expects = kind_of(main)
    also = [k for k in (kind_of(s) for s in second_parts(main) + rest if opens_question(s)) if k != expects]
    if expects not in ("yesno", "comparison") and has_cue(question, qw.COMPARISON_CUES) and _two_sides(question):
        also.insert(0, expects)
        expects = "comparison"
    if expects in ("fact", "manner") and has_cue(question, qw.LIST_CUES):
        expects = "list"
    return QuestionAnalysis(
        question=question,
        lang=detect_language(question),
        expects=expects,
        also=tuple(dict.fromkeys(k for k in also if k not in ("fact", expects))),
        focus=focus_words(question),
        term=_term(question) if expects == "definition" else "",
        wants_name=expects == "owner" and _asks_name(main),
    )


def _asks_name(tokens: list[str]) -> bool:
    """"Vad heter …", "what is the name of …", "who is the coordinator": a name, not just a body."""
    text = " ".join(tokens)
    if has_cue(text, qw.NAME_CUES):
        return True
    i = question_word_at(tokens)
    return i is not None and tokens[i] in ("vem", "who") and tokens[i + 1 : i + 3] in (["ar", "den"], ["is", "the"])


def _two_sides(question: str) -> bool:
    """Something set against something: two years, "mellan … och", "jämfört med", "compared with"."""
    if len(set(_YEARS.findall(question))) >= 2:
        return True
    return has_cue(question, _SIDES)


_SIDES = (
    "mellan", "between", "jamfort med", "compared with", "compared to", "versus", "skillnad*", "difference",
    "skiljer", "differ*", "andrats", "changed", "utvecklats", "developed",
)  # fmt: skip


def asks_expansion(question: str) -> bool:
    """The question asks what an abbreviation stands for ("Vad står SMO för?", "what does FBS mean?")."""
    return has_cue(question, qw.EXPANSION_CUES) or (has_cue(question, ("star", "stod")) and has_cue(question, ("for",)))


def _term(question: str) -> str:
    """The term a definition question asks about: an acronym, or the words after the cue."""
    acronyms = [w for w in re.findall(r"[\w\-]+", question) if _ACRONYM.match(w)]
    if acronyms:
        return acronyms[0]
    m = re.search(
        r"(?:med|by|of|är|is|are|innebär|betyder|begreppet|termen|term)\s+(.+?)(?:\s+(?:för|mean|stand|står|betyder|"
        r"innebär)\b.*)?[?.!]*$",
        question,
        re.I,
    )
    return m.group(1).strip(" ?\"”'") if m else ""


def focus_words(question: str) -> tuple[str, ...]:
    """The content words of a question, as written, each once, in order."""
    out: list[str] = []
    for w in re.findall(r"[\w][\w\-]*", question):
        low = w.lower()
        folded = fold_accents(low)
        if low in STOP_WORDS or low in ENGLISH_STOP_WORDS or folded in qw.SIGNAL_WORDS or len(low) < 2:
            continue
        if low not in out:
            out.append(low)
    return tuple(out)
