"""The passages a language model reads: numbered, packed to a token budget, inside clear delimiters.

Each passage is a `Source`: spans of one document's cleaned text (a retrieved chunk with its
lead-in, or a register entry's owner sentence and task). Packing keeps the order of relevance and
trims the passage that no longer fits at a sentence end, so the model never reads half a word and
every span it reads is still an exact slice of the stored text (citations can point into it).

Document text is data: it goes between ``<passage …>`` and ``</passage>`` lines, and anything in
a document that looks like such a delimiter is defused, so a document cannot close its passage
and speak as the prompt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from index.snapshot import CorpusSnapshot
from index.types import Passage
from ingest.language.sentences import split_sentences
from ingest.register import Responsibility
from ingest.tokens import count_tokens

Span = tuple[int, int]
_DELIMITER = re.compile(r"<(\s*/?\s*passage)", re.IGNORECASE)
GAP = "\n[…]\n"  # between two spans of one passage


@dataclass(frozen=True)
class Source:
    """Spans of one document's cleaned text offered to the model, with what it should know about them."""

    doc_id: str
    title: str
    spans: tuple[Span, ...]
    page: int | None = None
    section: str = ""
    attributes: tuple[tuple[str, str], ...] = ()  # e.g. (("kind", "register"), ("owner", "…"))


@dataclass(frozen=True)
class ContextPassage:
    number: int  # the [n] the model cites
    source: Source  # spans trimmed to what the model was shown
    text: str  # what the model read: the spans joined by GAP

    @property
    def block(self) -> str:
        attrs = [("n", str(self.number)), ("title", self.source.title)]
        if self.source.page is not None:
            attrs.append(("page", str(self.source.page)))
        if self.source.section:
            attrs.append(("section", self.source.section))
        attrs += list(self.source.attributes)
        head = " ".join(f'{k}="{_attribute(v)}"' for k, v in attrs)
        return f"<passage {head}>\n{defuse(self.text)}\n</passage>"


def sources_for(entries: list[Responsibility], passages: list[Passage], snapshot: CorpusSnapshot) -> list[Source]:
    """What the model reads for a question: register entries first (the owner), then the passages."""
    title = snapshot.title
    out = [register_source(e, snapshot.texts[e.doc_id], title(e.doc_id)) for e in entries]
    return out + [passage_source(p, title(p.doc_id)) for p in passages]


def chunk_ids(passage: ContextPassage, snapshot: CorpusSnapshot) -> list[str]:
    """The stored chunks the passage's spans start and end in (where their sentence vectors are)."""
    doc = passage.source.doc_id
    return sorted(
        {snapshot.passage_at(doc, a).chunk_id for a, _ in passage.source.spans}
        | {snapshot.passage_at(doc, b - 1).chunk_id for _, b in passage.source.spans}
    )


def passage_source(p: Passage, title: str) -> Source:
    """A retrieved passage, with the lead-in of its list ("X får i uppdrag att:") when that stands before it."""
    spans = [(p.start, p.end)]
    if p.context and p.context_start >= 0 and p.context_start + len(p.context) <= p.start:
        spans.insert(0, (p.context_start, p.context_start + len(p.context)))
    return Source(p.doc_id, title, tuple(spans), p.page, p.section)


def register_source(e: Responsibility, doc_text: str, title: str) -> Source:
    """A register entry: the sentence that names the owner and the task, with what the register says."""
    spans = merge_spans([sentence_around(doc_text, e.owner_start, e.owner_end), (e.task_start, e.task_end)])
    attributes = [("kind", "register"), ("owner", doc_text[e.owner_start : e.owner_end]), ("statement", e.kind)]
    attributes += [(k, v) for k, v in (("year", e.year), ("number", e.number)) if v]
    return Source(e.doc_id, title, tuple(spans), attributes=tuple(attributes))


def sentence_around(text: str, start: int, end: int) -> Span:
    """The sentence of ``text`` that contains the span (the span itself if none does)."""
    lo = max(0, text.rfind("\n", 0, start) + 1)
    hi = text.find("\n", end)
    for a, b in split_sentences(text, lo, len(text) if hi < 0 else hi):
        if a <= start and end <= b:
            return a, b
    return start, end


def merge_spans(spans: list[Span]) -> list[Span]:
    """The spans sorted, overlapping or touching ones joined."""
    out: list[Span] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def defuse(text: str) -> str:
    """Document text with anything that looks like a passage delimiter made harmless."""
    return _DELIMITER.sub(r"‹\1", text)


def _attribute(value: str) -> str:
    return defuse(" ".join(value.split())).replace('"', "'").replace("<", "‹").replace(">", "›")


def render(passages: list[ContextPassage]) -> str:
    return "\n\n".join(p.block for p in passages)


def pack(
    sources: list[Source],
    texts: Mapping[str, str],
    budget: int,
    count: Callable[[str], int] = count_tokens,
) -> list[ContextPassage]:
    """The sources in order, numbered from 1, within ``budget`` tokens of rendered passages. A
    source that no longer fits whole is cut after its last sentence that fits; one that does not
    fit with even one sentence is left out (a later, shorter one may still fit)."""
    out: list[ContextPassage] = []
    used = 0
    for source in sources:
        text = texts.get(source.doc_id)
        if text is None or not source.spans:
            continue
        separator = 2 if out else 0  # the blank line between blocks
        passage = _fit(source, text, len(out) + 1, budget - used - separator, count)
        if passage is not None:
            out.append(passage)
            used += count(passage.block) + separator
    return out


def _fit(source: Source, doc_text: str, number: int, allowance: int, count: Callable[[str], int]):
    whole = _passage(source, doc_text, number)
    if count(whole.block) <= allowance:
        return whole
    ends = [(i, e) for i, (a, b) in enumerate(source.spans) for _, e in split_sentences(doc_text, a, b)]
    lo, hi = 0, len(ends)  # binary search for the longest prefix of sentences that fits
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if count(_prefix(source, doc_text, number, ends[mid - 1]).block) <= allowance:
            lo = mid
        else:
            hi = mid - 1
    return _prefix(source, doc_text, number, ends[lo - 1]) if lo else None


def _prefix(source: Source, doc_text: str, number: int, cut: tuple[int, int]) -> ContextPassage:
    """The source up to the sentence ending at ``cut`` = (span index, end offset)."""
    i, end = cut
    spans = (*source.spans[:i], (source.spans[i][0], end))
    return _passage(replace(source, spans=spans), doc_text, number)


def _passage(source: Source, doc_text: str, number: int) -> ContextPassage:
    return ContextPassage(number, source, GAP.join(doc_text[a:b] for a, b in source.spans))
