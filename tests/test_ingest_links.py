"""What an ingested folder can hold besides plain files: links, odd names, other text encodings.

Links are never followed out of the folder being ingested, and every link that is not read is named
with the reason; a file name can never forge or break a report line; UTF-16 and UTF-32 text files
(with a byte-order mark) are read. Real Chroma, the hashing embedder, the real CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from assistant.wiring import build_index
from ingest.loaders import load_file
from ingest.pipeline import ingest_paths

PLAN = "Plan för vården\n\nRegionen ansvarar för uppföljningen av närsjukvården i Örebro län.\n"
SECRET = "HEMLIGT: lösenordet är hunter2\n"


def _ingest(folder, tmp_path):
    settings = Settings(data_dir=tmp_path / "var", embedder="hashing")
    index = build_index(settings)
    return ingest_paths([folder], index, settings.chunking), index


@pytest.fixture
def linked(tmp_path):
    """A folder with a real plan and every kind of link; a secret file and folder outside it."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "folder" / "more.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    (folder / "real.txt").write_text(PLAN, encoding="utf-8")
    (folder / ".hidden.txt").write_text(PLAN.replace("vården", "tandvården"), encoding="utf-8")
    links = {
        "secret.txt": outside / "secret.txt",  # a system file, outside: never read
        "escape": outside / "folder",  # a folder outside
        "sub/up.txt": "../../outside/secret.txt",  # relative, out through the parent
        "dangling.txt": folder / "gone.txt",
        "loop.txt": "loop.txt",
        "ping.txt": "pong.txt",
        "pong.txt": "ping.txt",
        "again.txt": "real.txt",  # inside, and read anyway
        "visible.txt": ".hidden.txt",  # inside, not read otherwise: read through the link
        "self": ".",  # a folder link back to the folder itself
    }
    for name, target in links.items():
        os.symlink(target, folder / name)
    return folder


def test_links_out_of_the_folder_are_never_read_and_every_skipped_link_is_named(linked, tmp_path):
    report, index = _ingest(linked, tmp_path)
    assert sorted(report.added) == ["real.txt", "visible.txt"]
    reasons = {s.path: s.reason for s in report.skipped}
    assert set(reasons) == {"secret.txt", "escape", "sub/up.txt", "dangling.txt", "loop.txt", "ping.txt", "pong.txt",
                            "again.txt", "self"}  # fmt: skip
    for name in ("secret.txt", "sub/up.txt"):
        assert "out of the folder being ingested" in reasons[name] and "not followed" in reasons[name]
    assert "out of the folder" in reasons["escape"]
    assert "does not exist" in reasons["dangling.txt"]
    assert all("loops" in reasons[n] for n in ("loop.txt", "ping.txt", "pong.txt"))
    assert "real.txt" in reasons["again.txt"] and "read itself" in reasons["again.txt"]
    assert "folder" in reasons["self"]
    assert not any("hunter2" in text for text in index.snapshot().texts.values())


def test_a_link_changed_to_lead_out_after_the_folder_was_read_is_not_followed(linked, tmp_path, monkeypatch):
    import ingest.pipeline as pipeline

    real_discover = pipeline.discover

    def discover_then_relink(paths):
        found = real_discover(paths)
        (linked / "visible.txt").unlink()
        os.symlink(tmp_path / "outside" / "secret.txt", linked / "visible.txt")
        return found

    monkeypatch.setattr(pipeline, "discover", discover_then_relink)
    report, index = _ingest(linked, tmp_path)
    assert "visible.txt" in {s.path for s in report.skipped}
    assert not any("hunter2" in text for text in index.snapshot().texts.values())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_text_with_a_byte_order_mark_is_read(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    path.write_bytes((bom + PLAN).encode(encoding))
    assert load_file(path).pages[0].text == PLAN


def test_binary_content_is_still_refused(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00\x00 binary")
    from ingest.errors import UnsupportedType

    with pytest.raises(UnsupportedType):
        load_file(path)


def test_file_names_cannot_forge_or_break_report_lines(tmp_path):
    """A newline, a terminal escape and bytes that are not UTF-8 in names: one report line each."""
    folder = tmp_path / "plans"
    folder.mkdir()
    forged = "x.odt\nadded 99, updated 0, unchanged 0, removed 0, skipped 0; 999 chunks written\nskipped y"
    (folder / forged).write_text("x", encoding="utf-8")
    (folder / "red\x1b[31m.odt").write_text("x", encoding="utf-8")
    (folder / "ny\nrad.txt").write_text(PLAN, encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"latin-\xe5.odt"), "wb") as fh:  # not UTF-8: a surrogate in str
        fh.write(b"x")
    cli = [sys.executable, "-m", "front.cli", "--data-dir", str(tmp_path / "var"), "ingest", str(folder)]
    env = {**os.environ, "PLANSVAR_EMBEDDER": "hashing", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(cli, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout.splitlines() == ["added 1, updated 0, unchanged 0, removed 0, skipped 3; 1 chunks written"]
    lines = proc.stderr.splitlines()
    assert all(line.startswith(("skipped ", "ingest ")) for line in lines), proc.stderr  # reports and progress
    skipped = [line for line in lines if line.startswith("skipped ")]
    assert len(skipped) == 3 and sum(line.startswith("ingest ") for line in lines) == 5, proc.stderr
    assert "\x1b" not in proc.stderr
    assert any("x.odt\\nadded 99" in line for line in skipped)
    assert any("latin-\\udce5.odt" in line for line in skipped)
