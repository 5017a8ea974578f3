"""Scoring the responsibility register against a gold file of statements (evidence, owner, kind)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ingest.catalog import Catalog, doc_id_for
from ingest.documents import build_document
from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.register import Responsibility, same_body
from ingest.types import CleanDocument


def _normalised(text: str) -> tuple[str, list[int]]:
    """Whitespace-collapsed, lower-cased text and, per character, its offset in the original."""
    chars, index = [], []
    space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                chars.append(" ")
                index.append(i)
            space = True
        else:
            chars.append(ch.lower())
            index.append(i)
            space = False
    return "".join(chars), index


def evidence_spans(evidence: str, text: str, norm: tuple[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Where a gold evidence string stands in a cleaned text (every occurrence; else its first 40-char window)."""
    flat, index = norm or _normalised(text)
    needle = " ".join(evidence.split()).lower()
    if not needle or not flat:
        return []
    spans, pos = [], flat.find(needle)
    while pos >= 0:
        spans.append((index[pos], index[pos + len(needle) - 1] + 1))
        pos = flat.find(needle, pos + 1)
    if spans or len(needle) < 40:
        return spans
    for i in range(len(needle) - 39):
        pos = flat.find(needle[i : i + 40])
        if pos >= 0:
            start = max(pos - i, 0)
            end = min(start + len(needle), len(flat)) - 1
            return [(index[start], index[end] + 1)]
    return []


def gold_spans(
    gold: list[dict], doc_texts: Mapping[str, str], doc_ids: dict[str, str] | None = None
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Per gold statement: its doc_id and where its evidence stands.

    A statement names its document by file name: ``doc_ids`` maps file names to doc_ids (a catalog may
    give a document another id); without an entry, the id is the file name as ingest makes it
    (``doc_id_for``), and a name that is no document's id is the one document whose text holds the
    evidence.
    """
    norms = {doc_id: _normalised(text) for doc_id, text in doc_texts.items()}
    out = []
    for g in gold:
        doc_id = _gold_doc(g, doc_texts, norms, doc_ids or {})
        text = doc_texts.get(doc_id, "")
        out.append((doc_id, evidence_spans(g["evidence"], text, norms.get(doc_id)) if text else []))
    return out


def _gold_doc(g: dict, doc_texts: Mapping[str, str], norms: dict, doc_ids: dict[str, str]) -> str:
    if g["doc"] in doc_ids:
        return doc_ids[g["doc"]]
    doc_id = doc_id_for(g["doc"])
    if doc_id in doc_texts:
        return doc_id
    needle = " ".join(g["evidence"].split()).lower()
    holders = [d for d, (flat, _) in norms.items() if needle and needle in flat]
    return holders[0] if len(holders) == 1 else doc_id


def overlaps(r: Responsibility, spans: list[tuple[int, int]]) -> bool:
    return any(r.task_start < b and a < r.task_end for a, b in spans)


def match_register(
    found: list[Responsibility], gold: list[dict], doc_texts: Mapping[str, str], doc_ids: dict[str, str] | None = None
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, found index): same document, same body, overlapping evidence."""
    used: set[int] = set()
    pairs = []
    for gi, (doc_id, spans) in enumerate(gold_spans(gold, doc_texts, doc_ids)):
        for fi, f in enumerate(found):
            if fi not in used and f.doc_id == doc_id and overlaps(f, spans) and same_body(f.owner, gold[gi]["owner"]):
                used.add(fi)
                pairs.append((gi, fi))
                break
    return pairs


def score_register(
    found: list[Responsibility], gold: list[dict], doc_texts: Mapping[str, str], doc_ids: dict[str, str] | None = None
) -> dict:
    """Precision and recall of a register against gold statements (see ``match_register``)."""
    matched = len(match_register(found, gold, doc_texts, doc_ids))
    return {
        "precision": matched / len(found) if found else 0.0,
        "recall": matched / len(gold) if gold else 0.0,
        "found": len(found),
        "gold": len(gold),
        "matched": matched,
    }


def load_statements(path: Path) -> list[dict]:
    """Gold responsibility statements, one JSON object a line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_corpus(folder: Path) -> tuple[list[CleanDocument], list[str]]:
    """The cleaned documents of a folder (with its catalog), and a message per file that could not be read."""
    catalog = Catalog.load(folder)
    docs, skipped = [], []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            docs.append(build_document(load_file(path), catalog.for_file(path)))
        except IngestError as e:
            skipped.append(f"{path.name}: {e}")
    return docs, skipped
