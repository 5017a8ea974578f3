"""Question analysis: what kind of answer a question expects, and what it is about.

The kind is read from the question's structure, not from any word in it: the question word that
opens the main clause (after an opener such as "och" or "can you tell me", and after a topic set
off by a dash or colon: "Vårdgarantin – vad ska utredningen göra?"), the preposition before it
("till vem" asks for a recipient), the noun after "vilken/which" ("vilket år" asks for a date,
"vilka mål" for a list) and the verb of the clause ("samråda med" asks for parties). A question
word inside a subordinate clause does not count: "Vem ska kontaktas när en patient skrivs ut?"
asks for an owner. A question that opens with a finite verb asks for a yes or no.

Kinds: owner, recipient, parties, date, period, number, amount, place, contact, list, definition,
yesno, comparison, reason, manner, fact (tests/data/README.md defines each).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.language import question_words as qw
from ingest.language.detect import detect_language
from ingest.language.words import ENGLISH_STOP_WORDS, STOP_WORDS, fold_accents

KINDS = (
    "owner", "recipient", "parties", "date", "period", "number", "amount", "place", "contact",
    "list", "definition", "yesno", "comparison", "reason", "manner", "fact",
)  # fmt: skip
_TOKEN = re.compile(r"[\w][\w\-:/.]*[\w]|[\w]", re.UNICODE)
_SEGMENT = re.compile(r"[?!;]+|\.(?:\s|$)|\s[–—-]\s|:\s")
_SECOND = re.compile(r"(?:,\s*|\s)(?:och|samt|and|plus)\s+(?=\S)", re.I)
_ACRONYM = re.compile(r"^[A-ZÅÄÖ]{2,}[a-zåäö]?$")
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class QuestionAnalysis:
    question: str
    lang: str  # "sv" or "en"
    expects: str  # one of KINDS
    also: tuple[str, ...] = ()  # further kinds asked for in a second part
    focus: tuple[str, ...] = ()  # content words, as written
    term: str = ""  # for a definition: the term asked about
    wants_name: bool = False  # a person's name is asked for ("vad heter utredaren?", "who is the coordinator?")

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.expects, *self.also)


def analyse_question(question: str) -> QuestionAnalysis:
    """The kind of answer ``question`` expects, its second parts, its focus words and its language."""
    segments = [s for s in _segments(question) if s]
    main, rest = _main(segments)
    expects = _kind(main)
    also = [k for k in (_kind(s) for s in _second_parts(main) + rest if _opens_question(s)) if k != expects]
    if expects not in ("yesno", "comparison") and _cue(question, qw.COMPARISON_CUES) and _two_sides(question):
        also.insert(0, expects)
        expects = "comparison"
    if expects in ("fact", "manner") and _cue(question, qw.LIST_CUES):
        expects = "list"
    return QuestionAnalysis(
        question=question,
        lang=detect_language(question),
        expects=expects,
        also=tuple(dict.fromkeys(k for k in also if k not in ("fact", expects))),
        focus=focus_words(question),
        term=_term(question) if expects == "definition" else "",
        wants_name=expects == "owner" and _asks_name(main),
    )


def _asks_name(tokens: list[str]) -> bool:
    """"Vad heter …", "what is the name of …", "who is the coordinator": a name, not just a body."""
    text = " ".join(tokens)
    if _cue(text, qw.NAME_CUES):
        return True
    i = _question_word_at(tokens)
    return i is not None and tokens[i] in ("vem", "who") and tokens[i + 1 : i + 3] in (["ar", "den"], ["is", "the"])


# -- segments and clauses --------------------------------------------------------------------------
def _segments(question: str) -> list[list[str]]:
    """The question's parts (split at ?, !, ;, a spaced dash, a colon), each as folded lower-case tokens."""
    return [_tokens(part) for part in _SEGMENT.split(question)]


def _tokens(text: str) -> list[str]:
    words = [fold_accents(w.lower()) for w in _TOKEN.findall(text.replace("’", "'"))]
    out: list[str] = []
    for w in words:  # "what's", "who's", "whats", "whos"
        if w.endswith("'s") and w[:-2] in qw.QUESTION_WORDS:
            out += [w[:-2], "is"]
        elif w in ("whats", "whos"):
            out += [w[:-1], "is"]
        else:
            out.append(w)
    return out


