"""What a question asks for: its cues, in Swedish and English.

Retrieval weighs passages by these cues (an owner question favours statements of responsibility),
the answerer picks the kind of answer by them (a list, both sides of a comparison) and checks the
evidence holds what was asked for (an amount, a number or date, a named role).
"""

from __future__ import annotations

import re

# Questions that ask who owns, decided or was assigned something.
_OWNER_QUESTION = re.compile(
    r"\b(vem|vilka|vilken|vilket|who|whom|whose|which (?:bodies|body|committee|committees|group|board)|"
    r"ansvar\w*|responsib\w*|assigned|in charge|owns?|äger|uppdrag\w*|beslutade|decided)\b",
    re.IGNORECASE,
)
# "assignment Nr 10", "uppdrag 6", "punkt 3", "nummer 15", "item 4"
_NUMBER_IN_QUESTION = re.compile(
    r"\b(?:nr|no|nummer|number|assignment|uppdrag(?:et)?|punkt|item|task)\.?\s*(\d{1,3})\b", re.IGNORECASE
)
_LIST_QUESTION = re.compile(
    r"\b(vilka (?:är|var)|vilka \w+ (?:är|var)|lista|räkna upp|what are|which are|list|name the|"
    r"två|tre|fyra|fem|sex|sju|two|three|four|five|six|seven)\b",
    re.IGNORECASE,
)
_COMPARISON = re.compile(
    r"\b(jämfört|jämför|skillnad\w*|mellan \d{4} och|between|compared?|comparison|develop(?:ed)?|utvecklats|"
    r"både|both|i den gamla|och i färdplanen)\b|\b(19|20)\d\d\b.*\b(19|20)\d\d\b",
    re.IGNORECASE,
)
_QUANTITY_QUESTION = re.compile(
    r"\b(hur många|hur mycket|hur stor|how many|how much|vilket år|what year|när|when|which year|datum|date)\b",
    re.IGNORECASE,
)
_AMOUNT_QUESTION = re.compile(r"\b(hur stor|hur mycket|budget\w*|kostnad\w*|kostar|how much|costs?|funding)\b", re.I)
# A question about who holds a named role needs that role in the evidence.
_ROLE_SV = {
    "ordförande": "ordförande",
    "vice ordförande": "vice ordförande",
    "sekreterare": "sekreterare",
    "direktör": "direktör",
    "regiondirektör": "regiondirektör",
    "sjukvårdsdirektör": "sjukvårdsdirektör",
    "chair": "ordförande",
    "chairs": "ordförande",
    "chairman": "ordförande",
    "chairperson": "ordförande",
    "secretary": "sekreterare",
    "director": "direktör",
}
_ROLE_QUESTION = re.compile(r"\b(" + "|".join(_ROLE_SV) + r")\b", re.I)
_FOLLOW_UP = re.compile(
    r"^(och|men|samt|and|but|what about|how about|vad gäller)\b|\b(den|det|dem|denna|detta|dessa|"
    r"it|they|them|this|that|those|its|their)\b",
    re.IGNORECASE,
)
# "…, och när?", "… and on what kind of topics?": a second question the register does not answer
_TWO_PART = re.compile(r"(,|\s)\s*(och|samt|and)\s+(när|vad|hur|vilka|vilken|what|when|how|which|on what)\b", re.I)
# The kind of responsibility a question asks about.
_KIND_HINTS = {
    "decided": re.compile(r"\b(beslut\w*|antog|antogs|fastställ\w*|decided|adopted|approved)\b", re.I),
    "follows_up": re.compile(r"\b(följ\w* upp|uppföljning\w*|follows? up|monitor\w*|report\w* back)\b", re.I),
    "responsible": re.compile(r"\b(ansvar\w*|responsib\w*|in charge|owns?)\b", re.I),
    "assigned": re.compile(r"\b(uppdrag\w*|uppgift\w*|assign\w*|task\w*|given)\b", re.I),
}


def asks_for_owner(question: str) -> bool:
    """The question is about who owns, decided or was assigned something (a retrieval signal)."""
    return bool(_OWNER_QUESTION.search(question))


def asked_item_numbers(question: str) -> set[int]:
    """Numbers of assignments or items the question names ("who was given assignment Nr 15")."""
    return {int(n) for n in _NUMBER_IN_QUESTION.findall(question)}


def asks_for_list(question: str) -> bool:
    return bool(_LIST_QUESTION.search(question))


def asks_comparison(question: str) -> bool:
    return bool(_COMPARISON.search(question))


def asks_quantity(question: str) -> bool:
    """A number or date is asked for."""
    return bool(_QUANTITY_QUESTION.search(question))


def asks_amount(question: str) -> bool:
    return bool(_AMOUNT_QUESTION.search(question))


def asked_role(question: str) -> tuple[str, str] | None:
    """The named role the question asks about, as asked and in Swedish ("chair" → "ordförande")."""
    m = _ROLE_QUESTION.search(question)
    if not m:
        return None
    name = m.group(1).lower()
    return name, _ROLE_SV.get(name, name)


def may_follow_up(question: str) -> bool:
    """The question may lean on the previous one (it opens with "och …" or refers back)."""
    return bool(_FOLLOW_UP.search(question))


def has_second_question(question: str) -> bool:
    """"Vem ansvarar …, och när?": a second question joined to the first."""
    return bool(_TWO_PART.search(question))


def responsibility_kinds(question: str) -> list[str]:
    """The kinds of responsibility statement the question names (decided, follows_up, …)."""
    return [kind for kind, rx in _KIND_HINTS.items() if rx.search(question)]
