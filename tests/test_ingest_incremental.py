"""Incremental ingestion on real Chroma: unchanged, updated, removed, and runs cut off midway.

The invariant every test checks: the chunk collection holds exactly the chunks of the committed
document versions (``n_chunks`` each), after any completed run. A run cut off midway may leave
staged chunks of an uncommitted version behind, but they are never visible and the next run
collects them.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections import Counter
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from assistant.wiring import build_index
from front.cli import main
from index.plan_index import PlanIndex
from index.store import ChromaStore
from ingest.pipeline import ChunkingOptions, ingest_paths

WORDS = [
    "region",
    "kommun",
    "vård",
    "omsorg",
    "plan",
    "uppdrag",
    "beredning",
    "närsjukvård",
    "psykisk",
    "hälsa",
    "barn",
    "unga",
    "äldre",
    "samverkan",
    "uppföljning",
    "insats",
    "mål",
    "åtgärd",
    "ansvar",
    "förvaltning",
    "nämnd",
    "länet",
    "primärvård",
    "tillgänglighet",
    "digital",
    "utveckling",
]


def _plan_text(n: int, paragraphs: int = 6, marker: str = "") -> str:
    """A few KB of plan-like Swedish text; document ``n`` differs from every other one."""
    parts = [f"Handlingsplan nummer {n}"]
    for j in range(paragraphs):
        words = " ".join(WORDS[(n * 7 + j * 3 + i) % len(WORDS)] for i in range(45))
        parts.append(f"Avsnitt {j} i plan {n} {marker}handlar om {words}.")
    return "\n\n".join(parts) + "\n"


def _write_plans(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names):
        (folder / f"{name}.txt").write_text(_plan_text(n), encoding="utf-8")


def _chunk_versions(store: ChromaStore) -> Counter:
    """How many stored chunks each (doc_id, version) has."""
    return Counter((c.meta["doc_id"], c.meta["version"]) for c in store.iter_chunks())


def assert_consistent(index: PlanIndex) -> None:
    """The collection holds exactly the committed versions' chunks, no more, no fewer."""
    docs = index.documents()
    expected = Counter({(d.doc_id, d.version): d.n_chunks for d in docs})
    assert _chunk_versions(index.store) == expected
    assert index.store.chunks.count() == sum(d.n_chunks for d in docs)
    passages = _passages(index)
    assert len(passages) == len({p.chunk_id for p in passages}) == sum(d.n_chunks for d in docs)
    spans = [(p.doc_id, p.start, p.end) for p in passages]
    assert len(spans) == len(set(spans)), "the same span is stored twice"
    for d in docs:
        text = index.document_text(d.doc_id)
        assert all(text[p.start : p.end] == p.text for p in passages if p.doc_id == d.doc_id)


@pytest.fixture
def plans(tmp_path) -> Path:
    folder = tmp_path / "plans"
    _write_plans(folder, ["alfa", "beta", "gamma", "delta"])
    return folder


@pytest.fixture
def settings(make_settings):
    return make_settings(embedder="hashing")


@pytest.fixture
def index(settings) -> PlanIndex:
    return build_index(settings)


def _ingest(folder: Path, index: PlanIndex, settings, options: ChunkingOptions | None = None):
    return ingest_paths([folder], index, options or settings.chunking)


def test_first_run_adds_every_file(plans, index, settings):
    report = _ingest(plans, index, settings)
    assert sorted(report.added) == ["alfa.txt", "beta.txt", "delta.txt", "gamma.txt"]
    assert report.ok and not report.updated and not report.unchanged and not report.removed
    assert report.chunks_written == index.store.chunks.count() > 4  # several chunks per file
    assert all(d.n_chunks >= 2 for d in index.documents())
    assert_consistent(index)


def test_rerun_with_nothing_changed_writes_nothing(plans, index, settings):
    _ingest(plans, index, settings)
    ids_before = set(index.store.chunk_ids())
    report = _ingest(plans, index, settings)
    assert sorted(report.unchanged) == ["alfa.txt", "beta.txt", "delta.txt", "gamma.txt"]
    assert report.added == report.updated == report.removed == []
    assert report.chunks_written == 0 and report.garbage_collected == 0
    assert set(index.store.chunk_ids()) == ids_before
    assert_consistent(index)


