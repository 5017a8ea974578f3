"""`Assistant.ask`: validate, retrieve, answer from the plans, cite — or say the plans do not cover it."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.answers import FRAMES, Answer, Citation, Frames, pieces_after_markers, short_title
from assistant.citation_check import SupportChecker
from assistant.context import sentence_around, sources_for
from assistant.extractive import GROUP_SEPARATOR, Evidence, ExtractiveAnswerer, Quote
from assistant.generative import GenerationRequest, GenerativeAnswerer
from assistant.options import AnswerOptions, LLMOptions
from assistant.owners import Match, OwnerFinder, RegisterRow
from assistant.validation import validate_question
from index.retriever import HybridRetriever
from index.types import DocumentInfo, Passage
from ingest.language.analysis import analyse_question
from ingest.language.answer_types import carries
from ingest.language.detect import detect_language
from ingest.language.questions import cannot_stand_alone, has_second_question
from ingest.language.spelling import Speller

OWNER_KINDS = frozenset({"owner"})  # the register names owners (recipients and parties: the passages)


@dataclass
class Prepared:
    """A question validated, its passages retrieved and answered offline."""

    question: str
    lang: str
    passages: list[Passage]
    matches: list[Match]  # register entries, for owner questions
    answer: Answer


def on_topic(e: Evidence, lang: str, o: AnswerOptions) -> bool:
    """The passages are close enough to the question, and few of its words are unknown to the corpus
    (thresholds per language, calibrated on the development sets and off-topic probes: docs/EVALUATION.md)."""
    if lang == "en":
        return e.dense >= o.min_dense_en and e.unknown < o.max_unknown_en
    return e.dense >= o.min_dense and e.unknown < o.max_unknown_sv


def supported(e: Evidence, lang: str, o: AnswerOptions) -> bool:
    """Off-topic questions use words the plans never use, weakly related ones score low
    similarity, and near misses lack the kind of answer they ask for (a date, a number, an
    amount, a period, a name, a named role)."""
    return on_topic(e, lang, o) and not e.missing


def partial(e: Evidence, lang: str, o: AnswerOptions) -> bool:
    """The plans cover the question's topic but lack the detail it asks for (a date, a number …)."""
    return e.missing in FRAMES[lang]["missing"] and on_topic(e, lang, o)


