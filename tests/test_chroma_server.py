"""Ingest and retrieve through a real `chroma run` server instead of embedded Chroma."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.evaluation import hits
from assistant.settings import PROJECT_ROOT
from assistant.wiring import build_index, build_retriever, chunking_options
from index.store import ChromaStore, StoreUnavailable
from ingest.pipeline import ingest_paths

pytestmark = pytest.mark.server

CHROMA = Path(sys.executable).parent / "chroma"
CORPUS = PROJECT_ROOT / "data" / "plans"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _heartbeat(url: str) -> int | None:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never a proxy
    try:
        with opener.open(f"{url}/api/v2/heartbeat", timeout=2) as response:
            return response.status
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """A `chroma run` server on a free loopback port for this module; stopped with SIGTERM."""
    assert CHROMA.is_file(), f"no chroma executable at {CHROMA}"
    base = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = base / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(CHROMA), "run", "--path", str(base / "data"), "--host", "127.0.0.1", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        deadline = time.monotonic() + 30
        while _heartbeat(url) != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                log = log_path.read_text(errors="replace")
                pytest.fail(f"chroma run did not come up within 30 s (exit code {proc.poll()}):\n{log}")
            time.sleep(0.1)
        yield url
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


SMALL = {
    "kollektivtrafik.txt": (
        "Trafikplan för länet\n\nRegionen ansvarar för kollektivtrafiken. Bussar och tåg ska gå "
        "oftare mellan kommunerna. Nya busslinjer öppnas 2025 och tidtabellerna samordnas med tågen.\n"
    ),
    "bibliotek.md": (
        "# Biblioteksplan\n\nKommunerna driver folkbiblioteken. Skolbiblioteken får fler böcker och "
        "meröppet införs på landsbygden så att låntagare kan komma in på kvällen.\n"
    ),
    "avfall.txt": (
        "Avfallsplan\n\nMatavfall sorteras separat i alla hushåll. Återvinningscentralerna får längre "
        "öppettider och farligt avfall hämtas vid fastigheten två gånger per år.\n"
    ),
}


def test_ingest_retrieve_and_reingest_through_the_server(tmp_path, make_settings, chroma_url):
    settings = make_settings(chroma_url=chroma_url, embedder="hashing", collection_prefix="small_docs")
    folder = _write(tmp_path / "plans", SMALL)
    index = build_index(settings)
    assert index.store.location == chroma_url

    report = ingest_paths([folder], index, chunking_options(settings))

    assert sorted(report.added) == ["avfall", "bibliotek", "kollektivtrafik"] and report.ok
    passages = build_retriever(settings).retrieve("Vem ansvarar för kollektivtrafiken och busslinjer?", k=3)
    assert passages[0].doc_id == "kollektivtrafik"
    assert "kollektivtrafiken" in passages[0].text
    assert not settings.chroma_path.exists(), "nothing may be written to the embedded store"

    # a second client (a fresh connection) sees the same data on the server
    fresh = build_index(settings)
    assert sorted(fresh.committed()) == ["avfall", "bibliotek", "kollektivtrafik"]
    assert fresh.store.chunks.count() == sum(d.n_chunks for d in fresh.documents()) == report.chunks_written

    again = ingest_paths([folder], fresh, chunking_options(settings))
    assert sorted(again.unchanged) == ["avfall", "bibliotek", "kollektivtrafik"]
    assert again.chunks_written == 0 and not again.added and not again.updated


def test_collection_prefix_keeps_indexes_apart_on_one_server(tmp_path, make_settings, chroma_url):
    folder = _write(tmp_path / "plans", {"avfall.txt": SMALL["avfall.txt"]})
    first = make_settings(chroma_url=chroma_url, embedder="hashing", collection_prefix="first_index")
    second = make_settings(chroma_url=chroma_url, embedder="hashing", collection_prefix="second_index")
    ingest_paths([folder], build_index(first), chunking_options(first))
    assert list(build_index(first).committed()) == ["avfall"]
    assert build_index(second).committed() == {}


@pytest.mark.integration
def test_real_embedder_on_plan_files_through_the_server(make_settings, chroma_url):
    settings = make_settings(chroma_url=chroma_url, collection_prefix="real_plans")
    files = [CORPUS / "aktivitetsplan-2021-beredning-for-narsjukvard.txt"]
    index = build_index(settings)
    report = ingest_paths(files, index, chunking_options(settings))
    assert report.added == ["aktivitetsplan-2021-beredning-for-narsjukvard"] and report.ok
    assert index.documents()[0].title == "Aktivitetsplan 2021 – Beredning för närsjukvård"  # from the catalog

    passages = build_retriever(settings).retrieve(
        "Vilka beredningar ska följa pilotverksamheten för samordnat medicinskt omhändertagande?", k=3
    )
    evidence = "följa processen med att tillskapa pilotverksamhet för samordnat medicinskt omhändertagande"
    assert any(hits(p.text, evidence) for p in passages), [p.text[:120] for p in passages]


def test_unreachable_server_is_a_clear_store_error(capsys, monkeypatch):
    dead = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreUnavailable) as info:
        ChromaStore(url=dead)
    assert dead in str(info.value)

    monkeypatch.setenv("PLANSVAR_CHROMA_URL", dead)
    assert main(["docs"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [err.strip()]
    assert err.startswith(f"plansvar: error: cannot open the Chroma vector store at {dead}")
