"""What an answer is: text with inline markers [1], [2] … and the citations they point to."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Citation:
    """A quoted span: ``quote == cleaned document text[start:end]`` of document ``doc_id``."""

    marker: int
    chunk_id: str
    doc_id: str
    title: str
    page: int | None
    section: str
    quote: str
    start: int
    end: int
    superseded_by: str = ""  # title of the document that replaces this one, if any
    kind: str = ""
    date: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    language: str = "sv"
    supported: bool = True  # False: the plans do not seem to cover the question
    mode: str = "extractive"  # "register" | "extractive" | "refusal" | "invalid"
    related: list[Citation] = field(default_factory=list)  # "possibly related" passages on refusal
    notice: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # milliseconds

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "language": self.language,
            "supported": self.supported,
            "mode": self.mode,
            "notice": self.notice,
            "citations": [c.to_json() for c in self.citations],
            "related": [c.to_json() for c in self.related],
            "timings": {k: round(v, 1) for k, v in self.timings.items()},
        }
