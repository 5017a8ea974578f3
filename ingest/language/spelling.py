"""Spelling: the vocabulary word a Swedish question meant, typed without å, ä, ö or with a typo.

A :class:`Speller` is built from the words of the indexed text and how often each occurs. Its
:meth:`Speller.correct` tries, in order:

1. the word itself, when the vocabulary has it (a known word is never "corrected");
2. the vocabulary word that is the same once letters lose their marks ("aldreomsorg" →
   "äldreomsorg", "nara" → "nära"), the most frequent when several are ("vard" → "vård" rather
   than "värd");
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
from ingest.language.words import WORD, fold_accents, is_number_or_acronym

# one edit from six letters, two from ten (shorter words have too many neighbours to guess from)
SWEDISH_TOLERANCE = Tolerance(one=6, two=10)


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
        if lower in self.counts or is_number_or_acronym(word) or not lower.isalpha():
            return word
        folded = fold_accents(lower)
        if folded in self._by_fold:
            return self._by_fold[folded]
        near = self._near.near(folded)
        if not near:
            return word
        best = min(near, key=lambda dw: (dw[0], -self.counts[self._by_fold[dw[1]]], dw[1]))
        return self._by_fold[best[1]]

    def correct_words(self, text: str) -> list[str]:
        """Each word of ``text`` as :meth:`correct` gives it."""
        return [self.correct(w) for w in WORD.findall(text)]
