"""The responsibility register: who is assigned, responsible, deciding or following up what.

Every statement carries exact offsets into ``doc.text``: the task evidence (a whole sentence or
list item) and the owner mention, which may stand far above the task, in a lead-in such as
"Hälso- och sjukvårdsförvaltningen får i uppdrag:" that scopes the numbered items below it.

Three layers, each general to Swedish administrative text rather than to one document:

* **owner mentions** — a lexicon of bodies and roles (nämnd, beredning, förvaltning, styrelse,
  chefsgrupp, råd, -ledare, -chef, team, kommuner, Region …) grown into noun phrases
  ("Hälso- och sjukvårdsnämndens beredning för närsjukvård", "länets kommuner samt civila samhället");
* **scoped lists** — a lead-in "X får i uppdrag (att):" gives X every following item until the
  next lead-in or section heading;
* **sentence rules** — a table of anchors ("ansvarar för", "beslutades av", "i samverkan med" …),
  each saying where its owner stands (the subject before it, or the phrase after it).

Short references ("de", "Förvaltningen", "Rådet", "nämnden") are resolved to the nearest full name.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ingest.catalog import doc_id_for
from ingest.sentences import split_sentences
from ingest.types import Block, CleanDocument

KINDS = ("assigned", "responsible", "decided", "follows_up", "other")


@dataclass
class Responsibility:
    owner: str  # as written in the text (the full name when a short reference was resolved)
    owner_key: str  # normalise_owner(owner): merges variants of one body
    task: str  # the task as written (the item or clause), without a leading "Nr 5."
    kind: str  # one of KINDS
    doc_id: str
    task_start: int  # evidence span in doc.text: a whole sentence or list item
    task_end: int
    owner_start: int  # owner mention in doc.text (may be far above, in a lead-in)
    owner_end: int
    number: str = ""  # assignment number ("5", "13 och 14")
    assigner: str = ""  # the assigning or deciding body, where the text names it
    year: str = ""  # the document's period or year

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict) -> Responsibility:
        """An entry as stored with its document (unknown keys are ignored)."""
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})


# --------------------------------------------------------------------------- text shapes

# A list item's number or bullet: "Nr 5.", "Nr 21:", "3.", "(4)", "•"
_ITEM_MARK = re.compile(
    r"(?:(?:Nr|nr|Punkt)\.?\s*(\d{1,3})\s*[.:)]?|(?:Uppdrag\s+)?(\d{1,3})\s*[.:)]|\((\d{1,3})\))\s+(?=\S)"
    r"|[•\-*–·◦○►✓]\s+(?=\S)"
)
_UPPDRAG_TILL = re.compile(r"(?:\d+(?:\.\d+)*\.?\s+)?Uppdrag(?:en)? (?:till|för) ")  # a lead-in "Uppdrag till X:"
_LABEL = re.compile(r"[A-ZÅÄÖ][\wåäö ]{1,28}:\s")  # "Svar: …", "Ur delårsrapport: …"
# Contact details are never owners: labelled lines, phone numbers, e-mail addresses
_CONTACT = re.compile(
    r"(?:Telefon\w*|Tel|Fax|Mobil|E-post|Epost|Mejl|Besöksadress|Postadress|Leveransadress|Adress|Webbplats"
    r"|Hemsida|Kontakt\w*|Org\.?\s?nr|Organisationsnummer)\.?\s*:",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2,3}\b")
_SIGNATURE = re.compile(
    r"(?P<name>[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+),? "
    r"(?P<role>(?:[Vv]ice )?[Oo]rdförande|[a-zåäö]*(?:chef|direktör|sekreterare))\b"
)  # "Karin Sundin Ordförande …"
# A finite verb: a paragraph with one is a statement, not an item whose list number was lost
_FINITE = re.compile(r"\b(?:är|var|har|hade|ska|skall|kan|kommer|behöver|görs|sker|finns|riktas|blir|får|bör|måste"
                     r"|pågår|[a-zåäö]{3,}(?:ar|er))\b")  # fmt: skip


# --------------------------------------------------------------------------- owner mentions

_TOKEN = re.compile(r"[^\W_]+(?:[-/:]+[^\W_]+)*-?|[(),;–]")
_URL = re.compile(r"\[[^\]]*\]\([^)]*\)|https?://\S+|www\.\S+|\S+@\S+")
_HEAD = re.compile(
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
_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,8}(?:-[A-ZÅÄÖ]{2,8})?")
_NOT_GROUPS = {"mål", "ålder", "personal", "yrke", "risk", "befolkning", "patient", "fokus", "diagnos", "ålders"}
_NAME_HEADS = ("område", "chefsgrupp", "funktion", "stiftelse")  # take a bare name: "Område välfärd och folkhälsa"
_CAPNAME_HEADS = ("förvaltning", "chef", "stiftelse", "förening", "förbund", "område", "nätverk", "region")
_SHORT_REFS = {"nämnd", "beredning", "förvaltning", "styrelse", "råd", "förbund", "organisation", "region", "team"}
_PRE = {
    "en", "ett", "den", "det", "de", "varje", "respektive", "berörda", "andra", "annan", "alla", "samtliga",
    "två", "tre", "fyra", "fem", "sex", "flera", "dessa", "båda", "övriga", "civila", "egna", "nya",
}  # fmt: skip
_ADJ = re.compile(r"[^\W\d_]{3,}(?:ala|iska|ika|liga|iga|ella|ära)")
_POSSESSOR = re.compile(r"[^\W\d_]{3,}(?:en|et|na)s|läns|[^\W\d_]+:s")  # "nämndens", "länets", "läns"
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
_PRONOUNS = {"de", "dessa"}


@dataclass(frozen=True)
class _Tok:
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class _Mention:
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


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    masked = [(m.start(), m.end()) for m in _URL.finditer(text, start, end)]
    toks = []
    for m in _TOKEN.finditer(text, start, end):
        if not any(a <= m.start() < b for a, b in masked):
            toks.append(_Tok(m.group(0), m.start(), m.end()))
    return toks


def _head(tok: _Tok) -> re.Match | None:
    """The lexicon match of a token that names a body or role (a compound ending in one counts)."""
    m = _HEAD.fullmatch(tok.low.rstrip("-"))
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


def _is_head(toks: list[_Tok], i: int) -> bool:
    tok = toks[i]
    if _ACRONYM.fullmatch(tok.text):
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


def _is_genitive(tok: _Tok) -> bool:
    m = _head(tok)
    return bool(m and m.group("gen")) and not _ACRONYM.fullmatch(tok.text)


def _extend_left(toks: list[_Tok], i: int) -> int:
    j = i
    while j > 0:
        prev = toks[j - 1]
        if prev.low == "och" and j >= 2 and toks[j - 2].text.endswith("-"):
            j -= 2
        elif prev.low in _PRE or _ADJ.fullmatch(prev.low) or _POSSESSOR.fullmatch(prev.low):
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


def _domain_word(tok: _Tok) -> bool:
    low = tok.low
    if not low[0].isalpha() or low in _STOP:
        return False
    return tok.text[0].isupper() or not _VERBISH.fullmatch(low)


def _domain(toks: list[_Tok], k: int, after_for: bool = False, limit: int = 7) -> int | None:
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
        if not _domain_word(tok) or (_is_head(toks, k) and n) or _ACRONYM.fullmatch(tok.text):
            break
        if after_for and n == 0 and tok.text[0].islower() and _TASK_NOUN.fullmatch(tok.low):
            break  # "ansvarar X för fördelning …": the task, not the name
        last, n, k = k, n + 1, k + 1
    if last is not None and toks[last].text.endswith("-"):
        return None
    return last


def _mention_starting_at(toks: list[_Tok], k: int) -> int | None:
    """Index of the head of a mention whose phrase starts at token k, if any."""
    for h in range(k, min(k + 4, len(toks))):
        if _is_head(toks, h) and _extend_left(toks, h) <= k:
            return h
    return None


def _name_tail(toks: list[_Tok], e: int) -> int:
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


def _post_tail(toks: list[_Tok], e: int, depth: int) -> int | None:
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
    if word == "," and k + 2 < len(toks) and _ACRONYM.fullmatch(toks[k + 1].text) and toks[k + 2].text == ",":
        return k + 1  # "En länssamordnare, RF-SISU, …"
    if word == "–" and k + 1 < len(toks) and _is_head(toks, k + 1):
        return k + 1
    return None


def _extend_right(toks: list[_Tok], i: int, depth: int = 0) -> int:
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


def _coordinated(toks: list[_Tok], e: int) -> int | None:
    """End of a body coordinated with the mention ending at e ("Folkhälsocheferna och folkhälsoteamen")."""
    k = e + 1
    if k >= len(toks) or toks[k].low not in ("och", "samt", ","):
        return None
    k += 1
    if k < len(toks) and toks[k].low in ("för", "till", "med") and toks[k - 1].low != ",":
        k += 1  # "… samt för Regionala samverkansrådet"
    h = _mention_starting_at(toks, k) if k < len(toks) else None
    return None if h is None else _extend_right(toks, h)


def _mentions(text: str, toks: list[_Tok]) -> list[_Mention]:
    """Owner mentions in a sentence's tokens, as noun phrases with exact offsets."""
    found: list[_Mention] = []
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
        found.append(_Mention(start, end, text[start:end], first, last, i, genitive))
        i = last + 1
    return found


