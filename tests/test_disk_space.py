"""A full disk during ingest, and a damaged index: ingest refuses or stops cleanly, reading goes on,
and `plansvar repair` rebuilds a damaged index from its source files.

The disks are real: a small tmpfs in a private mount namespace (``unshare -m``, needs root or
CAP_SYS_ADMIN), filled up, with the real CLI run inside it; skipped where that is not possible.
The damage is the one a full disk left behind (an empty HNSW ``index_metadata.pickle``, a truncated
``chroma.sqlite3``), made by hand. Real Chroma; the hashing embedder stands in for the real one.
"""

from __future__ import annotations

import os
import random
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from assistant.wiring import build_index
from ingest.errors import DiskSpaceLow
from ingest.pipeline import ingest_paths

CORPUS = PROJECT_ROOT / "data" / "plans"
SMALL = PROJECT_ROOT / "tests" / "fixtures" / "llm-corpus"
QUESTION = "vem ansvarar för uppföljningen av färdplanen?"
WORDS = ["region", "kommun", "vård", "omsorg", "plan", "uppdrag", "beredning", "närsjukvård", "psykisk", "hälsa"]


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30, check=False).returncode == 0


NAMESPACE = _can_unshare()
needs_namespace = pytest.mark.skipif(not NAMESPACE, reason="needs a private mount namespace (unshare -m as root)")


def _big_corpus(folder: Path, files: int = 40, paragraphs: int = 120) -> Path:
    """About 3 MB of plan-like text: its index (45 MB with the hashing embedder) does not fit in 25 MB."""
    rng = random.Random(7)
    folder.mkdir()
    for i in range(files):
        text = "\n\n".join(f"Avsnitt {j}. " + " ".join(rng.choices(WORDS, k=70)) + "." for j in range(paragraphs))
        (folder / f"plan-{i:02d}.txt").write_text(text, encoding="utf-8")
    return folder


