"""Owner questions answered from the responsibility register.

"Who owns the SIP assignment?" → the register entries whose task matches the question (by the
retrieved passages they sit in, by their words, by an assignment number or year the question
names) → the owner first, then the assignment quoted with its number, document and year. When
several documents assign related tasks (2021 and 2023), each is listed with its year.

How well an entry matches the asked task decides first. Among entries for the same task (each
covering at least half of the question in its own words, carrying the number and year it names,
good enough to answer), a current plan of the ingested collection comes before a superseded plan,
and both before an uploaded document; and an entry's passage is ranked only among the passages of
documents that stand as high. So a sentence planted in an upload or an old plan ("X ansvarar för …")
never answers over the current plans, while an upload answers what the collection does not cover.

The register grows with the corpus (about 130 entries for the bundled plans, 13 000 at 100 times),
so each entry's terms are analysed once (on first use) and a question looks only at the entries
that share a term with it, sit in a retrieved passage or carry the number it names.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from assistant.extractive import ExtractiveAnswerer, QuestionTerms, Similarity, text_terms
from index.snapshot import CorpusSnapshot
from index.types import DocumentInfo, Passage
from ingest.language.marks import digits_in, years_in
from ingest.language.questions import asked_item_numbers, responsibility_kinds
from ingest.register import Responsibility

CLOSE_MATCH = 0.5  # an entry whose words cover this share of the question's (IDF-weighted) is about its task


@dataclass
class Match:
    entry: Responsibility
    score: float
    coverage: float  # how much of the question the task and owner text cover
    marks: int = 0  # how many of the number and year the question names the entry carries


@dataclass(frozen=True)
class RegisterRow:
    """A register entry as the front shows it: with its document's title and the task as written."""

    entry: Responsibility
    title: str
    task_text: str


