"""Feedback on answers (thumbs up/down, an optional comment), kept locally in SQLite.

Each vote is one row with the question, the answer text and its citations, so a reviewer can
judge it later without the index. A comment is attached to the vote it follows.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id TEXT PRIMARY KEY,
    time TEXT NOT NULL,
    liked INTEGER NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]'
)
"""
COLUMNS = ("id", "time", "liked", "comment", "question", "answer", "language", "citations")
MAX_COMMENT_CHARS = 2000


class FeedbackStore:
    """Votes and comments in one SQLite file (created on first write)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(_SCHEMA)
        return conn

    def record(self, answer: dict, liked: bool, comment: str = "", row_id: str | None = None) -> str:
        """Store one vote on ``answer`` (the JSON of an Answer); returns the vote's id. Given the id of
        an earlier vote (the same message voted on again), the new vote replaces it; its comment stays."""
        row_id = row_id or uuid.uuid4().hex
        citations = [
            {k: c.get(k) for k in ("marker", "doc_id", "title", "page", "start", "end", "quote")}
            for c in answer.get("citations", [])
        ]
        with closing(self._connect()) as conn, conn:
            conn.execute(
                "INSERT INTO feedback VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET time = excluded.time, liked = excluded.liked",
                (
                    row_id,
                    time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                    int(liked),
                    comment[:MAX_COMMENT_CHARS],
                    answer.get("question", ""),
                    answer.get("text", ""),
                    answer.get("language", ""),
                    json.dumps(citations, ensure_ascii=False),
                ),
            )
        return row_id

    def withdraw(self, row_id: str) -> bool:
        """Remove the vote ``row_id`` (taken back on the page); False when there is no such vote."""
        with closing(self._connect()) as conn, conn:
            return conn.execute("DELETE FROM feedback WHERE id = ?", (row_id,)).rowcount == 1

    def comment(self, row_id: str, text: str) -> bool:
        """Attach ``text`` to the vote ``row_id``; False when there is no such vote."""
        with closing(self._connect()) as conn, conn:
            cur = conn.execute(
                "UPDATE feedback SET comment = ? WHERE id = ?", (text.strip()[:MAX_COMMENT_CHARS], row_id)
            )
            return cur.rowcount == 1

    def rows(self) -> Iterator[dict]:
        if not self.path.exists():
            return
        with closing(self._connect()) as conn:
            for values in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY time, rowid"):
                row = dict(zip(COLUMNS, values, strict=True))
                row["liked"] = bool(row["liked"])
                row["citations"] = json.loads(row["citations"])
                yield row


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with ' so it opens as text
    (OWASP, CSV injection: cells starting with = + - @, a tab or a carriage return)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export(rows: Iterator[dict], fmt: str) -> str:
    """The rows as JSON lines or CSV (citations as a JSON cell; formula-like cells defused, see `_cell`)."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS)
        writer.writeheader()
        for r in rows:
            row = {**r, "citations": json.dumps(r["citations"], ensure_ascii=False)}
            writer.writerow({k: _cell(v) for k, v in row.items()})
        return buf.getvalue()
    raise ValueError(f"unknown export format {fmt!r}: use jsonl or csv")
