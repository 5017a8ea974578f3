"""Near words: the words of a vocabulary within a small edit distance of a typed word.

Typos are found by symmetric deletion (the idea behind SymSpell): every vocabulary word is
indexed under itself and the strings left after deleting up to *d* of its letters; a typed word
is looked up under the same deletions of its own letters, and the few words found are checked
with the exact distance. No lookup scans the vocabulary.

The distance is the optimal string alignment distance: insertions, deletions, substitutions and
swaps of two adjacent letters each count one ("comittee" → "committee", "responsable" →
"responsible", "tillsnyn" → "tillsyn"). How many edits a word may have depends on its length: a
short word has too many neighbours to guess from (see :class:`Tolerance`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    """How many edits a word of a given length may have: none below ``one`` letters, one from
    ``one``, two from ``two``. A pair of words is compared with the allowance of the shorter."""

    one: int
    two: int

    def __call__(self, length: int) -> int:
        return 2 if length >= self.two else 1 if length >= self.one else 0


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal string alignment distance of ``a`` and ``b``; ``limit + 1`` as soon as it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = [0] * (len(b) + 1), list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string left after deleting up to ``depth`` of its letters (never all)."""
    out = frontier = {word}
    for _ in range(min(depth, len(word) - 1)):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        out = out | frontier
    return out


class NearWords:
    """The words of a vocabulary near a typed word, within the :class:`Tolerance` of their lengths."""

    def __init__(self, words: Iterable[str], tolerance: Tolerance) -> None:
        self.tolerance = tolerance
        self._index: dict[str, str | list[str]] = {}
        for word in set(words):
            for key in deletions(word, tolerance(len(word))):
                held = self._index.get(key)
                if held is None:
                    self._index[key] = word  # most keys hold one word: no list for them
                elif isinstance(held, str):
                    self._index[key] = [held, word]
                else:
                    held.append(word)

    def __contains__(self, word: str) -> bool:
        held = self._index.get(word)
        return held == word or (isinstance(held, list) and word in held)

    def near(self, word: str) -> list[tuple[int, str]]:
        """(distance, vocabulary word) for every word within tolerance, nearest first; the word
        itself is not listed."""
        depth = self.tolerance(len(word))
        if depth == 0:
            return []
        found: set[str] = set()
        for key in deletions(word, depth):
            held = self._index.get(key)
            if held is not None:
                found.update([held] if isinstance(held, str) else held)
        found.discard(word)
        out = []
        for other in found:
            limit = self.tolerance(min(len(word), len(other)))
            if limit and (d := edit_distance(word, other, limit)) <= limit:
                out.append((d, other))
        return sorted(out)