def _strip_opening(tokens: list[str]) -> list[str]:
    """Without openers ("och", "ok") and preambles ("kan du berätta", "do you know")."""
    changed = True
    while tokens and changed:
        changed = False
        if tokens[0] in qw.OPENERS:
            tokens, changed = tokens[1:], True
        for phrase in qw.PREAMBLES:
            words = fold_accents(phrase).split()
            if tokens[: len(words)] == words:
                tokens, changed = tokens[len(words) :], True
    return tokens


def _opens_question(tokens: list[str]) -> bool:
    t = _strip_opening(tokens)
    i = _question_word_at(t)
    return i is not None or _verb_first(t) or _imperative(t) is not None


def _main(segments: list[list[str]]) -> tuple[list[str], list[list[str]]]:
    """The segment that asks (the first that opens with a question word, a verb or an imperative;
    a topic set off before it is not asked about), and the segments after it."""
    for i, seg in enumerate(segments):
        if _opens_question(seg):
            return _strip_opening(seg), segments[i + 1 :]
    return (_strip_opening(segments[0]) if segments else []), []


def _second_parts(tokens: list[str]) -> list[list[str]]:
    """Clauses joined to the main one that ask again ("…, och när ska det vara klart")."""
    text = " ".join(tokens)
    parts = _SECOND.split(text)
    return [p.split() for p in parts[1:] if _question_word_at(p.split()) == 0]


def _question_word_at(tokens: list[str]) -> int | None:
    """Index of the question word that opens the clause (after at most two prepositions)."""
    for i, t in enumerate(tokens[:3]):
        if t in qw.QUESTION_WORDS and not (t == "var" and not _place_var(tokens, i)):
            return i
        if t not in qw.PREPOSITIONS:
            return None
    return None


def _place_var(tokens: list[str], i: int) -> bool:
    """Swedish "var" asks where when a verb follows it ("Var ligger …"); else it is "was"."""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    return nxt in qw.FINITE_VERBS_SV or (nxt.endswith(("r", "s")) and nxt not in ("det", "de", "den"))


def _verb_first(tokens: list[str]) -> bool:
    if not tokens:
        return False
    return tokens[0] in qw.FINITE_VERBS_SV or tokens[0] in qw.FINITE_VERBS_EN


def _imperative(tokens: list[str]) -> str | None:
    head = " ".join(tokens[:3])
    if _cue(head, ("lista", "list ", "punkta upp", "rakna upp", "namn ", "name ", "enumerate")):
        return "list"
    if _cue(head, ("definiera", "define", "forklara begreppet", "explain the term")):
        return "definition"
    if _cue(head, ("beskriv", "describe", "forklara", "explain", "berätta om", "berätta", "tell me about",
                   "sammanfatta", "summarise", "summarize")):  # fmt: skip
        return "fact"
    return None


# -- the kind -------------------------------------------------------------------------------------
def _kind(tokens: list[str]) -> str:
    tokens = _strip_opening(tokens)
    text = " ".join(tokens)
    if any(text.startswith(c) for c in qw.CLAIM_CHECKS):
        return "yesno"
    i = _question_word_at(tokens)
    if i is None:
        if _verb_first(tokens):
            return _alternative(tokens) or "yesno"
        return _imperative(tokens) or _fragment(tokens)
    preps, word, after = tokens[:i], tokens[i], tokens[i + 1 :]
    if preps and word in qw.WHEN:
        return "date"
    if _cue(text, qw.REASON_CUES):
        return "reason"
    if word in qw.WHO:
        return _relation(preps, after, "owner")
    if word in qw.WHEN:
        return "date"
    if word in qw.WHERE:
        return "recipient" if _has(after, qw.REPORT_VERBS) else "place"
    if word in qw.WHY:
        return "reason"
    if word in qw.HOW:
        return _how(after)
    if word in qw.WHICH or (word in qw.WHAT and after and _noun_class(after[0])):
        return _which(word, preps, after)
    return _what(word, preps, after)


