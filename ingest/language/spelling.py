"""Spelling: the vocabulary word a Swedish question meant, typed without å, ä, ö or with a typo.

A :class:`Speller` is built from the words of the indexed text and how often each occurs. Its
:meth:`Speller.correct` tries, in order:

1. the vocabulary word that is the same once letters lose their marks ("aldreomsorg" →
   "äldreomsorg", "nara" → "nära"), the most frequent when several are ("vard" → "vård" rather
   than "värd") — also for a word typed without marks that the vocabulary holds, when its marked
   form is at least ``MARKED_RATIO`` times as frequent (a "vard" in a linked file name beside 157
   "vård");
2. the word itself, when the vocabulary has it (a known word is otherwise never "corrected");
3. a frequent vocabulary word within one edit of a word of six letters or more, or two edits of
   a word of ten or more, compared without marks ("forvaltnngen" → "förvaltningen"): the nearest,
   then the most frequent.

Numbers and acronyms ("2023", "SIP", "IVO") are left as typed. Lookups go through a fold-key
table and a deletion index (:mod:`.fuzzy`), never a scan of the vocabulary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from ingest.language.fuzzy import NearWords, Tolerance
from ingest.language.words import ENGLISH_STOP_WORDS, WORD, fold_accents, is_number_or_acronym

# one edit from six letters, two from ten (shorter words have too many neighbours to guess from)
SWEDISH_TOLERANCE = Tolerance(one=6, two=10)
MARKED_RATIO = 5


class Speller:
    """Corrections towards one vocabulary (word → how often it occurs)."""

    def __init__(self, counts: Mapping[str, int], min_count: int = 2, tolerance: Tolerance = SWEDISH_TOLERANCE) -> None:
        self.counts: dict[str, int] = {}
        for word, n in counts.items():
            w = word.lower()
            self.counts[w] = self.counts.get(w, 0) + n
        self.min_count = min_count
        self._by_fold: dict[str, str] = {}  # folded form → its most frequent vocabulary word
        for word in sorted(self.counts, key=lambda w: (-self.counts[w], w)):
            self._by_fold.setdefault(fold_accents(word), word)
        frequent = (f for f, word in self._by_fold.items() if self.counts[word] >= min_count)
        self._near = NearWords(frequent, tolerance)

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_count: int = 2) -> Speller:
        """A speller for the words of these texts."""
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(w for w in WORD.findall(text.lower()) if not w.isdigit())
        return cls(counts, min_count)

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts

    def correct(self, word: str) -> str:
        """The vocabulary word meant by ``word`` (lower case), or ``word`` unchanged when it is
        known, a number or an acronym, or nothing in the vocabulary is near enough."""
        lower = word.lower()
        if is_number_or_acronym(word) or not lower.isalpha():
            return word
        marked = self._marked(lower)
        if marked or lower in self.counts:
            return marked or word
        folded = fold_accents(lower)
        near = self._near.near(folded)
        if not near:
            return word
        best = min(near, key=lambda dw: (dw[0], -self.counts[self._by_fold[dw[1]]], dw[1]))
        return self._by_fold[best[1]]

    def correct_words(self, text: str) -> list[str]:
        """Each word of ``text`` as :meth:`correct` gives it."""
        return [self.correct(w) for w in WORD.findall(text)]

    def restore(self, text: str, typos: bool = True) -> str:
        """``text`` with each word replaced by the vocabulary word it meant, keeping the case of its
        first letter and everything between words. ``typos=False`` only gives words back their
        marks ("nara vard" → "nära vård"): an English question's words are not Swedish typos."""
        out: list[str] = []
        last = 0
        for m in WORD.finditer(text):
            word = m.group()
            fixed = self.correct(word) if typos else self._with_marks(word)
            if fixed.lower() != word.lower():
                fixed = fixed[:1].upper() + fixed[1:] if word[:1].isupper() else fixed
                out.append(text[last : m.start()] + fixed)
            else:
                out.append(text[last : m.end()])
            last = m.end()
        return "".join(out) + text[last:]

    def _with_marks(self, word: str) -> str:
        lower = word.lower()
        if is_number_or_acronym(word) or not lower.isalpha() or lower in ENGLISH_STOP_WORDS:
            return word
        return self._marked(lower) or word

    def _marked(self, lower: str) -> str | None:
        """The vocabulary word ``lower`` stands for once marks are restored, if it is another word."""
        folded = fold_accents(lower)
        candidate = self._by_fold.get(folded)
        if candidate is None or candidate == lower:
            return None
        if lower not in self.counts:
            return candidate
        typed_plain = lower == folded
        return candidate if typed_plain and self.counts[candidate] >= MARKED_RATIO * self.counts[lower] else None