def _all_mentions(text: str, toks: list[_Tok]) -> list[tuple[_Mention, str]]:
    """Every body named in a sentence, nested ones included, with its head word: antecedents for short names."""
    out = []
    for h in range(len(toks)):
        if not _is_head(toks, h) or _ACRONYM.fullmatch(toks[h].text):
            continue
        first = _extend_left(toks, h)
        last = h if _is_genitive(toks[h]) else _extend_right(toks, h)
        start, end = toks[first].start, toks[last].end
        out.append((_Mention(start, end, text[start:end], first, last, h, _is_genitive(toks[h])), toks[h].low))
    return out


# --------------------------------------------------------------------------- sentence rules


@dataclass(frozen=True)
class _Rule:
    name: str
    anchor: re.Pattern
    kind: str
    owner: str  # "subject": the body before the anchor (or right after it, inverted); "after": the body after it
    tail: re.Pattern | None = None  # must follow the anchor, or the inverted subject
    adjacent: bool = False  # the subject must stand right before the anchor
    strong: bool = True  # weak rules only fire in a paragraph sentence that no strong rule matched
    meeting: bool = False  # the owner is a possessive before "sammanträde" ("antogs vid nämndens sammanträde")
    giver: bool = False  # the subject before the anchor assigns ("Kommunstyrelsen ger X i uppdrag …")
    numbers: bool = False  # the anchor carries assignment numbers ("Uppdrag 13 och 14 riktas till …")


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_DECIDED_PASSIVE = (
    r"(?:beslutades|beslutats|beslutas|beslutad|antogs|antagits|antas|antagen|fastställdes|fastställts|fastställs"
    r"|fastställd|godkändes|godkänts|godkänns|godkänd)"
)
RULES: tuple[_Rule, ...] = (
    _Rule("enligt_beslut", _rx(r"\b[Ee]nligt (?:ett |tidigare )?beslut (?:i|av|från)\b"), "decided", "after"),
    _Rule("ansvarar", _rx(r"\bansvarar\b"), "responsible", "subject",
          tail=_rx(r"(?:(?:också|även|därför|gemensamt|själva|tillsammans) )*för\b")),
    _Rule("ansvaret_ligger", _rx(r"\b[Aa]nsvar(?:et)? för\b[^.]{3,150}? (?:ligger|vilar) (?:hos|på)\b"),
          "responsible", "after"),
    _Rule("ger_i_uppdrag", _rx(r"\b(?:ger|gav|har gett|har givit|lämnar)\b"), "assigned", "after",
          tail=_rx(r"(?:\w+ )?i uppdrag\b"), giver=True),
    _Rule("ansvarig_ar", _rx(r"\b[Aa]nsvarig(?:a)? för [^.]{3,200}? är\b"), "responsible", "after"),
    _Rule("ar_ansvarig", _rx(r"\bär\b"), "responsible", "subject", tail=_rx(r"(?:\w+ )?ansvarig(?:a)? för\b")),
    _Rule("har_ansvar", _rx(r"\b(?:har|äger|tar|bär)\b"), "responsible", "subject",
          tail=_rx(r"(?:\w+ ){0,3}?ansvar(?:et)? för\b")),
    _Rule("har_uppdrag", _rx(r"\bhar\b"), "assigned", "subject",
          tail=_rx(r"(?:fått |getts )?(?:i )?uppdrag(?:et)? att\b|(?:fått|getts) (?:\w+ )?uppdrag(?:et)?\b")),
    _Rule("far_uppdrag", _rx(r"\b(?:får|fick|ges|gavs)\b"), "assigned", "subject",
          tail=_rx(r"(?:(?:även|också|dessutom) )*i uppdrag\b")),
    _Rule("med_uppdrag", _rx(r"\bmed uppdrag(?:et)? att\b"), "assigned", "subject", adjacent=True),
    _Rule("tilldelas", _rx(r"\b(?:tilldelas|tilldelades|har tilldelats)\b"), "assigned", "subject", adjacent=True),
    _Rule("uppdrag_riktas", _rx(r"\b[Uu]ppdrag(?:et|en)?(?: (?:nr )?\d+(?:(?:, | och | samt )\d+)*)? (?:som )?"
                                r"(?:riktas|ges|lämnas|går|berör)(?: till)?\b"), "assigned", "after", numbers=True),
    _Rule("uppdraget_for", _rx(r"\b\w*(?:[Uu]ppdrag(?:et)?|[Ss]yfte(?:t)?) (?:för|med|till)\b"), "responsible",
          "after", tail=_rx(r"är att\b")),
    _Rule("uppdragsbeskrivning", _rx(r"\buppdrags(?:beskrivning|direktiv)\w*(?: \w+){0,3}? för\b"),
          "assigned", "after"),
    _Rule("kan_ge_uppdrag", _rx(r"\bkan\b"), "other", "subject",
          tail=_rx(r"(?:\w+ ){0,3}?(?:lägga till|ge|lämna|fördela|tilldela)(?: \w+){0,2}? uppdrag")),
    _Rule("beslutad_av", _rx(rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? av\b:?"), "decided", "after"),
    _Rule("antogs_vid", _rx(rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? (?:vid|på|i)\b"), "decided", "after",
          meeting=True),
    _Rule("beslut_fattades", _rx(r"\b[Bb]eslut(?:et)? om\b[^.]{3,200}?\b(?:fattades|fattas|har fattats|togs|tas) "
                                 r"(?:av|i)\b"), "decided", "after"),
    _Rule("fastställer", _rx(r"\b(?:fastställer|fastställde|beslutar|beslutade|antar|antog|godkänner|godkände"
                             r"|har (?:fastställt|beslutat|antagit|godkänt|fattat beslut om))\b"),
          "decided", "subject"),
    _Rule("kan_faststalla", _rx(r"\b(?:kan|ska|skall|får)\b"), "decided", "subject", adjacent=True,
          tail=_rx(r"(?:\w+ ){0,4}?(?:fastställa|besluta|anta|godkänna)\b")),
    _Rule("foljs_upp_av", _rx(r"\b(?:följas|följs|följdes) upp(?: \w+){0,2}? (?:av|i|inom)\b"), "follows_up", "after"),
    _Rule("rapporteras_till", _rx(r"\b(?:(?:åter)?rapporteras|(?:åter)?rapporterades|(?:åter)?rapportering(?:en)? sker"
                                  r"|redovisas|redovisades)(?: \w+){0,2}? (?:till|för)\b"), "follows_up", "after"),
    _Rule("foljer_upp", _rx(r"\b(?:följer|följde)\b"), "follows_up", "subject", tail=_rx(r"upp\b"), adjacent=True),
    _Rule("uppfoljning_av", _rx(r"\b[Uu]ppföljning(?:en)?\b(?: \w+){0,3}? (?:genomförs|genomförts|görs|gjorts|sker"
                                r"|skett|göras)\b(?: \w+){0,2}? (?:av|inom|hos)\b"), "follows_up", "after"),
    _Rule("leds_av", _rx(r"\b(?:leds|genomförs|genomfördes|utförs|tas fram|togs fram|har tagits fram|utformas"
                         r"|upprättas|drivs|samordnas|administreras)\b(?: \w+){0,2}? (?:av|inom|i|hos)\b"),
          "responsible", "after"),
    _Rule("under_ledning", _rx(r"\b[Uu]nder (?:ledning|ledarskap) av\b"), "responsible", "after"),
    _Rule("modal", _rx(r"\b(?:ska|skall|behöver|måste|bör)\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?!(?:(?:också|även|dessutom|inte) )?(?:vara|bli|ses|bestå|finnas|kunna)\b)(?![a-zåäö]+as\b)")),
    _Rule("kommer_att", _rx(r"\bkommer\b"), "responsible", "subject", adjacent=True, tail=_rx(r"att\b")),
    _Rule("verkar", _rx(r"\b(?:stödjer|stöttar|leder|samordnar|driver|utvecklar|administrerar|arbetar|genomför"
                        r"|bedömer|prioriterar|företräder|bereder)\b"), "responsible", "subject", adjacent=True),
    _Rule("finns_till_stod", _rx(r"\bfinns\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?:till |som )stöd\b")),
    _Rule("ar_roll", _rx(r"\bär\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?:en av \w+ \w+|(?:ett |en )?(?:\w+ )?(?:forum|styrgrupp|beredningsorgan|basen)\b)")),
    _Rule("ar_aktor", _rx(r"\bär\b"), "other", "subject", adjacent=True,
          tail=_rx(r"en (?:\w+ )?(?:och \w+ )?(?:aktör|part|samarbetspart\w*)\b")),
    _Rule("deltar", _rx(r"\b(?:deltar|medverkar|deltog|medverkade)\b"), "other", "subject", adjacent=True),
    _Rule("samverkar", _rx(r"\b(?:samverkar|samarbetar)\b"), "other", "subject", adjacent=True,
          tail=_rx(r"(?:(?:också|även) )?med\b")),
    _Rule("uppdrag_till", _rx(r"\b[Uu]ppdrag(?:en)? till\b"), "other", "after", strong=False),
    _Rule("i_samverkan", _rx(r"\b[Ii] samverkan (?:med|mellan)\b"), "other", "after", strong=False),
    _Rule("tillsammans", _rx(r"\b[Tt]illsammans med\b(?: bl ?a\b| bland annat\b)?"), "other", "after", strong=False),
    _Rule("presenterats", _rx(r"\b(?:presenterats|presenterades|redovisats|redovisades|föredragits) för\b"
                              r"|\b(?:behandlats|behandlades) (?:i|av)\b|\bremiss till\b|\b[Pp]å uppdrag av\b"),
          "other", "after", strong=False),
    _Rule("i_form_av", _rx(r"\bi form av\b"), "other", "after", strong=False),
    _Rule("anstalld", _rx(r"\b(?:anställdes|anställs|tillsattes|tillsätta|tillsätts|rekryterades|utsågs"
                          r"|inrättades)\b"), "other", "after", strong=False),
    _Rule("har_anstallts", _rx(r"\b(?:har (?:anställts|rekryterats|tillsatts|utsetts|inrättats)|är utsedda?)\b"),
          "other", "subject", adjacent=True, strong=False),
)  # fmt: skip
STRONG_RULES = tuple(r for r in RULES if r.strong)
WEAK_RULES = tuple(r for r in RULES if not r.strong)
_NEGATION = re.compile(r"\b(?:inte|ej|aldrig)\b")
_ADVERBS = {"också", "även", "dessutom", "därför", "nu", "gemensamt", "själva", "fortsatt", "som", "tillsammans"}
_SKIP_AFTER = {"bl", "a", "bland", "annat", "även", "också", "både"}
_PREPOSITIONS = {
    "med", "av", "på", "i", "inom", "för", "till", "från", "hos", "mellan", "om", "under", "genom", "vid",
    "enligt", "utifrån", "kring", "mot", "åt", "efter", "bland", "ur",
}  # fmt: skip
_FOLLOW_UP_TASK = re.compile(
    r"^(?:att )?(?:\w+ )?(?:uppföljning|utvärdering|återrapportering|analys)|\b(?:analyseras|följs upp|utvärderas)\b"
)
_MEETING = re.compile(r"sammanträde|möte")


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    toks: list[_Tok]
    mentions: list[_Mention]
    in_item: bool = False
    named: list[tuple[_Mention, str]] = field(default_factory=list)  # every body named, nested ones included


@dataclass
class _Hit:
    rule: _Rule
    mention: _Mention | None  # None: a pronoun ("de") to resolve
    task: str
    number: str = ""
    giver: _Mention | None = None  # "Kommunstyrelsen ger socialnämnden i uppdrag …": who assigns


def _subject_before(sent: _Sentence, at: int, adjacent: bool) -> _Mention | None:
    """The subject mention before offset ``at``: nearest, not inside a prepositional phrase or a 'som' clause."""
    prior = [m for m in sent.mentions if m.end <= at]
    anchor_tok = next((i for i, t in enumerate(sent.toks) if t.start >= at), len(sent.toks))
    for k in range(len(prior) - 1, -1, -1):
        m = prior[k]
        if m.genitive or (m.first > 0 and sent.toks[m.first - 1].low in _PREPOSITIONS):
            continue
        if k > 0 and any(t.low == "som" for t in sent.toks[prior[k - 1].last + 1 : m.first]):
            continue
        gap = sent.toks[m.last + 1 : anchor_tok]
        if adjacent and any(t.low not in _ADVERBS and t.text != "," for t in gap):
            return None
        return m if len(gap) <= 14 else None
    return None


def _mention_at(sent: _Sentence, offset: int, subject: bool = True) -> tuple[_Mention | None, int] | None:
    """The mention starting with the first word at or after ``offset``, and where it ends.

    As a subject it may be a pronoun ("får de även i uppdrag", mention None) but not a possessive.
    """
    idx = next((i for i, t in enumerate(sent.toks) if t.start >= offset), None)
    while idx is not None and idx < len(sent.toks) and sent.toks[idx].low in _SKIP_AFTER:
        idx += 1
    if idx is None or idx >= len(sent.toks):
        return None
    for m in sent.mentions:
        if m.first == idx:
            return (m, m.end) if not (m.genitive and subject) else None
    tok = sent.toks[idx]
    if subject and tok.low in _PRONOUNS:
        return None, tok.end
    return None


def _tail_after(rule: _Rule, sent: _Sentence, offset: int) -> re.Match | None:
    rel = offset - sent.start
    while rel < len(sent.text) and sent.text[rel] in " ,":
        rel += 1
    return rule.tail.match(sent.text, rel) if rule.tail else None


def _subject_hit(rule: _Rule, sent: _Sentence, a: int, b: int) -> _Hit | None:
    direct = _tail_after(rule, sent, b) if rule.tail else None
    if direct or rule.tail is None:
        subject = _subject_before(sent, a, rule.adjacent)
        if subject:
            return _Hit(rule, subject, _rest(sent, sent.start + direct.end() if direct else b))
    inverted = _mention_at(sent, b)
    if inverted and rule.tail:
        mention, end = inverted
        tail = _tail_after(rule, sent, end)
        if tail:
            return _Hit(rule, mention, _rest(sent, sent.start + tail.end()))
    return None


def _after_hit(rule: _Rule, sent: _Sentence, a: int, b: int) -> _Hit | None:
    found = _mention_at(sent, b, subject=False)
    if not found or found[0] is None:
        return None
    mention = found[0]
    tail = _tail_after(rule, sent, mention.end) if rule.tail else None
    if rule.tail and not tail:
        return None
    if rule.meeting and not (mention.genitive and _MEETING.match(sent.text, mention.end - sent.start + 1)):
        return None
    if rule.giver and tail:
        giver = _subject_before(sent, a, adjacent=True)
        return _Hit(rule, mention, _rest(sent, sent.start + tail.end()), giver=giver)
    anchor = sent.text[a - sent.start : b - sent.start]
    number = next(iter(re.findall(r"\d+(?: och \d+)?", anchor)), "") if rule.numbers else ""
    return _Hit(rule, mention, _whole(sent), number)


def _rest(sent: _Sentence, offset: int) -> str:
    """The clause after the anchor ("för fördelning av … medel"), or the whole sentence when that is too short."""
    rest = sent.text[offset - sent.start :].strip(" ,.:;")
    return rest if len(rest.split()) >= 3 else _whole(sent)


def _whole(sent: _Sentence) -> str:
    """The sentence as a task, without a leading label such as "Svar:" or "Ur delårsrapport:"."""
    text = sent.text.strip()
    label = _LABEL.match(text)
    return (text[label.end() :] if label else text).strip(" .")


def _rule_hits(sent: _Sentence, rules: tuple[_Rule, ...]) -> list[_Hit]:
    hits = []
    for rule in rules:
        for m in rule.anchor.finditer(sent.text):
            if _NEGATION.search(sent.text, max(0, m.start() - 12), m.end() + 8):
                continue  # "har inte behandlats av beredningen", "deltog inte"
            a, b = sent.start + m.start(), sent.start + m.end()
            hit = _subject_hit(rule, sent, a, b) if rule.owner == "subject" else _after_hit(rule, sent, a, b)
            if hit:
                hits.append(hit)
    return hits


def _sentence_hits(sent: _Sentence) -> list[_Hit]:
    """Strong rules first; a weak rule gives at most one statement, and only where no strong rule did."""
    if sent.text.rstrip().endswith("?"):
        return []  # a question asks, it does not assign
    hits = _rule_hits(sent, STRONG_RULES)
    if not hits and not sent.in_item:
        hits = _rule_hits(sent, WEAK_RULES)[:1]
    return hits


# --------------------------------------------------------------------------- the document walk

_LEAD_IN_RULES = tuple(r for r in RULES if r.name in ("far_uppdrag", "har_uppdrag"))


@dataclass
class _Scope:
    """An open "X får i uppdrag:" list: its owner, and whether its items are numbered or bullets."""

    owner: _Mention
    style: str = ""
    last_was_item: bool = False
    last_number: int = 0

    def expects(self, text: str) -> bool:
        """A numbered "heading" that is really the next item (the cleaner promotes "1. Se över …")."""
        mark = _ITEM_MARK.match(text)
        number = next((g for g in mark.groups() if g), "") if mark else ""
        return bool(number) and int(number) == self.last_number + 1 and self.style in ("", "numbered")


class _Extractor:
    """Walks a document's blocks in order, keeping the open assignment list and the last sentence's subject."""

    def __init__(self, doc: CleanDocument) -> None:
        self.doc = doc
        self.year = _year(doc.meta)
        self.out: list[Responsibility] = []
        self.sentences: dict[int, list[_Sentence]] = {}
        self.named: list[tuple[_Mention, str]] = []
        self.prev_subject: _Mention | None = None
        self.plan_owner = ""
        for i, block in enumerate(doc.blocks):
            if not _is_contact(doc.text[block.start : block.end]):
                self.sentences[i] = [self._sentence(a, b, block.kind == "item") for a, b in _spans(doc, block)]
                self.named.extend(m for s in self.sentences[i] for m in s.named)

    def _sentence(self, a: int, b: int, in_item: bool) -> _Sentence:
        toks = _tokens(self.doc.text, a, b)
        named = _all_mentions(self.doc.text, toks)
        return _Sentence(a, b, self.doc.text[a:b], toks, _mentions(self.doc.text, toks), in_item, named)

    def run(self) -> list[Responsibility]:
        scope: _Scope | None = None
        for i, block in enumerate(self.doc.blocks):
            sents = self.sentences.get(i)
            if sents is not None:
                scope = self._block(block, sents, scope)
        return _dedupe(self.out)

    def _block(self, block: Block, sents: list[_Sentence], scope: _Scope | None) -> _Scope | None:
        text = self.doc.text[block.start : block.end]
        self._signature(block, text)
        if block.kind != "item" and _ends_with_lead_in(sents[-1], block.kind == "heading"):
            self._rules(sents[:-1])
            lead = self._lead_in(sents)
            if lead:
                return _Scope(lead)
            self._rules(sents[-1:])
            return scope if block.kind != "heading" else None
        if block.kind == "heading" and not (scope and scope.expects(text)):
            self._rules(sents)
            return None
        if scope and self._scoped_item(scope, block, text, sents):
            return scope
        if scope:
            scope.last_was_item = False
            if scope.style == "bullet" and not _LABEL.match(text):
                scope = None
        emitted = self._rules(sents)
        return None if any(r.kind == "assigned" for r in emitted) else scope

    def _lead_in(self, sents: list[_Sentence]) -> _Mention | None:
        """The owner of a lead-in "X får i uppdrag (att):" ending the paragraph."""
        last = sents[-1]
        self._note_plan_owner(sents)
        heading = _UPPDRAG_TILL.match(last.text)
        if heading:
            found = _mention_at(last, last.start + heading.end(), subject=False)
            return self._resolve(found[0]) if found and found[0] else None
        for hit in _rule_hits(last, _LEAD_IN_RULES):
            owner = self._resolve(hit.mention)
            if owner:
                return owner
        return None

    def _scoped_item(self, scope: _Scope, block: Block, text: str, sents: list[_Sentence]) -> bool:
        mark = _ITEM_MARK.match(text)
        number = next((g for g in mark.groups() if g), "") if mark else ""
        if block.kind != "paragraph" or number:
            style = "numbered" if number else "bullet"
            scope.style = scope.style or style
            if style != scope.style:
                return False  # sub-bullets under a numbered assignment
        elif not (scope.last_was_item and scope.style == "numbered" and _is_task_clause(text, sents)):
            return False
        start = block.start + (mark.end() if mark else 0)
        self._emit_item(scope.owner, block, self.doc.text[start : block.end], number)
        scope.last_was_item = True
        scope.last_number = int(number) if number else scope.last_number
        return True

    def _emit_item(self, owner: _Mention, block: Block, task: str, number: str) -> None:
        o_start, o_end, o_text = owner.owner_span()
        self.out.append(
            Responsibility(o_text, normalise_owner(o_text), task.strip(), "assigned", self.doc.doc_id,
                           block.start, block.end, o_start, o_end, number, self.plan_owner, self.year)
        )  # fmt: skip

    def _rules(self, sents: list[_Sentence]) -> list[Responsibility]:
        emitted = []
        for sent in sents:
            self._note_plan_owner([sent])
            hits = _sentence_hits(sent)
            assigner = next((self._owner_text(h) for h in hits if h.rule.name == "enligt_beslut"), "")
            for hit in hits:
                found = self._statement(hit, sent, assigner)
                if found:
                    emitted.append(found)
            self.prev_subject = self._subject_of(sent)
        self.out.extend(emitted)
        return emitted

    def _statement(self, hit: _Hit, sent: _Sentence, assigner: str) -> Responsibility | None:
        owner = self._resolve(hit.mention)
        if owner is None:
            return None
        o_start, o_end, o_text = owner.owner_span()
        kind = hit.rule.kind
        if kind == "responsible" and _FOLLOW_UP_TASK.search(hit.task.lower()):
            kind = "follows_up"
        assigner = hit.giver.owner_span()[2] if hit.giver else assigner
        assigner = "" if kind == "decided" or normalise_owner(assigner) == normalise_owner(o_text) else assigner
        return Responsibility(o_text, normalise_owner(o_text), hit.task, kind, self.doc.doc_id, sent.start,
                              sent.end, o_start, o_end, hit.number, assigner, self.year)  # fmt: skip

    def _owner_text(self, hit: _Hit) -> str:
        owner = self._resolve(hit.mention)
        return owner.owner_span()[2] if owner else ""

    def _subject_of(self, sent: _Sentence) -> _Mention | None:
        first = next((m for m in sent.mentions if m.first <= 1 and not m.genitive), None)
        return self._resolve(first) if first else None

    def _resolve(self, mention: _Mention | None) -> _Mention | None:
        """A pronoun becomes the previous sentence's subject; a bare "Förvaltningen" the nearest full name."""
        if mention is None:
            return self.prev_subject
        base = _bare_base(mention)
        if base is None:
            return mention
        pattern = re.compile(rf"[\w/-]*{re.escape(base)}(?:en|et|n|e)?(?::?s)?")
        for cand, head in reversed(self.named):
            if cand.start < mention.start and pattern.fullmatch(head) and _is_named(cand, head, base):
                return cand
        return mention

    def _note_plan_owner(self, sents: list[_Sentence]) -> None:
        """Remember whose plan the assignments below come from ("Ur hälso- och sjukvårdsnämndens verksamhetsplan")."""
        for sent in sents:
            for m in sent.mentions:
                nxt = sent.toks[m.last + 1].low if m.last + 1 < len(sent.toks) else ""
                if m.genitive and nxt.startswith(("verksamhetsplan", "budget", "beslut")):
                    self.plan_owner = m.owner_span()[2]
                    return

    def _signature(self, block: Block, text: str) -> None:
        m = _SIGNATURE.match(text)
        if not m or m.group("name").split()[0] in ("Region", "Område"):
            return
        url = _URL.search(text)
        end = min(len(text), url.start() if url else len(text), 100)
        signed = text[:end].rstrip(" ,.")
        start = block.start
        self.out.append(
            Responsibility(signed, normalise_owner(signed), signed, "other", self.doc.doc_id, start,
                           start + len(signed), start, start + len(signed), year=self.year)
        )  # fmt: skip


def _ends_with_lead_in(sent: _Sentence, heading: bool = False) -> bool:
    """A lead-in "X får i uppdrag (att):" or "Uppdrag till X:" (a heading needs no colon)."""
    if not (heading or sent.text.rstrip().endswith(":")):
        return False
    return bool(_UPPDRAG_TILL.match(sent.text) or _rule_hits(sent, _LEAD_IN_RULES))


def _spans(doc: CleanDocument, block: Block) -> list[tuple[int, int]]:
    """Sentence spans of a block. The block's own text is split (then shifted): split_sentences looks back
    from offset 0 for each period, which is quadratic when given a whole document and offsets."""
    spans = split_sentences(doc.text[block.start : block.end])
    return [(block.start + a, block.start + b) for a, b in spans] or [(block.start, block.end)]


def _is_contact(text: str) -> bool:
    """Telephone, e-mail, address and web lines: never owners, never tasks."""
    s = text.strip()
    if _CONTACT.match(s) or s.lower().startswith(("www.", "http")) or re.fullmatch(r"[\d\s+()-]{6,}", s):
        return True
    return len(s) < 200 and bool(_PHONE.search(s) or re.search(r"\S+@\S+\.\w+", s))


def _is_task_clause(text: str, sents: list[_Sentence]) -> bool:
    """A paragraph that continues a list whose numbering was lost: an infinitive task, no finite verb."""
    if _LABEL.match(text) or text.rstrip().endswith(":") or _FINITE.search(sents[0].text):
        return False
    return not any(r.strong for s in sents for r in (h.rule for h in _sentence_hits(s)))


def _bare_base(mention: _Mention) -> str | None:
    """'förvaltning' for a bare definite "Förvaltningen" / "Beredningens"; None for a full name."""
    if mention.first != mention.last:
        return None
    m = _HEAD.fullmatch(mention.text.lower())
    if not m or m.group("prefix"):
        return None
    stem = m.group("stem").lower()
    if stem.endswith(("arna", "erna", "orna")) or not stem.endswith(("en", "et", "n")):
        return None
    base = stem[:-2] if stem.endswith(("en", "et")) else stem[:-1]
    return base if base in _SHORT_REFS else None


def _is_named(cand: _Mention, head: str, base: str) -> bool:
    """A full name for a bare reference: a compound ("sjukvårdsförvaltningen") or words beside the head."""
    words = cand.text.lower().split()
    if len(words) == 1:
        return not head.startswith(base)
    return words[0] not in _PRE or len(words) > 2


def _dedupe(found: list[Responsibility]) -> list[Responsibility]:
    seen, out = set(), []
    for r in sorted(found, key=lambda r: (r.task_start, r.owner_start)):
        key = (r.owner_key, r.task_start, r.task_end)
        if r.owner_key and key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _year(meta: dict) -> str:
    if meta.get("period"):
        return str(meta["period"])
    m = re.match(r"\d{4}", str(meta.get("date") or ""))
    return m.group(0) if m else ""


def extract_responsibilities(doc: CleanDocument) -> list[Responsibility]:
    """Every statement of responsibility or assignment in a cleaned document, in text order."""
    return _Extractor(doc).run()


# --------------------------------------------------------------------------- owner keys

_FILLER = {"för", "i", "och", "samt", "av", "med", "på", "inom", "till", "från", "vid", "under", "samverkan", "the"}
_DETERMINERS = _PRE - {"civila", "egna", "nya"}
_SUFFIXES = sorted(
    ("heterna", "hetens", "arnas", "ernas", "ornas", "anden", "andet", "andes", "arens", "heten", "heter", "arna",
     "erna", "orna", "aren", "ande", "ades", "ens", "ets", "are", "ade", "ast", "het", "ern", "en", "et", "ar", "er",
     "or", "as", "es", "ad", "at", "a", "e", "s"),
    key=len,
    reverse=True,
)  # fmt: skip
GENERIC_OWNER_WORDS = {"region", "örebro", "län", "läns"}


def _stem(word: str) -> str:
    """A light Swedish stemmer (definite, plural and genitive endings) so that variants of a name meet."""
    if len(word) <= 4:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _drop_possessor(words: list[str]) -> list[str]:
    """'hälso och sjukvårdsnämndens beredning för närsjukvård' → 'beredning för närsjukvård'.

    Only a possessor that opens the name counts (first word, or "hälso och sjukvårdens"), so that
    "Region Örebro län, länets kommuner" keeps its first member.
    """
    cut = -1
    for i, word in enumerate(words[:3]):
        opens = i == 0 or (i == 2 and words[1] in ("och", "eller"))
        later_head = any(_HEAD.fullmatch(w) and not _HEAD.fullmatch(w).group("gen") for w in words[i + 1 :])
        if opens and _POSSESSOR.fullmatch(word) and later_head:
            cut = i
    return words[cut + 1 :]


def normalise_owner(name: str) -> str:
    """A key that merges variants of one body: case, determiners, genitives, endings and filler words."""
    text = re.sub(r"\([^)]*\)", " ", name.lower())
    text = re.sub(r"(\w)-\s*(och|eller|samt)\b", r"\1 \2", text).replace("-", "")
    words = _drop_possessor(re.findall(r"[^\W_]+", text))
    return " ".join(_stem(w) for w in words if w not in _FILLER and w not in _DETERMINERS)


def _content_words(key: str) -> set[str]:
    return {w for w in key.split() if len(w) >= 4 and w not in GENERIC_OWNER_WORDS}


def _alternatives(owner: str) -> list[str]:
    """An owner and its alternative names: parenthesised explanations, parts split by ';', '→' or ' / '."""
    inner = re.findall(r"\(([^)]*)\)", owner)
    variants = [re.sub(r"\([^)]*\)", " ", owner), owner.replace("(", " ").replace(")", " "), *inner]
    out = []
    for v in variants:
        out.append(v)
        out.extend(p for p in re.split(r";|→| / ", v) if p.strip() and p != v)
    return out


def same_body(a: str, b: str) -> bool:
    """Whether two owner names name the same body: equal keys, or one's content words contained in the other's."""
    for x in _alternatives(a):
        for y in _alternatives(b):
            kx, ky = normalise_owner(x), normalise_owner(y)
            if kx and kx == ky:
                return True
            wx, wy = _content_words(kx), _content_words(ky)
            if wx and wy and (wx <= wy or wy <= wx):
                return True
    return False


# --------------------------------------------------------------------------- scoring


def _normalised(text: str) -> tuple[str, list[int]]:
    """Whitespace-collapsed, lower-cased text and, per character, its offset in the original."""
    chars, index = [], []
    space = True
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space:
                chars.append(" ")
                index.append(i)
            space = True
        else:
            chars.append(ch.lower())
            index.append(i)
            space = False
    return "".join(chars), index


def evidence_spans(evidence: str, text: str, norm: tuple[str, list[int]] | None = None) -> list[tuple[int, int]]:
    """Where a gold evidence string stands in a cleaned text (every occurrence; else its first 40-char window)."""
    flat, index = norm or _normalised(text)
    needle = " ".join(evidence.split()).lower()
    if not needle or not flat:
        return []
    spans, pos = [], flat.find(needle)
    while pos >= 0:
        spans.append((index[pos], index[pos + len(needle) - 1] + 1))
        pos = flat.find(needle, pos + 1)
    if spans or len(needle) < 40:
        return spans
    for i in range(len(needle) - 39):
        pos = flat.find(needle[i : i + 40])
        if pos >= 0:
            start = max(pos - i, 0)
            end = min(start + len(needle), len(flat)) - 1
            return [(index[start], index[end] + 1)]
    return []


def _gold_spans(
    gold: list[dict], doc_texts: dict[str, str], files: dict[str, str] | None = None
) -> list[tuple[str, list[tuple[int, int]]]]:
    """Per gold statement: its doc_id and where its evidence stands. ``files`` maps a file name to the id
    the index gave it (a catalog's id); any other file name is mapped as ingest maps it (``doc_id_for``)."""
    norms = {doc_id: _normalised(text) for doc_id, text in doc_texts.items()}
    out = []
    for g in gold:
        doc_id = (files or {}).get(g["doc"]) or doc_id_for(g["doc"])
        text = doc_texts.get(doc_id, "")
        out.append((doc_id, evidence_spans(g["evidence"], text, norms.get(doc_id)) if text else []))
    return out


def _overlaps(r: Responsibility, spans: list[tuple[int, int]]) -> bool:
    return any(r.task_start < b and a < r.task_end for a, b in spans)


def match_register(
    found: list[Responsibility], gold: list[dict], doc_texts: dict[str, str], files: dict[str, str] | None = None
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, found index): same document, same body, overlapping evidence."""
    used: set[int] = set()
    pairs = []
    for gi, (doc_id, spans) in enumerate(_gold_spans(gold, doc_texts, files)):
        for fi, f in enumerate(found):
            if fi not in used and f.doc_id == doc_id and _overlaps(f, spans) and same_body(f.owner, gold[gi]["owner"]):
                used.add(fi)
                pairs.append((gi, fi))
                break
    return pairs


def score_register(
    found: list[Responsibility], gold: list[dict], doc_texts: dict[str, str], files: dict[str, str] | None = None
) -> dict:
    """Precision and recall of a register against gold statements (see ``match_register``)."""
    matched = len(match_register(found, gold, doc_texts, files))
    return {
        "precision": matched / len(found) if found else 0.0,
        "recall": matched / len(gold) if gold else 0.0,
        "found": len(found),
        "gold": len(gold),
        "matched": matched,
    }


# --------------------------------------------------------------------------- development runner


def _build_corpus(folder: Path) -> list[CleanDocument]:
    from ingest.catalog import Catalog
    from ingest.documents import build_document
    from ingest.errors import IngestError
    from ingest.loaders import SUPPORTED_SUFFIXES, load_file

    catalog = Catalog.load(folder)
    docs = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            docs.append(build_document(load_file(path), catalog.for_file(path)))
        except IngestError as e:
            print(f"skipped {path.name}: {e}", file=sys.stderr)
    return docs


def _report(found: list[Responsibility], gold: list[dict], texts: dict[str, str], files: dict[str, str]) -> None:
    pairs = match_register(found, gold, texts, files)
    score = score_register(found, gold, texts, files)
    print(f"precision {score['precision']:.3f}  recall {score['recall']:.3f}  "
          f"(matched {score['matched']}, found {score['found']}, gold {score['gold']})")  # fmt: skip
    gold_hit, found_hit = {g for g, _ in pairs}, {f for _, f in pairs}
    spans = _gold_spans(gold, texts, files)
    annotated = [i for i, f in enumerate(found) if any(d == f.doc_id and _overlaps(f, sp) for d, sp in spans)]
    right = sum(1 for i in annotated if i in found_hit)
    print(f"  on sentences the gold annotates: {right}/{len(annotated)} found entries name a gold owner")
    found_kinds, gold_kinds = Counter(r.kind for r in found), Counter(g["kind"] for g in gold)
    for kind in KINDS:
        got_g = sum(1 for g in gold_hit if gold[g]["kind"] == kind)
        got_f = sum(1 for f in found_hit if found[f].kind == kind)
        print(f"  {kind:<12} recall {got_g}/{gold_kinds[kind]}  precision {got_f}/{found_kinds[kind]}")
    print("\nunmatched gold:")
    for gi, g in enumerate(gold):
        if gi not in gold_hit:
            print(f"  {g['id']} [{g['kind']}] {g['owner']!r}: {' '.join(g['evidence'].split())[:110]}")
    print("\nunmatched found:")
    for fi, f in enumerate(found):
        if fi not in found_hit:
            print(f"  {f.doc_id[:14]} [{f.kind}] {f.owner!r}: {texts[f.doc_id][f.task_start : f.task_end][:110]}")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m ingest.responsibilities PLANS_FOLDER GOLD.jsonl", file=sys.stderr)
        return 2
    docs = _build_corpus(Path(args[0]))
    lines = Path(args[1]).read_text(encoding="utf-8").splitlines()
    gold = [json.loads(line) for line in lines if line.strip()]
    found = [r for doc in docs for r in extract_responsibilities(doc)]
    _report(found, gold, {d.doc_id: d.text for d in docs}, {d.source: d.doc_id for d in docs})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
