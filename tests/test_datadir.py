"""A data directory that cannot be used at start-up is one clear line naming it, not a SQLite error.

Read-only and full disks are real: a tmpfs mounted in a private mount namespace (``unshare -m``,
needs root or CAP_SYS_ADMIN) — remounted read-only, or filled up — and the real CLI run inside it.
Without that privilege, the read-only case falls back to file permissions (meaningless as root,
which ignores them), and the disk-full case is skipped.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys

import pytest

from assistant.errors import DataDirUnusable
from assistant.settings import PROJECT_ROOT
from front.cli import main
from front.datadir import check_data_dir


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, timeout=30, check=False)
    return probe.returncode == 0


NAMESPACE = _can_unshare()


def _cli_in_namespace(mount_point, setup: str, data_dir) -> subprocess.CompletedProcess:
    """Mount a small tmpfs on ``mount_point`` in a private mount namespace, run ``setup``, then the CLI."""
    cli = shlex.join([sys.executable, "-m", "app", "--data-dir", str(data_dir), "ingest"])
    script = f"mount -t tmpfs -o size=1m plansvar-test {shlex.quote(str(mount_point))} && {setup} && exec {cli}"
    env = {**os.environ, "PLANSVAR_EMBEDDER": "hashing"}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def test_a_data_dir_that_is_a_file(tmp_path, capsys):
    path = tmp_path / "var"
    path.write_text("not a folder")
    assert main(["--data-dir", str(path), "docs"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert line == (
        f"plansvar: error: the data directory {path} cannot be created (a file of that name exists); "
        "choose another with --data-dir or PLANSVAR_DATA_DIR"
    )


def test_a_data_dir_below_a_file_is_refused_before_serving(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    path = tmp_path / "file" / "var"
    assert main(["--data-dir", str(path), "serve", "--port", "1"]) == 1  # never gets to binding a port
    line = _one_line(capsys.readouterr().err)
    assert str(path) in line and "a part of the path is a file" in line


def test_a_missing_data_dir_is_created(tmp_path):
    path = tmp_path / "new" / "deeper" / "var"
    check_data_dir(path)
    assert path.is_dir() and list(path.iterdir()) == []  # the write check leaves nothing behind


@pytest.mark.skipif(not NAMESPACE, reason="needs a private mount namespace (unshare -m as root)")
def test_read_only_data_dir_names_the_directory(tmp_path):
    data_dir = tmp_path / "mnt" / "var"
    data_dir.parent.mkdir()
    setup = f"mkdir {shlex.quote(str(data_dir))} && mount -o remount,ro {shlex.quote(str(data_dir.parent))}"
    proc = _cli_in_namespace(data_dir.parent, setup, data_dir)
    assert proc.returncode == 1, proc.stderr
    assert _one_line(proc.stderr) == (
        f"plansvar: error: the data directory {data_dir} cannot be written (read-only file system); "
        "choose another with --data-dir or PLANSVAR_DATA_DIR"
    )


@pytest.mark.skipif(not NAMESPACE, reason="needs a private mount namespace (unshare -m as root)")
def test_full_disk_names_the_directory(tmp_path):
    data_dir = tmp_path / "mnt" / "var"
    data_dir.parent.mkdir()
    fill = shlex.quote(str(data_dir.parent / "fill"))
    setup = f"(dd if=/dev/zero of={fill} bs=4096 2>/dev/null || true)"
    proc = _cli_in_namespace(data_dir.parent, setup, data_dir)
    assert proc.returncode == 1, proc.stderr
    line = _one_line(proc.stderr)
    assert str(data_dir) in line and ("the disk is full" in line or "is full" in line), line


@pytest.mark.skipif(NAMESPACE, reason="covered by the read-only mount test")
@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders: file permissions prove nothing")
def test_read_only_permissions_name_the_directory(tmp_path):
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    data_dir.chmod(0o500)
    try:
        with pytest.raises(DataDirUnusable) as info:
            check_data_dir(data_dir)
    finally:
        data_dir.chmod(0o700)
    assert str(data_dir) in str(info.value) and "permission denied" in str(info.value)