def _relation(preps: list[str], after: list[str], default: str) -> str:
    """Who: the recipient of a report, the parties consulted or taking part, or the owner."""
    clause = _main_clause(after)
    text = " ".join(clause)
    if _cue(text, qw.TURN_TO):
        return default
    if default == "owner" and _object_question(clause):
        reports = text.endswith((" till", " to")) or _has(clause, qw.REPORT_VERBS)
        return "recipient" if reports else "parties"
    if any(p in ("till", "to") for p in preps) or text.endswith((" till", " to")):
        return "recipient"
    if any(p == "for" for p in preps) and _has(clause, qw.REPORT_VERBS):
        return "recipient"
    if _has(clause, qw.CONSULT_VERBS) or any(p in ("med", "with") for p in preps) or text.endswith((" med", " with")):
        return "parties"
    if any(_noun_class(t) == "party" for t in clause[:2]):
        return "parties"
    if _has(clause, qw.REPORT_VERBS) and ("informed" in clause or "informeras" in clause):
        return "recipient"
    return default


def _object_question(clause: list[str]) -> bool:
    """"Vem ska den nationella samordnaren stötta?", "Who will the board appoint?": an auxiliary and
    then a subject of its own, so the question word is the object, not the one who acts."""
    if len(clause) < 3 or clause[0] not in qw.AUXILIARIES:
        return False
    subject = clause[1]
    return subject in qw.SUBJECT_OPENERS or _noun_class(subject) in ("body", "party")


def _main_clause(tokens: list[str]) -> list[str]:
    """The tokens before a subordinate clause ("vem ska kontaktas | när en patient skrivs ut")."""
    for i, t in enumerate(tokens):
        if i > 0 and t in qw.SUBORDINATORS:
            return tokens[:i]
    return tokens


def _how(after: list[str]) -> str:
    nxt = after[0] if after else ""
    text = " ".join(after)
    money = any(_noun_class(t) == "amount" or t in qw.CURRENCIES or t in qw.MONEY_WORDS for t in after)
    if nxt in ("manga", "many"):
        unit = after[1] if len(after) > 1 else ""
        if unit in qw.CURRENCIES:
            return "amount"
        return "period" if unit in qw.DURATION_UNITS else "number"
    if nxt in ("mycket", "much", "stor", "stort", "stora", "hog", "hogt", "big", "large", "high"):
        return "amount" if money or "cost" in text else "number"
    if nxt in ("lange", "long", "ofta", "often") or text.startswith(("lang tid", "lange")):
        return "period"
    if nxt in ("gammal", "gamla", "old"):
        return "number"
    if _cue(text, ("definieras", "defined", "definierar", "define")):
        return "definition"
    if _cue(text, ("kontaktar", "kontakta", "nar jag", "nar man", "tag pa", "contact", "reach", "get hold")):
        return "contact"
    if _cue(text, ("gar det", "is it going", "are things", "gick det")):
        return "fact"
    if _cue(text, ("kommer det sig",)):
        return "reason"
    if _cue(text, qw.COMPARISON_CUES):
        return "comparison"
    return "manner"


_ARTICLES = ("av", "of", "the", "de", "det", "den", "a", "an")


def _which(word: str, preps: list[str], after: list[str]) -> str:
    """"vilka/which + noun": the noun's class decides; other things are a list (plural) or a fact."""
    clause = _main_clause(after)
    words = [t for t in clause if t not in _ARTICLES]
    if words and words[0] in ("satt", "way", "ways"):
        return "manner"
    if words and (words[0] in ("year", "years", "aren") or (words[0] == "ar" and _year_not_copula(clause[1:]))):
        return "period" if word == "vilka" or words[0] in ("years", "aren") else "date"
    cls = next((c for c in map(_noun_class, words[:2]) if c), None)
    if cls in ("body", "party"):
        return _relation(preps, after, "owner") if cls == "body" else "parties"
    if cls == "date" and (word == "vilka" or words[0].endswith("s")):
        return "period"
    if cls:
        return cls
    if words and (words[0] in qw.FINITE_VERBS_SV or words[0] in qw.FINITE_VERBS_EN):
        return _cleft(preps, _main_clause(after)) or _relation(preps, after, "owner")
    if any(p in ("till", "to") for p in preps):
        return "recipient"
    return "list" if word == "vilka" or (words and _plural(words[0])) else "fact"


def _year_not_copula(rest: list[str]) -> bool:
    """After "vilket/vilka", folded "ar" is "år" when a verb follows ("vilka år omfattar …"), not "är"."""
    if not rest:
        return True
    nxt = rest[0]
    if nxt in _ARTICLES or nxt.endswith(("aste", "este")):  # "vilka är de …", "vilka är starkaste …"
        return False
    return nxt in qw.FINITE_VERBS_SV or (nxt.endswith(("r", "s", "de", "te")) and not _definite_plural(nxt))


