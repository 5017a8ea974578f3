"""The `plansvar` command line, run in-process: exit codes, one-line errors, JSON output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from assistant.wiring import build_index
from front.cli import EXIT_SKIPPED, main
from ingest.tokens import count_tokens

PDF_SAMPLES = Path(__file__).parent / "fixtures" / "pdf-samples"
GOLD = PROJECT_ROOT / "data" / "eval" / "dev.jsonl"
PASSAGE_KEYS = {"rank", "score", "doc_id", "title", "page", "section", "text", "start", "end"}


@pytest.fixture
def hashing(monkeypatch):
    monkeypatch.setenv("PLANSVAR_EMBEDDER", "hashing")


@pytest.fixture
def real_embedder(monkeypatch):
    monkeypatch.delenv("PLANSVAR_EMBEDDER", raising=False)


def _single_error_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("plansvar: error: ")
    assert "Traceback" not in err
    return lines[0]


# -- ingest --------------------------------------------------------------------------------------


def test_ingest_with_bad_pdfs_exits_3_and_names_each_skipped_file(tmp_path, hashing, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("minimal-document.pdf", "truncated.pdf", "libreoffice-writer-password.pdf"):
        shutil.copy(PDF_SAMPLES / name, folder / name)

    code = main(["--data-dir", str(tmp_path / "var"), "ingest", str(folder)])

    out, err = capsys.readouterr()
    assert code == EXIT_SKIPPED == 3
    assert "added 1, updated 0, unchanged 0, removed 0, skipped 2;" in out
    skipped = sorted(line for line in err.splitlines() if line.startswith("skipped "))
    assert len(skipped) == 2, err
    assert skipped[0].startswith("skipped libreoffice-writer-password.pdf: the PDF is encrypted")
    assert skipped[1].startswith("skipped truncated.pdf: the file is damaged or truncated")
    assert "Traceback" not in err


def test_ingest_of_good_files_exits_0_and_a_rerun_reports_them_unchanged(tmp_path, hashing, capsys):
    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copy(PDF_SAMPLES / "minimal-document.pdf", folder)
    (folder / "notes.md").write_text("# Anteckningar\n\nRegionen ansvarar för planen.\n", encoding="utf-8")
    args = ["--data-dir", str(tmp_path / "var"), "ingest", str(folder)]

    assert main(args) == 0
    assert "added 2," in capsys.readouterr().out
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "added 0, updated 0, unchanged 2, removed 0, skipped 0; 0 chunks written" in out
    assert "skipped" not in err


def test_missing_path_is_one_error_line_and_exit_1(tmp_path, hashing, capsys):
    code = main(["--data-dir", str(tmp_path / "var"), "ingest", "/no/such/path"])
    out, err = capsys.readouterr()
    assert code == 1
    assert _single_error_line(err) == "plansvar: error: no such file or folder: /no/such/path"
    assert out == ""


def test_invalid_setting_is_one_error_line_and_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PLANSVAR_RETRIEVAL__TOP_K", "0")
    code = main(["--data-dir", str(tmp_path / "var"), "docs"])
    _, err = capsys.readouterr()
    assert code == 1
    line = _single_error_line(err)
    assert "retrieval.top_k" in line


def test_empty_question_is_one_error_line_and_exit_1(tmp_path, hashing, capsys):
    code = main(["--data-dir", str(tmp_path / "var"), "retrieve", "   "])
    _, err = capsys.readouterr()
    assert code == 1
    assert "question is empty" in _single_error_line(err)


def test_unknown_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["no-such-command"])
    assert info.value.code == 2
    assert "usage: plansvar" in capsys.readouterr().err


def test_docs_on_an_empty_index_says_so(tmp_path, hashing, capsys):
    assert main(["--data-dir", str(tmp_path / "var"), "docs"]) == 0
    assert "the index is empty" in capsys.readouterr().out


def test_eval_on_an_empty_index_is_an_error(tmp_path, hashing, capsys):
    code = main(["--data-dir", str(tmp_path / "var"), "eval", "--gold", str(GOLD), "--json"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert "index is empty" in _single_error_line(err)


# -- on the real corpus, real embedder ----------------------------------------------------------


@pytest.mark.integration
def test_retrieve_json_passages_are_exact_spans_of_the_documents(corpus_settings, real_embedder, capsys):
    question = "Vem ansvarar för uppföljningen av handlingsplanen för psykisk hälsa?"
    code = main(["--data-dir", str(corpus_settings.data_dir), "retrieve", "--json", question])
    out, err = capsys.readouterr()
    assert code == 0, err
    result = json.loads(out)
    assert result["question"] == question
    passages = result["passages"]
    assert len(passages) == corpus_settings.retrieval.top_k
    assert [p["rank"] for p in passages] == list(range(1, len(passages) + 1))
    scores = [p["score"] for p in passages]
    assert scores == sorted(scores, reverse=True)
    index = build_index(corpus_settings)
    for p in passages:
        assert p.keys() >= PASSAGE_KEYS
        text = index.document_text(p["doc_id"])
        assert text is not None, p["doc_id"]
        assert text[p["start"] : p["end"]] == p["text"]
        assert count_tokens(p["text"]) <= 512
        assert p["title"]


@pytest.mark.integration
def test_retrieve_text_output(corpus_settings, real_embedder, capsys):
    code = main(["--data-dir", str(corpus_settings.data_dir), "retrieve", "-k", "2", "fast vårdkontakt"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert out.startswith("[1] ")
    assert "\n[2] " in out and "[3] " not in out


@pytest.mark.integration
def test_docs_lists_the_six_documents(corpus_settings, real_embedder, capsys):
    code = main(["--data-dir", str(corpus_settings.data_dir), "docs"])
    out, _ = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 6
    catalog = json.loads((corpus_settings.corpus_dir / "catalog.json").read_text(encoding="utf-8"))
    ids = {d["doc_id"] for d in catalog["documents"]}
    assert {line.split()[0] for line in lines} == ids


@pytest.mark.integration
def test_eval_json_reports_quality_and_latency(corpus_settings, real_embedder, capsys):
    code = main(["--data-dir", str(corpus_settings.data_dir), "eval", "--gold", str(GOLD), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    report = json.loads(out)
    overall = report["overall"]
    for key in ("recall@5", "mrr@10", "all_evidence@5"):
        assert 0.0 <= overall[key] <= 1.0, key
    assert overall["questions"] > 0
    assert overall["all_evidence@5"] <= overall["recall@5"]
    latency = report["latency_ms"]
    assert isinstance(latency["p50"], float) and 0 <= latency["p50"] <= latency["p95"]


@pytest.mark.integration
def test_ask_format_md_and_json(corpus_settings, real_embedder, capsys):
    args = ["--data-dir", str(corpus_settings.data_dir), "ask", "who owns the SIP assignment?"]
    assert main([*args, "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == answer["text"], "--json is --format json"
    assert main([*args, "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("## Question: who owns the SIP assignment?\n")
    first = answer["citations"][0]
    assert "### Sources" in md and f"1. **{first['title']}**" in md
    assert answer["text"].split(" [1]")[0] in md
