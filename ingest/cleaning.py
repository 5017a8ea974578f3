"""Turn raw extracted text into clean, searchable text with its structure.

The cleaned text is the one text every offset refers to: chunks, citations and the
"show in document" view all index into it. Cleaning keeps the words and only removes
layout: running headers/footers, page numbers, hard line breaks, words split over lines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ingest.language.layout import (
    NUMBERED_HEADING,
    is_running_line,
    is_toc_line,
    join_lines,
    without_section_number,
)
from ingest.language.marks import digits_in, fold_digits, is_item, is_label_line, is_signature
from ingest.language.search_text import mend_inline_breaks, search_form
from ingest.markup import markdown_heading, strip_inline_markup
from ingest.types import Block, LoadedFile, OutlineEntry

__all__ = ["clean_pages", "is_running_line", "join_lines", "mend_inline_breaks", "normalise_chars", "search_form"]


_PUA_BULLETS = {"\uf0b7", "\uf0a7", "\uf076", "\uf0d8", "\uf0fc", "\uf06e", "\uf0a8", "\uf02d"}
_CHAR_MAP = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\t": " ",
    "\u00ad": "",
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\ufeff": "",
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u25cf": "•",
    "\u25aa": "•",
    "\u25a0": "•",
    "\u2023": "•",
    "\u2043": "•",
    "\u27a2": "•",
    "\uf0b7": "•",
}
_TERMINAL = ".!?:;…"


def normalise_chars(text: str) -> str:
    """Normalise glyphs and markup left by converters, without changing any word."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_inline_markup(text)
    out = []
    for ch in text:
        if ch in _CHAR_MAP:
            out.append(_CHAR_MAP[ch])
        elif "\ue000" <= ch <= "\uf8ff":
            out.append("•" if ch in _PUA_BULLETS else "")
        else:
            out.append(ch)
    return "".join(out)


def repeated_margin_lines(pages: list[list[str]], margin: int = 2) -> set[str]:
    """Keys of lines at the top/bottom of many pages: running headers/footers.

    Digits are folded, so "Plan 2021 | 7" and "Plan 2021 | 8" share a key; but where the lines
    differ only in their numbers, the numbers must move with the page (a page counter), so that
    headings such as "Mål 1", "Mål 2" at the top of successive pages are kept.
    """
    if len(pages) < 3:
        return set()
    seen: dict[str, list[tuple[int, str]]] = {}
    for page_index, lines in enumerate(pages):
        body = [ln.strip() for ln in lines if ln.strip()]
        for ln in dict.fromkeys(body[:margin] + body[-margin:]):
            seen.setdefault(_margin_key(ln), []).append((page_index, ln))
    threshold = max(3, int(0.4 * len(pages)))
    return {k for k, hits in seen.items() if len(hits) >= threshold and len(k) > 2 and _is_running(hits)}


def _is_running(hits: list[tuple[int, str]]) -> bool:
    """Identical lines, or lines whose changing number keeps a constant offset to the page index."""
    if len({ln for _, ln in hits}) == 1:
        return True
    offsets: Counter[int] = Counter()
    for page_index, ln in hits:
        numbers = digits_in(ln)
        offsets.update({int(n) - page_index for n in numbers})
    return bool(offsets) and offsets.most_common(1)[0][1] >= 0.8 * len(hits)


def _margin_key(line: str) -> str:
    return fold_digits(" ".join(line.split()).lower())


@dataclass
class _Line:
    text: str
    page: int | None


@dataclass
class _Draft:
    kind: str
    text: str
    pages: list[tuple[int, int | None]]  # (offset in text, page) where a page starts
    level: int = 0

    def extend(self, line: _Line) -> None:
        joined = join_lines(self.text, line.text)
        if line.page != self.pages[-1][1]:
            self.pages.append((len(joined) - len(line.text.strip()), line.page))
        self.text = joined


