"""The running app's Assistant: built on first use, rebuilt when the index changes, safe under threads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.errors import IndexMissing
from assistant.service import AssistantService
from assistant.wiring import build_index
from index.backends import StoreUnavailable
from ingest.pipeline import ingest_paths

PLANS = {
    "kollektivtrafik": "Trafikplan\n\nRegionen ansvarar för kollektivtrafiken och nya busslinjer öppnas 2025.\n",
    "bibliotek": "Biblioteksplan\n\nKommunerna driver folkbiblioteken och meröppet införs på landsbygden.\n",
    "avfall": "Avfallsplan\n\nMatavfall sorteras separat och återvinningscentralerna får längre öppettider.\n",
}


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _ingest(settings, folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(PLANS[name], encoding="utf-8")
    # a separate index object: as another process (the CLI, another replica) would write
    ingest_paths([folder / f"{n}.txt" for n in names], build_index(settings), settings.chunking)


@pytest.fixture
def settings(make_settings):
    return make_settings(embedder="hashing", refresh_seconds=5)


def test_empty_index_is_index_missing_until_something_is_ingested(settings, tmp_path):
    service = AssistantService(settings)
    with pytest.raises(IndexMissing):
        service()
    _ingest(settings, tmp_path / "plans", ["avfall"])
    # an empty index is looked at again on every call
    assert [d.doc_id for d in service().documents()] == ["avfall.txt"]


def test_documents_ingested_elsewhere_appear_after_the_refresh_interval(settings, tmp_path):
    clock = Clock()
    _ingest(settings, tmp_path / "plans", ["avfall"])
    service = AssistantService(settings, clock=clock)
    first = service()
    _ingest(settings, tmp_path / "plans", ["bibliotek"])

    clock.now = 4.9
    assert service() is first, "no store check before refresh_seconds"
    clock.now = 5.0
    assert service() is first, "the check runs in the background; this request is answered at once"
    service.wait_for_refresh(30)
    second = service()
    assert second is not first and [d.doc_id for d in second.documents()] == ["avfall.txt", "bibliotek.txt"]
    assert second.retriever.retrieve("folkbiblioteken meröppet", 1)[0].doc_id == "bibliotek.txt"
    kept = [d.doc_id for d in first.documents()]
    assert kept == ["avfall.txt"], "the old Assistant is left as it was (requests in flight keep it)"

    clock.now = 20.0
    service()
    service.wait_for_refresh(30)
    assert service() is second, "nothing changed: nothing rebuilt"


def test_refresh_seconds_zero_never_checks_but_refresh_does(make_settings, tmp_path):
    settings = make_settings(embedder="hashing", refresh_seconds=0)
    clock = Clock()
    _ingest(settings, tmp_path / "plans", ["avfall"])
    service = AssistantService(settings, clock=clock)
    first = service()
    _ingest(settings, tmp_path / "plans", ["bibliotek"])
    clock.now = 1e6
    assert service() is first
    assert service.refresh() is True and service().document("bibliotek.txt") is not None
    assert service.refresh() is False
    assert service.refresh(force=True) is True


def test_concurrent_questions_during_refreshes_all_get_answers(settings, tmp_path):
    clock = Clock()
    _ingest(settings, tmp_path / "plans", ["avfall"])
    service = AssistantService(settings, clock=clock)
    service()
    errors: list[BaseException] = []
    answered = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                answered.append(service().ask("vem ansvarar för kollektivtrafiken?"))
            except Exception as e:  # noqa: BLE001 - collected and asserted below
                errors.append(e)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        for name in ("kollektivtrafik", "bibliotek"):
            _ingest(settings, tmp_path / "plans", [name])
            clock.now += 10
            for _ in range(500):  # until a request has started the refresh and it has finished
                service.wait_for_refresh(30)
                if service().document(name) is not None:
                    break
                threading.Event().wait(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert not errors, errors[:3]
    assert answered
    assert {d.doc_id for d in service().documents()} == {"avfall.txt", "kollektivtrafik.txt", "bibliotek.txt"}


def test_a_failing_background_check_is_logged_and_retried(settings, tmp_path, caplog):
    clock = Clock()
    _ingest(settings, tmp_path / "plans", ["avfall"])
    service = AssistantService(settings, clock=clock)
    first = service()

    def broken():
        raise StoreUnavailable("the Chroma vector store at somewhere does not answer")

    service.index.fingerprint = broken
    clock.now = 10
    assert service() is first
    service.wait_for_refresh(30)
    assert "checking the index for changes failed" in caplog.text
    assert service() is first, "the current Assistant stays in use"
