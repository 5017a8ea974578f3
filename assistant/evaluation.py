"""`plansvar eval`: retrieval quality and latency, scored by the rules in data/eval/README.md.

- normalise: collapse whitespace, strip, lower-case;
- a passage hits an evidence string when it contains a contiguous run of at least
  min(len(evidence), 40) characters of it (both normalised);
- a passage over 512 cl100k tokens never counts as a hit;
- recall@k, all-evidence@k, MRR@10 over answerable questions; latency p50/p95.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.types import DocumentInfo, Passage
from ingest.register import Responsibility
from ingest.tokens import count_tokens

MAX_PASSAGE_TOKENS = 512
RUN = 40
KS = (1, 3, 5, 10)


def normalise(text: str) -> str:
    return " ".join(text.split()).lower()


def hits(passage_text: str, evidence: str) -> bool:
    p, e = normalise(passage_text), normalise(evidence)
    if not e:
        return False
    n = min(len(e), RUN)
    return any(e[i : i + n] in p for i in range(len(e) - n + 1))


@dataclass
class GoldQuestion:
    id: str
    question: str
    type: str
    lang: str
    evidence: list[str] = field(default_factory=list)
    answer_keys: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def load_gold(path: Path) -> list[GoldQuestion]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path.name} line {n} is not valid JSON: {e.msg}") from e
        out.append(GoldQuestion(**{k: raw[k] for k in GoldQuestion.__dataclass_fields__ if k in raw}))
    return out


@dataclass
class QuestionResult:
    question: GoldQuestion
    first_hit: int | None  # 1-based rank of the first passage that hits any evidence (top 10)
    evidence_ranks: list[int | None]  # per evidence string: first rank that hits it
    seconds: float


def score_question(q: GoldQuestion, passages: Sequence[Passage], seconds: float) -> QuestionResult:
    usable = [p if count_tokens(p.text) <= MAX_PASSAGE_TOKENS else None for p in passages[: max(KS)]]
    first_hit = None
    ranks: list[int | None] = []
    for ev in q.evidence:
        rank = next((i for i, p in enumerate(usable, 1) if p is not None and hits(p.text, ev)), None)
        ranks.append(rank)
        if rank is not None and (first_hit is None or rank < first_hit):
            first_hit = rank
    return QuestionResult(q, first_hit, ranks, seconds)


def summarise(results: list[QuestionResult]) -> dict[str, float]:
    answerable = [r for r in results if r.question.answerable and r.question.evidence]
    n = len(answerable)

    def share(pred: Callable[[QuestionResult], bool]) -> float:
        return round(sum(1 for r in answerable if pred(r)) / n, 4) if n else 0.0

    def found_within(k: int) -> Callable[[QuestionResult], bool]:
        return lambda r: r.first_hit is not None and r.first_hit <= k

    out = {f"recall@{k}": share(found_within(k)) for k in KS}
    out["all_evidence@5"] = share(lambda r: all(x is not None and x <= 5 for x in r.evidence_ranks))
    out["mrr@10"] = round(sum(1 / r.first_hit for r in answerable if r.first_hit) / n, 4) if n else 0.0
    out["questions"] = n
    return out


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def evaluate_retrieval(gold: list[GoldQuestion], retrieve: Callable[[str, int], list[Passage]], k: int = 10) -> dict:
    retrieve(gold[0].question, k) if gold else None  # warm-up: load the model, fill caches
    results = []
    for q in gold:
        if not q.answerable:
            continue
        t0 = time.perf_counter()
        passages = retrieve(q.question, max(k, max(KS)))
        results.append(score_question(q, passages, time.perf_counter() - t0))
    report: dict[str, Any] = {"overall": summarise(results), "by_type": {}, "by_lang": {}}
    for attr, key in (("type", "by_type"), ("lang", "by_lang")):
        groups: dict[str, list[QuestionResult]] = defaultdict(list)
        for r in results:
            groups[getattr(r.question, attr)].append(r)
        report[key] = {g: summarise(rs) for g, rs in sorted(groups.items())}
    ms = [r.seconds * 1000 for r in results]
    report["latency_ms"] = {"p50": round(percentile(ms, 50), 1), "p95": round(percentile(ms, 95), 1)}
    report["misses"] = [
        {"id": r.question.id, "question": r.question.question, "first_hit": r.first_hit}
        for r in results
        if r.first_hit is None or r.first_hit > 5
    ]
    return report


def _table(report: dict, cols: list[str], width: int) -> list[str]:
    """Header, the overall row, then one row per question type and per language ('–' where n/a)."""

    def row(name: str, values: dict) -> str:
        return f"{name:18}" + "".join(f"{values.get(c, '–')!s:>{width}}" for c in cols)

    lines = [f"{'':18}" + "".join(f"{c:>{width}}" for c in cols), row("overall", report["overall"])]
    for key in ("by_type", "by_lang"):
        lines += [row(f"  {g}", values) for g, values in report[key].items()]
    return lines


def format_report(report: dict) -> str:
    cols = ["recall@1", "recall@3", "recall@5", "recall@10", "all_evidence@5", "mrr@10", "questions"]
    lines = _table(report, cols, 15)
    lat = report["latency_ms"]
    lines.append(f"retrieval latency (warm): p50 {lat['p50']} ms, p95 {lat['p95']} ms")
    if report["misses"]:
        lines.append(f"not in top 5 ({len(report['misses'])}):")
        lines += [f"  {m['id']}: {m['question']} (first hit: {m['first_hit']})" for m in report["misses"]]
    return "\n".join(lines)


# -- answers -----------------------------------------------------------------------------------
def answer_contains_keys(answer_text: str, keys: list[str]) -> bool:
    text = normalise(answer_text)
    return all(normalise(k) in text for k in keys)


def answered(answer: dict, keys: list[str]) -> bool:
    """An answer (not a refusal, whatever titles its related passages name) holding every key."""
    return bool(answer["supported"]) and answer_contains_keys(answer["text"], keys)


def citations_valid(answer: dict, doc_text: Callable[[str], str | None]) -> bool:
    """Every cited quote equals the stored document text at its offsets (checked against the store)."""
    for c in answer.get("citations", []) + answer.get("related", []):
        text = doc_text(c["doc_id"])
        if text is None or text[c["start"] : c["end"]] != c["quote"]:
            return False
    return True


def evaluate_answers(
    gold: list[GoldQuestion], ask: Callable[[str], dict], doc_text: Callable[[str], str | None], llm: bool = False
) -> dict:
    """Answer accuracy, refusal and false-refusal rates, citation validity and ask latency; with ``llm``
    also the share of generated answers, of verified sentences in them, and the fallbacks by reason."""
    if gold:
        ask(gold[0].question)  # warm-up
    rows = []
    for q in gold:
        t0 = time.perf_counter()
        answer = ask(q.question)
        seconds = time.perf_counter() - t0
        rows.append((q, answer, seconds))

    def block(subset: list) -> dict:
        answerable = [(q, a) for q, a, _ in subset if q.answerable]
        unanswerable = [(q, a) for q, a, _ in subset if not q.answerable]
        out: dict[str, float] = {"questions": len(subset)}
        if answerable:
            out["accuracy"] = round(sum(answered(a, q.answer_keys) for q, a in answerable) / len(answerable), 4)
            out["false_refusal"] = round(sum(not a["supported"] for _, a in answerable) / len(answerable), 4)
        if unanswerable:
            out["refusal"] = round(sum(not a["supported"] for _, a in unanswerable) / len(unanswerable), 4)
        out["citation_validity"] = round(sum(citations_valid(a, doc_text) for _, a, _ in subset) / len(subset), 4)
        if llm:
            out.update(generation_metrics([a for _, a, _ in subset]))
        return out

    report: dict[str, Any] = {"overall": block(rows), "by_type": {}, "by_lang": {}}
    for attr, key in (("type", "by_type"), ("lang", "by_lang")):
        groups: dict[str, list] = defaultdict(list)
        for row in rows:
            groups[getattr(row[0], attr)].append(row)
        report[key] = {g: block(rs) for g, rs in sorted(groups.items())}
    ms = [s * 1000 for _, _, s in rows]
    lengths = [len(a["text"]) for _, a, _ in rows if a["supported"]]
    report["median_chars"] = round(statistics.median(lengths)) if lengths else 0
    report["latency_ms"] = {"p50": round(percentile(ms, 50), 1), "p95": round(percentile(ms, 95), 1)}
    if llm:
        report["fallback_reasons"] = dict(Counter(a["fallback"] for _, a, _ in rows if a.get("fallback")))
    report["wrong"] = [
        {"id": q.id, "question": q.question, "answer": a["text"][:300], "keys": q.answer_keys}
        for q, a, _ in rows
        if (q.answerable and not answered(a, q.answer_keys)) or (not q.answerable and a["supported"])
    ]
    return report


def generation_metrics(answers: list[dict]) -> dict:
    """Generated answers: their share, the share of their sentences verified and unverified, the fallbacks."""
    generated = [a for a in answers if a.get("mode") == "generated"]
    sentences = [s for a in generated for s in a.get("sentences", [])]

    def share(status: str) -> float:
        return round(sum(s["status"] == status for s in sentences) / len(sentences), 4) if sentences else 0.0

    return {
        "generated": round(len(generated) / len(answers), 4) if answers else 0.0,
        "verified_sentences": share("verified"),
        "unverified_sentences": share("unverified"),
        "fallbacks": sum(1 for a in answers if a.get("fallback")),
    }


def format_answer_report(report: dict) -> str:
    cols = ["accuracy", "false_refusal", "refusal", "citation_validity", "questions"]
    if "generated" in report["overall"]:
        cols[-1:-1] = ["generated", "verified_sentences", "unverified_sentences", "fallbacks"]
    lines = ["answers:", *_table(report, cols, 21)]
    lat = report["latency_ms"]
    lines.append(f"ask latency (warm): p50 {lat['p50']} ms, p95 {lat['p95']} ms")
    lines.append(f"median answer: {report['median_chars']} characters")
    if "fallback_reasons" in report:
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(report["fallback_reasons"].items())) or "none"
        lines.append(f"offline answer shown instead of the model's: {reasons}")
    if report["wrong"]:
        lines.append(f"wrong or missing ({len(report['wrong'])}):")
        lines += [f"  {w['id']}: {w['question']} → {w['answer'][:160]}" for w in report["wrong"]]
    return "\n".join(lines)


# -- register ----------------------------------------------------------------------------------
def evaluate_register(
    found: list[Responsibility],
    owners_gold: Path,
    doc_texts: Mapping[str, str],
    documents: Sequence[DocumentInfo] = (),
) -> dict:
    """Precision and recall of the stored register against a gold file of responsibility statements.

    The gold names documents by file name: ``documents`` (the index's records) map each file name to
    the id ingest gave it (a catalog's id, else the path it was ingested by)."""
    from assistant.register_eval import score_register

    gold = [json.loads(line) for line in owners_gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    doc_ids = {Path(d.source_path).name: d.doc_id for d in documents if d.source_path}
    score = score_register(found, gold, doc_texts, doc_ids)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in score.items()}
