"""Generative answers: a language model writes the answer from numbered passages, then every citation
is checked against the passage it names (`assistant.citation_check`).

Flow: pack the passages to the token budget (`assistant.context`) → render the versioned prompt of
the question's language (`prompts/answer.<lang>.<version>.txt`) → stream the model's text to the
caller piece by piece → split the text into sentences and check each citation → compose the
`Answer`: each sentence with the citations that support it (exact spans, like the offline
answerer's), sentences whose citations do not support them marked *unverified*.

Whenever the model gives nothing usable — the server is down, slow, answers with an error, with
output that cannot be read, with nothing, or with no sentence that a cited passage supports — the
offline answer is returned instead, with a short notice in the question's language.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import prompts
from assistant.answers import Answer, AnswerSentence, Citation, with_markers
from assistant.citation_check import CheckedClaim, SupportChecker, split_claims
from assistant.context import ContextPassage, Source, pack, render
from assistant.llm import ChatModel, GenerationFailed
from assistant.options import LLMOptions
from index.snapshot import CorpusSnapshot

_QUOTED = "svaret nedan citerar planerna direkt."
_QUOTED_EN = "the answer below quotes the plans directly."
NOTICES = {
    "sv": {
        "unreachable": "Språkmodellen gick inte att nå; " + _QUOTED,
        "timeout": "Språkmodellen svarade inte i tid; " + _QUOTED,
        "server": "Språkmodellen svarade med ett fel; " + _QUOTED,
        "malformed": "Språkmodellens svar gick inte att läsa; " + _QUOTED,
        "empty": "Språkmodellen gav inget svar; " + _QUOTED,
        "unsupported": "Språkmodellens svar kunde inte beläggas med planerna; " + _QUOTED,
        "partly": "{n} av {total} meningar kunde inte beläggas med planerna och är markerade.",
    },
    "en": {
        "unreachable": "The language model could not be reached; " + _QUOTED_EN,
        "timeout": "The language model did not answer in time; " + _QUOTED_EN,
        "server": "The language model answered with an error; " + _QUOTED_EN,
        "malformed": "The language model's answer could not be read; " + _QUOTED_EN,
        "empty": "The language model gave no answer; " + _QUOTED_EN,
        "unsupported": "The language model's answer could not be checked against the plans; " + _QUOTED_EN,
        "partly": "{n} of {total} sentences could not be checked against the plans and are marked.",
    },
}
NO_HISTORY = {"sv": "(inga)", "en": "(none)"}
# chat-template tokens and reasoning blocks some servers leave in the text
_NOISE = re.compile(r"<think>.*?</think>|<\|[^|<>]{1,40}\|>|</?(?:end_of_turn|start_of_turn|eos|bos|s)>", re.DOTALL)


@dataclass
class GenerationRequest:
    """What the engine knows when the model is asked: the question, the passages, the offline answer."""

    question: str
    lang: str
    history: Sequence[str]
    sources: list[Source]
    offline: Answer  # shown instead when the model gives nothing usable
    snapshot: CorpusSnapshot  # the corpus the sources are spans of
    checker: SupportChecker


class GenerativeAnswerer:
    def __init__(self, model: ChatModel, options: LLMOptions = LLMOptions()) -> None:
        self.model = model
        self.options = options
        for lang in NOTICES:  # a missing or broken prompt file stops the start, not the first question
            prompts.load(f"answer.{lang}.{options.prompt_version}")

    def messages(self, request: GenerationRequest, context: list[ContextPassage]) -> list[tuple[str, str]]:
        prompt = prompts.load(f"answer.{request.lang}.{self.options.prompt_version}")
        history = "; ".join(h.strip() for h in request.history[-3:] if h.strip()) or NO_HISTORY[request.lang]
        return prompt.render(passages=render(context), history=history, question=request.question)

    def stream(self, request: GenerationRequest) -> Iterator[str | Answer]:
        """The model's text piece by piece as it arrives, then the checked Answer (or the offline one)."""
        context = pack(request.sources, request.snapshot.texts, self.options.context_tokens)
        if not context:
            yield fallback(request.offline, "unsupported")
            return
        pieces: list[str] = []
        try:
            for piece in self.model.stream(self.messages(request, context)):
                pieces.append(piece)
                yield piece
        except GenerationFailed as e:
            yield fallback(request.offline, e.reason)
            return
        text = _NOISE.sub("", "".join(pieces)).strip()
        if not text:
            yield fallback(request.offline, "empty")
            return
        checked = request.checker.check(split_claims(text), request.lang, context)
        if not any(c.status == "verified" for c in checked):
            yield fallback(request.offline, "unsupported")
            return
        yield compose(request, checked, {p.number: p for p in context})


def fallback(offline: Answer, reason: str) -> Answer:
    answer = copy.copy(offline)
    answer.notice = NOTICES[offline.language][reason]
    answer.fallback = reason
    return answer


def compose(request: GenerationRequest, checked: list[CheckedClaim], context: dict[int, ContextPassage]) -> Answer:
    """The generated sentences, each followed by the citations that support it (numbered afresh)."""
    citations: list[Citation] = []
    marker_of: dict[tuple[str, int, int], int] = {}
    sentences: list[AnswerSentence] = []
    text = ""
    for c in checked:
        markers: list[int] = []
        for support in c.supports:
            doc_id = context[support.number].source.doc_id
            for a, b in support.spans:
                if (doc_id, a, b) not in marker_of:
                    citations.append(request.snapshot.citation(len(citations) + 1, doc_id, a, b))
                    marker_of[(doc_id, a, b)] = citations[-1].marker
                markers.append(marker_of[(doc_id, a, b)])
        markers = list(dict.fromkeys(markers))
        sentences.append(AnswerSentence(c.claim.text, c.status, markers, c.best))
        text += ("\n" if c.claim.newline_before else " ") + with_markers(c.claim.text, markers)
    answer = Answer(
        question=request.question,
        text=text.strip(),
        citations=citations,
        language=request.lang,
        mode="generated",
        sentences=sentences,
    )
    unchecked = sum(s.status != "verified" for s in sentences)
    if unchecked:
        answer.notice = NOTICES[request.lang]["partly"].format(n=unchecked, total=len(sentences))
    return answer
