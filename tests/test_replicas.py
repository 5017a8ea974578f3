"""Two stateless app replicas on one Chroma server (docs/DEPLOYMENT.md), checked for real: one
`plansvar serve` (page and API) and one `plansvar serve --api-only` on two ports, and one
`chroma run`. Both answer; a document ingested through the CLI (another writer on the same server)
is answered by both after their refresh."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from chroma_server import ChromaServer, free_port

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.server

PLANS = {
    "kollektivtrafik.txt": (
        "Trafikplan för länet\n\nRegionen ansvarar för kollektivtrafiken. Bussar och tåg ska gå oftare mellan "
        "kommunerna. Nya busslinjer öppnas 2025 och tidtabellerna samordnas med tågen.\n"
    ),
    "bibliotek.txt": (
        "Biblioteksplan\n\nKommunerna driver folkbiblioteken. Skolbiblioteken får fler böcker och meröppet "
        "införs på landsbygden så att låntagare kan komma in på kvällen.\n"
    ),
}
NEW_PLAN = (
    "Avfallsplan\n\nMatavfall sorteras separat i alla hushåll. Återvinningscentralerna får längre öppettider "
    "och farligt avfall hämtas vid fastigheten två gånger per år.\n"
)


def _env(server: ChromaServer, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PLANSVAR_CHROMA_URL": server.url,
        "PLANSVAR_COLLECTION_PREFIX": "replicas",
        "PLANSVAR_REFRESH_SECONDS": "1",
        "PLANSVAR_DATA_DIR": str(data_dir),
    }


def _cli(*args: str, env: dict[str, str], **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *args], cwd=PROJECT_ROOT, env=env, stdin=subprocess.DEVNULL, **kwargs
    )


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def _documents(client: httpx.Client, url: str) -> int | None:
    try:
        response = client.get(f"{url}/api/health")
    except httpx.TransportError:
        return None
    return response.json().get("documents") if response.status_code == 200 else None


def test_two_replicas_share_one_chroma_server_and_see_each_others_ingest(tmp_path):
    server = ChromaServer(tmp_path / "chroma").start()
    replicas: list[subprocess.Popen] = []
    client = httpx.Client(trust_env=False, timeout=30)
    try:
        folder = tmp_path / "plans"
        folder.mkdir()
        for name, text in PLANS.items():
            (folder / name).write_text(text, encoding="utf-8")
        first = _cli("ingest", str(folder), env=_env(server, tmp_path / "writer"), stdout=subprocess.DEVNULL)
        assert first.wait(timeout=120) == 0

        urls = []
        for n in (1, 2):
            port = free_port()
            urls.append(f"http://127.0.0.1:{port}")
            env = _env(server, tmp_path / f"replica-{n}")
            mode = () if n == 1 else ("--api-only",)  # the page's server and the API-only server alike
            replicas.append(_cli("serve", *mode, "--port", str(port), env=env, stdout=subprocess.DEVNULL))
        for url in urls:
            _wait(lambda url=url: _documents(client, url) == 2, 60, f"{url} to serve 2 documents")

        question = {"question": "Vem ansvarar för kollektivtrafiken?"}
        answers = [client.post(f"{url}/api/ask", json=question) for url in urls]
        assert [a.status_code for a in answers] == [200, 200]
        assert answers[0].json()["text"] == answers[1].json()["text"]

        (folder / "avfall.txt").write_text(NEW_PLAN, encoding="utf-8")
        again = _cli("ingest", str(folder), env=_env(server, tmp_path / "writer"), stdout=subprocess.PIPE, text=True)
        out, _ = again.communicate(timeout=120)
        assert again.returncode == 0 and "added 1, updated 0, unchanged 2" in out

        for url in urls:  # each notices within its refresh interval (1 s here), without a restart
            _wait(lambda url=url: _documents(client, url) == 3, 30, f"{url} to see the new document")
        body = client.post(f"{urls[1]}/api/ask", json={"question": "Hur ofta hämtas farligt avfall?"}).json()
        assert body["supported"] and "två gånger per år" in body["text"], body
        assert {c["doc_id"] for c in body["citations"]} == {"avfall.txt"}, body
        assert all(r.poll() is None for r in replicas), "a replica stopped"
    finally:
        client.close()
        for r in replicas:
            r.terminate()
        for r in replicas:
            try:
                r.wait(timeout=20)
            except subprocess.TimeoutExpired:
                r.kill()
        server.stop()