class _Reflow:
    """Rebuild paragraphs, list items and headings from hard-wrapped lines."""

    def __init__(self, markdown: bool, outline: list[OutlineEntry] | None = None) -> None:
        self.markdown = markdown
        self.drafts: list[_Draft] = []
        self.blank_before = True
        self.bookmarks: dict[tuple[int, str], int] = {
            (e.page, _bookmark_key(e.title)): e.level for e in (outline or [])
        }
        self.page: int | None = None

    def feed(self, line: _Line, next_text: str) -> None:
        s = line.text.strip()
        if not s:
            self.blank_before = True
            return
        self.page = line.page
        kind, level, text = self._classify(s, next_text)
        current = self.drafts[-1] if self.drafts else None
        if kind == "text" and current and current.kind in ("paragraph", "item") and self._continues(current, s):
            current.extend(_Line(text, line.page))
            self.blank_before = False
            return
        new_kind = "paragraph" if kind == "text" else kind
        self.drafts.append(_Draft(new_kind, text, [(0, line.page)], level))
        self.blank_before = False

    def _continues(self, current: _Draft, s: str) -> bool:
        if is_label_line(s):
            return False
        ends_open = current.text.rstrip()[-1:] not in _TERMINAL
        if not self.blank_before:
            return ends_open or current.kind != "item" or not s[0].isupper()
        return ends_open and (s[0].islower() or s[0] in ",;)–-")

    def _classify(self, s: str, next_text: str) -> tuple[str, int, str]:
        bookmark = self.bookmarks.get((self.page, _bookmark_key(s))) if self.page is not None else None
        if bookmark is not None:
            return "heading", bookmark, s  # a PDF bookmark's title (optionally numbered) on its page
        if self.markdown:
            md = markdown_heading(s)
            if md:
                return "heading", md[0], md[1]
        else:
            m = NUMBERED_HEADING.match(s)
            multi = m is not None and "." in m.group(1)
            if m and (multi or self.blank_before) and _looks_like_heading(m.group(2), next_text, multi):
                return "heading", m.group(1).count(".") + 1, s
        if is_item(s):
            return "item", 0, s
        return "text", 0, s


def _bookmark_key(line: str) -> str:
    """A heading line and its bookmark compare without section numbers, case and spacing."""
    return " ".join(without_section_number(line.strip()).split()).lower()


def _looks_like_heading(title: str, next_text: str, multi: bool) -> bool:
    words = title.split()
    if len(words) > (12 if multi else 7) or title.rstrip()[-1:] in _TERMINAL + ",":
        return False
    nxt = next_text.strip()
    return not (nxt and nxt[0].islower())


def _promote_short_headings(drafts: list[_Draft]) -> None:
    """In plain text, a short title-like line standing alone before text is a subheading."""
    level = 1
    for i, d in enumerate(drafts):
        if d.kind == "heading":
            level = d.level
            continue
        nxt = drafts[i + 1] if i + 1 < len(drafts) else None
        t = d.text.strip()
        if (
            d.kind == "paragraph"
            and nxt is not None
            and nxt.kind != "heading"
            and len(t) <= 70
            and len(t.split()) <= 10
            and t[0].isupper()
            and t[-1] not in _TERMINAL + ',”"'
            and "|" not in t
            and not is_label_line(t + " ")
            and not is_signature(t)
        ):
            d.kind, d.level = "heading", level + 1


def clean_pages(loaded: LoadedFile) -> tuple[str, list[Block], list[tuple[int, int]]]:
    """Clean a loaded file: returns the text, its blocks and (offset, page) page starts."""
    page_lines = [normalise_chars(p.text).split("\n") for p in loaded.pages]
    repeated = repeated_margin_lines(page_lines)
    lines: list[_Line] = []
    for page, raw_lines in zip(loaded.pages, page_lines, strict=True):
        for raw in raw_lines:
            s = raw.strip()
            if s and (is_running_line(s) or _margin_key(s) in repeated or is_toc_line(s)):
                continue
            lines.append(_Line(" ".join(s.split()), page.number))
        lines.append(_Line("", page.number))
    reflow = _Reflow(markdown=loaded.kind in ("md", "docx"), outline=loaded.outline)
    for i, line in enumerate(lines):
        nxt = next((ln.text for ln in lines[i + 1 : i + 4] if ln.text.strip()), "")
        reflow.feed(line, nxt)
    drafts = reflow.drafts
    if loaded.kind not in ("md", "docx"):
        _promote_short_headings(drafts)
    return _assemble(drafts)


def _assemble(drafts: list[_Draft]) -> tuple[str, list[Block], list[tuple[int, int]]]:
    parts: list[str] = []
    blocks: list[Block] = []
    page_starts: list[tuple[int, int]] = []
    offset = 0
    prev_kind = ""
    for d in drafts:
        text = d.text
        if not text:
            continue
        if parts:
            sep = "\n" if prev_kind == "item" and d.kind == "item" else "\n\n"
            parts.append(sep)
            offset += len(sep)
        for rel, page in d.pages:
            if page is not None and (not page_starts or page_starts[-1][1] != page):
                page_starts.append((offset + min(rel, len(text)), page))
        blocks.append(Block(d.kind, offset, offset + len(text), d.level))
        parts.append(text)
        offset += len(text)
        prev_kind = d.kind
    return "".join(parts), blocks, page_starts
