"""The search form of a text: what is embedded and keyword-indexed, as opposed to what is quoted."""

from __future__ import annotations

import re

from ingest.language.words import SUSPENDED_HYPHEN_NEXT

_SUSPENDED = "|".join(re.escape(w) for w in sorted(SUSPENDED_HYPHEN_NEXT, key=len, reverse=True))
_BROKEN_WORD = re.compile(rf"(?<=[a-zåäöéü])- (?!(?:{_SUSPENDED})\b)(?=[a-zåäö]{{2,}})")


def mend_inline_breaks(text: str) -> str:
    """'Finsam- förbund' (a word broken at a line end, then joined with a space) → 'Finsamförbund'."""
    return _BROKEN_WORD.sub("", text)


def keyword_text(title: str, section: str, context: str, text: str) -> str:
    """What is keyword-indexed for a passage: title, section path and lead-in, then the text."""
    return search_form("\n".join(p for p in (title, section, context, text) if p))


def search_form(text: str) -> str:
    """The text as it is embedded and keyword-indexed.

    The stored text keeps a broken word as the source prints it ("Finsam- förbund": a quote must
    match the document); the search form mends it so "finsamförbund" finds it.
    """
    return mend_inline_breaks(text)