class Assistant:
    """The answering core's front: ask/stream, search, documents, owners, document, health — over one
    corpus snapshot (the retriever's). A new snapshot gets a new Assistant (see ``assistant.service``)."""

    def __init__(
        self,
        retriever: HybridRetriever,
        options: AnswerOptions = AnswerOptions(),
        generator: GenerativeAnswerer | None = None,
        min_support: dict[str, float] | None = None,
    ) -> None:
        self.retriever = retriever
        self.snapshot = snapshot = retriever.snapshot
        self.speller = Speller.from_texts(snapshot.texts.values())  # "nara vard" → "nära vård"
        self.options = options
        self.generator = generator  # None: the offline answerer only
        self.answerer = ExtractiveAnswerer(
            snapshot,
            options.max_sentences,
            type_weight=options.type_weight,
            relative_floor=options.relative_floor,
        )
        self.owner_finder = OwnerFinder(snapshot, self.answerer, retriever.swedish_terms)
        self.checker = SupportChecker(
            self.answerer,
            retriever.index.embedder.get_text_embedding_batch,
            snapshot,
            retriever.swedish_groups,
            min_support or LLMOptions().min_support,
        )

    # -- the corpus -----------------------------------------------------------------------------
    def documents(self) -> tuple[DocumentInfo, ...]:
        return self.snapshot.documents

    def document(self, doc_id: str) -> tuple[DocumentInfo, str] | None:
        """A document and its cleaned text (what citations' offsets point into)."""
        info = self.snapshot.document(doc_id)
        return (info, self.snapshot.texts[doc_id]) if info else None

    def owners(self, query: str = "", limit: int = 50) -> list[RegisterRow]:
        """The register: entries matching owner or task words (Swedish or English), best first; all when empty."""
        return self.owner_finder.rows(query, limit)

    def search(self, query: str, k: int) -> list[Passage]:
        """The ``k`` passages retrieved for ``query`` (checked like a question; Swedish or English), best
        first: what an answer to it would rest on. Each passage's text is its document's text[start:end]."""
        return self.retriever.retrieve(validate_question(query, self.options.max_question_chars), k)

    def health(self) -> int:
        """The number of documents; raises ``StoreUnavailable`` when the store does not answer."""
        self.retriever.index.heartbeat()
        return len(self.snapshot)

    # -- asking -------------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[str] = ()) -> Answer:
        """The final answer (generated and checked when a language model is configured)."""
        answer = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                answer = item
        if answer is None:  # every stream ends with its Answer
            raise RuntimeError("the answer stream ended without an answer")
        return answer

    def stream(self, question: str, history: Sequence[str] = ()) -> Iterator[str | Answer]:
        """Yields the answer text piece by piece, then the Answer.

        Offline: one quoted sentence at a time. With a language model: an empty piece as soon as the
        passages are retrieved (the model is being asked), its tokens as they arrive, then the Answer
        after the citation check, whose text replaces the streamed text (it may be the offline answer
        with a notice, when the model gave nothing usable)."""
        t0 = time.perf_counter()
        prepared = self._prepare(question, history)
        if self.generator is None or not prepared.answer.supported:
            yield from self.stream_text(prepared.answer)
            yield prepared.answer
            return
        yield ""
        answer = prepared.answer
        t1 = time.perf_counter()
        for item in self.generator.stream(self._request(prepared, history)):
            if isinstance(item, Answer):
                answer = item
            else:
                yield item
        answer.read_with_previous = prepared.answer.read_with_previous
        answer.timings = {**prepared.answer.timings, "generate": (time.perf_counter() - t1) * 1e3}
        answer.timings["total"] = (time.perf_counter() - t0) * 1e3
        yield answer

    def _prepare(self, question: str, history: Sequence[str]) -> Prepared:
        """Validate, retrieve and answer offline (the answer shown without a model, or when it fails)."""
        t0 = time.perf_counter()
        text = validate_question(question, self.options.max_question_chars)
        lang = detect_language(text)
        spelled = self.speller.restore(text, typos=lang == "sv")
        query = resolve_follow_up(spelled, history)
        t1 = time.perf_counter()
        passages = self.retriever.retrieve(query, self.options.passages)
        t2 = time.perf_counter()
        # an English question is scored by its Swedish terms: its English words never occur in the plans
        scoring_query = GROUP_SEPARATOR.join(self.retriever.swedish_groups(query)) or query
        similarity = self._similarity(query, passages)
        analysis = analyse_question(spelled)
        quotes = self.answerer.select(analysis, scoring_query, passages, similarity)
        evidence = self.answerer.evidence(scoring_query, quotes[:2], analysis, self.snapshot.known_text)
        matches: list[Match] = []
        if quotes and partial(evidence, lang, self.options):
            answer = self._partial_answer(text, lang, evidence.missing, quotes[0])
        elif not quotes or not supported(evidence, lang, self.options):
            # off topic (the question's words unknown to the plans, or the passages far from it): nothing
            # is offered as related either (the keyword score alone counts translated generic words)
            answer = self._refuse(text, lang, passages if on_topic(evidence, lang, self.options) else [])
        else:
            if analysis.expects in OWNER_KINDS:
                matches = self.owner_finder.find(text, scoring_query, passages, similarity)
            owner = self._from_register(text, lang, matches) if matches else None
            answer = self._compose(text, lang, quotes) if owner is None else owner
            if owner is not None and has_second_question(text):
                answer = self._extend(owner, lang, quotes)
            if analysis.wants_name and not _names_person(answer):
                answer = self._partial_answer(text, lang, "name", quotes[0])
        t3 = time.perf_counter()
        answer.timings = {
            "validate": (t1 - t0) * 1e3,
            "retrieve": (t2 - t1) * 1e3,
            "answer": (t3 - t2) * 1e3,
            "total": (t3 - t0) * 1e3,
        }
        answer.read_with_previous = history[-1] if query != spelled else ""  # read as a follow-up
        return Prepared(text, lang, passages, matches, answer)

    def _request(self, prepared: Prepared, history: Sequence[str]) -> GenerationRequest:
        entries = [m.entry for m in prepared.matches]
        return GenerationRequest(
            question=prepared.question,
            lang=prepared.lang,
            history=list(history),
            sources=sources_for(entries, prepared.passages, self.snapshot),
            offline=prepared.answer,
            snapshot=self.snapshot,
            checker=self.checker,
        )

    @staticmethod
    def stream_text(answer: Answer) -> Iterator[str]:
        """The answer's text in pieces that end after a citation marker."""
        for piece in pieces_after_markers(answer.text):
            yield piece + " "

    def _similarity(self, query: str, passages: list[Passage]):
        """Cosine similarity of the question to each stored sentence of these passages, re-centred
        on the passages' best so that the scale is comparable across questions."""
        q = np.asarray(self.retriever.query_vector(query), dtype=np.float32)
        stored = self.snapshot.sentence_vectors([p.chunk_id for p in passages])
        sims = {span: float(np.dot(q, np.asarray(v, dtype=np.float32))) for span, v in stored.items()}
        best = max(sims.values(), default=0.0)
        by_doc = {(p.doc_id, a, b) for p in passages for (a, b) in stored if p.start <= a < p.end}
        table = {(d, a, b): sims[(a, b)] - best for d, a, b in by_doc}
        return lambda doc_id, a, b: table.get((doc_id, a, b), -0.1)

    # -- composing ----------------------------------------------------------------------------
    def citation(self, marker: int, passage: Passage, start: int, end: int) -> Citation:
        return self.snapshot.citation(marker, passage.doc_id, start, end, passage)

    def _compose(self, question: str, lang: str, quotes: list[Quote], first_marker: int = 1) -> Answer:
        frames = FRAMES[lang]
        parts: list[str] = []
        citations: list[Citation] = []
        current_doc = None
        for quote in quotes:
            citation = self.citation(first_marker + len(citations), quote.passage, quote.start, quote.end)
            citations.append(citation)
            if quote.passage.doc_id != current_doc:
                current_doc = quote.passage.doc_id
                frame = frames["according"].format(title=short_title(citation.title))
                if citation.superseded_by:
                    frame += " (" + frames["replaced"].format(title=citation.superseded_by) + ")"
                parts.append(frame + ":")
            parts.append(f"”{quote.text}” [{citation.marker}]")
        return Answer(question=question, text=" ".join(parts), citations=citations, language=lang, mode="extractive")

    def _from_register(self, question: str, lang: str, matches: list[Match]) -> Answer:
        frames = FRAMES[lang]
        parts: list[str] = []
        citations: list[Citation] = []
        for m in matches:
            parts.append(self._owner_sentence(m, frames, citations))
        return Answer(question=question, text=" ".join(parts), citations=citations, language=lang, mode="register")

    def _owner_sentence(self, m: Match, frames: Frames, citations: list[Citation]) -> str:
        """ "<owner> [1] fick i uppdrag (<title>, <year>, nr 5): ”<task>” [2]" — the owner first.

        [1] cites the whole sentence that names the owner (often a heading far above the item);
        when the task sentence names its owner itself, one citation covers both."""
        e = m.entry
        text = self.snapshot.texts[e.doc_id]
        if e.task_start <= e.owner_start < e.task_end:
            task = self._cite(citations, e.doc_id, e.task_start, e.task_end)
            owner_marker = task.marker
        else:
            a, b = sentence_around(text, e.owner_start, e.owner_end)
            owner_marker = self._cite(citations, e.doc_id, a, b).marker
            task = self._cite(citations, e.doc_id, e.task_start, e.task_end)
        replaced = ""
        if task.superseded_by:
            replaced = f" ({frames['replaced'].format(title=task.superseded_by)})"
        where = [short_title(task.title) + replaced]
        document = self.snapshot.document(e.doc_id)
        if document is not None and document.uploaded:
            where.append(frames["uploaded"])  # not one of the plans the server was set up with
        if e.year:
            where.append(e.year)
        if e.number:
            where.append(frames["number"].format(n=e.number))
        kind = frames["kinds"].get(e.kind, frames["kinds"]["other"])
        owner_name = text[e.owner_start : e.owner_end]
        owner_name = owner_name[:1].upper() + owner_name[1:]  # it opens a sentence ("chefsgruppen …")
        return f"{owner_name} [{owner_marker}] {kind} ({', '.join(where)}): ”{task.quote}” [{task.marker}]"

    def _cite(self, citations: list[Citation], doc_id: str, start: int, end: int) -> Citation:
        citation = self.snapshot.citation(len(citations) + 1, doc_id, start, end)
        citations.append(citation)
        return citation

    def _extend(self, answer: Answer, lang: str, quotes: list[Quote]) -> Answer:
        """Add the best quotes the register answer does not already cite (for a second question)."""
        cited = {(c.doc_id, c.start) for c in answer.citations}
        extra = [q for q in quotes if (q.passage.doc_id, q.start) not in cited][:2]
        if not extra:
            return answer
        more = self._compose(answer.question, lang, extra, first_marker=len(answer.citations) + 1)
        answer.text += " " + more.text
        answer.citations += more.citations
        return answer

    def _partial_answer(self, question: str, lang: str, missing: str, quote: Quote) -> Answer:
        """ "The plans do not give a date for this. The closest they say: ”…” [1]" — not an answer."""
        frames = FRAMES[lang]
        citation = self.citation(1, quote.passage, quote.start, quote.end)
        text = frames["partial"].format(what=frames["missing"][missing]) + f" ”{quote.text}” [1]"
        return Answer(question, text, [citation], language=lang, supported=False, mode="partial")

    def _refuse(self, question: str, lang: str, passages: list[Passage]) -> Answer:
        """The refusal, offering as possibly related what :func:`related_passages` picks of ``passages``."""
        frames = FRAMES[lang]
        related = [self.citation(i, p, p.start, p.end) for i, p in enumerate(related_passages(passages), start=1)]
        text = frames["refusal"]
        if related:
            text += " " + frames["related"] + " " + "; ".join(f"{c.title} [{c.marker}]" for c in related)
        return Answer(question=question, text=text, language=lang, supported=False, mode="refusal", related=related)


def _names_person(answer: Answer) -> bool:
    return any(carries("person", c.quote) for c in answer.citations)


def related_passages(passages: list[Passage], n: int = 3) -> list[Passage]:
    """What a refusal offers as possibly related: the best passage of each document among those that
    share a word with the question (its keyword score), so no plan is named twice and a question the
    plans never speak of ("Hur bakar man kanelbullar?") is offered nothing. (An off-topic question
    gets no passages here at all: see ``Assistant._prepare``.)"""
    out: list[Passage] = []
    for p in passages:
        if p.scores.get("word", 0.0) > 0 and all(p.doc_id != q.doc_id for q in out):
            out.append(p)
    return out[:n]


def resolve_follow_up(question: str, history: Sequence[str]) -> str:
    """A follow-up, a question that cannot stand alone ("och vem följer upp den?"), is searched together
    with the previous question."""
    if history and cannot_stand_alone(question):
        return f"{question} ({history[-1]})"
    return question
