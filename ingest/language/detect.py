"""The language of a text: Swedish or English."""

from __future__ import annotations

import re

from ingest.language.words import ENGLISH_FUNCTION_WORDS, SWEDISH_FUNCTION_WORDS, WORD_WITH_HYPHEN

_SWEDISH_LETTER = re.compile(r"[åäöÅÄÖ]")


def detect_language(text: str) -> str:
    """'sv' or 'en', from function words and Swedish letters; Swedish when in doubt."""
    words = [w.lower() for w in WORD_WITH_HYPHEN.findall(text)]
    sv = sum(w in SWEDISH_FUNCTION_WORDS for w in words)
    en = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    if sv == en:  # no function words decide it: Swedish letters do (names like "nära vård" aside)
        return "sv" if _SWEDISH_LETTER.search(text) or not words else "en"
    return "en" if en > sv else "sv"
