"""Attacks on the page's doors, each against a real `python -m app serve` process (as an attacker on
the same network would send them): server paths given as uploaded files, Gradio's generic upload
route, calls by name to the page's private handlers, token guessing, hostile uploads, and the rate
limit on every door. Hashing embedder (the doors are under test, not the answers)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
from app_server import AppServer, call_handler, handler_index, start_app, stop_app, with_mcp
from gradio_client import Client
from gradio_client.exceptions import AppError

from assistant.settings import PROJECT_ROOT

TOKEN = "hemlig-nyckel-4711"
PLAN = "Trafikplan\n\nRegionen ansvarar för kollektivtrafiken. Nya busslinjer öppnas 2025 mellan kommunerna.\n"
BASE = {"PLANSVAR_EMBEDDER": "hashing", "PLANSVAR_ANSWER__MIN_DENSE": "0"}


def _ingest(data_dir: Path, folder: Path) -> None:
    """Index ``folder`` with the CLI, as an operator does (the plans "ingested from elsewhere")."""
    env = {**os.environ, **BASE}
    command = [sys.executable, "-m", "app", "--data-dir", str(data_dir), "ingest", str(folder)]
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=PROJECT_ROOT)


def _start(tmp_path_factory, name: str, **env: str) -> AppServer:
    work = tmp_path_factory.mktemp(name)
    plans = work / "plans"
    plans.mkdir()
    (plans / "trafikplan.txt").write_text(PLAN, encoding="utf-8")
    _ingest(work / "var", plans)
    return start_app(work / "var", work, **BASE, **env)


@pytest.fixture(scope="module")
def open_app(tmp_path_factory):
    """Uploads on, with an admin token; small limits so the caps can be reached."""
    app = _start(
        tmp_path_factory,
        "uploads-on",
        PLANSVAR_UPLOAD__ENABLED="true",
        PLANSVAR_UPLOAD__ADMIN_TOKEN=TOKEN,
        PLANSVAR_UPLOAD__MAX_BYTES="20000",
        PLANSVAR_UPLOAD__MAX_FILES="2",
        PLANSVAR_UPLOAD__TOKEN_ATTEMPTS_PER_MINUTE="4",
        PLANSVAR_API__RATE_LIMIT_PER_MINUTE="1000",
    )
    yield app
    stop_app(app)


@pytest.fixture(scope="module")
def closed_app(tmp_path_factory):
    """The defaults: uploads off."""
    app = _start(tmp_path_factory, "uploads-off")
    yield app
    stop_app(app)


def _file(path: str | Path, name: str | None = None) -> dict:
    return {"path": str(path), "orig_name": name or Path(path).name, "meta": {"_type": "gradio.FileData"}}


def _upload_files(app: AppServer, files: dict[str, bytes]) -> list[str]:
    """Send files to Gradio's upload route as the browser does; the paths it stored them at."""
    parts = [("files", (name, data)) for name, data in files.items()]
    response = httpx.post(app.url + "/gradio_api/upload", files=parts, timeout=30)
    response.raise_for_status()
    return response.json()


def _upload(app: AppServer, files: list[dict], token: str, replace: bool = False) -> dict:
    """Click "upload" with these file inputs and this token, as the page does (the last input, the
    page's language, is session state: the server's own value counts)."""
    return call_handler(app, handler_index(app, "upload-button", "click"), [files, token, replace, None], timeout=30)


def _rows(message: dict) -> list[list]:
    assert message["success"], message
    return message["output"]["data"][0]["data"]


def _documents(app: AppServer) -> int:
    return httpx.get(app.url + "/api/health", timeout=10).json()["documents"]


def _stored_files(app: AppServer) -> list[Path]:
    return [p for p in app.gradio_temp.rglob("*") if p.is_file()] if app.gradio_temp.exists() else []


# -- issue 14.2: server paths as upload inputs ------------------------------------------------


@pytest.mark.parametrize("path", ["/dev/zero", "/proc/self/environ", str(PROJECT_ROOT / "README.md")])
@pytest.mark.parametrize("token", ["", TOKEN])
def test_a_server_path_given_as_an_uploaded_file_is_refused_unread(open_app, path, token):
    before = _documents(open_app)
    result = _upload(open_app, [_file(path, "plan.md")], token)  # /dev/zero used to hang here for good
    assert not result["success"] or all(row[1] == "rejected" for row in _rows(result)), result
    assert open_app.alive(timeout=5), "the server still answers"
    assert _documents(open_app) == before, "nothing was ingested"
    leaked = [p for p in _stored_files(open_app) if TOKEN.encode() in p.read_bytes()]
    assert not leaked, f"the environment was copied: {leaked}"


def test_a_missing_and_an_existing_server_path_look_the_same(open_app):
    missing = _upload(open_app, [_file("/no/such/file.txt")], "")
    existing = _upload(open_app, [_file("/etc/hostname", "file.txt")], "")
    assert missing.get("output") == existing.get("output") and missing["success"] == existing["success"]


def test_by_name_calls_reach_only_the_public_endpoints(open_app):
    attack = {"data": [[_file("/dev/zero")], "", False]}
    log_before = len(open_app.log.read_text())
    for route in ("call/upload", "call/respond", "run/upload", "call/v2/upload", "run/no_such_endpoint"):
        response = httpx.post(f"{open_app.url}/gradio_api/{route}", json=attack, timeout=10)
        assert response.status_code == 404, (route, response.text)
        assert "no endpoint named" in response.json()["error"]
    assert open_app.alive(timeout=5)
    logged = open_app.log.read_text()[log_before:]
    assert "Traceback" not in logged, "an unknown endpoint is a 404, not a logged traceback"


