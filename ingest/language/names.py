"""How the names of bodies are written: their tokens (compounds with hyphens and slashes, a
genitive "SKR:s", a suspended hyphen "hälso-"), a place inside a name ("Region Örebro län",
"Kumla kommun"), parenthesised explanations and alternative names ("X (tidigare Y)", "X; Y",
"X → Y", "X / Y"), and the inflected forms of a name's base word ("förvaltning" →
"förvaltningen", "sjukvårdsförvaltningens").
"""

from __future__ import annotations

import re

# A token of a name: a word with inner hyphens, slashes or a genitive colon, maybe a suspended
# hyphen ("hälso-"); or a bracket, comma, semicolon or dash between names.
NAME_TOKEN = re.compile(r"[^\W_]+(?:[-/:]+[^\W_]+)*-?|[(),;–]")
# A place in a name is no body of its own: "Region Örebro län", "Kumla kommun", "Örebro läns landsting".
PLACE_IN_NAME = re.compile(r"\bRegion ([A-ZÅÄÖ][\w-]+)|\b([A-ZÅÄÖ][\w-]+) (?:län|läns|kommun|kommuns|stad|stads)\b")
_PARENTHESISED = re.compile(r"\([^)]*\)")
_INSIDE_PARENTHESES = re.compile(r"\(([^)]*)\)")
_SUSPENDED_HYPHEN = re.compile(r"(\w)-\s*(och|eller|samt)\b")
_ALTERNATIVE_SEPARATOR = re.compile(r";|→| / ")


def places_in(text: str) -> list[str]:
    """The places named inside names: "Region Örebro län och Kumla kommun" → ["Örebro", "Kumla"]."""
    return [p for pair in PLACE_IN_NAME.findall(text) for p in pair if p]


def without_parentheses(name: str) -> str:
    """A name without its parenthesised explanations (each becomes a space)."""
    return _PARENTHESISED.sub(" ", name)


def parenthesised(name: str) -> list[str]:
    """The parenthesised explanations of a name: "Delegationen (D 2020:01)" → ["D 2020:01"]."""
    return _INSIDE_PARENTHESES.findall(name)


def alternative_parts(name: str) -> list[str]:
    """The parts of a name that lists alternatives: split at ";", "→" and " / "."""
    return _ALTERNATIVE_SEPARATOR.split(name)


def join_suspended_hyphens(text: str) -> str:
    """"hälso- och sjukvård" → "hälso och sjukvård": a suspended hyphen before a conjunction goes."""
    return _SUSPENDED_HYPHEN.sub(r"\1 \2", text)


def inflected_forms(base: str) -> re.Pattern[str]:
    """Words that are ``base`` (maybe compounded, "sjukvårds…") with a definite ending and a genitive:
    "förvaltning" → "förvaltningen", "sjukvårdsförvaltningens", "förvaltning:s"."""
    return re.compile(rf"[\w/-]*{re.escape(base)}(?:en|et|n|e)?(?::?s)?")
