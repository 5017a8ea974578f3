"""How candidate sentences are ranked for an offline answer: a linear model over a few features
of each sentence, its passage and the question. The weights are hand-set (dense similarity ×4,
term coverage 0.5, character n-grams 0.3, passage prior 0.2); a logistic model fitted to the
development sets with cross-validation ranked worse end to end (docs/EVALUATION.md), so none ships.
"""

from __future__ import annotations

from dataclasses import dataclass

FEATURES = (
    "dense_rel",  # cosine of sentence and question, minus the best sentence's of the passages read
    "coverage",  # IDF-weighted share of the question's terms in the sentence, its lead-in and heading
    "own_coverage",  # the same in the sentence alone
    "char",  # share of the question's character 4-grams in the sentence, lead-in and heading
    "prior",  # the passage's retrieval score relative to the best passage
    "first",  # 1 for a sentence of the best passage
    "typed",  # the sentence carries the kind of answer asked for (a date for "när …?"); 0 when no form
    "item",  # the sentence is a list item
    "lead_in",  # the sentence ends with ":" (it introduces a list)
    "back_ref",  # the sentence opens by pointing back ("Dessa …")
    "short",  # 1 / number of words (bare headings and labels are short)
)


@dataclass(frozen=True)
class Ranker:
    weights: dict[str, float]
    bias: float = 0.0

    def score(self, features: dict[str, float]) -> float:
        """How well the sentence answers the question (higher is better)."""
        return self.bias + sum(self.weights.get(k, 0.0) * features.get(k, 0.0) for k in FEATURES)


HAND_SET = Ranker({"dense_rel": 4.0, "coverage": 0.5, "char": 0.3, "prior": 0.2})
