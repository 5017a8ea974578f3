"""Ingest and retrieve through a real `chroma run` server instead of embedded Chroma."""

from __future__ import annotations

from pathlib import Path

import pytest
from chroma_server import ChromaServer, free_port
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.evaluation import hits
from assistant.service import AssistantService
from assistant.settings import PROJECT_ROOT
from assistant.wiring import build_index, build_retriever
from front.api import add_api
from front.cli import main
from index.backends import StoreUnavailable
from index.store import ChromaStore
from ingest.pipeline import ingest_paths

pytestmark = pytest.mark.server

CORPUS = PROJECT_ROOT / "data" / "plans"


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """A `chroma run` server on a free loopback port for this module; stopped with SIGTERM."""
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server")).start()
    try:
        yield server.url
    finally:
        server.stop()


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

    report = ingest_paths([folder], index, settings.chunking)

    assert sorted(report.added) == ["avfall.txt", "bibliotek.md", "kollektivtrafik.txt"] and report.ok
    passages = build_retriever(settings).retrieve("Vem ansvarar för kollektivtrafiken och busslinjer?", k=3)
    assert passages[0].doc_id == "kollektivtrafik.txt"
    assert "kollektivtrafiken" in passages[0].text
    assert not settings.chroma_path.exists(), "nothing may be written to the embedded store"

    # a second client (a fresh connection) sees the same data on the server
    fresh = build_index(settings)
    assert sorted(fresh.committed()) == ["avfall.txt", "bibliotek.md", "kollektivtrafik.txt"]
    assert fresh.store.chunks.count() == sum(d.n_chunks for d in fresh.documents()) == report.chunks_written

    again = ingest_paths([folder], fresh, settings.chunking)
    assert sorted(again.unchanged) == ["avfall.txt", "bibliotek.md", "kollektivtrafik.txt"]
    assert again.chunks_written == 0 and not again.added and not again.updated


def test_collection_prefix_keeps_indexes_apart_on_one_server(tmp_path, make_settings, chroma_url):
    folder = _write(tmp_path / "plans", {"avfall.txt": SMALL["avfall.txt"]})
    first = make_settings(chroma_url=chroma_url, embedder="hashing", collection_prefix="first_index")
    second = make_settings(chroma_url=chroma_url, embedder="hashing", collection_prefix="second_index")
    ingest_paths([folder], build_index(first), first.chunking)
    assert list(build_index(first).committed()) == ["avfall.txt"]
    assert build_index(second).committed() == {}


@pytest.mark.integration
def test_real_embedder_on_plan_files_through_the_server(make_settings, chroma_url):
    settings = make_settings(chroma_url=chroma_url, collection_prefix="real_plans")
    files = [CORPUS / "aktivitetsplan-2021-beredning-for-narsjukvard.txt"]
    index = build_index(settings)
    report = ingest_paths(files, index, settings.chunking)
    assert report.added == ["aktivitetsplan-2021-beredning-for-narsjukvard"] and report.ok
    assert index.documents()[0].title == "Aktivitetsplan 2021 – Beredning för närsjukvård"  # from the catalog

    passages = build_retriever(settings).retrieve(
        "Vilka beredningar ska följa pilotverksamheten för samordnat medicinskt omhändertagande?", k=3
    )
    evidence = "följa processen med att tillskapa pilotverksamhet för samordnat medicinskt omhändertagande"
    assert any(hits(p.text, evidence) for p in passages), [p.text[:120] for p in passages]


def test_unreachable_server_is_a_clear_store_error(capsys, monkeypatch):
    dead = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(StoreUnavailable) as info:
        ChromaStore(url=dead)
    assert dead in str(info.value)

    monkeypatch.setenv("PLANSVAR_CHROMA_URL", dead)
    assert main(["docs"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [err.strip()]
    assert err.startswith(f"plansvar: error: cannot open the Chroma vector store at {dead}")


# -- the server goes away while the app runs, and comes back -----------------------------------------


def test_server_stopped_and_restarted_while_the_app_runs(tmp_path, make_settings, monkeypatch, capsys):
    server = ChromaServer(tmp_path / "server").start()
    try:
        settings = make_settings(chroma_url=server.url, embedder="hashing", collection_prefix="comeback")
        ingest_paths([_write(tmp_path / "plans", SMALL)], build_index(settings), settings.chunking)
        service = AssistantService(settings)
        client = TestClient(add_api(FastAPI(), service), raise_server_exceptions=False)
        question = {"question": "Vem ansvarar för kollektivtrafiken?"}
        before = client.post("/api/ask", json=question)
        assert before.status_code == 200

        server.stop()

        down = client.post("/api/ask", json=question)
        assert down.status_code == 503 and set(down.json()) == {"error"}
        assert down.json()["error"].startswith(f"the Chroma vector store at {server.url} does not answer")
        assert "reconnects by itself" in down.json()["error"]
        assert client.get("/api/health").status_code == 503
        monkeypatch.setenv("PLANSVAR_CHROMA_URL", server.url)
        monkeypatch.setenv("PLANSVAR_EMBEDDER", "hashing")
        monkeypatch.setenv("PLANSVAR_COLLECTION_PREFIX", "comeback")
        capsys.readouterr()
        assert main(["--data-dir", str(tmp_path / "cli-var"), "ask", question["question"]]) == 1
        err = capsys.readouterr().err
        assert err.splitlines() == [err.strip()] and "Traceback" not in err
        assert err.startswith(f"plansvar: error: cannot open the Chroma vector store at {server.url}")

        server.start()  # same port, same path

        after = client.post("/api/ask", json=question)  # the same process and objects, no restart
        assert after.status_code == 200
        assert after.json()["text"] == before.json()["text"]
        assert client.get("/api/health").json() == {"status": "ok", "documents": 3}
        assert main(["--data-dir", str(tmp_path / "cli-var"), "ask", question["question"]]) == 0
    finally:
        server.stop()
