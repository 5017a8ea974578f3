"""Acronyms and their expansions as documents define them: "Sveriges Kommuner och Regioner (SKR)",
"SMO (samordnat medicinsk omhändertagande)".

The long form is found with the algorithm of Schwartz and Hearst (2003, "A simple algorithm for
identifying abbreviation definitions in biomedical text"): the letters of the acronym are matched
from right to left in the words before the parenthesis, the first letter at the start of a word,
within at most min(n + 5, 2n) words for an acronym of n letters. Letters may match inside a word
("barn- och ungdomspsykiatrin (BUP)"), as Swedish compounds need.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

ACRONYM = re.compile(r"[A-ZÅÄÖ][A-ZÅÄÖ0-9]{1,7}(?:-[A-ZÅÄÖ0-9]+)?")
_SHORT_IN_PARENS = re.compile(rf"\(({ACRONYM.pattern})\)")
_LONG_IN_PARENS = re.compile(rf"\b({ACRONYM.pattern})\s\(([^()\n]{{3,150}})\)")
_WORD = re.compile(r"[\w][\w\-]*")


@dataclass(frozen=True)
class Expansion:
    acronym: str
    long_form: str
    start: int  # offsets of the whole definition: long form and acronym
    end: int


def expansions(text: str) -> Iterator[Expansion]:
    """Every acronym defined in ``text``, in order, both as "long form (ACR)" and "ACR (long form)"."""
    for m in _SHORT_IN_PARENS.finditer(text):
        short = m.group(1)
        words = list(_WORD.finditer(text, max(0, m.start() - 200), m.start()))
        limit = min(len(short) + 5, 2 * len(short))
        start = _long_form_start(short, words[-limit:])
        if start is not None:
            yield Expansion(short, text[start : m.start()].strip(), start, m.end())
    for m in _LONG_IN_PARENS.finditer(text):
        short, long_form = m.group(1), m.group(2)
        if _long_form_start(short, list(_WORD.finditer(long_form))) == 0:
            yield Expansion(short, long_form.strip(), m.start(), m.end())


def is_acronym(word: str) -> bool:
    return bool(ACRONYM.fullmatch(word)) and sum(c.isalpha() for c in word) >= 2


def _long_form_start(short: str, words: list[re.Match[str]]) -> int | None:
    """Where the long form of ``short`` begins among ``words`` (offsets as in the matches), or None."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not words or not letters:
        return None
    # right to left: the last letter anywhere, earlier letters before it, the first at a word start
    w, pos = len(words) - 1, len(words[-1].group()) - 1
    for i in range(len(letters) - 1, -1, -1):
        found = False
        while w >= 0 and not found:
            word = words[w].group().lower()
            while pos >= 0:
                at_start = pos == 0 or not word[pos - 1].isalnum()
                if word[pos] == letters[i] and (i > 0 or at_start):
                    found = True
                    break
                pos -= 1
            if not found:
                w -= 1
                pos = len(words[w].group()) - 1 if w >= 0 else -1
        if not found:
            return None
        if i > 0:
            pos -= 1
            if pos < 0:
                w -= 1
                pos = len(words[w].group()) - 1 if w >= 0 else -1
    # the long form must span more words than the acronym would alone
    first = words[w]
    return first.start() + pos if (len(words) - w) > 1 or len(letters) <= 2 else None
