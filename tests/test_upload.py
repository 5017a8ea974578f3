"""The upload back end: every refusal says why, and a good file is saved and ingested incrementally."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_files import PLAN_DOCX, write_docx

from assistant.service import AssistantService
from assistant.upload import ALLOWED_SUFFIXES, UploadHandler, clean_file_name

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
    assert "trafikplan.txt" in assistant.docs
    assert assistant.retriever.retrieve("kollektivtrafiken busslinjer", 1)[0].doc_id == "trafikplan.txt"

    again = upload("trafikplan.txt", PLAN, TOKEN)
    assert again.ok and again.status == "unchanged" and again.chunks == 0

    changed = upload("trafikplan.txt", PLAN.replace(b"2025", b"2026"), TOKEN)
    assert changed.ok and changed.status == "updated"
    assert "2026" in upload.service().doc_texts["trafikplan.txt"]


def test_a_bad_file_never_replaces_a_good_upload_of_the_same_name(upload, settings):
    assert upload("plan.txt", PLAN, TOKEN).ok
    bad = upload("plan.txt", b"\x00" * 100, TOKEN)
    assert not bad.ok and bad.status == "skipped"
    assert (settings.uploads_dir / "plan.txt").read_bytes() == PLAN
    assert [p.name for p in settings.uploads_dir.iterdir()] == ["plan.txt"]
    assert "plan.txt" in upload.service().docs


def test_every_allowed_type_is_accepted(upload, tmp_path):
    docx = write_docx(tmp_path / "x.docx", PLAN_DOCX).read_bytes()
    pdf = (PDF_SAMPLES / "minimal-document.pdf").read_bytes()
    files = {"a.txt": PLAN, "b.md": b"# Plan\n\n" + PLAN, "c.docx": docx, "d.pdf": pdf}
    assert set(ALLOWED_SUFFIXES) == {Path(n).suffix for n in files}
    results = [upload(name, data, TOKEN) for name, data in files.items()]
    assert [r.status for r in results] == ["added"] * 4, [r.message for r in results]
    assert set(upload.service().docs) == {"a.txt", "b.md", "c.docx", "d.pdf"}


def test_from_path_checks_the_size_before_reading(upload, settings, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"y" * 60_000)
    assert "too large" in upload.from_path(big, TOKEN).message
    good = tmp_path / "gradio-tmp-name.txt"
    good.write_bytes(PLAN)
    result = upload.from_path(good, TOKEN, name="kollektivtrafik.txt")
    assert result.ok and result.doc_id == "kollektivtrafik.txt"
    assert result.to_json()["status"] == "added"
