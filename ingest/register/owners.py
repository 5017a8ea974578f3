"""Owner keys: one key for the variants of a body's name, and whether two names name the same body."""

from __future__ import annotations

from functools import lru_cache

from ingest.language.admin import DETERMINERS, OWNER_HEAD, POSSESSOR, SAME_ROLE
from ingest.language.names import (
    alternative_parts,
    join_suspended_hyphens,
    parenthesised,
    places_in,
    without_parentheses,
)
from ingest.language.words import plain_words, stem

_FILLER = {"för", "i", "och", "samt", "av", "med", "på", "inom", "till", "från", "vid", "under", "samverkan", "the"}
_DETERMINERS = DETERMINERS - {"civila", "egna", "nya"}
GENERIC_OWNER_WORDS = {"region", "län", "läns"}


def _is_head(word: str) -> bool:
    """A head word of a body's name, not in the genitive ("nämnden", not "nämndens")."""
    m = OWNER_HEAD.fullmatch(word)
    return m is not None and not m.group("gen")


def _drop_possessor(words: list[str]) -> list[str]:
    """'hälso och sjukvårdsnämndens beredning för närsjukvård' → 'beredning för närsjukvård'.

    Only a possessor that opens the name counts (first word, or "hälso och sjukvårdens"), so that
    "Region Örebro län, länets kommuner" keeps its first member.
    """
    cut = -1
    for i, word in enumerate(words[:3]):
        opens = i == 0 or (i == 2 and words[1] in ("och", "eller"))
        later_head = any(_is_head(w) for w in words[i + 1 :])
        if opens and POSSESSOR.fullmatch(word) and later_head:
            cut = i
    return words[cut + 1 :]


def normalise_owner(name: str) -> str:
    """A key that merges variants of one body: case, determiners, genitives, endings and filler words."""
    text = without_parentheses(name.lower().replace("é", "e").replace("è", "e"))
    text = join_suspended_hyphens(text).replace("-", "")
    words = _drop_possessor(plain_words(text))
    return " ".join(stem([w for w in words if w not in _FILLER and w not in _DETERMINERS]))


def _content_words(key: str) -> set[str]:
    return {w for w in key.split() if len(w) >= 4 and w not in GENERIC_OWNER_WORDS}


def _contained(wx: set[str], wy: set[str], places: set[str]) -> bool:
    """One name's content words within the other's, and not only the place they share ("Örebro")."""
    return bool(wx - places) and wx <= wy


@lru_cache(maxsize=1)
def _role_stems() -> dict[str, set[str]]:
    """SAME_ROLE as stems: "utred" (utredaren) → {"utredning", "kommitt"}."""
    def one(word: str) -> str:
        return stem([word])[0]

    return {one(k): {one(v.replace("é", "e")) for v in vs} for k, vs in SAME_ROLE.items()}


def _same_role(wx: set[str], wy: set[str]) -> bool:
    """ "Utredaren" and "utredningen Sammanhållen kunskapsstyrning": a bare role and the inquiry it leads."""
    roles = _role_stems()
    return any(len(a) == 1 and roles.get(next(iter(a)), set()) & b for a, b in ((wx, wy), (wy, wx)))


def _alternatives(owner: str) -> list[str]:
    """An owner and its alternative names: parenthesised explanations, parts split by ';', '→' or ' / '."""
    inner = parenthesised(owner)
    variants = [without_parentheses(owner), owner.replace("(", " ").replace(")", " "), *inner]
    out = []
    for v in variants:
        out.append(v)
        out.extend(p for p in alternative_parts(v) if p.strip() and p != v)
    return out


def same_body(a: str, b: str) -> bool:
    """Whether two owner names name the same body: equal keys, one's content words contained in the other's,
    or a bare role and the inquiry it leads."""
    places = {normalise_owner(p) for p in places_in(f"{a} {b}")}
    for x in _alternatives(a):
        for y in _alternatives(b):
            kx, ky = normalise_owner(x), normalise_owner(y)
            if kx and kx == ky:
                return True
            wx, wy = _content_words(kx), _content_words(ky)
            if wx and wy and (_contained(wx, wy, places) or _contained(wy, wx, places) or _same_role(wx, wy)):
                return True
    return False
