"""Questions are checked before anything touches the index."""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import InvalidQuestion
from ingest.language.words import has_word

MAX_QUESTION_CHARS = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # half of a UTF-16 pair: JSON can carry one ("\\ud800"), UTF-8 cannot


def validate_question(question: object, max_chars: int = MAX_QUESTION_CHARS) -> str:
    """The question, whitespace-normalised; :class:`InvalidQuestion` with a clear message otherwise."""
    if not isinstance(question, str):
        raise InvalidQuestion("the question must be text", "not_text")
    if _SURROGATE.search(question):
        broken = "the question contains a broken character (half of a UTF-16 pair); please type it again"
        raise InvalidQuestion(broken, "not_text")
    if _CONTROL.search(question):
        raise InvalidQuestion("the question contains control characters; please type it as plain text", "control")
    text = " ".join(unicodedata.normalize("NFC", question).split())
    if not text:
        raise InvalidQuestion("the question is empty; please type a question about the plans", "empty")
    if len(text) > max_chars:
        raise InvalidQuestion(
            f"the question is too long ({len(text)} characters; at most {max_chars})",
            "too_long",
            length=len(text),
            limit=max_chars,
        )
    if not has_word(text):
        raise InvalidQuestion("the question has no words; please type a question about the plans", "no_words")
    return text
