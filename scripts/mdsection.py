"""Sections of docs/BENCHMARKS.md owned by different scripts, so each rewrites only its own.

``bench.py`` owns the head of the file (everything before the first ``## `` heading); the scale
benchmark owns ``## Scale``, the load test ``## Load test``. ``## Earlier runs`` stays last.
"""

from __future__ import annotations

from pathlib import Path

EARLIER_RUNS = "## Earlier runs"


def _split(lines: list[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """(head, [(heading, lines of the section including the heading)])."""
    head: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.startswith("## "):
            sections.append((line.strip(), [line]))
        elif sections:
            sections[-1][1].append(line)
        else:
            head.append(line)
    return head, sections


def _join(head: list[str], sections: list[tuple[str, list[str]]]) -> str:
    ordered = [s for s in sections if s[0] != EARLIER_RUNS] + [s for s in sections if s[0] == EARLIER_RUNS]
    parts = ["".join(head).rstrip("\n") + "\n"]
    parts += ["\n" + "".join(lines).rstrip("\n") + "\n" for _, lines in ordered]
    return "".join(parts)


def _read(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []


def write_head(path: Path, text: str) -> None:
    """Replace the part before the first ``## `` heading; keep every section."""
    _, sections = _split(_read(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_join(text.splitlines(keepends=True), sections), encoding="utf-8")


def write_section(path: Path, text: str) -> None:
    """Replace (or add) the section whose heading is the first line of ``text``."""
    heading = text.splitlines()[0].strip()
    if not heading.startswith("## "):
        raise ValueError(f"a section starts with a '## ' heading, not {heading!r}")
    head, sections = _split(_read(path))
    new = (heading, text.splitlines(keepends=True))
    index = next((i for i, (h, _) in enumerate(sections) if h == heading), None)
    if index is None:
        sections.append(new)
    else:
        sections[index] = new
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_join(head, sections), encoding="utf-8")