class OwnerFinder:
    def __init__(
        self,
        snapshot: CorpusSnapshot,
        answerer: ExtractiveAnswerer,
        translate: Callable[[str], str] = lambda query: "",
        min_score: float = 0.55,
    ) -> None:
        """``translate``: an English query's Swedish terms (empty for a Swedish one)."""
        self.snapshot = snapshot
        self.entries = list(snapshot.register)
        self.answerer = answerer
        self.translate = translate
        # doc_id → doc_id of the document that replaces it
        self.superseded = {d.doc_id: d.superseded_by for d in snapshot.documents if d.superseded_by}
        self.standing = {d.doc_id: standing(d) for d in snapshot.documents}
        self.min_score = min_score
        self._numbers = [set(digits_in(e.number)) for e in self.entries]
        self._by_doc: dict[str, list[int]] = defaultdict(list)
        for i, e in enumerate(self.entries):
            self._by_doc[e.doc_id].append(i)
        self._terms: list[frozenset[str]] | None = None  # per entry: task text and owner, analysed
        self._postings: dict[str, list[int]] = {}
        self._lock = threading.Lock()

    def _analysed(self) -> list[frozenset[str]]:
        """Each entry's terms (once: the document texts do not change for this finder's lifetime)."""
        with self._lock:
            if self._terms is None:
                terms = [
                    text_terms(self.snapshot.texts.get(e.doc_id, "")[e.task_start : e.task_end] + " " + e.owner)
                    for e in self.entries
                ]
                postings: dict[str, list[int]] = defaultdict(list)
                for i, entry_terms in enumerate(terms):
                    for t in entry_terms:
                        postings[t].append(i)
                self._postings = dict(postings)
                self._terms = terms
            return self._terms

    def _sharing_terms(self, q: QuestionTerms) -> set[int]:
        return {i for stems, _ in q[0] for t in stems for i in self._postings.get(t, ())}

    def _candidates(self, q: QuestionTerms, passages: list[Passage], numbers: set[str]) -> list[int]:
        """Entries that can score: sharing a term, inside a retrieved passage, or carrying the number."""
        found = self._sharing_terms(q)
        for p in passages:
            found.update(i for i in self._by_doc.get(p.doc_id, ()) if p.start <= self.entries[i].task_start < p.end)
        if numbers:
            found.update(i for i, n in enumerate(self._numbers) if n & numbers)
        return sorted(found)

    def find(
        self,
        question: str,
        query: str,
        passages: list[Passage],
        similarity: Similarity = lambda doc_id, a, b: 0.0,
    ) -> list[Match]:
        """Entries that answer the question, best first; several only when they come from different
        documents and score nearly as well (the same task assigned in several years)."""
        ranked = self._ranked(self._scored(question, query, passages, similarity))
        if not ranked:
            return []
        best = ranked[0]
        out = [best]
        for m in ranked[1:]:
            if len(out) >= 3:
                break
            related = m.coverage >= 0.9 * best.coverage and m.score >= 0.75 * best.score
            replaced = self.superseded.get(m.entry.doc_id) in {x.entry.doc_id for x in out}  # prefer current
            # an upload is not listed beside the collection's answer
            planted = self.standing[m.entry.doc_id] == UPLOADED and self.standing[best.entry.doc_id] != UPLOADED
            if related and not replaced and not planted and m.entry.doc_id not in {x.entry.doc_id for x in out}:
                out.append(m)
        return out

    def _scored(self, question: str, query: str, passages: list[Passage], similarity: Similarity) -> list[Match]:
        """Each candidate entry's match with the question: the passage it sits in, its words, its
        sentence vector, the kind of statement, and the number and year the question names."""
        q = self.answerer.question_terms(query)
        numbers = {str(n) for n in asked_item_numbers(question)}
        years = years_in(question)
        kinds = responsibility_kinds(question)
        terms = self._analysed()
        # an entry's passage is ranked among the passages of documents that stand as high as its own:
        # a planted upload retrieved first does not push the plans' passages down
        peers = {rank: [p for p in passages if self.standing[p.doc_id] >= rank] for rank in STANDINGS}
        scored = []
        for i in self._candidates(q, passages, numbers):
            e = self.entries[i]
            prior = _passage_prior(e, peers[self.standing[e.doc_id]])
            coverage = self.answerer.coverage(q, terms[i])
            if prior == 0 and coverage < CLOSE_MATCH and not (numbers and _number_matches(e, numbers)):
                continue  # neither retrieved nor a close match in its own words
            score = (
                0.5 * prior + 0.6 * coverage + 0.15 * (e.kind in kinds) + similarity(e.doc_id, e.task_start, e.task_end)
            )
            marks = 0
            if numbers:
                marks += _number_matches(e, numbers)
                score += 0.5 if _number_matches(e, numbers) else -0.3
            if years and e.year and any(y in e.year for y in years):
                marks += 1
                score += 0.1
            scored.append(Match(e, score, coverage, marks))
        return scored

    def _ranked(self, scored: list[Match]) -> list[Match]:
        """Best first, only when the best can answer (``min_score``): the task match decides, and among
        the entries for the same task as the best-matching one the document's standing decides, then the
        score."""
        scored.sort(key=lambda m: -m.score)
        if not scored or scored[0].score < self.min_score:
            return []
        top = scored[0]
        same = [m for m in scored if m is top or self._same_task(m, top)]
        same.sort(key=lambda m: (-self.standing[m.entry.doc_id], -m.score))
        return same + [m for m in scored if m is not top and not self._same_task(m, top)]

    def _same_task(self, m: Match, top: Match) -> bool:
        """About the same task as ``top``: its own words cover at least half of the question's, it carries
        the number and year the question names as well, and it is good enough to answer on its own."""
        return m.coverage >= CLOSE_MATCH and m.marks >= top.marks and m.score >= self.min_score

    def search(self, query: str, limit: int = 50) -> list[Responsibility]:
        """Register entries for a free-text query (owner or task words, Swedish or English), best
        first (for equal matches, current plans before superseded ones and uploads); all when empty."""
        if not query.strip():
            return sorted(self.entries, key=lambda e: (e.owner_key, e.doc_id, _number_key(e.number)))
        q = self.answerer.question_terms(f"{query} {self.translate(query)}".strip())
        terms = self._analysed()
        scored = []
        for i in sorted(self._sharing_terms(q)):
            coverage = self.answerer.coverage(q, terms[i])
            if coverage > 0:
                scored.append((coverage, self.entries[i]))
        scored.sort(key=lambda x: (-x[0], -self.standing[x[1].doc_id], x[1].doc_id, _number_key(x[1].number)))
        return [e for _, e in scored[:limit]]

    def rows(self, query: str = "", limit: int = 50) -> list[RegisterRow]:
        """:meth:`search` with each entry's document title and task text (what the page and the CLI show)."""
        texts = self.snapshot.texts
        return [
            RegisterRow(e, self.snapshot.title(e.doc_id), texts.get(e.doc_id, "")[e.task_start : e.task_end])
            for e in self.search(query, limit)
        ]


CURRENT, SUPERSEDED, UPLOADED = 2, 1, 0
STANDINGS = (CURRENT, SUPERSEDED, UPLOADED)


def standing(d: DocumentInfo) -> int:
    """How far a document's statements are to be trusted over others' for the same task: a current plan
    of the ingested collection, then a superseded plan, then an uploaded document."""
    if d.uploaded:
        return UPLOADED
    return SUPERSEDED if d.superseded_by else CURRENT


def _number_key(number: str) -> int:
    digits = digits_in(number)
    return int(digits[0]) if digits else 10_000


def _passage_prior(e: Responsibility, passages: list[Passage]) -> float:
    for rank, p in enumerate(passages, start=1):
        if p.doc_id == e.doc_id and p.start <= e.task_start < p.end:
            return 1.0 / rank**0.5
    return 0.0


def _number_matches(e: Responsibility, numbers: set[str]) -> bool:
    return bool(numbers & set(digits_in(e.number)))
