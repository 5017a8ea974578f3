"""Owner mentions: bodies and roles grown into noun phrases, with exact offsets.

A lexicon of head words (nämnd, beredning, förvaltning, styrelse, chefsgrupp, råd, -ledare, -chef,
team, kommuner, Region …) is grown into noun phrases ("Hälso- och sjukvårdsnämndens beredning för
närsjukvård", "länets kommuner samt civila samhället").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[^\W_]+(?:[-/:]+[^\W_]+)*-?|[(),;–]")
URL = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+|www\.\S+|\S+@\S+")
HEAD = re.compile(
    r"(?P<prefix>[\w/-]*?)(?P<stem>"
    r"nämnd(?:en|er|erna)?|beredning(?:en|ar|arna)?|förvaltning(?:en|ar|arna)?|styrelse(?:n|r|rna)?"
    r"|grupp(?:en|er|erna)?|(?:led|utveckl|samordn|läk)(?:are|aren|arna)|chef(?:en|er|erna)?"
    r"|förbund(?:et|en)?|myndighet(?:en|er|erna)?|förening(?:en|ar|arna)?|organisation(?:en|er|erna)?"
    r"|nätverk(?:et|en)?|direktör(?:en|er|erna)?|ombud(?:et|en)?|sköterska(?:n)?|sköterskor(?:na)?"
    r"|strateg(?:en|er|erna)?|koordinator(?:n|er|erna)?|(?:handläggar|sekreterar)(?:e|en|na)|controller(?:n|s)?"
    r"|kontor(?:et|en)?|avdelning(?:en|ar|arna)?|kansli(?:et)?|sekretariat(?:et)?|stab(?:en)?|bolag(?:et)?"
    r"|logoped(?:en|er|erna)?|lots(?:en|ar|arna)?|team(?:et|en)?|fullmäktige|kommun(?:en|er|erna)?"
    r"|enhet(?:en|er|erna)?|region(?:en|er|erna)?|part(?:en|er|erna)?|länsdel(?:en|ar|arna)?"
    r"|funktion(?:en)?|stiftelse(?:n)?|råd(?:et)?|ordförande|huvudm(?:an|annen|än|ännen)"
    r"|civilsamhälle(?:t)?|samhället|område"
    r")(?P<gen>:?s)?",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,8}(?:-[A-ZÅÄÖ]{2,8})?")
_NOT_GROUPS = {"mål", "ålder", "personal", "yrke", "risk", "befolkning", "patient", "fokus", "diagnos", "ålders"}
_NAME_HEADS = ("område", "chefsgrupp", "funktion", "stiftelse")  # take a bare name: "Område välfärd och folkhälsa"
_CAPNAME_HEADS = ("förvaltning", "chef", "stiftelse", "förening", "förbund", "område", "nätverk", "region")
SHORT_REFS = {"nämnd", "beredning", "förvaltning", "styrelse", "råd", "förbund", "organisation", "region", "team"}
PRE = {
    "en", "ett", "den", "det", "de", "varje", "respektive", "berörda", "andra", "annan", "alla", "samtliga",
    "två", "tre", "fyra", "fem", "sex", "flera", "dessa", "båda", "övriga", "civila", "egna", "nya",
}  # fmt: skip
_ADJ = re.compile(r"[^\W\d_]{3,}(?:ala|iska|ika|liga|iga|ella|ära)")
POSSESSOR = re.compile(r"[^\W\d_]{3,}(?:en|et|na)s|läns|[^\W\d_]+:s")  # "nämndens", "länets", "läns"
_STOP = {
    "att", "som", "är", "var", "har", "hade", "ska", "skall", "kan", "kommer", "får", "fick", "ansvarar", "med", "av",
    "till", "de", "den", "det", "dess", "sin", "sitt", "sina", "en", "ett", "om", "genom", "enligt", "under", "efter",
    "sedan", "men", "också", "även", "dock", "inför", "där", "när", "alla", "hela", "varje", "detta", "denna",
    "dessa", "vars", "vilket", "vilka", "bl", "ca", "år", "för", "i", "inom", "på", "från", "vid", "hos", "mellan",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
    "december", "våren", "hösten", "sommaren", "vintern", "nu", "idag", "ovanstående", "följande", "samma",
    "uppdrag", "uppdraget", "ansvar", "ansvaret", "samråd", "beslut", "dag",
}  # fmt: skip
_VERBISH = re.compile(r"[^\W\d_]+(?:ar|er|ir|ade|ades|des|tes|as|s|går|får)")
_TASK_NOUN = re.compile(r"[^\W\d_]+(?:ning|ningen|ningar|andet|ande)")
_DOMAIN_PREPS = {"för", "i"}  # "beredning för närsjukvård", "kommuner i länet"
_MENTION_PREPS = {"för", "i", "inom", "på", "vid", "under", "från", "hos"}
PRONOUNS = {"de", "dessa"}


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

    def owner_span(self) -> tuple[int, int, str]:
        """Span and text of the mention as an owner: a possessive "nämndens" stands for "nämnden"."""
        cut = (2 if self.text.endswith(":s") else 1) if self.genitive else 0
        return self.start, self.end - cut, self.text[: len(self.text) - cut]


def tokens(text: str, start: int, end: int) -> list[Tok]:
    masked = [(m.start(), m.end()) for m in URL.finditer(text, start, end)]
    toks = []
    for m in _TOKEN.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in masked):
            toks.append(Tok(m.group(0), m.start(), m.end()))
    return toks


def _head(tok: Tok) -> re.Match | None:
    """The lexicon match of a token that names a body or role (a compound ending in one counts)."""
    m = HEAD.fullmatch(tok.low.rstrip("-"))
    if not m or tok.text.endswith("-"):
        return None
    prefix, stem = m.group("prefix"), m.group("stem").lower()
    if stem.startswith("grupp") and (len(prefix) < 3 or prefix.rstrip("s") in _NOT_GROUPS):
        return None
    if (stem == "råd" and not prefix) or (stem.startswith("råd") and prefix.endswith(("om", "sam", "för"))):
        return None
    if stem.startswith("part") and prefix:
        return None
    return m


def _is_head(toks: list[Tok], i: int) -> bool:
    tok = toks[i]
    if ACRONYM.fullmatch(tok.text):
        return True
    m = _head(tok)
    if not m:
        return False
    stem = m.group("stem").lower()
    if stem == "område":
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        return tok.text[0].isupper() or nxt[:1].isupper()
    if stem == "samhället":
        return i > 0 and toks[i - 1].low == "civila"
    return True


def _is_genitive(tok: Tok) -> bool:
    m = _head(tok)
    return bool(m and m.group("gen")) and not ACRONYM.fullmatch(tok.text)


def _extend_left(toks: list[Tok], i: int) -> int:
    j = i
    while j > 0:
        prev = toks[j - 1]
        if prev.low == "och" and j >= 2 and toks[j - 2].text.endswith("-"):
            j -= 2
        elif prev.low in PRE or _ADJ.fullmatch(prev.low) or POSSESSOR.fullmatch(prev.low):
            j -= 1
        elif prev.text[0].isupper() and j < len(toks) and toks[j].low == "läns":
            j -= 1  # "Region Örebro läns …"
        elif prev.text == "Region" and toks[j].text[0].isupper():
            j -= 1
        elif prev.text[0].isupper() and toks[j].low.startswith(("kommun", "region", "län")) and j == i:
            j -= 1  # "Kumla kommun"
        else:
            break
    return j


def _domain_word(tok: Tok) -> bool:
    low = tok.low
    if not low[0].isalpha() or low in _STOP:
        return False
    return tok.text[0].isupper() or not _VERBISH.fullmatch(low)


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
        if after_for and n == 0 and tok.text[0].islower() and _TASK_NOUN.fullmatch(tok.low):
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
    if head.text == "Region" or head.low == "regionen":
        while nxt < len(toks) and (toks[nxt].text[0].isupper() or toks[nxt].low in ("län", "läns")):
            e, nxt = nxt, nxt + 1
        return e
    m = _head(head)
    word = (m.group("prefix") + m.group("stem")).lower() if m and not m.group("gen") else ""
    capital = toks[nxt].text[0].isupper() and not _is_head(toks, nxt) and any(h in word for h in _CAPNAME_HEADS)
    if word.startswith(_NAME_HEADS) or capital:
        end = _domain(toks, nxt, limit=6)
        return e if end is None else end
    return e


def _post_tail(toks: list[Tok], e: int, depth: int) -> int | None:
    """One post-modifier after token e: a prepositional name part, a parenthesis or an apposition."""
    k = e + 1
    if k >= len(toks):
        return None
    word = toks[k].low
    if word in _MENTION_PREPS and k + 1 < len(toks):
        h = _mention_starting_at(toks, k + 1)
        if h is not None and depth < 2:
            return _extend_right(toks, h, depth + 1)
        if word in _DOMAIN_PREPS:
            return _domain(toks, k + 1, after_for=word == "för")
        return None
    if word == "(":
        close = next((j for j in range(k + 1, min(k + 12, len(toks))) if toks[j].text == ")"), None)
        return close
    if word == "," and k + 2 < len(toks) and ACRONYM.fullmatch(toks[k + 1].text) and toks[k + 2].text == ",":
        return k + 1  # "En länssamordnare, RF-SISU, …"
    if word == "–" and k + 1 < len(toks) and _is_head(toks, k + 1):
        return k + 1
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


def _coordinated(toks: list[Tok], e: int) -> int | None:
    """End of a body coordinated with the mention ending at e ("Folkhälsocheferna och folkhälsoteamen")."""
    k = e + 1
    if k >= len(toks) or toks[k].low not in ("och", "samt", ","):
        return None
    k += 1
    if k < len(toks) and toks[k].low in ("för", "till", "med") and toks[k - 1].low != ",":
        k += 1  # "… samt för Regionala samverkansrådet"
    h = _mention_starting_at(toks, k) if k < len(toks) else None
    return None if h is None else _extend_right(toks, h)


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
        while (more := _coordinated(toks, last)) is not None:
            last = more
        genitive = last == i and _is_genitive(toks[i])
        start, end = toks[first].start, toks[last].end
        found.append(Mention(start, end, text[start:end], first, last, i, genitive))
        i = last + 1
    return found


def all_mentions(text: str, toks: list[Tok]) -> list[tuple[Mention, str]]:
    """Every body named in a sentence, nested ones included, with its head word: antecedents for short names."""
    out = []
    for h in range(len(toks)):
        if not _is_head(toks, h) or ACRONYM.fullmatch(toks[h].text):
            continue
        first = _extend_left(toks, h)
        last = h if _is_genitive(toks[h]) else _extend_right(toks, h)
        start, end = toks[first].start, toks[last].end
        out.append((Mention(start, end, text[start:end], first, last, h, _is_genitive(toks[h])), toks[h].low))
    return out
