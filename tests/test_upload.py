"""The upload back end: every refusal says why, and a good file is saved and ingested incrementally."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_files import PLAN_DOCX, write_docx

from assistant.service import AssistantService
from front.upload import ALLOWED_SUFFIXES, UploadHandler, clean_file_name

PDF_SAMPLES = Path(__file__).parent / "fixtures" / "pdf-samples"
TOKEN = "s3cret-admin-token"
PLAN = (
    "Trafikplan för länet\n\nRegionen ansvarar för kollektivtrafiken. Bussar och tåg ska gå oftare mellan "
    "kommunerna, och nya busslinjer öppnas 2025.\n"
).encode()


@pytest.fixture
def settings(make_settings):
    return make_settings(
        embedder="hashing", refresh_seconds=0, upload={"enabled": True, "admin_token": TOKEN, "max_bytes": 50_000}
    )


@pytest.fixture
def upload(settings):
    return UploadHandler(settings, AssistantService(settings))


def _assert_nothing_written(settings):
    uploads = settings.uploads_dir
    assert not uploads.exists() or not any(uploads.iterdir())


# -- refusals ------------------------------------------------------------------------------------


def test_off_by_default(make_settings):
    settings = make_settings(embedder="hashing")
    assert settings.upload.enabled is False
    result = UploadHandler(settings, AssistantService(settings))("plan.txt", PLAN, TOKEN)
    assert not result.ok and result.status == "rejected" and "turned off" in result.message
    _assert_nothing_written(settings)


def test_enabled_without_a_token_configured_refuses_everything(make_settings):
    settings = make_settings(embedder="hashing", upload={"enabled": True})
    result = UploadHandler(settings, AssistantService(settings))("plan.txt", PLAN, "")
    assert not result.ok and "no" in result.message and "admin token" in result.message
    _assert_nothing_written(settings)


@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN + "x", TOKEN[:-1], TOKEN.upper()])
def test_wrong_or_missing_token(upload, settings, token):
    result = upload("plan.txt", PLAN, token)
    assert not result.ok and result.message == "the admin token is wrong"
    _assert_nothing_written(settings)


@pytest.mark.parametrize("name", ["plan.exe", "plan.html", "plan", "plan.pdf.sh", "plan.markdown", ".pdf", "plan.zip"])
def test_other_file_types_are_refused(upload, settings, name):
    result = upload(name, PLAN, TOKEN)
    assert not result.ok and "only .pdf, .txt, .md and .docx" in result.message
    _assert_nothing_written(settings)


def test_too_large_and_empty_files_are_refused(upload, settings):
    big = upload("big.txt", b"x" * 50_001, TOKEN)
    assert not big.ok and big.message == "the file is too large (50.0 kB; at most 50.0 kB)"
    empty = upload("empty.txt", b"", TOKEN)
    assert not empty.ok and empty.message == "the file is empty"
    _assert_nothing_written(settings)


def test_a_name_with_nothing_usable_is_refused(upload, settings):
    for name in ("", "...", "/", "../..", "\x00\x01"):
        result = upload(name, PLAN, TOKEN)
        assert not result.ok and ("no usable characters" in result.message or "only .pdf" in result.message)
    _assert_nothing_written(settings)


def test_a_file_the_pipeline_cannot_read_is_reported_and_not_kept(upload, settings):
    result = upload("report.pdf", b"%PDF-1.7 not really a pdf", TOKEN)
    assert not result.ok and result.status == "skipped" and "damaged" in result.message
    binary = upload("notes.txt", b"\x00\x01\x02" * 10, TOKEN)
    assert not binary.ok and binary.status == "skipped"
    _assert_nothing_written(settings)


# -- names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "clean"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\plan.md", "plan.md"),
        ("/absolute/path/plan.pdf", "plan.pdf"),
        (".hidden.md", "hidden.md"),
        ("plan\x00.txt", "plan_.txt"),
        ("<script>alert(1)</script>.md", "script_.md"),
        ("plan<1>?.md", "plan_1_.md"),
        ("Färdplan nära vård 2024.docx", "Färdplan nära vård 2024.docx"),
    ],
)
def test_file_names_are_cleaned(given, clean):
    assert clean_file_name(given) == clean


def test_traversal_names_are_saved_inside_the_uploads_folder(upload, settings, tmp_path):
    result = upload("../../../outside.txt", PLAN, TOKEN)
    assert result.ok and result.file == "outside.txt"
    assert (settings.uploads_dir / "outside.txt").read_bytes() == PLAN
    assert not (tmp_path / "outside.txt").exists() and not (settings.data_dir / "outside.txt").exists()


# -- success -------------------------------------------------------------------------------------


def test_upload_is_ingested_incrementally_and_answered(upload, settings):
    result = upload("trafikplan.txt", PLAN, TOKEN)
    assert result.ok and result.status == "added" and result.doc_id == "trafikplan.txt" and result.chunks >= 1
    assistant = upload.service()
    assert assistant.document("trafikplan.txt") is not None
    assert assistant.retriever.retrieve("kollektivtrafiken busslinjer", 1)[0].doc_id == "trafikplan.txt"

    again = upload("trafikplan.txt", PLAN, TOKEN)
    assert again.ok and again.status == "unchanged" and again.chunks == 0

    changed = upload("trafikplan.txt", PLAN.replace(b"2025", b"2026"), TOKEN)
    assert changed.ok and changed.status == "updated"
    assert "2026" in upload.service().snapshot.texts["trafikplan.txt"]


def test_a_bad_file_never_replaces_a_good_upload_of_the_same_name(upload, settings):
    assert upload("plan.txt", PLAN, TOKEN).ok
    bad = upload("plan.txt", b"\x00" * 100, TOKEN)
    assert not bad.ok and bad.status == "skipped"
    assert (settings.uploads_dir / "plan.txt").read_bytes() == PLAN
    assert [p.name for p in settings.uploads_dir.iterdir()] == ["plan.txt"]
    assert upload.service().document("plan.txt") is not None


def test_every_allowed_type_is_accepted(upload, tmp_path):
    docx = write_docx(tmp_path / "x.docx", PLAN_DOCX).read_bytes()
    pdf = (PDF_SAMPLES / "minimal-document.pdf").read_bytes()
    files = {"a.txt": PLAN, "b.md": b"# Plan\n\n" + PLAN, "c.docx": docx, "d.pdf": pdf}
    assert set(ALLOWED_SUFFIXES) == {Path(n).suffix for n in files}
    results = [upload(name, data, TOKEN) for name, data in files.items()]
    assert [r.status for r in results] == ["added"] * 4, [r.message for r in results]
    assert {d.doc_id for d in upload.service().documents()} == {"a.txt", "b.md", "c.docx", "d.pdf"}


def test_from_path_checks_the_size_before_reading(upload, settings, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"y" * 60_000)
    assert "too large" in upload.from_path(big, TOKEN).message
    good = tmp_path / "gradio-tmp-name.txt"
    good.write_bytes(PLAN)
    result = upload.from_path(good, TOKEN, name="kollektivtrafik.txt")
    assert result.ok and result.doc_id == "kollektivtrafik.txt"
    assert result.to_json()["status"] == "added"


# -- a plan ingested from elsewhere, token guessing, files the loader fails on --------------------


def test_an_upload_named_like_an_indexed_plan_is_refused_unless_the_admin_replaces_it(upload, settings, tmp_path):
    from ingest.pipeline import ingest_paths

    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "trafikplan.txt").write_bytes(PLAN)
    assert ingest_paths([plans], upload.service.index, settings.chunking).added == ["trafikplan.txt"]
    refused = upload("Trafikplan.txt", b"Helt annan text om cyklar.\n", TOKEN)
    assert not refused.ok and "same name" in refused.message and "trafikplan.txt" in refused.message
    assert "kollektivtrafiken" in upload.service().document("trafikplan.txt")[1]
    _assert_nothing_written(settings)
    replaced = upload("trafikplan.txt", b"Helt annan text om cyklar.\n", TOKEN, replace=True)
    assert replaced.ok and replaced.status == "updated"
    again = upload("trafikplan.txt", b"Helt annan text om cyklar och gator.\n", TOKEN)
    assert again.ok and again.status == "updated", "an earlier upload of that name may be replaced"


def test_wrong_tokens_are_throttled_per_address(make_settings):
    settings = make_settings(
        embedder="hashing", upload={"enabled": True, "admin_token": TOKEN, "token_attempts_per_minute": 2}
    )
    upload = UploadHandler(settings, AssistantService(settings))
    assert [upload.token_refusal("x", "10.0.0.1") for _ in range(2)] == ["the admin token is wrong"] * 2
    assert "too many wrong admin tokens" in upload.token_refusal(TOKEN, "10.0.0.1")
    assert upload.token_refusal(TOKEN, "10.0.0.2") is None, "another address has its own allowance"
    assert upload.token_refusal(TOKEN, "10.0.0.2") is None, "right tokens do not use up the allowance"


def test_the_page_throttles_token_guesses_per_client_behind_a_trusted_proxy(make_settings, tmp_path):
    """The page's upload names the client as every door does (``Limits.client_address``): behind a
    trusted proxy, the address it forwards, so one guessing client does not lock out the others."""
    import gradio as gr
    from starlette.requests import Request

    from front.limits import Limits
    from front.page.upload import PageUpload

    settings = make_settings(
        embedder="hashing", upload={"enabled": True, "admin_token": TOKEN, "token_attempts_per_minute": 1}
    )
    uploader = UploadHandler(settings, AssistantService(settings))
    page = PageUpload(uploader, tmp_path, Limits(trusted_proxies=["10.0.0.5"]))

    def via_proxy(client: str) -> gr.Request:
        headers = [(b"x-forwarded-for", client.encode())]
        scope = {"type": "http", "method": "POST", "path": "/", "headers": headers, "client": ("10.0.0.5", 1)}
        return gr.Request(Request(scope))

    def message(token: str, client: str) -> str:
        rows, cleared = page.upload(["/no/such/upload/plan.txt"], token, False, via_proxy(client))
        assert cleared is None
        return rows[0][2]

    assert message("fel", "203.0.113.1") == "the admin token is wrong"
    assert "too many wrong admin tokens" in message(TOKEN, "203.0.113.1")
    assert message(TOKEN, "203.0.113.2") == "not a file uploaded to this page", "another client is not throttled"


def test_a_file_the_loader_raises_on_is_a_plain_reason_and_is_not_kept(upload, settings):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(buffer.getvalue())
    data[6] |= 0x01  # the local header says "encrypted"
    data[data.find(b"PK\x01\x02") + 8] |= 0x01  # and so does the central directory
    result = upload("rapport.docx", bytes(data), TOKEN)
    assert not result.ok and result.status == "skipped"
    assert "password" not in result.message and "Traceback" not in result.message, result.message
    _assert_nothing_written(settings)
