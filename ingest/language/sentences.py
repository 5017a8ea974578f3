"""Sentence boundaries for Swedish (and English) administrative text, as exact offsets."""

from __future__ import annotations

import re

# Abbreviations that end with a period but do not end a sentence (lower-cased, without final dot).
ABBREVIATIONS = {
    "bl.a",
    "t.ex",
    "s.k",
    "m.m",
    "m.fl",
    "o.s.v",
    "osv",
    "bl a",
    "t ex",
    "dvs",
    "d.v.s",
    "fr.o.m",
    "t.o.m",
    "p.g.a",
    "pga",
    "inkl",
    "exkl",
    "ca",
    "resp",
    "nr",
    "jfr",
    "kap",
    "st",
    "s",
    "e.d",
    "o.d",
    "etc",
    "mfl",
    "mm",
    "f.d",
    "ev",
    "enl",
    "prop",
    "sfs",
    "dnr",
    "tel",
    "e.g",
    "i.e",
    "vs",
    "no",
    "fig",
    "approx",
    "dr",
    "mr",
    "mrs",
    "kl",
    "bl.a.",
    "a",
    "b",
    "c",
    "jan",
    "feb",
    "aug",
    "sept",
    "sep",
    "okt",
    "nov",
    "dec",
    "s-k",
}
_CANDIDATE = re.compile(r"[.!?…]+[\"”’)]*(?=\s+|$)|\n+")
_TOKEN_BEFORE = re.compile(r"([\w.\-]+)$")
# The punctuation that ends a sentence, with any closing quote or bracket after it.
FINAL_PUNCTUATION = re.compile(r"[.!?:;…]+[\"”’)]*$")
# A clause that stops at an abbreviation that leads into more ("bl.a.", "t.ex.", "m.m.").
ABBREVIATION_END = re.compile(r"\b(?:bl\.\s?a|t\.\s?ex|m\.\s?m|bl\s?a)\.$")


def final_punctuation_at(sentence: str) -> int | None:
    """Where the sentence's final punctuation begins ("Klart." → 5), or None when it has none."""
    m = FINAL_PUNCTUATION.search(sentence)
    return m.start() if m else None


def ends_with_abbreviation(text: str) -> bool:
    """The text ends in "bl.a.", "t.ex." or "m.m.": its final stop ends no sentence."""
    return bool(ABBREVIATION_END.search(text))


def _is_abbreviation(text: str, dot_at: int) -> bool:
    m = _TOKEN_BEFORE.search(text, max(0, dot_at - 40), dot_at)  # bounded: linear in the text length
    if not m:
        return False
    word = m.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _is_list_number(text: str, dot_at: int) -> bool:
    """'Nr 5.' / '3.' at the start of a line number a list item; they do not end a sentence."""
    if re.search(r"\b(?:[Nn]r|[Nn]o|[Pp]unkt)\.? ?\d{1,3}$", text[max(0, dot_at - 12) : dot_at]):
        return True
    line_start = text.rfind("\n", 0, dot_at) + 1
    head = text[line_start : dot_at + 1].strip()
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.", head))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]``, whitespace trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _CANDIDATE.finditer(text, start, end):
        if m.group(0)[0] == ".":
            if _is_abbreviation(text, m.start()) or _is_list_number(text, m.start()):
                continue
            nxt = text[m.end() : m.end() + 3].lstrip()
            if nxt[:1].islower() or nxt[:1].isdigit():
                continue  # "... 2021. och" / "s. 11": not a sentence end
        _add(text, spans, cursor, m.end())
        cursor = m.end()
    _add(text, spans, cursor, end)
    return spans


def _add(text: str, spans: list[tuple[int, int]], a: int, b: int) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def quotable_sentences(text: str, start: int, end: int, min_words: int = 3) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` worth quoting on their own: at least ``min_words`` words."""
    return [(a, b) for a, b in split_sentences(text, start, end) if len(text[a:b].split()) >= min_words]
