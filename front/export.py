"""A conversation written out: Markdown for people, JSON for programs. Pure functions, no I/O.

A conversation is the list of its answers as JSON (``Answer.to_json()``, the shape of
``plansvar ask --json``), in the order they were given; each carries its question. The page's
download button and ``plansvar ask --format md|json`` both write through here.

Markdown: per turn the question, the answer (with its notice and its markers [1], [2] …), then the
numbered sources: title, page or section, "replaced by" for a superseded plan, and the quoted
span. Text from documents and questions is escaped so that a viewer shows it as written (no
links, no HTML, no emphasis made from document text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

LABELS = {
    "sv": {
        "title": "Plansvar – konversation",
        "question": "Fråga",
        "sources": "Källor",
        "related": "Möjligen relaterat",
        "page": "s.",
        "superseded": "ersatt av",
        "unverified": "ej verifierad",
        "uncited": "ingen källa",
    },
    "en": {
        "title": "Plansvar – conversation",
        "question": "Question",
        "sources": "Sources",
        "related": "Possibly related",
        "page": "p.",
        "superseded": "replaced by",
        "unverified": "unverified",
        "uncited": "no source",
    },
}
_INLINE = re.compile(r"[\\`*_<>#|~]|\]\(|^[-+=]", re.MULTILINE)
_NUMBERED = re.compile(r"^(\d+)([.)])", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """``text`` as literal Markdown: emphasis, code, HTML, headings, tables, lists and links are
    backslash-escaped (CommonMark shows the characters themselves)."""
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    return _NUMBERED.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", text)


def conversation_json(answers: Sequence[dict]) -> str:
    """``{"conversation": [answer, …]}``, each answer as ``plansvar ask --json`` gives it."""
    return json.dumps({"conversation": list(answers)}, ensure_ascii=False, indent=2) + "\n"


def conversation_markdown(answers: Sequence[dict], lang: str = "sv") -> str:
    """The whole conversation as one Markdown document (headings in ``lang``, the page's language)."""
    parts = [f"# {LABELS.get(lang, LABELS['sv'])['title']}\n"]
    parts += [answer_markdown(a, turn) for turn, a in enumerate(answers, start=1)]
    return "\n".join(parts)


def answer_markdown(answer: dict, turn: int | None = None) -> str:
    """One question and its answer with the numbered sources (labels in the answer's language)."""
    labels = LABELS.get(answer.get("language", "sv"), LABELS["sv"])
    heading = f"{labels['question']} {turn}" if turn is not None else labels["question"]
    lines = [f"## {heading}: {escape_markdown(_one_line(answer.get('question', '')))}", ""]
    if answer.get("notice"):
        lines += [f"*{escape_markdown(answer['notice'])}*", ""]
    lines += [escape_markdown(_answer_body(answer, labels)), ""]
    for key, label in (("citations", "sources"), ("related", "related")):
        if answer.get(key):
            lines += [f"### {labels[label]}", ""]
            lines += [line for c in answer[key] for line in _source(c, labels)]
    return "\n".join(lines)


def _answer_body(answer: dict, labels: dict) -> str:
    """The answer's text; a generated sentence no passage supports is marked as on the page."""
    sentences = answer.get("sentences") or []
    if not sentences:
        return answer.get("text", "")
    out = []
    for s in sentences:
        if s["status"] == "verified":
            markers = "".join(f" [{m}]" for m in s["markers"])
            out.append(f"{s['text']}{markers}")
        else:
            out.append(f"{s['text']} ({labels[s['status']]})")
    return " ".join(out)


def _source(c: dict, labels: dict) -> list[str]:
    where = []
    if c.get("page"):
        where.append(f"{labels['page']} {c['page']}")
    if c.get("section"):
        where.append(escape_markdown(_one_line(c["section"])))
    head = f"{c['marker']}. **{escape_markdown(_one_line(c['title']))}**"
    if where:
        head += ", " + ", ".join(where)
    if c.get("superseded_by"):
        head += f" ({labels['superseded']} {escape_markdown(_one_line(c['superseded_by']))})"
    quote = [f"   > {escape_markdown(line)}" if line.strip() else "   >" for line in c.get("quote", "").splitlines()]
    return [head, *quote, ""]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())