def _in_namespace(tmp_path: Path, size: str, steps: list[tuple[str, list[str] | str]]) -> dict[str, tuple[int, str]]:
    """Mount a tmpfs of ``size`` on tmp_path/mnt in a private mount namespace and run ``steps`` there:
    (name, CLI arguments) runs plansvar with --data-dir mnt/var; (name, "shell command") runs that.
    Returns each step's exit code and output (stdout and stderr)."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    cli = [sys.executable, "-m", "front.cli", "--data-dir", str(mnt / "var")]
    lines = [f"mount -t tmpfs -o size={size} plansvar-test {shlex.quote(str(mnt))} || exit 99"]
    for name, step in steps:
        command = shlex.join(cli + step) if isinstance(step, list) else step
        lines.append(f"echo '>>> {name}'; {command} 2>&1; echo \"<<< $?\"")
    proc = subprocess.run(
        ["unshare", "-m", "sh", "-c", "\n".join(lines)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PLANSVAR_EMBEDDER": "hashing", "MNT": str(mnt)},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode != 99, proc.stdout + proc.stderr
    out = {}
    for block in proc.stdout.split(">>> ")[1:]:
        name, _, rest = block.partition("\n")
        text, _, code = rest.rpartition("<<< ")
        out[name] = (int(code.strip()), text)
    assert len(out) == len(steps), proc.stdout + proc.stderr
    return out


@needs_namespace
def test_an_ingest_the_disk_cannot_take_is_refused_and_the_index_stays_usable(tmp_path):
    """The reported fault: the plans indexed, about 25 MB left, then a 3 MB corpus. The old 10 MB check
    let it start; Chroma's compaction failed when the disk filled up (``Error in compaction``), and
    from then on every command was refused for the full disk."""
    big = _big_corpus(tmp_path / "big")
    out = _in_namespace(
        tmp_path,
        "100m",
        [
            ("plans", ["ingest", str(CORPUS)]),
            ("shrink", 'dd if=/dev/zero of="$MNT/fill" bs=1M count=70 2>/dev/null'),
            ("big", ["ingest", str(big)]),
            ("docs", ["docs"]),
            ("ask", ["ask", QUESTION]),
            ("fill", 'dd if=/dev/zero of="$MNT/fill2" bs=64k 2>/dev/null; truncate -s -1M "$MNT/fill2"'),
            ("docs when full", ["docs"]),
            ("ask when full", ["ask", QUESTION]),
            ("small when full", ["ingest", str(SMALL)]),
            ("free", 'rm "$MNT/fill" "$MNT/fill2"'),
            ("small", ["ingest", str(SMALL)]),
            ("ask again", ["ask", QUESTION]),
        ],
    )
    assert out["plans"][0] == 0, out["plans"]
    code, text = out["big"]
    assert code == 1 and "plansvar: error: the disk of the data directory" in text, text
    assert "MB free; this needs about" in text and "free some space" in text
    for step in ("docs", "ask", "docs when full", "ask when full"):  # reading is never refused for the disk
        assert out[step][0] == 0, (step, out[step])
    assert out["docs"][1].count("chunks") == 6
    code, text = out["small when full"]  # the start-up check refuses it first (under 10 MB free)
    assert code == 1 and "the disk of the data directory" in text and "free some space" in text, text
    assert out["small"][0] == 0 and "added 3" in out["small"][1], out["small"]
    assert out["ask again"][0] == 0


def test_the_run_stops_between_documents_when_the_disk_runs_low(tmp_path):
    """Space that goes while a run is under way (another program writing): the run stops before the
    next document, and what it completed is whole. The free space is injected, as a clock would be."""
    folder = tmp_path / "plans"
    shutil.copytree(CORPUS, folder)
    index = build_index(Settings(data_dir=tmp_path / "var", embedder="hashing"))
    calls = []

    def space(need: int) -> str | None:
        calls.append(need)
        return "the disk is nearly full" if len(calls) == 3 else None  # the run, document 1, then 2

    report = ingest_paths([folder], index, Settings().chunking, space=space)

    assert report.stopped == "the disk is nearly full" and not report.ok
    assert len(report.added) == 1 and report.not_reached == 4
    assert report.skipped[0].reason == "not ingested: the disk is nearly full"
    assert [d.doc_id for d in index.documents()] == report.added
    assert calls[0] > sum(calls[1:])  # the run's estimate covers every file; then each document's own
    again = ingest_paths([folder], index, Settings().chunking, space=lambda need: None)
    assert len(again.added) == 5 and again.unchanged == report.added


def test_a_run_the_disk_cannot_take_writes_nothing(tmp_path):
    index = build_index(Settings(data_dir=tmp_path / "var", embedder="hashing"))
    with pytest.raises(DiskSpaceLow, match="only 3 MB"):
        ingest_paths([CORPUS], index, Settings().chunking, space=lambda need: "only 3 MB")
    assert index.documents() == []


# -- a damaged index and its repair --------------------------------------------------------------


def _cli(data_dir: Path, *args: str) -> tuple[int, str, str]:
    """The real CLI in its own process (in this one, Chroma would answer from what it holds in memory)."""
    proc = subprocess.run(
        [sys.executable, "-m", "front.cli", "--data-dir", str(data_dir), *args],
        cwd=PROJECT_ROOT,
        env={**os.environ, "PLANSVAR_EMBEDDER": "hashing"},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return proc.returncode, proc.stdout, proc.stderr


def _records(data_dir: Path) -> str:
    code, out, err = _cli(data_dir, "docs")
    assert code == 0, err
    return out


@pytest.fixture
def indexed(tmp_path):
    """The plans (with their catalog) and one plan without, ingested into tmp_path/var."""
    folder = tmp_path / "plans"
    shutil.copytree(CORPUS, folder)
    (folder / "bilagor").mkdir()
    (folder / "bilagor" / "cykelplan.md").write_text(
        "# Cykelplan\n\nTekniska nämnden ansvarar för 12 km ny cykelväg.\n", encoding="utf-8"
    )
    data_dir = tmp_path / "var"
    assert _cli(data_dir, "ingest", str(folder))[0] == 0
    return folder, data_dir


def _damage_vectors(data_dir: Path) -> None:
    pickles = list((data_dir / "chroma").glob("*/index_metadata.pickle"))
    assert pickles, "the sentence segment is persisted (over 1 000 vectors)"
    for pickle in pickles:
        pickle.write_bytes(b"")  # what a disk that filled up during compaction left


def test_an_empty_hnsw_pickle_is_named_and_repair_rebuilds_everything_as_it_was(indexed):
    folder, data_dir = indexed
    before = _records(data_dir)
    _damage_vectors(data_dir)

    code, _, err = _cli(data_dir, "ask", QUESTION)
    assert code == 1 and "is damaged" in err and "plansvar repair" in err, err

    code, out, err = _cli(data_dir, "repair")
    assert code == 0, err
    assert "rebuilt 7 documents" in out and "chroma.damaged-" in out
    assert [p.name for p in data_dir.iterdir() if p.name.startswith("chroma.damaged-")]

    assert _records(data_dir) == before  # ids, titles, periods, superseded_by, chunk counts
    assert _cli(data_dir, "ask", QUESTION)[0] == 0
    code, out, _ = _cli(data_dir, "ingest", str(folder))
    assert code == 0 and "added 0, updated 0, unchanged 7" in out  # the same versions: nothing re-embedded


def test_repair_names_a_source_file_that_is_gone(indexed):
    folder, data_dir = indexed
    (folder / "bilagor" / "cykelplan.md").unlink()
    _damage_vectors(data_dir)
    code, out, err = _cli(data_dir, "repair")
    assert code == 3 and "rebuilt 6 documents" in out, out + err
    assert f"not rebuilt bilagor/cykelplan.md: its source file {folder / 'bilagor' / 'cykelplan.md'} is gone" in err


def test_a_truncated_database_is_named_and_repair_says_what_to_do(indexed):
    _, data_dir = indexed
    database = data_dir / "chroma" / "chroma.sqlite3"
    with open(database, "r+b") as fh:
        fh.truncate(database.stat().st_size // 3)
    code, _, err = _cli(data_dir, "docs")
    assert code == 1 and "is damaged" in err and "plansvar repair" in err, err
    code, _, err = _cli(data_dir, "repair")
    assert code == 1 and "cannot be read either" in err and "plansvar ingest FOLDER" in err, err
    assert database.exists()  # nothing moved or deleted
