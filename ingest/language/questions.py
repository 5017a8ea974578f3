"""What a question asks for: its cues, in Swedish and English.

Retrieval weighs passages by these cues (an owner question favours statements of responsibility),
the answerer picks the kind of answer by them (a list, both sides of a comparison) and checks the
evidence holds what was asked for (an amount, a number or date, a named role).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ingest.language.words import ENGLISH_STOP_WORDS, STOP_WORDS, WORD

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


def has_second_question(question: str) -> bool:
    """ "Vem ansvarar …, och när?": a second question joined to the first."""
    return bool(_TWO_PART.search(question))


def responsibility_kinds(question: str) -> list[str]:
    """The kinds of responsibility statement the question names (decided, follows_up, …)."""
    return [kind for kind, rx in _KIND_HINTS.items() if rx.search(question)]


def _set(*lines: str) -> frozenset[str]:
    return frozenset(" ".join(lines).split())


# -- follow-ups: questions that cannot stand alone ------------------------------------------------
# A follow-up is short and leans on the question before it: it continues it ("och i Karlskoga?",
# "what about 2023?", "samma sak för kommunerna?", "… då?"), refers back to it with a pronoun and
# has little of its own ("vem följer upp den?", "does it cover the whole county?"), or is a fragment
# without content ("Varför?", "Vilket år?", "2023?"). Impersonal constructions ("finns det", "står
# det", "is it true that …") and articles ("det nya biblioteket", "this plan") refer to nothing.
FOLLOW_UP_MAX_WORDS = 8
FOLLOW_UP_MAX_CONTENT = 2  # words of its own a question that refers back may have
_CONTINUES = re.compile(
    r"^\W*(?:och|men|samt|eller|också|även|samma|and|but|or|also|same|"
    r"what about|how about|what of|hur är det med|hur blir det med|hur gick det med)\b",
    re.IGNORECASE,
)
_THEN_AT_END = re.compile(r"\b(?:då|också|then|too|as well|instead)\W*$", re.IGNORECASE)
# Words that point back to something said before; the first group can also be an article or a
# demonstrative in front of a noun ("det nya biblioteket", "this plan"), and then they do not.
_DETERMINERS = _set("den det de denna detta dessa this that these those")
_REFERRING = _DETERMINERS | _set("dem dess deras densamma detsamma där dit it its they them their")
# Verbs after which "det" is a placeholder subject ("finns det …", "vad står det i planen om …").
_IMPERSONAL_VERBS = _set(
    "finns fanns funnits finnas står stod stått framgår framgick saknas saknades behövs krävs",
    "händer hände sker skedde går gick blir blev",
)
# "det … som/att/med", "vad är det för …", "is it true that …", "how long does it take to …"
_PLACEHOLDER_TAIL = {"det": _set("som att för med"), "it": _set("that to")}
_MODAL_BEFORE_TO = _set("have has had need needs needed ought used going")  # "it has to be …"
# Finite verbs that carry no content of their own, and the words of a question phrase.
_AUXILIARIES = _set(
    "är var varit vara har hade haft ska skall skulle kan kunde får fick bör måste kommer blir blev",
    "is are was were be been has have had do does did will would shall should can could may might must",
)
_QUESTION_PHRASE = _set(
    "vem vems vad vilka vilken vilket när var varför hur många mycket länge ofta stor stort",
    "who whom whose what which when where why how many much long often",
)
# Sentence adverbs: never a noun of the question's own ("gäller den fortfarande?").
_ADVERBS = _set(
    "fortfarande redan alltid aldrig ännu verkligen egentligen bara också även då",
    "still already always never yet really only also too then",
)
# "plan" is a stop word for translation (every question is about plans) but a noun of its own here.
_NOT_CONTENT = (
    STOP_WORDS | ENGLISH_STOP_WORDS | _REFERRING | _IMPERSONAL_VERBS | _AUXILIARIES | _QUESTION_PHRASE
    | _MODAL_BEFORE_TO | _ADVERBS | _set("samma sak same")
) - {"plan", "plans"}  # fmt: skip


def cannot_stand_alone(question: str) -> bool:
    """The question is a follow-up: short, and it continues the previous question, refers back to it
    and has little of its own, or is a fragment. "Hur många mellanvårdsplatser finns det på
    Tullhuset?" stands alone; "och vem följer upp den?" and "what about 2023?" do not."""
    words = WORD.findall(question.lower())
    if not words or len(words) > FOLLOW_UP_MAX_WORDS:
        return False
    if _CONTINUES.match(question) or _THEN_AT_END.search(question):
        return True
    content = [w for w in words if w not in _NOT_CONTENT]
    if _refers_back(words) and len(content) <= FOLLOW_UP_MAX_CONTENT:
        return True
    return _is_fragment(words, content)


def _refers_back(words: list[str]) -> bool:
    """A pronoun that needs an antecedent (not a placeholder subject, an article or a demonstrative)."""
    return any(w in _REFERRING and _is_reference(words, i) for i, w in enumerate(words))


def _is_reference(words: list[str], i: int) -> bool:
    w = words[i]
    before, after = words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else ""
    if w in _DETERMINERS and after and after not in _NOT_CONTENT:
        return False  # "det nya biblioteket", "this plan"
    if w == "det" and (before in _IMPERSONAL_VERBS or after in _IMPERSONAL_VERBS):
        return False  # "finns det", "det står"
    return not _placeholder_tail(w, words[i:])


def _placeholder_tail(word: str, rest: list[str]) -> bool:
    """ "det … som/att/med/för", "it … that", "it … to" (but not "it has to be …")."""
    tails = _PLACEHOLDER_TAIL.get(word, frozenset())
    return any(t in tails and not (t == "to" and prev in _MODAL_BEFORE_TO) for prev, t in pairwise(rest))


def _is_fragment(words: list[str], content: list[str]) -> bool:
    """No word of its own ("Varför?", "Vad då?"), only numbers ("2023?"), or a question word and one
    more word ("Vilket år?", "Who decides?")."""
    if not content or all(w.isdigit() for w in content):
        return True
    return len(words) <= 2 and words[0] in _QUESTION_PHRASE
