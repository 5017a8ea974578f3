"""Owner mentions: bodies and roles grown into whole noun phrases, with exact offsets.

The head words of :mod:`ingest.language.admin` (nämnd, förvaltning, -myndigheten, -verket,
utredare, samordnare, delegation, kommuner …), and an organisation's proper name inside a sentence
("Försäkringskassan"), are grown with their determiners, adjectives, possessors, names,
prepositional name parts, parentheses, appositions and coordinated bodies: "Hälso- och
sjukvårdsnämndens beredning för närsjukvård", "Inspektionen för vård och omsorg (IVO)", "en
särskild utredare – en nationell samordnare", "Sveriges Kommuner och Regioner".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.language.admin import (
    ACRONYM,
    ACTION_NOUN,
    ACTIVITY_HEADS,
    ADJECTIVE,
    ASSIGNMENT_NOUN,
    CAPITAL_NAME_HEADS,
    DETERMINERS,
    DOCUMENT_NOUNS,
    DOMAIN_PREPOSITIONS,
    INQUIRY_NAME_PREPOSITIONS,
    MENTION_PREPOSITIONS,
    NAME_HEADS,
    NOT_NAME_WORDS,
    POSSESSOR,
    PREPOSITIONS,
    PROPER_BODY_ENDING,
    ROLE_APPOSITION,
    VERB_FORM,
    body_head,
)
from ingest.language.marks import LINK
from ingest.language.names import NAME_TOKEN


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in doc.text
    end: int
    text: str
    first: int  # token indexes in the sentence
    last: int
    head: int
    genitive: bool = False
    parts: tuple[tuple[int, int], ...] = ()  # offsets of each coordinated body ("X, Y och Z"), if more than one
    head_word: str = ""  # the head token, lower-cased ("beredningar" in "Hälso- och sjukvårdsnämndens beredningar")

    def owner_span(self) -> tuple[int, int, str]:
        """Span and text of the mention as an owner: a possessive "nämndens" stands for "nämnden"."""
        cut = (2 if self.text.endswith(":s") else 1) if self.genitive else 0
        return self.start, self.end - cut, self.text[: len(self.text) - cut]


def tokens(text: str, start: int, end: int) -> list[Tok]:
    masked = [(m.start(), m.end()) for m in LINK.finditer(text, start, end)]
    toks = []
    for m in NAME_TOKEN.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in masked):
            toks.append(Tok(m.group(0), m.start(), m.end()))
    return toks


def _head(tok: Tok) -> re.Match | None:
    """The lexicon match of a token that names a body or role (a compound ending in one counts)."""
    return None if tok.text.endswith("-") else body_head(tok.low)


def _is_head(toks: list[Tok], i: int) -> bool:
    tok = toks[i]
    if ACRONYM.fullmatch(tok.text):
        return True
    m = _head(tok)
    if not m:
        return _proper_body(toks, i)
    stem = m.group("stem").lower()
    if stem == "område":
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        return tok.text[0].isupper() or nxt[:1].isupper()
    if stem == "samhället":
        return i > 0 and toks[i - 1].low == "civila"
    if stem in ACTIVITY_HEADS and not (i and tok.text[0].isupper()):
        # "en delegation som ska …" names a body; "utredning och behandling", "delegation av …" an activity
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        return i > 0 and toks[i - 1].low in DETERMINERS and nxt not in ("av", "om", "kring")
    return True


def _proper_body(toks: list[Tok], i: int) -> bool:
    """A capitalised definite compound inside a sentence names an organisation ("Försäkringskassan",
    "Kriminalvården", "Sametinget"); at the start of a sentence capitals say nothing."""
    tok = toks[i]
    if i == 0 or not tok.text[0].isupper() or len(tok.text) < 7 or not tok.text.isalpha():
        return False
    if not PROPER_BODY_ENDING.search(tok.low) or DOCUMENT_NOUNS.fullmatch(tok.low):
        return False
    prev = toks[i - 1]  # after a head word a capital starts that body's name ("utredningen Sammanhållen …")
    return not ASSIGNMENT_NOUN.fullmatch(tok.low) and prev.text[0].islower() and _head(prev) is None


def _is_genitive(tok: Tok) -> bool:
    m = _head(tok)
    return bool(m and m.group("gen")) and not ACRONYM.fullmatch(tok.text)


def _extend_left(toks: list[Tok], i: int) -> int:
    j = i
    while j > 0:
        prev = toks[j - 1]
        if toks[j].start - prev.end > 2 or (prev.low in NOT_NAME_WORDS and prev.low not in DETERMINERS):
            break  # punctuation between ("enligt följande: ”Beredningarna"), or a function word
        if prev.low == "och" and j >= 2 and toks[j - 2].text.endswith("-"):
            j -= 2
        elif prev.low in DETERMINERS or ADJECTIVE.fullmatch(prev.low) or POSSESSOR.fullmatch(prev.low):
            j -= 1
        elif prev.text[0].isupper() and j < len(toks) and toks[j].low == "läns":
            j -= 1  # "Region Örebro läns …"
        elif prev.text == "Region" and toks[j].text[0].isupper():
            j -= 1
        elif prev.text[0].isupper() and toks[j].low.startswith(("kommun", "region", "län")) and j == i:
            j -= 1  # "Kumla kommun"
        elif prev.text[0].isupper() and prev.low.endswith("s") and toks[j].text[0].isupper() and j == i:
            j -= 1  # a name's genitive: "Sveriges Kommuner och Regioner"
        else:
            break
    return j


def _domain_word(tok: Tok) -> bool:
    low = tok.low
    if not low[0].isalpha() or low in NOT_NAME_WORDS:
        return False
    return tok.text[0].isupper() or not VERB_FORM.fullmatch(low) or bool(POSSESSOR.fullmatch(low))


def _domain(toks: list[Tok], k: int, after_for: bool = False, limit: int = 7) -> int | None:
    """Last index of a name or domain phrase from k ("social välfärd samt vård och omsorg")."""
    last, n = None, 0
    while k < len(toks) and n < limit:
        tok = toks[k]
        if tok.low in ("och", "samt", ",") or tok.text.endswith("-"):
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or not _domain_word(nxt) or (_is_head(toks, k + 1) and not tok.text.endswith("-")):
                break
            if not tok.text.endswith("-") and _mention_starting_at(toks, k + 1) is not None:
                break
            k += 1
            continue
        if not _domain_word(tok) or (_is_head(toks, k) and n) or ACRONYM.fullmatch(tok.text):
            break
        if after_for and n == 0 and tok.text[0].islower() and ACTION_NOUN.fullmatch(tok.low):
            break  # "ansvarar X för fördelning …": the task, not the name
        last, n, k = k, n + 1, k + 1
    if last is not None and toks[last].text.endswith("-"):
        return None
    return last


def _mention_starting_at(toks: list[Tok], k: int) -> int | None:
    """Index of the head of a mention whose phrase starts at token k, if any."""
    for h in range(k, min(k + 4, len(toks))):
        if _is_head(toks, h) and _extend_left(toks, h) <= k:
            return h
    return None


def _name_tail(toks: list[Tok], e: int) -> int:
    head = toks[e]
    nxt = e + 1
    if nxt >= len(toks):
        return e
    if ACRONYM.fullmatch(head.text):
        return _capitals(toks, e)
    if head.text == "Region" or head.low == "regionen":
        while nxt < len(toks) and (toks[nxt].text[0].isupper() or toks[nxt].low in ("län", "läns")):
            e, nxt = nxt, nxt + 1
        # the region's body: "Region Örebro läns regionstyrelse", "Region Värmlands hälso- och sjukvårdsnämnd"
        owned = _mention_starting_at(toks, nxt) if toks[e].low.endswith("s") and nxt < len(toks) else None
        return e if owned is None else _extend_right(toks, owned)
    if _capital_pair(toks, e):
        return e + 2  # "Kommuner och Regioner" inside one name
    m = _head(head)
    word = (m.group("prefix") + m.group("stem")).lower() if m and not m.group("gen") else ""
    capital = toks[nxt].text[0].isupper() and not _is_head(toks, nxt) and any(h in word for h in CAPITAL_NAME_HEADS)
    if word.startswith(NAME_HEADS) or capital:
        end = _domain(toks, nxt, limit=6)
        return e if end is None else end
    return e


def _capitals(toks: list[Tok], e: int) -> int:
    """The last of the words in capitals that follow an acronym in one name ("EVIL CORP", "ACME AB")."""
    while e + 1 < len(toks) and toks[e + 1].start - toks[e].end == 1 and ACRONYM.fullmatch(toks[e + 1].text):
        if toks[e + 1].low in NOT_NAME_WORDS or toks[e + 1].low in PREPOSITIONS:
            break  # "… ANSVARAR FÖR …" in a line set in capitals: the name has ended
        e += 1
    return e


def _capital_pair(toks: list[Tok], e: int) -> bool:
    """A capitalised plural head joined to another by "och" inside a name ("Sveriges Kommuner och Regioner")."""
    if e + 2 >= len(toks) or e == 0 or toks[e + 1].low != "och":
        return False
    a, b = toks[e], toks[e + 2]
    plural = a.low.endswith(("er", "ar", "ing"))
    return plural and a.text[0].isupper() and b.text[0].isupper() and _is_head(toks, e + 2)


def _names_inquiry(tok: Tok) -> bool:
    m = _head(tok)
    return m is not None and not m.group("gen") and m.group("stem").startswith(ACTIVITY_HEADS)


def _post_tail(toks: list[Tok], e: int, depth: int) -> int | None:
    """One post-modifier after token e: a prepositional name part, a parenthesis or an apposition."""
    k = e + 1
    if k >= len(toks):
        return None
    word = toks[k].low
    if word in INQUIRY_NAME_PREPOSITIONS and k + 1 < len(toks) and _names_inquiry(toks[e]):
        return _domain(toks, k + 1)  # "Utredningen om framtidens hemtjänst", "Delegationen mot segregation"
    if word in MENTION_PREPOSITIONS and k + 1 < len(toks):
        h = _mention_starting_at(toks, k + 1)
        if h is not None and depth < 2:
            return _extend_right(toks, h, depth + 1)
        if word in DOMAIN_PREPOSITIONS:
            return _domain(toks, k + 1, after_for=word == "för")
        return None
    if word == "(":
        close = next((j for j in range(k + 1, min(k + 12, len(toks))) if toks[j].text == ")"), None)
        return close
    if word == "," and k + 2 < len(toks) and ACRONYM.fullmatch(toks[k + 1].text) and toks[k + 2].text == ",":
        return k + 1  # "En länssamordnare, RF-SISU, …"
    if word == "–" and k + 1 < len(toks):
        h = _mention_starting_at(toks, k + 1)  # "En särskild utredare – en nationell samordnare –"
        return None if h is None else _extend_right(toks, h, depth + 1)
    if word == "," and ROLE_APPOSITION.match(" ".join(t.low for t in toks[k + 1 : k + 6])):
        h = _mention_starting_at(toks, k + 5)  # ", som ska fungera som nationell samordnare"
        return None if h is None else _extend_right(toks, h, depth + 1)
    return None


def _extend_right(toks: list[Tok], i: int, depth: int = 0) -> int:
    e = i
    if _is_genitive(toks[i]):  # "Hälso- och sjukvårdsnämndens beredning …": the possessed body is the head
        h = _mention_starting_at(toks, i + 1)
        if h is None:
            return e
        e = h
    e = _name_tail(toks, e)
    for _ in range(4):
        nxt = _post_tail(toks, e, depth)
        if nxt is None or nxt <= e:
            break
        e = nxt
    return e


def _coordinated(toks: list[Tok], e: int) -> tuple[int, int] | None:
    """First and last index of a body coordinated with the mention ending at e ("Folkhälsocheferna och
    folkhälsoteamen", "Socialstyrelsen, Folkhälsomyndigheten eller IVO")."""
    k = e + 1
    if k >= len(toks) or toks[k].low not in ("och", "samt", ",", "eller"):
        return None
    k += 1
    if k < len(toks) and toks[k].low in ("för", "till", "med") and toks[k - 1].low != ",":
        k += 1  # "… samt för Regionala samverkansrådet"
    h = _mention_starting_at(toks, k) if k < len(toks) else None
    return None if h is None else (k, _extend_right(toks, h))


def find_mentions(text: str, toks: list[Tok]) -> list[Mention]:
    """Owner mentions in a sentence's tokens, as noun phrases with exact offsets."""
    found: list[Mention] = []
    i = 0
    while i < len(toks):
        if not _is_head(toks, i):
            i += 1
            continue
        first = _extend_left(toks, i)
        if found and first <= found[-1].last:
            first = found[-1].last + 1
        last = _extend_right(toks, i)
        parts = [(toks[first].start, toks[last].end)]
        if _left_conjunct(toks, first) and not (found and found[-1].last >= first - 2):
            first -= 2  # "Arbetsförmedlingen och Försäkringskassan": a name joined to an owner is an owner
            parts.insert(0, (toks[first].start, toks[first].end))
        while (more := _coordinated(toks, last)) is not None:
            parts.append((toks[more[0]].start, toks[more[1]].end))
            last = more[1]
        genitive = last == i and _is_genitive(toks[i])
        start, end = toks[first].start, toks[last].end
        coordinated = tuple(parts) if len(parts) > 1 else ()
        found.append(Mention(start, end, text[start:end], first, last, i, genitive, coordinated, toks[i].low))
        i = last + 1
    return found


def _left_conjunct(toks: list[Tok], first: int) -> bool:
    """A single capitalised name coordinated before a mention, at the start of the sentence or a list."""
    if first < 2 or toks[first - 1].low not in ("och", "samt", "eller"):
        return False
    name = toks[first - 2]
    opens = first == 2 or toks[first - 3].text in (",", "(") or toks[first - 3].low in PREPOSITIONS
    return opens and name.text[0].isupper() and name.text.isalpha() and name.low not in NOT_NAME_WORDS


def all_mentions(text: str, toks: list[Tok]) -> list[tuple[Mention, str]]:
    """Every body named in a sentence, nested ones included, with its head word: antecedents for short names."""
    out = []
    for h in range(len(toks)):
        if not _is_head(toks, h) or ACRONYM.fullmatch(toks[h].text):
            continue
        first = _extend_left(toks, h)
        last = h if _is_genitive(toks[h]) else _extend_right(toks, h)
        start, end = toks[first].start, toks[last].end
        mention = Mention(start, end, text[start:end], first, last, h, _is_genitive(toks[h]), head_word=toks[h].low)
        out.append((mention, toks[h].low))
    return out