def test_changed_file_is_updated_and_its_old_chunks_are_gone(plans, index, settings):
    _ingest(plans, index, settings)
    old_beta = set(index.store.chunk_ids({"doc_id": "beta.txt"}))
    (plans / "beta.txt").write_text(_plan_text(1, paragraphs=8, marker="reviderad "), encoding="utf-8")

    report = _ingest(plans, index, settings)

    assert report.updated == ["beta.txt"]
    assert sorted(report.unchanged) == ["alfa.txt", "delta.txt", "gamma.txt"]
    new_beta = set(index.store.chunk_ids({"doc_id": "beta.txt"}))
    assert new_beta and not new_beta & old_beta
    beta = next(d for d in index.documents() if d.doc_id == "beta.txt")
    assert report.chunks_written == beta.n_chunks == len(new_beta)
    assert "reviderad" in index.document_text("beta.txt")
    assert all("reviderad" in p.text for p in _passages(index) if p.doc_id == "beta.txt" and "Avsnitt" in p.text)
    assert_consistent(index)


def test_changed_chunking_options_reingest_everything_without_duplicates(plans, index, settings):
    _ingest(plans, index, settings)
    report = _ingest(plans, index, settings, ChunkingOptions(target_tokens=64, hard_limit=480))
    assert sorted(report.updated) == ["alfa.txt", "beta.txt", "delta.txt", "gamma.txt"]
    assert_consistent(index)
    report = _ingest(plans, index, settings, ChunkingOptions(target_tokens=400, hard_limit=480))
    assert sorted(report.updated) == ["alfa.txt", "beta.txt", "delta.txt", "gamma.txt"]
    assert_consistent(index)


def test_deleted_file_is_removed(plans, index, settings):
    _ingest(plans, index, settings)
    (plans / "gamma.txt").unlink()
    report = _ingest(plans, index, settings)
    assert report.removed == ["gamma.txt"]
    assert "gamma.txt" not in index.committed()
    assert index.store.chunk_ids({"doc_id": "gamma.txt"}) == []
    assert not any(p.doc_id == "gamma.txt" for p in _passages(index))
    assert_consistent(index)


def test_removal_applies_only_inside_the_folders_given(tmp_path, index, settings):
    first, second = tmp_path / "first", tmp_path / "second"
    _write_plans(first, ["alfa", "beta"])
    _write_plans(second, ["gamma"])
    _ingest(first, index, settings)
    _ingest(second, index, settings)
    (first / "beta.txt").unlink()

    report = _ingest(first, index, settings)  # `second` is not part of this run: gamma stays

    assert report.removed == ["beta.txt"]
    assert sorted(index.committed()) == ["alfa.txt", "gamma.txt"]
    assert_consistent(index)


class InterruptedIndex(PlanIndex):
    """The real index, except that the n-th commit is cut off as by Ctrl-C (after staging)."""

    def __init__(self, index: PlanIndex, interrupt_at: int) -> None:
        super().__init__(index.store, index.embedder)
        self.interrupt_at = interrupt_at
        self.commits = 0

    def commit(self, doc, chunks, version, source_path) -> None:
        self.commits += 1
        if self.commits == self.interrupt_at:
            raise KeyboardInterrupt
        super().commit(doc, chunks, version, source_path)


def test_interrupted_ingest_shows_only_committed_documents_and_the_next_run_cleans_up(plans, index, settings):
    with pytest.raises(KeyboardInterrupt):
        _ingest(plans, InterruptedIndex(index, interrupt_at=2), settings)

    committed = index.committed()
    assert list(committed) == ["alfa.txt"]  # files are ingested in name order: alfa, beta, ...
    assert {p.doc_id for p in _passages(index)} == {"alfa.txt"}
    assert len(_passages(index)) == index.documents()[0].n_chunks
    staged = index.store.chunks.count() - index.documents()[0].n_chunks
    assert staged > 0, "beta's chunks were staged before the commit was cut off"
    assert index.store.chunk_ids({"doc_id": "beta.txt"})

    report = _ingest(plans, index, settings)

    assert report.garbage_collected == staged
    assert report.unchanged == ["alfa.txt"]
    assert sorted(report.added) == ["beta.txt", "delta.txt", "gamma.txt"]
    assert_consistent(index)


def _write_catalog(folder: Path, titles: dict[str, str]) -> None:
    entries = [{"doc_id": name, "file": f"{name}.txt", "title": title} for name, title in titles.items()]
    (folder / "catalog.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")


def test_interrupted_update_of_unchanged_text_keeps_the_old_version_visible(plans, index, settings):
    """A catalog edit changes a document's version but not its text: cut off, the old version stays."""
    _write_catalog(plans, {"alfa": "Plan Alfa", "beta": "Plan Beta"})
    _ingest(plans, index, settings)
    before = [(p.chunk_id, p.text, p.title) for p in _passages(index) if p.doc_id == "alfa"]
    _write_catalog(plans, {"alfa": "Plan Alfa, reviderad titel", "beta": "Plan Beta"})

    with pytest.raises(KeyboardInterrupt):
        _ingest(plans, InterruptedIndex(index, interrupt_at=1), settings)

    after = [(p.chunk_id, p.text, p.title) for p in _passages(index) if p.doc_id == "alfa"]
    assert after == before
    report = _ingest(plans, index, settings)
    assert report.updated == ["alfa"] and report.garbage_collected > 0
    assert {p.title for p in _passages(index) if p.doc_id == "alfa"} == {"Plan Alfa, reviderad titel"}
    assert_consistent(index)


