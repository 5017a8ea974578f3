"""Markup that converters leave in extracted text: HTML tags (``<sup>``, ``<br>``, ``<b>`` …),
Markdown emphasis (``**bold**``, ``__bold__``) and Markdown headings (``## Title``).

The shapes of file formats, not knowledge of language (that lives in :mod:`ingest.language`).
"""

from __future__ import annotations

import re

SUP = re.compile(r"<sup>\s*([^<]{0,12}?)\s*</sup>", re.IGNORECASE)
INLINE_TAGS = re.compile(r"</?(?:b|strong|i|em|u|span)>", re.IGNORECASE)
BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
STARS = re.compile(r"\*\*|__(?=\w)|(?<=\w)__")
MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def strip_inline_markup(text: str) -> str:
    """Without tags and emphasis marks; a footnote mark (``<sup>3</sup>``) goes, a longer superscript stays as text."""
    text = SUP.sub(lambda m: "" if len(m.group(1)) <= 3 else m.group(1), text)
    text = BREAK_TAG.sub(" ", text)
    text = INLINE_TAGS.sub("", text)
    return STARS.sub("", text)


def markdown_heading(line: str) -> tuple[int, str] | None:
    """The level and title of a Markdown heading line ("## Mål" → (2, "Mål")), else None."""
    m = MD_HEADING.match(line)
    return (len(m.group(1)), m.group(2)) if m else None
