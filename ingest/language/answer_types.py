"""Whether a text carries the kind of answer a question asks for: a date, a period, a number, an
amount, contact details, a place, a body or person, a definition of a term.

These checks decide what the answerer may claim: a quoted sentence that names no date does not
answer "när ska uppdraget redovisas?". They recognise the forms Swedish (and English) public
documents use ("senast den 31 januari 2023", "hösten 2021", "2 000 kronor", "Drottninggatan 5").
"""

from __future__ import annotations

import re

from ingest.language import question_words as qw
from ingest.language.marks import AMOUNT, PERIOD, PHONE, is_item
from ingest.language.words import fold_accents

_MONTHS = (
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    "january|february|march|may|june|july|august|october|"
    "jan|feb|mar|apr|jun|jul|aug|sept?|okt|oct|nov|dec"
)
_SEASONS = "våren|hösten|sommaren|vintern|vårvintern|senhösten|spring|autumn|fall|summer|winter"
DATE = re.compile(
    rf"\b\d{{1,2}}(?::e|e)?\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\.?\s+(?:\d{{1,2}},?\s+)?\d{{4}}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"
    rf"|\b(?:{_SEASONS})(?:\s+of)?\s+\d{{4}}\b"
    r"|\b(?:19|20)\d\d\b"
    r"|\b(?:årsskiftet|kvartal\s+\d|[Qq][1-4])\b",
    re.IGNORECASE,
)
_UNITS = (
    r"år|månad(?:er)?|veck(?:a|or)|dag(?:ar)?|timm(?:e|ar)|minuter|"
    r"years?|months?|weeks?|days?|hours?|minutes?"
)
_NUMBER_WORDS = (
    r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio|fyrtio|femtio|hundra|tusen|"
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|fifty|hundred|thousand|dozen"
)
DURATION = re.compile(
    rf"\b(?:\d+|{_NUMBER_WORDS}|ett|en|one|a)\s+(?:{_UNITS})\b"
    r"|\b(?:till och med|t\.o\.m\.?|fram till|from|från|until|through|per år|varje (?:år|månad|vecka)|årlig\w*|"
    r"annual\w*|every (?:year|month|week))\b",
    re.IGNORECASE,
)
# A count: a number that is not a year and not a list enumerator, or a number word.
COUNT = re.compile(
    rf"(?<![\d.,])(?!(?:19|20)\d\d\b)\d+(?:[ ,.]\d+)*(?:\s?%|\s?procent|\s?percent)?(?![.)]\s)|\b(?:{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
URL = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+\.(?:se|com|org|nu|eu)\b(?:/\S*)?", re.IGNORECASE)
ADDRESS = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäöé]+(?:gatan|vägen|torget|allén|gränd|backen|plan|stigen|leden|gata|väg)\s+\d+"
    r"|\b\d{3}\s?\d{2}\s+[A-ZÅÄÖ][a-zåäö]+",
)
# A name: two or more capitalised words, an acronym, or a capitalised word inside a sentence.
_NAME = re.compile(r"(?<=[\w,;)] )[A-ZÅÄÖ][\wåäöé-]+|\b[A-ZÅÄÖ]{2,}\b")
_CAPITALISED = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
PERSON = re.compile(rf"(?<=[\w,;:)] ){_CAPITALISED} {_CAPITALISED}\b")
_DEFINING = re.compile(
    r"\b(?:är|var|innebär|betyder|står för|avser|kallas|definieras|benämns|means?|is|are|stands? for|refers? to)\b"
    r"|\(|\bdet vill säga\b|\bdvs\b|\bi\.e\.|\s[–-]\s",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\wåäöÅÄÖé-]+")


def carries(kind: str, text: str, term: str = "") -> bool:
    """Whether ``text`` holds an answer of ``kind`` (kinds without a form of their own always do)."""
    check = _CHECKS.get(kind)
    return True if check is None else check(text, term)


