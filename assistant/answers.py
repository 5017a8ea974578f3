"""What an answer is: text with inline markers [1], [2] … and the citations they point to."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypedDict

from index.types import Citation
from ingest.language.sentences import final_punctuation_at


class Frames(TypedDict):
    """The words an offline answer is framed in, in one language."""

    according: str  # "Enligt {title}"
    replaced: str
    uploaded: str  # an uploaded document, not one of the plans the server was set up with
    refusal: str
    partial: str  # "… {what} …", with one of ``missing``
    missing: dict[str, str]  # the kind of answer missing → how the partial answer names it
    related: str
    number: str
    kinds: dict[str, str]  # a register entry's kind → its verb


# The words an offline answer is framed in, in the question's language.
FRAMES: dict[str, Frames] = {
    "sv": {
        "according": "Enligt {title}",
        "replaced": "ersatt av {title}",
        "uploaded": "uppladdat dokument",
        "refusal": "Det framgår inte av planerna.",
        "partial": "Planerna anger inte {what}. Det närmaste de säger:",
        "missing": {
            "date": "något datum för det",
            "period": "någon tidsperiod för det",
            "number": "något antal",
            "amount": "något belopp",
            "contact": "några kontaktuppgifter",
            "name": "något namn",
            "items": "hela uppräkningen",
        },
        "related": "Möjligen relaterat:",
        "number": "nr {n}",
        "kinds": {
            "assigned": "fick i uppdrag",
            "responsible": "ansvarar",
            "decided": "beslutade",
            "follows_up": "följer upp",
            "other": "nämns",
        },
    },
    "en": {
        "according": "According to {title}",
        "replaced": "replaced by {title}",
        "uploaded": "uploaded document",
        "refusal": "I can't find this in the plans.",
        "partial": "The plans do not give {what}. The closest they say:",
        "missing": {
            "date": "a date for this",
            "period": "a period for this",
            "number": "a number",
            "amount": "an amount",
            "contact": "any contact details",
            "name": "a name",
            "items": "the full list",
        },
        "related": "Possibly related:",
        "number": "no. {n}",
        "kinds": {
            "assigned": "was assigned",
            "responsible": "is responsible",
            "decided": "decided",
            "follows_up": "follows up",
            "other": "is named",
        },
    },
}


def short_title(title: str, limit: int = 60) -> str:
    """A document's title as an answer names it: the main title without its subtitle ("Psykisk hälsa
    och suicidprevention - Regeringens handlingsplan för …" → "Psykisk hälsa och suicidprevention"),
    at most ``limit`` characters, cut at a word. The sources list gives the whole title."""
    for sep in (" – ", " - ", ": "):
        head = title.split(sep, 1)[0]
        if 15 <= len(head) < len(title):
            title = head
            break
    if len(title) <= limit:
        return title
    return title[: title.rfind(" ", 0, limit)].rstrip(" ,;–-") + " …"


@dataclass
class AnswerSentence:
    """A sentence a language model wrote, after the citation check.

    ``verified``: a cited passage supports it; ``markers`` are the citations that show where.
    ``unverified``: it cites passages, but none supports it (or none was given); no marker is kept.
    ``uncited``: it cites nothing.
    """

    text: str
    status: str  # "verified" | "unverified" | "uncited"
    markers: list[int] = field(default_factory=list)
    support: float = 0.0  # the best support score among its cited passages

    def to_json(self) -> dict:
        return {"text": self.text, "status": self.status, "markers": self.markers, "support": round(self.support, 3)}


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    language: str = "sv"
    supported: bool = True  # False: the plans do not seem to cover the question
    # "register" | "extractive" | "generated" | "partial" (the topic, not the detail asked for) | "refusal" | "invalid"
    mode: str = "extractive"
    related: list[Citation] = field(default_factory=list)  # "possibly related" passages on refusal
    notice: str = ""  # a short note for the user, e.g. why the language model's answer is not shown
    sentences: list[AnswerSentence] = field(default_factory=list)  # generated answers: each sentence checked
    fallback: str = ""  # why a generated answer was replaced by this one (GenerationFailed.REASONS)
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds
    read_with_previous: str = ""  # the previous question, when this one was read as its follow-up

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "language": self.language,
            "supported": self.supported,
            "mode": self.mode,
            "notice": self.notice,
            "fallback": self.fallback,
            "sentences": [s.to_json() for s in self.sentences],
            "citations": [c.to_json() for c in self.citations],
            "related": [c.to_json() for c in self.related],
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
            "read_with_previous": self.read_with_previous,
        }


def with_markers(sentence: str, markers: list[int]) -> str:
    """ "X ansvarar för Y." + [1, 2] → "X ansvarar för Y [1] [2]." """
    if not markers:
        return sentence
    tags = " ".join(f"[{m}]" for m in markers)
    end = final_punctuation_at(sentence)
    if end is not None:
        return f"{sentence[:end]} {tags}{sentence[end:]}"
    return f"{sentence} {tags}"


# -- markers ------------------------------------------------------------------------------------
# A marker as answers write it, "[1]", "[2–4]", "[1, 3]", and as a model may: "[källa 2]", "[passage 1]".
_MARKER_LIST = r"\d{1,3}(?:\s*(?:,|;|-|–|och|and)\s*\d{1,3})*"
MARKER = re.compile(rf"\s*\[(?:(?:passage|utdrag|källa|source)\s*)?({_MARKER_LIST})\]", re.IGNORECASE)
# Markers that open a sentence: they belong to the sentence before ("… i maj. [2] Sedan …").
LEADING_MARKERS = re.compile(rf"^(?:\s*\[(?:(?:passage|utdrag|källa|source)\s*)?{_MARKER_LIST}\])+", re.IGNORECASE)
_MARKER_PARTS = re.compile(r"\s*(?:,|;|och|and)\s*")
_MARKER_RANGE = re.compile(r"\s*[-–]\s*")
_AFTER_MARKER = re.compile(r"(?<=\]) ")
_ONE_MARKER = re.compile(r"\[(\d{1,3})\]")  # one marker as the offline answers write it: "[3]"


def marker_numbers(marker_text: str) -> list[int]:
    """The passage numbers of a marker's inside: "1, 3" → [1, 3]; "2–4" → [2, 3, 4] (a range of at most 11)."""
    out: list[int] = []
    for part in _MARKER_PARTS.split(marker_text.strip()):
        bounds = [int(x) for x in _MARKER_RANGE.split(part) if x.isdigit()]
        if len(bounds) == 2 and 0 <= bounds[1] - bounds[0] <= 10:
            out.extend(range(bounds[0], bounds[1] + 1))
        else:
            out.extend(bounds)
    return out


def replace_markers(text: str, replace: Callable[[int, str], str]) -> str:
    """``text`` with each single marker "[n]" replaced by ``replace(n, "[n]")`` (return the second
    argument to leave a marker as it is)."""
    return _ONE_MARKER.sub(lambda m: replace(int(m.group(1)), m.group(0)), text)


def pieces_after_markers(text: str) -> list[str]:
    """The text split at each space that follows a marker ("A [1] B [2]" → ["A [1]", "B [2]"])."""
    return _AFTER_MARKER.split(text)
