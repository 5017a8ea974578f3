"""The keyword-index cache: used when it fits, rebuilt from the stored chunks with a warning when it
is missing, damaged or stale — never a crash, never an answer from other documents."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from assistant.wiring import build_index, build_retriever
from index.keyword_cache import MANIFEST, KeywordCache
from index.retriever import ANALYSERS, HybridRetriever, RetrievalOptions
from ingest.language.glossary import default_glossary
from ingest.pipeline import ingest_paths

PLANS = {
    "kollektivtrafik": "Trafikplan\n\nRegionen ansvarar för kollektivtrafiken och nya busslinjer öppnas 2025.\n",
    "bibliotek": "Biblioteksplan\n\nKommunerna driver folkbiblioteken och meröppet införs på landsbygden.\n",
    "avfall": "Avfallsplan\n\nMatavfall sorteras separat och återvinningscentralerna får längre öppettider.\n",
}
QUESTIONS = ["busslinjer kollektivtrafiken", "folkbibliotek meröppet", "matavfall återvinningscentral"]


@pytest.fixture
def settings(make_settings, tmp_path):
    settings = make_settings(embedder="hashing")
    _ingest(settings, tmp_path / "plans", ["kollektivtrafik", "bibliotek"])
    return settings


def _ingest(settings, folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / f"{name}.txt").write_text(PLANS[name], encoding="utf-8")
    ingest_paths([folder], build_index(settings), settings.chunking)


def _ranking(retriever) -> list[list[tuple[str, float]]]:
    return [[(p.chunk_id, round(p.score, 6)) for p in retriever.retrieve(q, 3)] for q in QUESTIONS]


def _cache_dirs(settings) -> list[Path]:
    return [d for d in settings.keyword_cache_dir.iterdir() if d.is_dir()]


class CountingBuild:
    """Wraps the cache so a test can see whether the indexes were built or loaded."""

    def __init__(self, cache: KeywordCache) -> None:
        self.cache = cache
        self.builds = 0

    def load_or_build(self, fingerprint, ids, analysers, build):
        def counted():
            self.builds += 1
            return build()

        return self.cache.load_or_build(fingerprint, ids, analysers, counted)


def _retriever(settings) -> tuple[HybridRetriever, CountingBuild]:
    """A retriever as a fresh process would build it, counting whether it had to build the indexes."""
    counter = CountingBuild(KeywordCache(settings.keyword_cache_dir))
    index = build_index(settings)
    return HybridRetriever(index.snapshot(), index, RetrievalOptions(), default_glossary(), counter), counter


def test_saved_after_the_first_build_and_loaded_at_the_next_start(settings, caplog):
    first = build_retriever(settings)  # the wiring uses the cache in the data dir
    [saved] = _cache_dirs(settings)
    assert (saved / MANIFEST).is_file() and (saved / "words").is_dir() and (saved / "chars").is_dir()
    second, counter = _retriever(settings)
    assert counter.builds == 0, "the saved indexes were loaded"
    assert _ranking(second) == _ranking(first)
    assert "keyword index cache" not in caplog.text


@pytest.mark.parametrize(
    "damage",
    [
        "truncate_array",
        "flip_bytes",
        "delete_vocabulary",
        "garbage_manifest",
        "delete_manifest",
        "empty_folder",
    ],
)
def test_a_damaged_cache_is_rebuilt_with_a_warning(settings, caplog, damage):
    expected = _ranking(_retriever(settings)[0])
    [saved] = _cache_dirs(settings)
    words = saved / "words"
    if damage == "truncate_array":
        array = next(words.glob("data*.npy"))
        array.write_bytes(array.read_bytes()[: len(array.read_bytes()) // 2])
    elif damage == "flip_bytes":
        array = next(words.glob("data*.npy"))
        raw = bytearray(array.read_bytes())
        raw[-8:] = bytes(b ^ 0xFF for b in raw[-8:])
        array.write_bytes(bytes(raw))
    elif damage == "delete_vocabulary":
        next(words.glob("vocab*")).unlink()
    elif damage == "garbage_manifest":
        (saved / MANIFEST).write_text("{not json", encoding="utf-8")
    elif damage == "delete_manifest":
        (saved / MANIFEST).unlink()
    else:
        for f in sorted(saved.rglob("*"), reverse=True):
            f.unlink() if f.is_file() else f.rmdir()

    with caplog.at_level(logging.WARNING, logger="plansvar.keyword_cache"):
        retriever, counter = _retriever(settings)

    assert counter.builds == 1
    assert "cannot be used" in caplog.text and "rebuilding it from the stored chunks" in caplog.text
    assert _ranking(retriever) == expected
    caplog.clear()
    _, again = _retriever(settings)  # the rebuilt cache was saved and is good again
    assert again.builds == 0 and "cannot be used" not in caplog.text


def test_an_ingest_makes_a_new_cache_and_removes_the_old_one(settings, tmp_path):
    build_retriever(settings)
    [before] = _cache_dirs(settings)
    _ingest(settings, tmp_path / "plans", ["avfall"])
    retriever, counter = _retriever(settings)
    assert counter.builds == 1, "a cache of other documents is never used"
    assert retriever.retrieve("matavfall återvinningscentral", 1)[0].doc_id == "avfall.txt"
    [after] = _cache_dirs(settings)
    assert after.name != before.name


def test_an_unwritable_cache_folder_is_a_warning_not_an_error(settings, caplog):
    settings.keyword_cache_dir.parent.mkdir(parents=True, exist_ok=True)
    settings.keyword_cache_dir.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING, logger="plansvar.keyword_cache"):
        retriever = build_retriever(settings)
    assert "cannot be written" in caplog.text
    assert retriever.retrieve("busslinjer kollektivtrafiken", 1)[0].doc_id == "kollektivtrafik.txt"


def test_the_analysers_are_the_ones_the_cache_is_keyed_for():
    assert set(ANALYSERS) == {"words", "chars"}
