"""Text shapes: list-item marks, label lines, numbers as written, years, periods, amounts, contact
details, links and signatures.

One definition of each, used by cleaning, chunking, retrieval and answering alike.
"""

from __future__ import annotations

import re

# The glyphs that mark a bullet item.
BULLET_GLYPHS = "•\\-*–·◦○►✓"
# A list item at the start of a line: a bullet, "3.", "3)", "(3)", "Nr 3.", "a)".
ITEM = re.compile(rf"^(?:[{BULLET_GLYPHS}]|\d{{1,3}}[.)]|\(\d{{1,3}}\)|Nr\.? ?\d{{1,3}}\.?|[a-z][.)])\s+\S")
# A labelled line: "Svar: …", "Ur delårsrapport: …", "Beslutad av: …".
LABEL_LINE = re.compile(r"^[A-ZÅÄÖ][\w ]{1,28}:\s")
# A list item's number or bullet, with the number in a group: "Nr 5.", "Nr 21:", "3.", "(4)", "•"
ITEM_MARK = re.compile(
    r"(?:(?:Nr|nr|Punkt)\.?\s*(\d{1,3})\s*[.:)]?|(?:Uppdrag\s+)?(\d{1,3})\s*[.:)]|\((\d{1,3})\))\s+(?=\S)"
    rf"|[{BULLET_GLYPHS}]\s+(?=\S)"
)
# A Swedish phone number ("019-60 210 00", "+46 19 602 10 00").
PHONE = re.compile(r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2,3}\b")
# A numbered item starting a line of a passage ("Nr 15. Att …", "3. följa …"): its number.
NUMBERED_ITEM = re.compile(r"(?:^|\n)\s*(?:Nr\.? ?)?(\d{1,3})\.\s", re.IGNORECASE)
YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
PERIOD = re.compile(r"\b((?:19|20)\d\d)\s*[–-]\s*((?:19|20)\d\d)\b")
# A number written with digits or as a small number word.
NUMBER = re.compile(r"\d|\b(en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|one|two|three|four|five)\b", re.I)
AMOUNT = re.compile(
    r"\d[\d\s,.]*\s?(?:kr|kronor|mkr|tkr|miljon\w*|miljard\w*|%|procent)\b|\b(?:mkr|miljoner|kronor)\b", re.I
)
# A run of digits (page counters, item numbers).
DIGITS = re.compile(r"\d+")
# An item's number as a text names one or two: "5", "5 och 6".
NUMBER_PAIR = re.compile(r"\d+(?: och \d+)?")
# A number as written, with a decimal point or comma: "12", "1,5", "2.25".
DECIMAL = re.compile(r"\d+(?:[.,]\d+)?")
# A space between digit groups ("2 000", also a narrow or no-break space).
_GROUP_SPACE = re.compile(r"(?<=\d)[\s\u202f\u00a0](?=\d{3}\b)")
# A list enumerator: "1." or "2)" opening a line, "3)" or "(4)" inside one.
_ENUMERATOR = re.compile(r"(?m)^\s*\d{1,2}[.)]\s|\b\d{1,2}\)|\(\d{1,2}\)")
_LEADING_YEAR = re.compile(r"\d{4}")
# A line of nothing but a telephone number's characters: "019-60 210 00", "+46 (0)19 60 210 00".
PHONE_LINE = re.compile(r"[\d\s+()-]{6,}")
# Something shaped like an e-mail address: "namn@regionorebrolan.se".
EMAIL_LIKE = re.compile(r"\S+@\S+\.\w+")
# A Markdown link, a web address or an e-mail address: never part of a name.
LINK = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+|www\.\S+|\S+@\S+")

# A signature: a person's name (two or three capitalised words, "Per-Olof") and their role or title,
# "Karin Sundin Ordförande Hälso- och sjukvårdsnämnden", "Anna Berg, regiondirektör", "John Smith, Chair".
_NAME = r"[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
_ROLE = (
    r"(?:[Vv]ice |[Ff]örste |[Aa]ndre )?(?:[Oo]rdförande|[Tt]alesperson)"
    r"|(?:[A-Za-zåäöÅÄÖ]+- och )?[A-Za-zåäöÅÄÖ-]*"
    r"(?:direktör|chef|sekreterare|råd|samordnare|ledare|strateg|handläggare|ansvarig|ombud)"
    r"|(?:Vice |Deputy )?(?:Chair(?:man|person|woman)?|Director|Head of|Secretary|Manager|Coordinator|President|Mayor)"
)
SIGNATURE = re.compile(rf"^{_NAME}(?: {_NAME}){{1,2}},?\s+(?:{_ROLE})\b")


def is_item(line: str) -> bool:
    """The line starts a list item."""
    return bool(ITEM.match(line))


def is_label_line(line: str) -> bool:
    return bool(LABEL_LINE.match(line))


def item_numbers(text: str) -> set[int]:
    """Numbers of the list items that start a line in a passage ("Nr 15. Att …", "3. följa …")."""
    return {int(n) for n in NUMBERED_ITEM.findall(text)}


def years_in(text: str) -> set[str]:
    return set(YEAR.findall(text))


def period_in(text: str, first: str, last: str) -> bool:
    """The text names the period first–last ("2020–2023", "2020-2023")."""
    return bool(re.search(rf"{first}\s*[–-]\s*{last}", text))


def digits_in(text: str) -> list[str]:
    """The runs of digits in a text, in order."""
    return DIGITS.findall(text)


def fold_digits(text: str) -> str:
    """Each run of digits as "#": "Plan 2021 | 7" → "Plan # | #"."""
    return DIGITS.sub("#", text)


def first_number_pair(text: str) -> str:
    """The first item number a text names, with its pair: "uppdrag 5 och 6 ska" → "5 och 6"; "" if none."""
    return next(iter(NUMBER_PAIR.findall(text)), "")


def numbers_in(text: str) -> set[str]:
    """Numbers as written ("2 000" = "2000", "1,5" = "1.5"), list enumerators ("1)", "2.") left out."""
    text = _GROUP_SPACE.sub("", text)
    text = _ENUMERATOR.sub(" ", text)
    return {n.replace(",", ".") for n in DECIMAL.findall(text)}


def leading_year(text: str) -> str:
    """The year a date opens with ("2021-05-01" → "2021"); "" if it opens with no four digits."""
    m = _LEADING_YEAR.match(text)
    return m.group(0) if m else ""


def is_phone_line(text: str) -> bool:
    """The whole text is a telephone number ("019-60 210 00")."""
    return bool(PHONE_LINE.fullmatch(text))


def has_email(text: str) -> bool:
    return bool(EMAIL_LIKE.search(text))


def is_signature(line: str) -> bool:
    """The line signs the text: a person's name and their role or title (never a heading)."""
    return bool(SIGNATURE.match(line.strip()))