# -- issue 14.8: Gradio's generic upload route -------------------------------------------------


def test_the_upload_route_is_closed_while_uploads_are_off(closed_app):
    response = httpx.post(closed_app.url + "/gradio_api/upload", files=[("files", ("a.txt", b"x" * 1000))])
    assert response.status_code == 404 and "turned off" in response.json()["error"]
    assert _stored_files(closed_app) == [], "nothing was stored"


def test_the_upload_route_is_capped_while_uploads_are_on(open_app):
    too_many = {f"plan{i}.txt": b"y" * 19_000 for i in range(3)}  # 3 x 19 kB: more than 2 files of 20 kB
    response = httpx.post(open_app.url + "/gradio_api/upload", files=[("files", (n, d)) for n, d in too_many.items()])
    assert response.status_code == 413, response.text
    chunked = httpx.post(open_app.url + "/gradio_api/upload", content=iter([b"--x--\r\n"]), timeout=10)
    assert chunked.status_code == 411
    held = _upload_files(open_app, {"held1.txt": b"z" * 19_000, "held2.txt": b"v" * 19_000})  # never indexed
    full = httpx.post(open_app.url + "/gradio_api/upload", files=[("files", ("more.txt", b"w" * 5_000))])
    assert full.status_code == 503, "uploads waiting to be indexed are bounded"
    for path in held:  # as the delete-cache schedule would
        Path(path).unlink()


def test_an_upload_request_leaves_no_temporary_files(open_app):
    response = httpx.post(open_app.url + "/gradio_api/upload", files=[("other", ("x.txt", b"abc"))], timeout=10)
    assert response.status_code == 200
    leftovers = [p for p in _stored_files(open_app) if p.parent == open_app.gradio_temp]
    assert leftovers == [], "a part not named `files` was left in the upload folder"


# -- issue 14.12: hostile uploads, names of indexed plans, token guessing ------------------------


def _encrypted_docx() -> bytes:
    """A DOCX whose document part claims to be encrypted (zipfile raises RuntimeError on reading it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    for signature, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + flag_at] |= 0x01
            start += 4
    return bytes(data)


def test_a_file_the_loader_fails_on_gets_a_plain_reason_and_is_not_kept(open_app):
    paths = _upload_files(open_app, {"rapport.docx": _encrypted_docx()})
    [row] = _rows(_upload(open_app, [_file(p) for p in paths], TOKEN))
    assert row[0] == "rapport.docx" and row[1] == "skipped", row
    assert "Traceback" not in row[2] and "password required" not in row[2], row
    uploads = open_app.data_dir / "uploads"
    assert not (uploads / "rapport.docx").exists()
    assert not any(Path(p).exists() for p in paths), "the uploaded copy is deleted"


def test_an_upload_named_like_an_indexed_plan_needs_the_admins_word(open_app):
    paths = _upload_files(open_app, {"trafikplan.txt": b"Helt annan text om cyklar och gator.\n"})
    [row] = _rows(_upload(open_app, [_file(p) for p in paths], TOKEN))
    assert row[1] == "rejected" and "same name" in row[2], row
    client = Client(open_app.url + "/", verbose=False)
    assert "kollektivtrafiken" in client.predict("trafikplan.txt", 0, -1, api_name="/document")["text"]
    paths = _upload_files(open_app, {"trafikplan.txt": b"Helt annan text om cyklar och gator.\n"})
    [row] = _rows(_upload(open_app, [_file(p) for p in paths], TOKEN, replace=True))
    assert row[1] == "updated", row


def test_admin_token_guesses_are_throttled_per_address(open_app):
    paths = _upload_files(open_app, {"ny.txt": PLAN.encode()})
    files = [_file(p) for p in paths]
    answers = [_rows(_upload(open_app, files, f"gissning-{i}"))[0][2] for i in range(4)]
    assert answers == ["the admin token is wrong"] * 4
    paths = _upload_files(open_app, {"ny.txt": PLAN.encode()})
    [row] = _rows(_upload(open_app, [_file(p) for p in paths], TOKEN))
    assert row[1] == "rejected" and "too many wrong admin tokens" in row[2], "even the right token waits"


# -- issue 14.6 / 12.3: one rate limit for every door -----------------------------------------


@pytest.fixture(scope="module")
def limited_app(tmp_path_factory):
    app = _start(tmp_path_factory, "limited", PLANSVAR_API__RATE_LIMIT_PER_MINUTE="1")
    yield app
    stop_app(app)


def _mcp_ask(app: AppServer, question: str):
    return with_mcp(app, lambda session: session.call_tool("ask", {"question": question}))


def test_one_rate_limit_holds_on_every_door(limited_app):
    """At one question a minute: the first is answered; then the JSON API, the Gradio API, the MCP
    tool and the page's chat all refuse the same address within that minute."""
    question = {"question": "Vem ansvarar för kollektivtrafiken?"}
    assert httpx.post(limited_app.url + "/api/ask", json=question, timeout=30).status_code == 200
    refused = httpx.post(limited_app.url + "/api/ask", json=question, timeout=30)
    assert refused.status_code == 429 and refused.headers["Retry-After"]
    with pytest.raises(AppError, match="too many questions"):
        Client(limited_app.url + "/", verbose=False).predict(question["question"], [], api_name="/ask")
    result = _mcp_ask(limited_app, question["question"])
    assert result.isError and "too many questions" in result.content[0].text
    submit = handler_index(limited_app, "question", "submit")
    chat = call_handler(limited_app, submit, [question["question"], [], None, None])  # states: the session's
    assert chat["success"], chat
    bubbles = chat["output"]["data"][0]
    assert "För många förfrågningar från din adress (högst 1 i minuten)" in str(bubbles[-1]), bubbles
