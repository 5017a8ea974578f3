"""The offline answerer: 1–4 sentences quoted verbatim from the retrieved passages, each cited.

No model writes anything: sentences of the top passages are scored against the question
(IDF-weighted overlap of Swedish-stemmed words, character 4-grams for compounds, and the
passage's retrieval score), near-duplicates are dropped, and the best are quoted with their
exact offsets. A numbered item is preceded by the heading that assigns it ("X får i uppdrag
att:"), so the owner comes first. A list question gets the list items in order.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from assistant.ranking import HAND_SET, Ranker
from index.snapshot import CorpusSnapshot
from index.types import Passage
from ingest.language.acronyms import expansions, is_acronym
from ingest.language.analysis import QuestionAnalysis, asks_expansion
from ingest.language.answer_types import asked_count, carries, enumerates
from ingest.language.marks import PERIOD, is_item, period_in
from ingest.language.questions import asked_role
from ingest.language.search_text import search_form
from ingest.language.sentences import quotable_sentences, split_sentences
from ingest.language.words import QUESTION_STEMS, WORD, analyse, analyse_chars, opens_with_back_reference

GROUP_SEPARATOR = " | "
# Kinds of answer with a form of their own (a date, a number …) that a quote must carry.
TYPED_KINDS = frozenset(
    {"date", "period", "number", "amount", "contact", "place", "owner", "recipient", "parties", "definition"}
)
# Kinds whose form is plain enough that a quote without it does not answer the question.
REQUIRED_KINDS = frozenset({"date", "period", "number", "amount", "contact"})  # and a name, when one is asked for
# (groups of alternative stems with their weight, character 4-grams of the question's words)
QuestionTerms = tuple[list[tuple[frozenset[str], float]], set[str]]
# similarity(doc_id, start, end) → cosine similarity of the question and that stored sentence (0 if none)
Similarity = Callable[[str, int, int], float]


@dataclass
class Quote:
    passage: Passage
    start: int  # offsets in the document's cleaned text
    end: int
    text: str
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)


@dataclass
class Evidence:
    """What decides whether the plans answer the question at all."""

    coverage: float  # IDF-weighted share of the question's terms found in the best sentence
    dense: float  # cosine similarity of the best passage
    unknown: float  # share of the question's terms that occur nowhere in the indexed plans
    missing: str = ""  # the kind of answer the question expects but the evidence lacks, if any


def text_terms(text: str) -> frozenset[str]:
    """The stemmed terms of a text, as :meth:`ExtractiveAnswerer.sentence_score` matches them."""
    return frozenset(analyse(search_form(text)))


class ExtractiveAnswerer:
    def __init__(
        self,
        snapshot: CorpusSnapshot,
        max_sentences: int = 4,
        relative_floor: float = 0.6,
        dense_weight: float = 4.0,
        type_weight: float = 0.0,
        ranker: Ranker = HAND_SET,
    ) -> None:
        self.type_weight = type_weight
        self.ranker = ranker
        self.texts = snapshot.texts
        self.dense_weight = dense_weight
        df: Counter[str] = Counter()
        passages_corpus = list(snapshot.passages.values())
        for p in passages_corpus:
            df.update(set(analyse(search_form(p.text + " " + p.context))))
        self._n = max(len(passages_corpus), 1)
        self._df = df
        self.max_sentences = max_sentences
        self.relative_floor = relative_floor

    def idf(self, term: str) -> float:
        return math.log(1 + self._n / (1 + self._df.get(term, 0)))

    # -- scoring ------------------------------------------------------------------------------
    def question_terms(self, question: str) -> QuestionTerms:
        """The question's terms in groups of alternatives: ``GROUP_SEPARATOR`` separates the groups
        of a glossary translation (one English phrase → several Swedish words, any of which
        counts); otherwise every stemmed word is its own group. A group weighs its rarest term."""
        if GROUP_SEPARATOR in question:
            raw = [analyse(search_form(g)) for g in question.split(GROUP_SEPARATOR)]
        else:
            raw = [[t] for t in analyse(search_form(question))]
        groups = []
        for stems in raw:
            stems = [t for t in stems if t not in QUESTION_STEMS]
            if stems:
                groups.append((frozenset(stems), max(self.idf(t) for t in stems)))
        words = question.replace(GROUP_SEPARATOR, " ")
        grams = set(analyse_chars(" ".join(w for w in WORD.findall(words) if len(w) > 3)))
        return groups, grams

    def sentence_score(self, q: QuestionTerms, text: str, prior: float) -> tuple[float, float]:
        """(score, coverage): coverage is the IDF-weighted share of the question's term groups in the text."""
        grams = q[1]
        form = search_form(text)
        coverage = self.coverage(q, set(analyse(form)))
        char = len(grams & set(analyse_chars(form))) / len(grams) if grams else 0.0
        return 0.5 * coverage + 0.3 * char + 0.2 * prior, coverage

    @staticmethod
    def coverage(q: QuestionTerms, present: AbstractSet[str]) -> float:
        """The IDF-weighted share of the question's term groups among ``present`` (see :func:`text_terms`)."""
        groups = q[0]
        total = sum(w for _, w in groups) or 1.0
        return sum(w for stems, w in groups if stems & present) / total

    def unknown_share(self, q: QuestionTerms) -> float:
        """Share of the question's term groups none of whose words occur anywhere in the plans."""
        groups = q[0]
        if not groups:
            return 1.0
        return sum(1 for stems, _ in groups if all(self._df.get(t, 0) == 0 for t in stems)) / len(groups)

    def candidates(
        self,
        question_query: str,
        passages: list[Passage],
        similarity: Similarity,
        question: QuestionAnalysis | None = None,
    ) -> list[Quote]:
        """Every quotable sentence of the passages, scored by the ranker, best first."""
        q = self.question_terms(question_query)
        quotes = []
        top = passages[0].score if passages else 1.0
        for rank, p in enumerate(passages):
            text = self.texts[p.doc_id]
            prior = (p.score / top) if top > 0 else 0.0
            heading = p.section.rsplit(" > ", 1)[-1]  # what the sentence is about
            for a, b in quotable_sentences(text, p.start, p.end):
                sentence = text[a:b]
                if _is_title(sentence) or sentence.rstrip().endswith("?"):
                    continue  # a heading, or a question the document asks: neither states anything
                f = self.features(q, sentence, f"{p.context} {heading}", question)
                f.update(dense_rel=similarity(p.doc_id, a, b), prior=prior, first=float(rank == 0))
                quote = Quote(p, a, b, sentence, self.ranker.score(f))
                quote.features = f
                quotes.append(quote)
        quotes.sort(key=lambda x: -x.score)
        return quotes

    def features(
        self, q: QuestionTerms, sentence: str, context: str, question: QuestionAnalysis | None
    ) -> dict[str, float]:
        """The features of a sentence that do not depend on its passage (see :mod:`assistant.ranking`)."""
        grams = q[1]
        around = search_form(f"{sentence} {context}")
        own = search_form(sentence)
        kind = question.expects if question else ""
        return {
            "coverage": self.coverage(q, set(analyse(around))),
            "own_coverage": self.coverage(q, set(analyse(own))),
            "char": len(grams & set(analyse_chars(around))) / len(grams) if grams else 0.0,
            "typed": float(kind in TYPED_KINDS and carries(kind, sentence, question.term if question else "")),
            "item": float(is_item(sentence)),
            "lead_in": float(sentence.rstrip().endswith(":")),
            "back_ref": float(opens_with_back_reference(sentence)),
            "short": 1.0 / max(1, len(sentence.split())),
        }

    # -- selection ----------------------------------------------------------------------------
    def select(
        self,
        question: QuestionAnalysis,
        query: str,
        passages: list[Passage],
        similarity: Similarity = lambda doc_id, a, b: 0.0,
    ) -> list[Quote]:
        ranked = self.candidates(query, passages, similarity, question)
        if not ranked:
            return []
        if self.type_weight:
            ranked = self._by_answer_type(ranked, question)
        if question.expects == "definition" and is_acronym(question.term) and asks_expansion(question.question):
            defined = self._definition_of(question.term, passages)
            if defined:
                return [defined]
        if question.expects == "list":
            listed = self._list_quotes(ranked[:6])
            if listed:
                return listed
        chosen = self._best(ranked, compare="comparison" in question.kinds)
        return self._with_lists(self._with_lead_ins(chosen))

    def _definition_of(self, acronym: str, passages: list[Passage]) -> Quote | None:
        """The sentence of the passages read that defines the acronym ("… (SKR)", "SMO (…)"), if any."""
        for p in passages:
            text = self.texts[p.doc_id]
            for e in expansions(text[p.start : p.end]):
                if e.acronym == acronym:
                    at = p.start + e.start
                    a, b = next(((a, b) for a, b in split_sentences(text, p.start, p.end) if a <= at < b), (at, at))
                    return Quote(p, a, b, text[a:b], 1.0)
        return None

    def _by_answer_type(self, ranked: list[Quote], question: QuestionAnalysis) -> list[Quote]:
        """Sentences that carry the kind of answer asked for (a date for "när …?") rank higher."""
        kind = question.expects
        if kind not in TYPED_KINDS:
            return ranked
        for q in ranked:
            if carries(kind, q.text, question.term):
                q.score += self.type_weight
        return sorted(ranked, key=lambda x: -x.score)

    def _best(self, ranked: list[Quote], compare: bool) -> list[Quote]:
        """The best sentences (near-duplicates dropped); a comparison question also gets the best
        sentence of the next document, so both sides are quoted."""
        chosen: list[Quote] = []
        seen: list[set[str]] = []
        floor = ranked[0].score * self.relative_floor  # the score is a weighted sum of shares
        for quote in ranked:
            if len(chosen) >= self.max_sentences or quote.score < floor:
                break
            stems = set(analyse(quote.text))
            if any(_jaccard(stems, s) > 0.7 for s in seen):
                continue
            chosen.append(quote)
            seen.append(stems)
        docs = {q.passage.doc_id for q in chosen}
        if compare and len(docs) == 1:
            other = next((q for q in ranked if q.passage.doc_id not in docs), None)
            if other:
                chosen = [*chosen[: self.max_sentences - 1], other]
        return chosen

    def _with_lists(self, quotes: list[Quote]) -> list[Quote]:
        """A quoted lead-in ("… inom områdena:") brings the list it introduces."""
        out: list[Quote] = []
        for quote in quotes:
            out.append(quote)
            text = self.texts[quote.passage.doc_id]
            if not quote.text.rstrip().endswith(":"):
                continue
            after = quote.end + len(text[quote.end :]) - len(text[quote.end :].lstrip())
            line_end = text.find("\n", after)
            span = _list_span(text, after, len(text) if line_end < 0 else line_end, after)
            if span and not any(q.start <= span[0] < q.end or span[0] <= q.start < span[1] for q in quotes):
                out.append(Quote(quote.passage, span[0], span[1], text[span[0] : span[1]], quote.score))
        return out

    def evidence(self, query: str, quotes: list[Quote], question: QuestionAnalysis, known_text: str) -> Evidence:
        """What decides whether the quotes answer the question. ``known_text``: all indexed text
        (documents and metadata), to tell a period the plans never name. The kind of answer the
        question asks for (a date, a number, an amount, a period, contact details, a person's name)
        must be in the quotes, else it is reported missing."""
        q = self.question_terms(query)
        coverage = max((self.sentence_score(q, x.text + " " + x.passage.context, 0)[1] for x in quotes), default=0.0)
        dense = max((x.passage.scores.get("dense", 0.0) for x in quotes), default=0.0)
        missing = missing_answer_type(question, quotes, known_text)
        return Evidence(coverage, dense, self.unknown_share(q), missing)

    def _with_lead_ins(self, chosen: list[Quote]) -> list[Quote]:
        """Put the heading that assigns a numbered item right before the item (owner first)."""
        out: list[Quote] = []
        for quote in chosen:
            lead = self._lead_in(quote, self.texts[quote.passage.doc_id])
            if lead and not any(q.start == lead.start for q in out):
                out.append(lead)
            if not any(q.start == quote.start for q in out):
                out.append(quote)
        return out

    def _lead_in(self, quote: Quote, text: str) -> Quote | None:
        if not is_item(quote.text):
            return None
        p = quote.passage
        before = [(a, b) for a, b in split_sentences(text, p.start, quote.start) if text[a:b].rstrip().endswith(":")]
        if before:
            a, b = before[-1]
            return Quote(p, a, b, text[a:b], quote.score)
        if p.context and p.context_start >= 0 and text[p.context_start : p.context_start + len(p.context)] == p.context:
            a, b = p.context_start, p.context_start + len(p.context)
            return Quote(p, a, b, p.context, quote.score)
        return None

    def _list_quotes(self, ranked: list[Quote]) -> list[Quote]:
        """The list (contiguous item lines) in the best passages that hold one, with its lead-in."""
        for quote in ranked:
            text = self.texts[quote.passage.doc_id]
            span = _list_span(text, quote.passage.start, quote.passage.end, quote.start)
            if span:
                a, b = span
                items = Quote(quote.passage, a, b, text[a:b], quote.score)
                lead = self._lead_in(items, text)
                return [lead, items] if lead else [items]
        return []


