"""The keyword indexes saved in the data dir, so an app starts without re-analysing every chunk.

At the bundled corpus building both BM25 indexes takes well under a second; at 100 times the
corpus it dominates start-up (docs/BENCHMARKS.md), so they are saved after a build and loaded at
the next start. The cache is only ever an optimisation of what the stored chunks give:

- it is keyed by the committed-documents fingerprint and the passage ids, so a cache of other
  documents is never used (an ingest makes a new key; older caches are removed);
- missing → built from the stored chunks and saved;
- unreadable, truncated, altered (a checksum per file) or inconsistent → a warning, rebuilt from
  the stored chunks and saved again; never a crash;
- not writable (read-only disk, disk full) → a warning; the app answers from memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path

from index.keyword import KeywordIndex

FORMAT = "1"  # bump when the analysers or the saved layout change
MANIFEST = "manifest.json"
log = logging.getLogger("plansvar.keyword_cache")


class KeywordCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load_or_build(
        self,
        fingerprint: object,
        ids: list[str],
        analysers: Mapping[str, Callable[[str], list[str]]],
        build: Callable[[], dict[str, KeywordIndex]],
    ) -> dict[str, KeywordIndex]:
        """The saved indexes for exactly these documents and passages, else ``build()`` (then saved)."""
        key = cache_key(fingerprint, ids)
        saved = self.folder / key
        if saved.is_dir():
            try:
                return _load(saved, key, ids, analysers)
            except Exception as e:  # noqa: BLE001 - any damage to a cache means the same thing: rebuild it
                log.warning(
                    "the keyword index cache %s cannot be used (%s: %s); rebuilding it from the stored chunks",
                    saved,
                    type(e).__name__,
                    e,
                )
        indexes = build()
        if ids:
            self._save(key, indexes, len(ids))
        return indexes

    def _save(self, key: str, indexes: dict[str, KeywordIndex], n_ids: int) -> None:
        tmp = self.folder / f".incoming-{uuid.uuid4().hex}"
        try:
            tmp.mkdir(parents=True)
            for name, index in indexes.items():
                index.save(tmp / name)
            files = {str(f.relative_to(tmp)): _sha256(f) for f in sorted(tmp.rglob("*")) if f.is_file()}
            manifest = {"format": FORMAT, "key": key, "passages": n_ids, "files": files}
            (tmp / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            target = self.folder / key
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        except OSError as e:
            log.warning("the keyword index cache cannot be written in %s (%s); answering from memory", self.folder, e)
            shutil.rmtree(tmp, ignore_errors=True)
            return
        for old in self.folder.iterdir():  # caches of earlier document sets, and leftovers of cut-off writes
            if old.name != key:
                shutil.rmtree(old, ignore_errors=True)


def cache_key(fingerprint: object, ids: list[str]) -> str:
    payload = json.dumps([FORMAT, fingerprint, ids], ensure_ascii=False, default=list)
    return hashlib.sha256(payload.encode()).hexdigest()[:20]


def _load(
    saved: Path, key: str, ids: list[str], analysers: Mapping[str, Callable[[str], list[str]]]
) -> dict[str, KeywordIndex]:
    manifest = json.loads((saved / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("key") != key or manifest.get("passages") != len(ids):
        raise ValueError("the manifest does not match the stored chunks")
    for name, digest in manifest["files"].items():
        if _sha256(saved / name) != digest:
            raise ValueError(f"{name} was altered or truncated (checksum mismatch)")
    return {name: KeywordIndex.load(saved / name, ids, analyser) for name, analyser in analysers.items()}


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
