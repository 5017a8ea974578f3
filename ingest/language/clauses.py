"""The clauses of a question: its segments, the opener and preamble before it, the question word
that opens the main clause, a verb or an imperative in first place, and cue phrases.

Tokens are folded to lower case without accents ("när" → "nar"), so the word lists in
``question_words`` are written folded too. ``question_kinds`` reads the kind of answer from these
clauses; ``analysis`` puts the two together.
"""

from __future__ import annotations

import re

from ingest.language import question_words as qw
from ingest.language.words import fold_accents

_TOKEN = re.compile(r"[\w][\w\-:/.]*[\w]|[\w]", re.UNICODE)
_SEGMENT = re.compile(r"[?!;]+|\.(?:\s|$)|\s[–—-]\s|:\s")
_SECOND = re.compile(r"(?:,\s*|\s)(?:och|samt|and|plus)\s+(?=\S)", re.I)


# -- segments and clauses --------------------------------------------------------------------------
def split_segments(question: str) -> list[list[str]]:
    """The question's parts (split at ?, !, ;, a spaced dash, a colon), each as folded lower-case tokens."""
    return [tokens_of(part) for part in _SEGMENT.split(question)]


def tokens_of(text: str) -> list[str]:
    words = [fold_accents(w.lower()) for w in _TOKEN.findall(text.replace("’", "'"))]
    out: list[str] = []
    for w in words:  # "what's", "who's", "whats", "whos"
        if w.endswith("'s") and w[:-2] in qw.QUESTION_WORDS:
            out += [w[:-2], "is"]
        elif w in ("whats", "whos"):
            out += [w[:-1], "is"]
        else:
            out.append(w)
    return out


def strip_opening(tokens: list[str]) -> list[str]:
    """Without openers ("och", "ok") and preambles ("kan du berätta", "do you know")."""
    changed = True
    while tokens and changed:
        changed = False
        if tokens[0] in qw.OPENERS:
            tokens, changed = tokens[1:], True
        for phrase in qw.PREAMBLES:
            words = fold_accents(phrase).split()
            if tokens[: len(words)] == words:
                tokens, changed = tokens[len(words) :], True
    return tokens


def opens_question(tokens: list[str]) -> bool:
    t = strip_opening(tokens)
    i = question_word_at(t)
    return i is not None or verb_first(t) or imperative(t) is not None


def main_segment(segments: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The segment that asks (the first that opens with a question word, a verb or an imperative;
    a topic set off before it is not asked about), and the segments after it."""
    for i, seg in enumerate(segments):
        if opens_question(seg):
            return strip_opening(seg), segments[i + 1 :]
    return (strip_opening(segments[0]) if segments else []), []


def second_parts(tokens: list[str]) -> list[list[str]]:
    """Clauses joined to the main one that ask again ("…, och när ska det vara klart")."""
    text = " ".join(tokens)
    parts = _SECOND.split(text)
    return [p.split() for p in parts[1:] if question_word_at(p.split()) == 0]


def question_word_at(tokens: list[str]) -> int | None:
    """Index of the question word that opens the clause (after at most two prepositions)."""
    for i, t in enumerate(tokens[:3]):
        if t in qw.QUESTION_WORDS and not (t == "var" and not _place_var(tokens, i)):
            return i
        if t not in qw.PREPOSITIONS:
            return None
    return None


def _place_var(tokens: list[str], i: int) -> bool:
    """Swedish "var" asks where when a verb follows it ("Var ligger …"); else it is "was"."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    return nxt in qw.FINITE_VERBS_SV or (nxt.endswith(("r", "s")) and nxt not in ("det", "de", "den"))


def verb_first(tokens: list[str]) -> bool:
    if not tokens:
        return False
    return tokens[0] in qw.FINITE_VERBS_SV or tokens[0] in qw.FINITE_VERBS_EN


def imperative(tokens: list[str]) -> str | None:
    head = " ".join(tokens[:3])
    if has_cue(head, ("lista", "list ", "punkta upp", "rakna upp", "namn ", "name ", "enumerate")):
        return "list"
    if has_cue(head, ("definiera", "define", "forklara begreppet", "explain the term")):
        return "definition"
    if has_cue(head, ("beskriv", "describe", "forklara", "explain", "berätta om", "berätta", "tell me about",
                      "sammanfatta", "summarise", "summarize")):  # fmt: skip
        return "fact"
    return None


def main_clause(tokens: list[str]) -> list[str]:
    """The tokens before a subordinate clause ("vem ska kontaktas | när en patient skrivs ut")."""
    for i, t in enumerate(tokens):
        if i > 0 and t in qw.SUBORDINATORS:
            return tokens[:i]
    return tokens


# -- words and cues -------------------------------------------------------------------------------
def has_any(tokens: list[str], words: frozenset[str]) -> bool:
    return any(t in words for t in tokens)


def has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether the text holds one of the cues: whole words, or a word's beginning for a cue ending in "*"."""
    folded = " " + fold_accents(text.lower()) + " "
    for c in cues:
        c = fold_accents(c.strip())
        pattern = re.escape(c[:-1]) if c.endswith("*") else re.escape(c) + r"(?!\w)"
        if re.search(r"(?<!\w)" + pattern, folded):
            return True
    return False