def _cleft(preps: list[str], words: list[str]) -> str | None:
    """"Vilka är det som sitter i rådet?", "Vilka är målen?": the kind after the copula."""
    if words[0] not in ("ar", "var", "are", "were", "is"):
        return None
    rest = words[1:]
    if rest[:2] in (["det", "som"], ["it", "that"]):
        return _relation(preps, rest[2:], "owner")
    cls = next((c for c in map(_noun_class, rest[:2]) if c), None)
    if cls in ("body", "party"):
        return "owner" if cls == "body" else "parties"
    return cls or "list"


def _what(word: str, preps: list[str], after: list[str]) -> str:
    text = " ".join(after)
    if after[:1] == ["star"] and after[-1:] == ["for"]:
        return "definition"  # "vad står BPSD för"
    if _cue(text, ("kostar", "cost")):
        return "amount"
    if _cue(text, ("mean", "stand for", "stands for", "short for", "betyder", "menas", "avses", "star for",
                   "definieras", "defined", "rakna som", "raknas som", "counts as", "count as")):  # fmt: skip
        return "definition"
    if _cue(text, ("heter", "name of", "called")):
        return "owner" if any(_noun_class(t) == "body" for t in after) else "fact"
    if _cue(text, ("gor jag for att", "gor man for att", "do i do to", "should i do to", "do i have to do")):
        return "manner"
    if _cue(text, ("vill", "achieve", "uppna")) and _cue(text, ("med", "achieve", "uppna")):
        return "reason"
    if after and after[0] in ("ar", "e", "is", "are", "var", "was", "were", "innebar", "involves", "involve"):
        return _what_is(after[0], [t for t in after[1:]])
    if word == "what" and after and after[0] not in qw.FINITE_VERBS_EN and _plural(after[0]):
        return "list"  # "what measures are proposed", "what risk factors does the report bring up"
    return "fact"


def _what_is(copula: str, rest: list[str]) -> str:
    """"vad är / what is + X": a class noun decides; a bare term asks for a definition; a definite
    plural for a list; anything longer for a fact."""
    article = bool(rest) and rest[0] in ("the", "det", "den", "de")
    words = [t for t in rest if t not in _ARTICLES]
    if words and words[0] in qw.COUNT_WORDS and len(words) > 1:
        return "list"  # "vad är de fem delmålen", "what are the three priorities"
    for t in [*words[:2], *_head(words)]:
        cls = _noun_class(t)
        if cls and cls not in ("body", "party"):
            return cls
    if copula in ("innebar", "involves", "involve"):
        return "fact" if _cue(" ".join(rest), (" for ", " to ", " foer ")) else "definition"
    content = [t for t in words if t not in STOP_WORDS and t not in ENGLISH_STOP_WORDS]
    if not content:
        return "fact"
    if (words and _definite_plural(words[0])) or (article and _plural(words[0]) and copula in ("are", "were")):
        return "list"
    if not article and len(content) <= 4 and " ".join(words[-2:]) not in ("for nagot", "for something"):
        return "definition"
    if not article and " ".join(words[-2:]) in ("for nagot", "for something"):
        return "definition"
    return "fact"


def _head(words: list[str]) -> list[str]:
    """The last word of the noun phrase that opens ``words`` (up to a preposition): its head noun
    ("the committee's own budget for 2021" → "budget")."""
    phrase: list[str] = []
    for w in words:
        if w in qw.PREPOSITIONS or w in qw.SUBORDINATORS:
            break
        phrase.append(w)
    return phrase[-1:] if len(phrase) <= 5 else []


