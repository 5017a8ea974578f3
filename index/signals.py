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


_WHO = re.compile(
    r"\b(vem|vems|who|whom|whose)\b|"
    r"\b(vilka|vilken|vilket|which|what)\s+(?:\w+\s+){0,2}?(?:beredning\w*|nämnd\w*|organ\w*|förvaltning\w*|"
    r"grupp\w*|råd\w*|bod(?:y|ies)|committees?|boards?|groups?|administration|council)\b|"
    r"^\s*(vilka|vilken)\s+(?:får|fick|ska|skulle|har|hade|ansvarar|beslutade)\b",
    re.IGNORECASE,
)


def asks_who(question: str) -> bool:
    """A question whose answer is a body, role or person ("vem ansvarar …", "which bodies were asked …")."""
    return bool(_WHO.search(question))


def states_responsibility(text: str) -> bool:
    return bool(_RESPONSIBILITY.search(text))


# "assignment Nr 10", "uppdrag 6", "punkt 3", "nummer 15", "item 4"
_NUMBER_IN_QUESTION = re.compile(
    r"\b(?:nr|no|nummer|number|assignment|uppdrag(?:et)?|punkt|item|task)\.?\s*(\d{1,3})\b", re.IGNORECASE
)
_NUMBERED_ITEM = re.compile(r"(?:^|\n)\s*(?:Nr\.? ?)?(\d{1,3})\.\s", re.IGNORECASE)


def asked_item_numbers(question: str) -> set[int]:
    """Numbers of assignments or items the question names ("who was given assignment Nr 15")."""
    return {int(n) for n in _NUMBER_IN_QUESTION.findall(question)}


def item_numbers(text: str) -> set[int]:
    """Numbers of the list items that start a line in a passage ("Nr 15. Att …", "3. följa …")."""
    return {int(n) for n in _NUMBERED_ITEM.findall(text)}


_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


def years_in(text: str) -> set[str]:
    return set(_YEAR.findall(text))