def _date(text: str, term: str) -> bool:
    return bool(DATE.search(text))


def _period(text: str, term: str) -> bool:
    return bool(PERIOD.search(text) or DURATION.search(text))


def _number(text: str, term: str) -> bool:
    """A count: a number that is not part of a date ("13 maj 2022") or a year."""
    return bool(COUNT.search(DATE.sub(" ", text)))


def _amount(text: str, term: str) -> bool:
    return bool(AMOUNT.search(text))


def _contact(text: str, term: str) -> bool:
    return bool(PHONE.search(text) or EMAIL.search(text) or URL.search(text))


def _place(text: str, term: str) -> bool:
    return bool(ADDRESS.search(text) or _NAME.search(text) or names_body(text))


def _owner(text: str, term: str) -> bool:
    return bool(_NAME.search(text) or names_body(text))


def _person(text: str, term: str) -> bool:
    """A person's name: two capitalised words inside a sentence ("… Martin Valfridsson …"), neither of
    them a word for a body and the first no genitive ("Sveriges Kommuner" is an organisation)."""
    for m in PERSON.finditer(text):
        first, last = m.group(0).split(" ", 1)
        if not first.endswith("s") and not names_body(first) and not names_body(last):
            return True
    return False


def _definition(text: str, term: str) -> bool:
    """The term stands in the text with a defining form near it: "TERM (…)", "(TERM)", "TERM är …"."""
    if not term:
        return bool(_DEFINING.search(text))
    low, t = text.lower(), term.lower()
    at = low.find(t)
    if at < 0:
        at = fold_accents(low).find(fold_accents(t))
    if at < 0:
        return False
    window = text[max(0, at - 3) : at + len(term) + 40]
    return bool(_DEFINING.search(window)) or text[max(0, at - 1) : at] == "("


def names_body(text: str) -> bool:
    """The text names a body or role by a noun of that kind ("utredaren", "socialnämnden")."""
    for word in _WORD.findall(fold_accents(text.lower())):
        if len(word) >= 4 and any(_ends_with_head(word, h) for h in qw.BODY_HEADS if len(h) >= 4):
            return True
    return False


def _ends_with_head(word: str, head: str) -> bool:
    """``word`` is ``head`` inflected, or a compound ending in it ("socialnämnden" → "nämnd")."""
    compound = head not in qw.NO_COMPOUND
    return any(word == head + s or (compound and word.endswith(head + s)) for s in qw.INFLECTIONS)


_CHECKS = {
    "date": _date,
    "period": _period,
    "number": _number,
    "amount": _amount,
    "contact": _contact,
    "place": _place,
    "owner": _owner,
    "recipient": _owner,
    "parties": _owner,
    "definition": _definition,
    "person": _person,
}


# -- enumerations of a stated size ("vilka sex kommuner …?", "what are the four districts?") -----
_COUNTS = {
    "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_ASKED_COUNT = re.compile(
    r"\b(?:vilka|vilket|which|what|name|list|vad\s+(?:är|var)|what\s+(?:are|were))(?:\s+(?:de|the|all))?"
    rf"\s+(\d|{'|'.join(_COUNTS)})\s+\w",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"[,;•\n]|\s(?:och|samt|and|or|eller)\s", re.IGNORECASE)


def asked_count(question: str) -> int:
    """How many things the question asks to be named ("Vilka sex kommuner …?" → 6); 0 if it names no count."""
    m = _ASKED_COUNT.search(question)
    if not m:
        return 0
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNTS[word]


def enumerates(texts: list[str], count: int) -> bool:
    """Whether the quoted texts name ``count`` things: as many item lines in all, or one text whose
    parts (split at commas, semicolons, bullets, line breaks and "och/and") are that many."""
    items = sum(1 for t in texts for line in t.split("\n") if is_item(line.strip()))
    parts = max((len([p for p in _SEPARATORS.split(t) if p and p.strip()]) for t in texts), default=0)
    return max(items, parts) >= count