def _plural(word: str) -> bool:
    """An English plural ("measures") or a Swedish plural ("åtgärder", "målen")."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as")) and len(word) > 3:
        return True
    return len(word) > 4 and word.endswith(("er", "ar", "or", "na", "erna", "arna", "orna"))


def _definite_plural(word: str) -> bool:
    return len(word) > 5 and word.endswith(("na", "erna", "arna", "orna", "ena"))


def _fragment(tokens: list[str]) -> str:
    """A question without a question word or verb ("deadline for the inquiry?"): its head noun."""
    for t in tokens[:4]:
        cls = _noun_class(t)
        if cls:
            return {"body": "owner", "party": "parties"}.get(cls, cls)
    return "fact"


def _alternative(tokens: list[str]) -> str | None:
    """"Är det kommunen eller regionen som …?" asks who; "ökade eller minskade …?" compares."""
    if "eller" not in tokens and "or" not in tokens:
        return None
    if _cue(" ".join(tokens), qw.COMPARISON_CUES) or _cue(" ".join(tokens), ("up or down", "mer eller mindre")):
        return "comparison"
    k = tokens.index("eller") if "eller" in tokens else tokens.index("or")
    left, right = tokens[max(0, k - 2) : k], tokens[k + 1 : k + 3]
    if any(_noun_class(t) == "body" for t in left) and any(_noun_class(t) == "body" for t in right):
        return "owner"
    return None


# -- words ----------------------------------------------------------------------------------------
_CLASSES = (
    ("contact", qw.CONTACT_HEADS),
    ("date", qw.TIME_HEADS | qw.TIME_WORDS_EN),
    ("period", qw.PERIOD_HEADS),
    ("amount", qw.AMOUNT_HEADS),
    ("number", qw.NUMBER_HEADS),
    ("reason", qw.REASON_HEADS),
    ("place", qw.PLACE_HEADS),
    ("party", qw.PARTY_HEADS),
    ("body", qw.BODY_HEADS),
)


def _noun_class(token: str) -> str | None:
    """The class of a noun by its head ("socialnämnden" → body, "agencies" → body)."""
    if token.endswith("ies") and len(token) > 4:
        token = token[:-3] + "y"
    for cls, heads in _CLASSES:
        if token in heads:
            return cls
    if len(token) < 4:
        return None
    for cls, heads in _CLASSES:
        for suffix in qw.INFLECTIONS:
            if suffix and not token.endswith(suffix):
                continue
            base = token[: len(token) - len(suffix)] if suffix else token
            if base in heads or any(base.endswith(h) and len(h) >= 4 and h not in qw.NO_COMPOUND for h in heads):
                return cls
    return None


def _plural_list(words: list[str]) -> bool:
    w = words[0] if words else ""
    return (w.endswith(("na", "er", "ar", "or")) and len(w) > 4) or (w.endswith("s") and not w.endswith("ss"))


def _has(tokens: list[str], words: frozenset[str]) -> bool:
    return any(t in words for t in tokens)


def _cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether the text holds one of the cues: whole words, or a word's beginning for a cue ending in "*"."""
    folded = " " + fold_accents(text.lower()) + " "
    for c in cues:
        c = fold_accents(c.strip())
        pattern = re.escape(c[:-1]) if c.endswith("*") else re.escape(c) + r"(?!\w)"
        if re.search(r"(?<!\w)" + pattern, folded):
            return True
    return False


def _two_sides(question: str) -> bool:
    """Something set against something: two years, "mellan … och", "jämfört med", "compared with"."""
    if len(set(_YEARS.findall(question))) >= 2:
        return True
    return _cue(question, _SIDES)


_SIDES = (
    "mellan", "between", "jamfort med", "compared with", "compared to", "versus", "skillnad*", "difference",
    "skiljer", "differ*", "andrats", "changed", "utvecklats", "developed",
)  # fmt: skip


def asks_expansion(question: str) -> bool:
    """The question asks what an abbreviation stands for ("Vad står SMO för?", "what does FBS mean?")."""
    return _cue(question, qw.EXPANSION_CUES) or (_cue(question, ("star", "stod")) and _cue(question, ("for",)))


def _term(question: str) -> str:
    """The term a definition question asks about: an acronym, or the words after the cue."""
    acronyms = [w for w in re.findall(r"[\w\-]+", question) if _ACRONYM.match(w)]
    if acronyms:
        return acronyms[0]
    m = re.search(
        r"(?:med|by|of|är|is|are|innebär|betyder|begreppet|termen|term)\s+(.+?)(?:\s+(?:för|mean|stand|står|betyder|"
        r"innebär)\b.*)?[?.!]*$",
        question,
        re.I,
    )
    return m.group(1).strip(" ?\"”'") if m else ""


def focus_words(question: str) -> tuple[str, ...]:
    """The content words of a question, as written, each once, in order."""
    out: list[str] = []
    for w in re.findall(r"[\w][\w\-]*", question):
        low = w.lower()
        folded = fold_accents(low)
        if low in STOP_WORDS or low in ENGLISH_STOP_WORDS or folded in qw.SIGNAL_WORDS or len(low) < 2:
            continue
        if low not in out:
            out.append(low)
    return tuple(out)
