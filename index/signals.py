"""Small signals about questions and passages that retrieval weighs besides similarity."""

from __future__ import annotations

import re

# Questions that ask who owns, decided or was assigned something (Swedish and English).
_OWNER_QUESTION = re.compile(
    r"\b(vem|vilka|vilken|vilket|who|whom|whose|which (?:bodies|body|committee|committees|group|board)|"
    r"ansvar\w*|responsib\w*|assigned|in charge|owns?|äger|uppdrag\w*|beslutade|decided)\b",
    re.IGNORECASE,
)
# Passages that state a responsibility or an assignment.
_RESPONSIBILITY = re.compile(
    r"får (?:även )?i uppdrag|ansvarar för|ansvaret för|har uppdraget|ansvarig|beslutades|beslutade|"
    r"antogs|fastställ\w*|uppdrag(?:et|en)? till|tilldelas|ska ansvara|har i uppdrag",
    re.IGNORECASE,
)


def asks_for_owner(question: str) -> bool:
    return bool(_OWNER_QUESTION.search(question))


def states_responsibility(text: str) -> bool:
    return bool(_RESPONSIBILITY.search(text))
