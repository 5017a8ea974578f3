"""How candidate sentences are ranked for an offline answer: a linear model over a few features
of each sentence, its passage and the question, fitted with `scripts/fit_answerer.py` (logistic
regression: does the sentence hold the answer?) and loaded from ``assistant/data/ranker.json``.

Without a fitted model the hand-set weights of the first version apply (dense similarity ×4,
term coverage 0.5, character n-grams 0.3, passage prior 0.2).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

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
    meta: dict = field(default_factory=dict, compare=False)

    def score(self, features: dict[str, float]) -> float:
        """The model's log-odds that the sentence holds the answer (higher is better)."""
        return self.bias + sum(self.weights.get(k, 0.0) * features.get(k, 0.0) for k in FEATURES)

    def to_json(self) -> dict:
        return {"weights": self.weights, "bias": self.bias, "meta": self.meta}

    @classmethod
    def from_json(cls, raw: dict) -> Ranker:
        unknown = set(raw["weights"]) - set(FEATURES)
        if unknown:
            raise ValueError(f"ranker weights name unknown features: {sorted(unknown)}")
        return cls(dict(raw["weights"]), float(raw.get("bias", 0.0)), dict(raw.get("meta", {})))


HAND_SET = Ranker({"dense_rel": 4.0, "coverage": 0.5, "char": 0.3, "prior": 0.2})


@lru_cache(maxsize=1)
def fitted_ranker() -> Ranker:
    """The fitted model shipped with the package, else the hand-set weights."""
    path = resources.files("assistant").joinpath("data/ranker.json")
    if not path.is_file():
        return HAND_SET
    return Ranker.from_json(json.loads(path.read_text(encoding="utf-8")))


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
