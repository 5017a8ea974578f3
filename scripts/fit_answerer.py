"""Fit the offline answerer's sentence ranker (assistant/ranking.py) on the development sets.

For every answerable question of each set, the passages are retrieved as the answerer would
retrieve them and every candidate sentence gets its features; a sentence is a positive when it
(with its lead-in) holds every answer key of the question. Questions whose answer no single
sentence holds are left out of the fit (no sentence ranking can answer them alone).

The model is a listwise softmax over each question's candidates (conditional logit) with an L2
penalty, fitted by gradient descent in numpy. Reported, per set: how often a positive is ranked
first and within the first three, for the hand-set weights, for 5-fold cross-validation over all
questions, and for leave-one-set-out (fitted on the other sets: the figure for a set nobody tuned
on). ``--write`` stores the model fitted on every question in assistant/data/ranker.json.

    python scripts/fit_answerer.py --set dev:var:data/eval/dev.jsonl \\
        --set dev2:var:data/eval/dev2.jsonl --set directives:var-directives:data/eval/directives/questions.jsonl
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.engine import Assistant
from assistant.evaluation import answer_contains_keys, load_gold
from assistant.extractive import GROUP_SEPARATOR
from assistant.options import AnswerOptions
from assistant.ranking import FEATURES, HAND_SET, Ranker
from assistant.settings import PROJECT_ROOT, Settings, configure_runtime
from assistant.wiring import build_retriever
from ingest.language.analysis import analyse_question

Example = tuple[str, str, np.ndarray, np.ndarray]  # (set, question id, features [n, f], labels [n])


def collect(name: str, data_dir: Path, gold_path: Path, passages: int) -> list[Example]:
    retriever = build_retriever(Settings(data_dir=data_dir))
    assistant = Assistant(retriever, AnswerOptions(passages=passages))
    out = []
    for q in load_gold(gold_path):
        if not q.answerable:
            continue
        found = retriever.retrieve(q.question, passages)
        query = GROUP_SEPARATOR.join(retriever.swedish_groups(q.question)) or q.question
        similarity = assistant._similarity(q.question, found)
        ranked = assistant.answerer.candidates(query, found, similarity, analyse_question(q.question))
        if not ranked:
            continue
        x = np.array([[c.features.get(f, 0.0) for f in FEATURES] for c in ranked], dtype=np.float64)
        y = np.array([answer_contains_keys(c.text + " " + c.passage.context, q.answer_keys) for c in ranked], float)
        out.append((name, q.id, x, y))
    return out


def fit(examples: list[Example], l2: float = 0.01, steps: int = 3000, lr: float = 0.5) -> np.ndarray:
    """Weights maximising the summed log-probability of each question's positives (softmax per question)."""
    usable = [(x, y) for _, _, x, y in examples if y.any()]
    w = np.array([HAND_SET.weights.get(f, 0.0) for f in FEATURES])
    for _ in range(steps):
        grad = l2 * w
        for x, y in usable:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * y / (p * y).sum()  # posterior over the positives
            grad -= (x.T @ (q - p)) / len(usable)
        w -= lr * grad
    return w


def hits(examples: list[Example], w: np.ndarray, k: int) -> float:
    solvable = [(x, y) for _, _, x, y in examples if y.any()]
    return sum(y[np.argsort(-(x @ w), kind="stable")[:k]].any() for x, y in solvable) / max(1, len(solvable))


def report(label: str, by_set: dict[str, list[Example]], weights: dict[str, np.ndarray]) -> None:
    for name, examples in by_set.items():
        w = weights[name]
        print(f"  {label:<22} {name:<11} top1 {hits(examples, w, 1):.3f}  top3 {hits(examples, w, 3):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", action="append", required=True, help="name:data_dir:gold.jsonl")
    parser.add_argument("--passages", type=int, default=8)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--write", action="store_true", help="store the model fitted on all sets")
    parser.add_argument("--cache", type=Path, help="keep the collected features in this file (pickle) and reuse them")
    args = parser.parse_args()
    configure_runtime()
    if args.cache and args.cache.is_file():
        by_set = pickle.loads(args.cache.read_bytes())
    else:
        by_set = {}
        for spec in args.set:
            name, data_dir, gold = spec.split(":")
            by_set[name] = collect(name, PROJECT_ROOT / data_dir, PROJECT_ROOT / gold, args.passages)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(by_set))
    everything = [e for ex in by_set.values() for e in ex]
    hand = np.array([HAND_SET.weights.get(f, 0.0) for f in FEATURES])
    report("hand-set weights", by_set, dict.fromkeys(by_set, hand))
    # 5-fold cross-validation over all questions: each question is scored by a model that did not see it
    order = list(range(len(everything)))
    random.Random(0).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    cv_hits = {name: [] for name in by_set}
    for fold in folds:
        held = set(fold)
        w = fit([e for i, e in enumerate(everything) if i not in held], args.l2)
        for i in fold:
            cv_hits[everything[i][0]].append((everything[i], w))
    for name, rows in cv_hits.items():
        solvable = [(e, w) for e, w in rows if e[3].any()]
        top1 = sum(e[3][np.argsort(-(e[2] @ w), kind="stable")[:1]].any() for e, w in solvable) / max(1, len(solvable))
        top3 = sum(e[3][np.argsort(-(e[2] @ w), kind="stable")[:3]].any() for e, w in solvable) / max(1, len(solvable))
        print(f"  {'5-fold CV':<22} {name:<11} top1 {top1:.3f}  top3 {top3:.3f}")
    loso = {name: fit([e for n, ex in by_set.items() if n != name for e in ex], args.l2) for name in by_set}
    report("leave-one-set-out", by_set, loso)
    final = fit(everything, args.l2)
    print("weights:", {f: round(float(v), 3) for f, v in zip(FEATURES, final, strict=True)})
    if args.write:
        ranker = Ranker(
            {f: round(float(v), 4) for f, v in zip(FEATURES, final, strict=True)},
            meta={"fitted": date.today().isoformat(), "sets": sorted(by_set), "l2": args.l2, "passages": args.passages},
        )
        path = PROJECT_ROOT / "assistant" / "data" / "ranker.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(ranker.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
