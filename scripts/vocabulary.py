"""The Swedish content vocabulary of corpus folders, and what of it the glossary does not cover.

Each document is read as ingest reads it (loaders, cleaning, the catalog's title, the search
form), split into words, Swedish stop words, numbers and words under three letters dropped, and
stemmed with the Snowball Swedish stemmer (``ingest.language.words``). For each stem: its
document frequency per folder, its total count and its most frequent surface form. A stem is
*covered* when a word on the Swedish side of some glossary entry has that stem.

    .venv/bin/python scripts/vocabulary.py data/plans ../shared/corpus-directives/corpus --top 200
    .venv/bin/python scripts/vocabulary.py data/plans --min-df 2 --all     # every stem, covered or not

Prints one line per stem, most widespread first: stem, df per folder, count, surface form, and
"+" for covered stems (with ``--all``). Ends with the coverage per folder.

    .venv/bin/python scripts/vocabulary.py data/plans ../shared/corpus-directives/corpus --speller

times the Swedish speller (ingest/language/spelling.py) built from the documents' words instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.catalog import Catalog
from ingest.documents import build_document
from ingest.errors import IngestError
from ingest.language.glossary import default_glossary
from ingest.language.search_text import search_form
from ingest.language.spelling import Speller
from ingest.language.words import STOP_WORDS, WORD, fold_accents, stem
from ingest.loaders import SUPPORTED_SUFFIXES, load_file
from ingest.pipeline import discover


@dataclass
class Vocabulary:
    """Stems of one folder: in how many documents each occurs, how often, and as which words."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    count: Counter[str] = field(default_factory=Counter)
    forms: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, text: str) -> None:
        self.documents += 1
        words = content_words(text)
        stems = stem(words)
        self.df.update(set(stems))
        self.count.update(stems)
        for word, s in zip(words, stems, strict=True):
            self.forms.setdefault(s, Counter())[word] += 1

    def surface(self, s: str) -> str:
        return self.forms[s].most_common(1)[0][0] if s in self.forms else s


def content_words(text: str) -> list[str]:
    """Lower-case words of at least three letters, without Swedish stop words and numbers."""
    return [w for w in WORD.findall(search_form(text).lower()) if len(w) >= 3 and w not in STOP_WORDS and w.isalpha()]


def folder_texts(folder: Path) -> list[str]:
    """Title and cleaned text of each document in ``folder``, as ingest reads them."""
    texts = []
    files, _ = discover([folder])
    catalogs: dict[Path, Catalog] = {}
    for path in files:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        catalog = catalogs.setdefault(path.parent, Catalog.load(path.parent))
        try:
            doc = build_document(load_file(path), catalog.for_file(path))
        except IngestError as e:
            print(f"skipped {path.name}: {e.reason}", file=sys.stderr)
            continue
        texts.append(search_form(f"{doc.title}\n{doc.text}"))
    return texts


def folder_vocabulary(folder: Path) -> Vocabulary:
    vocabulary = Vocabulary()
    for text in folder_texts(folder):
        vocabulary.add(text)
    return vocabulary


def time_speller(texts: list[str]) -> None:
    """Build a :class:`Speller` from the texts and time its corrections: every frequent word of six
    letters or more, typed once without its marks (when it has any) and once with a letter dropped."""
    t0 = time.perf_counter()
    speller = Speller.from_texts(texts)
    built = time.perf_counter() - t0
    words = sorted(w for w, n in speller.counts.items() if n >= 2 and len(w) >= 6 and w.isalpha())
    typed = [fold_accents(w) for w in words if fold_accents(w) != w]
    typed += [w[: len(w) // 2] + w[len(w) // 2 + 1 :] for w in words]
    typed = [w for w in typed if w not in speller]
    seconds = []
    fixed = 0
    for word in typed:
        t = time.perf_counter()
        fixed += speller.correct(word) != word
        seconds.append(time.perf_counter() - t)
    seconds.sort()
    ms = [1e3 * seconds[int(q * (len(seconds) - 1))] for q in (0.5, 0.99)] if seconds else [0.0, 0.0]
    mean = 1e3 * sum(seconds) / max(len(seconds), 1)
    print(f"# speller: {len(speller.counts)} words, built in {built:.2f} s")
    print(f"# {len(typed)} typed words, {fixed} corrected")
    print(f"# per word: mean {mean:.3f} ms, p50 {ms[0]:.3f} ms, p99 {ms[1]:.3f} ms")


def glossary_stems() -> set[str]:
    """Stems of every word on the Swedish side of the glossary."""
    words = [w for sv in default_glossary().entries.values() for w in content_words(sv.replace("|", " "))]
    return set(stem(words))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--top", type=int, default=100, help="print at most this many stems")
    parser.add_argument("--min-df", type=int, default=2, help="only stems in at least this many documents of a folder")
    parser.add_argument("--all", action="store_true", help="list covered stems too (marked +)")
    parser.add_argument("--speller", action="store_true", help="time the Swedish speller on these documents instead")
    args = parser.parse_args()
    if args.speller:
        time_speller([text for folder in args.folders for text in folder_texts(folder)])
        return 0
    vocabularies = {folder: folder_vocabulary(folder) for folder in args.folders}
    covered = glossary_stems()
    stems = {s for v in vocabularies.values() for s, n in v.df.items() if n >= args.min_df}

    def widespread(s: str) -> tuple:
        share = max(v.df[s] / max(v.documents, 1) for v in vocabularies.values())
        return (-share, -sum(v.count[s] for v in vocabularies.values()), s)

    shown = [s for s in sorted(stems, key=widespread) if args.all or s not in covered][: args.top]
    for s in shown:
        dfs = " ".join(f"{v.df[s]:>3}" for v in vocabularies.values())
        forms = next(v for v in vocabularies.values() if s in v.forms)
        mark = "+" if s in covered else " "
        print(f"{mark} {s:<24} {dfs}  {sum(v.count[s] for v in vocabularies.values()):>5}  {forms.surface(s)}")
    for folder, v in vocabularies.items():
        mine = {s for s, n in v.df.items() if n >= args.min_df}
        share = len(mine & covered) / max(len(mine), 1)
        print(f"# {folder}: {v.documents} documents, {len(mine)} stems with df >= {args.min_df}, {share:.0%} covered")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
