"""`plansvar eval --all`: every evaluation set side by side, each corpus in an index of its own.

The sets are listed in ``data/eval/sets.json`` (name, corpus folder, questions, optional register
gold). A set's corpus is indexed (incrementally) under ``<data dir>/eval/<corpus folder name>``, so
the figures never depend on what was uploaded into the app's own index. The summary puts each
set's headline figures in one table and gives the largest gap in answer accuracy between two sets,
the figure that says whether what was tuned on some sets holds on the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluation import evaluate_answers, evaluate_register, evaluate_retrieval, load_gold
from assistant.settings import Settings
from assistant.wiring import build_assistant, build_index, build_retriever
from ingest.pipeline import ingest_paths


@dataclass(frozen=True)
class EvalSet:
    name: str
    corpus: Path
    questions: Path
    register: Path | None = None


def load_sets(path: Path) -> list[EvalSet]:
    """The sets of a ``sets.json`` (paths relative to the project root, the file's grandparent)."""
    root = path.resolve().parents[2]
    raw = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for s in raw["sets"]:
        register = root / s["register"] if s.get("register") else None
        out.append(EvalSet(s["name"], root / s["corpus"], root / s["questions"], register))
    return out


def settings_for(settings: Settings, eval_set: EvalSet) -> Settings:
    """The settings with a data dir of the set's own (one per corpus, shared by sets on the same corpus)."""
    return settings.model_copy(update={"data_dir": settings.data_dir / "eval" / eval_set.corpus.name})


def evaluate_set(settings: Settings, eval_set: EvalSet, k: int = 10, llm: bool = False) -> dict:
    """Retrieval, answers and register of one set, its corpus indexed first when needed."""
    own = settings_for(settings, eval_set)
    index = build_index(own)
    ingest_paths([eval_set.corpus], index, own.chunking, limits=own.ingest)
    retriever = build_retriever(own, index)
    gold = load_gold(eval_set.questions)
    report: dict[str, Any] = {"set": eval_set.name, "gold": str(eval_set.questions)}
    report.update(evaluate_retrieval(gold, retriever.retrieve, k=k))
    assistant = build_assistant(own, retriever, use_llm=llm)
    snapshot = retriever.snapshot
    report["answers"] = evaluate_answers(gold, lambda q: assistant.ask(q).to_json(), snapshot.texts.get, llm=llm)
    if eval_set.register and eval_set.register.is_file():
        report["register"] = evaluate_register(
            list(snapshot.register), eval_set.register, snapshot.texts, snapshot.documents
        )
    return report


def summary(reports: list[dict]) -> dict:
    """Each set's headline figures, and the largest gap in answer accuracy between two sets."""
    rows = []
    for r in reports:
        answers = r["answers"]
        overall = answers["overall"]
        owner = answers["by_type"].get("owner", {})
        rows.append(
            {
                "set": r["set"],
                "accuracy": overall.get("accuracy"),
                "owner": owner.get("accuracy"),
                "refusal": overall.get("refusal"),
                "false_refusal": overall.get("false_refusal"),
                "en_false_refusal": answers["by_lang"].get("en", {}).get("false_refusal"),
                "recall@5": r["overall"]["recall@5"],
                "mrr@10": r["overall"]["mrr@10"],
                "citation_validity": overall.get("citation_validity"),
                "median_chars": answers.get("median_chars"),
                "register_recall": r.get("register", {}).get("recall"),
                "ask_p50_ms": answers["latency_ms"]["p50"],
            }
        )
    accuracies = [row["accuracy"] for row in rows if row["accuracy"] is not None]
    gap = round(max(accuracies) - min(accuracies), 4) if accuracies else 0.0
    return {"rows": rows, "accuracy_gap": gap}


def format_summary(table: dict) -> str:
    rows = table["rows"]
    if not rows:
        return "no evaluation sets"
    cols = list(rows[0])
    widths = [max(len(c), *(len(_cell(r[c])) for r in rows)) for c in cols]
    lines = ["  ".join(c.rjust(w) for c, w in zip(cols, widths, strict=True))]
    lines += ["  ".join(_cell(r[c]).rjust(w) for c, w in zip(cols, widths, strict=True)) for r in rows]
    lines.append(f"largest gap in answer accuracy between two sets: {table['accuracy_gap']}")
    return "\n".join(lines)


def _cell(value: object) -> str:
    return "–" if value is None else str(value)
