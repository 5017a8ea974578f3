"""Calibrate `llm.min_support_sv` / `llm.min_support_en`: the support score above which a cited
sentence counts as verified.

Data: `data/eval/support_dev.jsonl` — sentences written the way a model answers (paraphrases, in
Swedish and English), each with a verbatim `anchor` that locates the passage it rests on, and for
some a `swapped` variant that changes a fact (another body, another number) but cites the same
passage. For each sentence:
- *supported*: the score against its own passage;
- *wrong citation*: the score against each other sentence's passage (a citation to the wrong place);
- *swapped*: the altered sentence against the original passage.

Prints, per language and threshold, the share of supported sentences that pass (recall) and of
wrong citations that pass (false verification). Needs the indexed default corpus (`plansvar ingest`).

    .venv/bin/python scripts/calibrate_support.py [--data data/eval/support_dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.context import pack, passage_source
from assistant.evaluation import hits
from assistant.settings import PROJECT_ROOT, Settings
from assistant.wiring import build_assistant

THRESHOLDS = {"sv": [1.1, 1.15, 1.2, 1.25, 1.3, 1.35], "en": [0.96, 1.0, 1.02, 1.04, 1.06, 1.1]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=PROJECT_ROOT / "data" / "eval" / "support_dev.jsonl")
    args = parser.parse_args()
    assistant = build_assistant(Settings(), use_llm=False)
    checker, texts = assistant.checker, assistant.snapshot.texts
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    passages = list(assistant.retriever.passages.values())
    for row in rows:
        found = [p for p in passages if hits(p.text, row["anchor"])]
        if not found:
            raise SystemExit(f"{row['id']}: anchor not found in the index: {row['anchor']!r}")
        context = pack([passage_source(found[0], found[0].title)], texts, 10**6)[0]
        row["context"] = context
        row["candidates"] = checker.candidates(context)

    def score(sentence: str, vector, row: dict) -> float:
        return checker.best(sentence, vector, row["context"], row["candidates"]).score

    for row in rows:
        vector = checker.embed_sentences([row["sentence"]])[0]
        row["supported"] = score(row["sentence"], vector, row)
        row["wrong"] = [
            score(row["sentence"], vector, other)
            for other in rows
            if other is not row
            and other["context"].source.spans != row["context"].source.spans
            and not hits(other["context"].text, row["anchor"])
        ]
        if row.get("swapped"):
            row["swapped_score"] = score(row["swapped"], checker.embed_sentences([row["swapped"]])[0], row)
    report(rows)
    return 0


def report(rows: list[dict]) -> None:
    for lang in ("sv", "en"):
        subset = [r for r in rows if r["lang"] == lang]
        wrong = [s for r in subset for s in r["wrong"]]
        swapped = [r["swapped_score"] for r in subset if "swapped_score" in r]
        print(f"{lang}: {len(subset)} sentences, {len(wrong)} wrong citations, {len(swapped)} swapped facts")
        print(f"  {'threshold':>9} {'recall':>7} {'false verified':>15} {'swapped passing':>16}")
        for t in THRESHOLDS[lang]:
            recall = sum(r["supported"] >= t for r in subset) / len(subset)
            false = sum(s >= t for s in wrong) / len(wrong)
            swap = f"{sum(s >= t for s in swapped)}/{len(swapped)}"
            print(f"  {t:>9} {recall:>7.3f} {false:>15.4f} {swap:>16}")
        print(
            "  lowest supported: "
            + ", ".join(f"{r['id']} {r['supported']:.3f}" for r in sorted(subset, key=lambda r: r["supported"])[:4])
        )


if __name__ == "__main__":
    sys.exit(main())
