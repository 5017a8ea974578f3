"""Development runner for the responsibility register: extract a folder's register and score it.

usage: .venv/bin/python scripts/register_dev.py FOLDER GOLD.jsonl

Prints precision and recall against the gold statements, per kind, then the unmatched gold
statements and the unmatched entries. No index and no embedding: it runs in seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout: the project's packages beside this script

from assistant.register_eval import (  # noqa: E402
    gold_spans,
    load_corpus,
    load_statements,
    match_register,
    overlaps,
    score_register,
)
from ingest.register import KINDS, Responsibility, extract_responsibilities  # noqa: E402


def _report(found: list[Responsibility], gold: list[dict], texts: dict[str, str], doc_ids: dict[str, str]) -> None:
    pairs = match_register(found, gold, texts, doc_ids)
    score = score_register(found, gold, texts, doc_ids)
    print(f"precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
          f"(matched {score['matched']}, found {score['found']}, gold {score['gold']})")  # fmt: skip
    gold_hit, found_hit = {g for g, _ in pairs}, {f for _, f in pairs}
    spans = gold_spans(gold, texts, doc_ids)
    annotated = [i for i, f in enumerate(found) if any(d == f.doc_id and overlaps(f, sp) for d, sp in spans)]
    right = sum(1 for i in annotated if i in found_hit)
    print(f"  on sentences the gold annotates: {right}/{len(annotated)} found entries name a gold owner")
    found_kinds, gold_kinds = Counter(r.kind for r in found), Counter(g["kind"] for g in gold)
    for kind in KINDS:
        got_g = sum(1 for g in gold_hit if gold[g]["kind"] == kind)
        got_f = sum(1 for f in found_hit if found[f].kind == kind)
        print(f"  {kind:<12} recall {got_g}/{gold_kinds[kind]}  precision {got_f}/{found_kinds[kind]}")
    print("\nunmatched gold:")
    for gi, g in enumerate(gold):
        if gi not in gold_hit:
            print(f"  {g['id']} [{g['kind']}] {g['owner']!r}: {' '.join(g['evidence'].split())[:110]}")
    print("\nunmatched found:")
    for fi, f in enumerate(found):
        if fi not in found_hit:
            print(f"  {f.doc_id[:14]} [{f.kind}] {f.owner!r}: {texts[f.doc_id][f.task_start : f.task_end][:110]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Extract a folder's register and score it against a gold file.")
    parser.add_argument("folder", type=Path, help="documents (with their catalog.json)")
    parser.add_argument("gold", type=Path, help="gold statements (JSONL)")
    parser.add_argument("--dump", type=Path, help="also write every entry as JSON lines to this file")
    parser.add_argument("--sample", type=int, default=0, help="print a seeded random sample of N entries to judge")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample (random.Random(seed))")
    args = parser.parse_args(argv)
    docs, skipped = load_corpus(args.folder)
    for message in skipped:
        print(f"skipped {message}", file=sys.stderr)
    gold = load_statements(args.gold)
    found = [r for doc in docs for r in extract_responsibilities(doc)]
    if args.dump:
        lines = [json.dumps(r.to_json(), ensure_ascii=False, sort_keys=True) for r in found]
        args.dump.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    texts = {d.doc_id: d.text for d in docs}
    if args.sample:
        _print_sample(found, texts, args.sample, args.seed)
        return 0
    _report(found, gold, texts, {d.source: d.doc_id for d in docs})
    return 0


def _print_sample(found: list[Responsibility], texts: dict[str, str], n: int, seed: int) -> None:
    """A Markdown table of n entries drawn with random.Random(seed), in register order, to judge one by one."""
    picked = sorted(random.Random(seed).sample(range(len(found)), min(n, len(found))))
    print("| # | doc | owner | kind | task (evidence excerpt) | recipient / consulted |")
    print("|---|---|---|---|---|---|")
    for no, i in enumerate(picked, 1):
        r = found[i]
        evidence = " ".join(texts[r.doc_id][r.task_start : r.task_end].split())
        cell = "; ".join(x for x in (r.recipient and f"till {r.recipient}", ", ".join(r.consulted)) if x)
        print(f"| {no} | {r.doc_id} | {r.owner} | {r.kind} | {_cell(evidence, 150)} | {_cell(cell, 80)} |")


def _cell(text: str, limit: int) -> str:
    text = text.replace("|", "/")
    return text if len(text) <= limit else text[: limit - 1] + "…"


if __name__ == "__main__":
    raise SystemExit(main())