def test_interrupted_update_of_changed_text_keeps_the_old_version_visible(plans, index, settings):
    _ingest(plans, index, settings)
    before = [(p.chunk_id, p.text) for p in _passages(index) if p.doc_id == "alfa.txt"]
    (plans / "alfa.txt").write_text(_plan_text(0, marker="ändrad "), encoding="utf-8")

    with pytest.raises(KeyboardInterrupt):
        _ingest(plans, InterruptedIndex(index, interrupt_at=1), settings)

    assert [(p.chunk_id, p.text) for p in _passages(index) if p.doc_id == "alfa.txt"] == before
    report = _ingest(plans, index, settings)
    assert report.updated == ["alfa.txt"] and report.garbage_collected > 0
    assert_consistent(index)


# -- a real crash: SIGKILL in the middle of `plansvar ingest` -------------------------------------

CRASH_FILES = 40
_PROGRESS = re.compile(rb"(\d+)/(\d+) \[")


def _start_ingest_with_progress(data_dir: Path, folder: Path) -> tuple[subprocess.Popen, int]:
    """Run the CLI on a pseudo-terminal so its progress bar shows how many files are done."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    env = {**os.environ, "PLANSVAR_EMBEDDER": "hashing"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "ingest", str(folder)],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=slave,
    )
    os.close(slave)
    return proc, master


def _kill_after(proc: subprocess.Popen, master: int, done_at_least: int, delay: float, timeout: float = 120.0) -> int:
    """SIGKILL the run ``delay`` s after its progress bar reports ``done_at_least`` files done.

    Returns the last count seen. The delay moves the kill to another step of the next document
    (loading, staging, committing), so the rounds of the test crash at different points.
    """
    deadline = time.monotonic() + timeout
    seen = 0
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.02)
            if not ready:
                continue
            try:
                out = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            counts = _PROGRESS.findall(out)
            if counts:
                seen = int(counts[-1][0])
            if seen >= done_at_least:
                time.sleep(delay)
                break
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        os.close(master)
    return seen


def _assert_crash_state(index: PlanIndex) -> int:
    """Committed documents are whole and the only visible ones; returns the staged leftovers."""
    docs = {d.doc_id: d for d in index.documents()}
    stored = _chunk_versions(index.store)
    for d in docs.values():
        assert stored[(d.doc_id, d.version)] == d.n_chunks > 0, d.doc_id
    passages = _passages(index)
    assert {p.doc_id for p in passages} == set(docs)
    assert len(passages) == sum(d.n_chunks for d in docs.values())
    committed = {(d.doc_id, d.version) for d in docs.values()}
    return sum(n for key, n in stored.items() if key not in committed)


def test_sigkill_midway_leaves_a_consistent_index_and_the_next_run_completes(
    tmp_path, make_settings, monkeypatch, capsys
):
    folder, data_dir = tmp_path / "many", tmp_path / "var"
    folder.mkdir()
    for i in range(CRASH_FILES):  # a few KB each
        (folder / f"plan-{i:02d}.txt").write_text(_plan_text(i, paragraphs=12), encoding="utf-8")
    index = build_index(make_settings(data_dir=data_dir, embedder="hashing"))

    committed = 0
    for round_, delay in enumerate((0.0, 0.04), start=1):  # two crashes, the second one resuming the first
        proc, master = _start_ingest_with_progress(data_dir, folder)
        seen = _kill_after(proc, master, done_at_least=committed + 5, delay=delay)
        assert seen >= committed + 5, f"round {round_}: the ingest subprocess never reported progress"
        assert proc.returncode == -signal.SIGKILL, f"round {round_}: the run finished before it was killed"
        leftovers = _assert_crash_state(index)
        assert seen <= len(index.committed()) < CRASH_FILES
        committed = len(index.committed())

    # the next normal run finishes the job and collects what the last crash left staged
    monkeypatch.setenv("PLANSVAR_EMBEDDER", "hashing")
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "ingest", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"added {CRASH_FILES - committed}, updated 0, unchanged {committed}," in out
    if leftovers:
        assert f"; {leftovers} leftover chunks of an interrupted run removed" in out
    else:
        assert "leftover" not in out
    assert len(index.committed()) == CRASH_FILES
    assert_consistent(index)


def _passages(index: PlanIndex) -> list:
    """Every visible passage of the index, in document order."""
    return list(index.snapshot().passages.values())
