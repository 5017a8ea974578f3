"""Structure-aware chunking: sections and list items stay whole, offsets stay exact.

A chunk never crosses a section heading. Blocks (paragraphs, list items) are packed up to a
token target; a block longer than the limit is split at sentence boundaries. A chunk that
starts inside a list carries the list's lead-in ("X får i uppdrag att:") as context, so an
assignment number far below its heading still knows who it was given to.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ingest.language.marks import is_label_line
from ingest.language.sentences import split_sentences
from ingest.language.words import collapse_spaces, word_ends
from ingest.tokens import count_tokens
from ingest.types import Block, Chunk, CleanDocument

DEFAULT_TARGET_TOKENS = 160
HARD_LIMIT_TOKENS = 480  # chunks shown to users must stay under 512 cl100k tokens
_LEAD_IN_MAX_CHARS = 300


@dataclass
class _Unit:
    start: int
    end: int
    tokens: int
    kind: str  # a block kind, or "lead_in" for a paragraph that introduces a list
    lead_in: str  # context that applies to this unit (empty when none)
    lead_in_start: int = -1  # where that context stands in the document


def chunk_document(
    doc: CleanDocument, target_tokens: int = DEFAULT_TARGET_TOKENS, hard_limit: int = HARD_LIMIT_TOKENS
) -> list[Chunk]:
    """Split a cleaned document into chunks whose text is exactly ``doc.text[start:end]``."""
    chunks: list[Chunk] = []
    version = hashlib.sha1(doc.text.encode()).hexdigest()[:8]
    for section, units in _sections(doc, hard_limit):
        for group in _pack(units, target_tokens, hard_limit):
            start, end = group[0].start, group[-1].end
            own_text = doc.text[start:end]
            has_context = bool(group[0].lead_in) and group[0].lead_in not in own_text
            context = group[0].lead_in if has_context else ""
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.doc_id}#{len(chunks):04d}-{version}",
                    doc_id=doc.doc_id,
                    title=doc.title,
                    text=own_text,
                    start=start,
                    end=end,
                    page=doc.page_at(start),
                    section=section,
                    context=context,
                    ordinal=len(chunks),
                    context_start=group[0].lead_in_start if has_context else -1,
                )
            )
    return chunks


def _sections(doc: CleanDocument, hard_limit: int) -> list[tuple[str, list[_Unit]]]:
    """Group blocks into sections (split at every heading) with their heading paths."""
    sections: list[tuple[str, list[_Unit]]] = []
    path: list[tuple[int, str]] = []
    units: list[_Unit] = []
    lead_in, lead_in_start = "", -1
    more_items = _items_follow(doc)
    for i, block in enumerate(doc.blocks):
        text = doc.text[block.start : block.end]
        if block.kind == "heading":
            if units:
                sections.append((_path_text(path), units))
            path = [(lvl, t) for lvl, t in path if lvl < block.level] + [(block.level, text)]
            units, lead_in = [], ""
        elif block.kind == "paragraph" and _is_lead_in(doc.blocks, i, text):
            lead_in = _tail(text)
            lead_in_start = block.end - len(lead_in)
        elif block.kind == "paragraph" and not is_label_line(text) and not more_items[i]:
            lead_in = ""  # a paragraph after the list's last item ends what the lead-in introduced
        kind = "lead_in" if lead_in and text.endswith(lead_in) else block.kind
        for unit in _units(doc, block, kind, lead_in if block.kind != "heading" else "", hard_limit):
            unit.lead_in_start = lead_in_start if unit.lead_in else -1
            units.append(unit)
    if units:
        sections.append((_path_text(path), units))
    return sections


def _items_follow(doc: CleanDocument) -> list[bool]:
    """For each block: does another list item follow before the next heading or lead-in paragraph?"""
    out = [False] * len(doc.blocks)
    seen_item = False
    for i in range(len(doc.blocks) - 1, -1, -1):
        out[i] = seen_item
        block = doc.blocks[i]
        text = doc.text[block.start : block.end]
        if block.kind == "heading" or (block.kind == "paragraph" and _is_lead_in(doc.blocks, i, text)):
            seen_item = False
        elif block.kind == "item":
            seen_item = True
    return out


def _is_lead_in(blocks: list[Block], i: int, text: str) -> bool:
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return text.rstrip().endswith(":") and nxt is not None and nxt.kind == "item"


def _tail(text: str) -> str:
    """The last sentences of a lead-in paragraph, short enough to prepend as context."""
    spans = split_sentences(text)
    tail = ""
    for a, b in reversed(spans):
        candidate = text[a:b] + (" " + tail if tail else "")
        if len(candidate) > _LEAD_IN_MAX_CHARS and tail:
            break
        tail = candidate
    return tail[-_LEAD_IN_MAX_CHARS:]


def _path_text(path: list[tuple[int, str]]) -> str:
    return " > ".join(collapse_spaces(t) for _, t in path)


def _units(doc: CleanDocument, block: Block, kind: str, lead_in: str, hard_limit: int) -> list[_Unit]:
    text = doc.text[block.start : block.end]
    tokens = count_tokens(text)
    if tokens <= hard_limit:
        return [_Unit(block.start, block.end, tokens, kind, lead_in)]
    units = []
    for a, b in split_sentences(doc.text, block.start, block.end):
        for sa, sb in _split_long(doc.text, a, b, hard_limit):
            units.append(_Unit(sa, sb, count_tokens(doc.text[sa:sb]), kind, lead_in))
    return units


def _split_long(text: str, a: int, b: int, hard_limit: int) -> list[tuple[int, int]]:
    """A single sentence over the limit is cut at word boundaries (rare: tables, lists without stops)."""
    if count_tokens(text[a:b]) <= hard_limit:
        return [(a, b)]
    if not any(ch.isspace() for ch in text[a:b].strip()):
        return _split_chars(text, a, b, hard_limit)
    pieces, start = [], a
    words = word_ends(text[a:b])
    for i, w_end in enumerate(words):
        end = a + w_end
        if count_tokens(text[start:end]) > hard_limit * 0.9 and i:
            prev_end = a + words[i - 1]
            pieces.append((start, prev_end))
            start = prev_end + 1
            while start < b and text[start].isspace():
                start += 1
    pieces.append((start, b))
    return pieces


def _split_chars(text: str, a: int, b: int, hard_limit: int) -> list[tuple[int, int]]:
    """Text without any spaces (a broken PDF text layer): cut into pieces that fit the limit."""
    pieces, start = [], a
    while start < b:
        step = max(1, b - start)
        while step > 1 and count_tokens(text[start : start + step]) > hard_limit * 0.9:
            step //= 2
        pieces.append((start, min(b, start + step)))
        start += step
    return pieces


def _pack(units: list[_Unit], target: int, hard_limit: int) -> list[list[_Unit]]:
    """Greedy packing of consecutive units; a new chunk starts when the target would be passed."""
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        gap = 1 if current else 0
        if current and (size + unit.tokens + gap > target or size + unit.tokens + gap > hard_limit):
            # a heading or a lead-in stays with what it introduces
            if current[-1].kind in ("heading", "lead_in") and size + unit.tokens + gap <= hard_limit:
                current.append(unit)
                size += unit.tokens + gap
                continue
            groups.append(current)
            current, size, gap = [], 0, 0
        current.append(unit)
        size += unit.tokens + gap
    if current:
        groups.append(current)
    return groups