def missing_answer_type(question: QuestionAnalysis, quotes: list[Quote], known_text: str) -> str:
    """The kind of answer the question asks for but the quoted evidence does not hold ('' if none):
    a period the plans never name, a role, as many things as the question counts ("vilka sex …"), a date,
    a number, an amount, contact details, a person's name."""
    evidence = " ".join(x.text + " " + x.passage.context for x in quotes)
    for a, b in PERIOD.findall(question.question):
        if not period_in(known_text, a, b):
            return f"period {a}–{b}"
    role = asked_role(question.question)
    if role and role[1] not in evidence.lower():
        return f"role {role[0]}"
    count = asked_count(question.question)
    if count and not enumerates([x.text for x in quotes], count):
        return "items"
    if question.expects in REQUIRED_KINDS and not carries(question.expects, evidence, question.term):
        return question.expects
    if question.wants_name and not carries("person", evidence):
        return "name"
    return ""


def _is_title(sentence: str) -> bool:
    """A heading standing alone ("Uppföljning av färdplanen"): no verb-bearing sentence to quote."""
    s = sentence.strip()
    return len(s.split()) <= 6 and s[-1:] not in ".!?:;" and not is_item(s) and ":" not in s


def _list_span(text: str, p_start: int, p_end: int, near: int) -> tuple[int, int] | None:
    """Offsets of the run of item lines (≥ 2) in the passage nearest ``near``, extended through the
    document while the lines before and after it are items too (a list cut by a chunk boundary)."""
    runs: list[list[tuple[int, int]]] = [[]]
    pos = p_start
    for line in text[p_start:p_end].split("\n"):
        if is_item(line.strip()):
            runs[-1].append((pos, pos + len(line)))
        elif runs[-1]:
            runs.append([])
        pos += len(line) + 1
    runs = [r for r in runs if r]
    if not runs:
        return None
    run = next((r for r in runs if r[-1][1] >= near), runs[-1])
    start, end = run[0][0], run[-1][1]
    while start > 0:  # earlier items, before the passage
        prev_start = text.rfind("\n", 0, start - 1) + 1
        if not is_item(text[prev_start : start - 1].strip()):
            break
        start = prev_start
    while end < len(text) and text[end : end + 1] == "\n":  # later items, after the passage
        nxt_end = text.find("\n", end + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        if not is_item(text[end + 1 : nxt_end].strip()):
            break
        end = nxt_end
    count = text[start:end].count("\n") + 1
    return (start, end) if count >= 2 else None


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
