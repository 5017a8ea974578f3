"""The check after generation: is each cited sentence of a generated answer supported by its passage?

1. The answer is split into sentences (`ingest.language.sentences`, Swedish abbreviations respected); each
   sentence's markers ``[n]`` (also ``[1, 3]``, ``[2-3]``) are read and removed. A marker standing
   at the start of a sentence belongs to the sentence before it ("… planen. [2]").
2. A marker must name a passage the model was given; any other number is dropped.
3. For each cited passage, its sentences (within the spans the model read) are scored against the
   generated sentence the way the offline answerer scores sentences against a question: the
   cosine of the e5 vectors (the passage sentences' vectors are the ones stored at ingest) plus
   the IDF-weighted share of the sentence's stemmed terms and shared character 4-grams
   (`ExtractiveAnswerer.sentence_score`). An English sentence is compared through the glossary's
   Swedish terms. Two sentences of the passage together may support one generated sentence
   ("X får i uppdrag att:" … "5. följa …").
4. A number in the generated sentence (a year, an amount, an item number) must occur in the
   cited passage; otherwise the citation does not support it, however similar the words.
5. The best span at or above ``min_support`` supports the sentence: it becomes a `Citation` with
   exact offsets, like the offline answerer's. A sentence none of whose citations supports it is
   *unverified* and keeps no marker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from assistant.answers import LEADING_MARKERS, MARKER, marker_numbers
from assistant.context import ContextPassage, chunk_ids
from assistant.extractive import GROUP_SEPARATOR, ExtractiveAnswerer
from index.snapshot import CorpusSnapshot
from ingest.language.marks import numbers_in
from ingest.language.search_text import search_form
from ingest.language.sentences import split_sentences
from ingest.language.words import has_word

Span = tuple[int, int]
PAIR_PENALTY = 0.05  # two sentences together must beat the threshold by this much more


@dataclass
class Claim:
    """One generated sentence: its text without markers and the passage numbers it cites."""

    text: str
    cited: list[int] = field(default_factory=list)
    newline_before: bool = False  # the model started it on a new line (lists)


@dataclass
class Support:
    number: int  # the passage
    spans: tuple[Span, ...]  # one or two sentences of the document
    score: float


@dataclass
class CheckedClaim:
    claim: Claim
    supports: list[Support]  # the cited passages that support the sentence (best first)
    best: float = 0.0  # the best score among the cited passages, supporting or not
    invalid: list[int] = field(default_factory=list)  # cited numbers that name no given passage

    @property
    def status(self) -> str:
        if self.supports:
            return "verified"
        return "unverified" if self.claim.cited else "uncited"


def split_claims(generated: str) -> list[Claim]:
    claims: list[Claim] = []
    for a, b in split_sentences(generated):
        sentence = generated[a:b]
        lead = LEADING_MARKERS.match(sentence)
        if lead and claims:
            claims[-1].cited += [n for m in MARKER.finditer(lead.group(0)) for n in marker_numbers(m.group(1))]
            sentence = sentence[lead.end() :]
        cited = [n for m in MARKER.finditer(sentence) for n in marker_numbers(m.group(1))]
        text = MARKER.sub("", sentence).strip()
        if not has_word(text):
            if claims:
                claims[-1].cited += cited
            continue
        claims.append(Claim(text, list(dict.fromkeys(cited)), "\n" in generated[max(0, a - 2) : a]))
    for c in claims:
        c.cited = list(dict.fromkeys(c.cited))
    return claims


class SupportChecker:
    def __init__(
        self,
        scorer: ExtractiveAnswerer,
        embed: Callable[[list[str]], Sequence[Sequence[float]]],
        snapshot: CorpusSnapshot,
        translate: Callable[[str], list[str]],
        min_support: dict[str, float],
    ) -> None:
        self.scorer = scorer
        self.embed = embed  # passage-side embedding, the same model as the stored sentence vectors
        self.snapshot = snapshot  # the texts, and the stored sentence vectors of their passages
        self.translate = translate  # an English sentence → Swedish term groups (empty for Swedish)
        self.min_support = min_support  # by answer language: "sv", "en"

    def check(
        self,
        claims: list[Claim],
        lang: str,
        context: list[ContextPassage],
    ) -> list[CheckedClaim]:
        given = {p.number: p for p in context}
        cited = sorted({n for c in claims for n in c.cited if n in given})
        candidates = {n: self.candidates(given[n]) for n in cited}
        claim_vectors = self.embed_sentences([c.text for c in claims if any(n in given for n in c.cited)])
        out = []
        for claim in claims:
            valid = [n for n in claim.cited if n in given]
            checked = CheckedClaim(claim, [], invalid=[n for n in claim.cited if n not in given])
            if valid:
                vector = claim_vectors.pop(0)
                for n in valid:
                    support = self.best(claim.text, vector, given[n], candidates[n])
                    checked.best = max(checked.best, support.score)
                    if support.score >= self.min_support[lang]:
                        checked.supports.append(support)
                checked.supports.sort(key=lambda s: -s.score)
            out.append(checked)
        return out

    # -- scoring (public for calibration: scripts/calibrate_support.py) ------------------------
    def embed_sentences(self, texts: list[str]) -> list[np.ndarray]:
        if not texts:
            return []
        return [np.asarray(v, dtype=np.float32) for v in self.embed([search_form(t) for t in texts])]

    def candidates(self, passage: ContextPassage) -> list[tuple[Span, np.ndarray]]:
        """The passage's sentences (two words or more) that the model read, with their vectors."""
        text = self.snapshot.texts[passage.source.doc_id]
        spans = [
            (a, b)
            for start, end in passage.source.spans
            for a, b in split_sentences(text, start, end)
            if len(text[a:b].split()) >= 2
        ]
        stored = self.snapshot.sentence_vectors(chunk_ids(passage, self.snapshot))
        missing = [s for s in spans if s not in stored]
        fresh = self.embed_sentences([f"{passage.source.title}\n{text[a:b]}" for a, b in missing])
        vectors = {
            **{s: np.asarray(v, dtype=np.float32) for s, v in stored.items()},
            **dict(zip(missing, fresh, strict=True)),
        }
        return [(s, vectors[s]) for s in spans]

    def _terms(self, sentence: str):
        groups = self.translate(sentence)
        return self.scorer.question_terms(GROUP_SEPARATOR.join(groups) if groups else sentence)

    def best(self, sentence: str, vector: np.ndarray, passage: ContextPassage, candidates) -> Support:
        text = self.snapshot.texts[passage.source.doc_id]
        if not candidates or not _numbers_present(sentence, passage):
            return Support(passage.number, (), 0.0)
        terms = self._terms(sentence)
        singles = []
        for span, v in candidates:
            lexical, _ = self.scorer.sentence_score(terms, text[span[0] : span[1]], 0.0)
            singles.append((float(np.dot(vector, v)) + lexical, float(np.dot(vector, v)), span))
        singles.sort(key=lambda x: -x[0])
        score, _, span = singles[0]
        best = Support(passage.number, (span,), score)
        for (_, d1, s1), (_, d2, s2) in combinations(singles[:3], 2):
            a, b = sorted((s1, s2))
            lexical, _ = self.scorer.sentence_score(terms, text[a[0] : a[1]] + " " + text[b[0] : b[1]], 0.0)
            pair = max(d1, d2) + lexical - PAIR_PENALTY
            if pair > best.score:
                best = Support(passage.number, (a, b), pair)
        return best


def _numbers_present(sentence: str, passage: ContextPassage) -> bool:
    """Every number of the sentence occurs in the passage (its text, title or register attributes)."""
    wanted = numbers_in(sentence)
    if not wanted:
        return True
    source = passage.source
    return wanted <= numbers_in(" ".join([passage.text, source.title, *(v for _, v in source.attributes)]))
