"""The kind of answer a question's main clause asks for, read from its structure: the question
word and the preposition before it, the noun after "vilken/which" and the verb of the clause.

Kinds: owner, recipient, parties, date, period, number, amount, place, contact, list, definition,
yesno, comparison, reason, manner, fact (tests/data/README.md defines each).
"""

from __future__ import annotations

from ingest.language import question_words as qw
from ingest.language.clauses import (
    has_any,
    has_cue,
    imperative,
    main_clause,
    question_word_at,
    strip_opening,
    verb_first,
)
from ingest.language.words import ENGLISH_STOP_WORDS, STOP_WORDS

KINDS = (
    "owner", "recipient", "parties", "date", "period", "number", "amount", "place", "contact",
    "list", "definition", "yesno", "comparison", "reason", "manner", "fact",
)  # fmt: skip


# -- the kind -------------------------------------------------------------------------------------
def kind_of(tokens: list[str]) -> str:
    tokens = strip_opening(tokens)
    text = " ".join(tokens)
    if any(text.startswith(c) for c in qw.CLAIM_CHECKS):
        return "yesno"
    i = question_word_at(tokens)
    if i is None:
        if verb_first(tokens):
            return _alternative(tokens) or "yesno"
        return imperative(tokens) or _fragment(tokens)
    preps, word, after = tokens[:i], tokens[i], tokens[i + 1 :]
    if preps and word in qw.WHEN:
        return "date"
    if has_cue(text, qw.REASON_CUES):
        return "reason"
    if word in qw.WHO:
        return _relation(preps, after, "owner")
    if word in qw.WHEN:
        return "date"
    if word in qw.WHERE:
        return "recipient" if has_any(after, qw.REPORT_VERBS) else "place"
    if word in qw.WHY:
        return "reason"
    if word in qw.HOW:
        return _how(after)
    if word in qw.WHICH or (word in qw.WHAT and after and noun_class(after[0])):
        return _which(word, preps, after)
    return _what(word, preps, after)


def _relation(preps: list[str], after: list[str], default: str) -> str:
    """Who: the recipient of a report, the parties consulted or taking part, or the owner."""
    clause = main_clause(after)
    text = " ".join(clause)
    if has_cue(text, qw.TURN_TO):
        return default
    if default == "owner" and _object_question(clause):
        reports = text.endswith((" till", " to")) or has_any(clause, qw.REPORT_VERBS)
        return "recipient" if reports else "parties"
    if any(p in ("till", "to") for p in preps) or text.endswith((" till", " to")):
        return "recipient"
    if any(p == "for" for p in preps) and has_any(clause, qw.REPORT_VERBS):
        return "recipient"
    with_whom = any(p in ("med", "with") for p in preps) or text.endswith((" med", " with"))
    if has_any(clause, qw.CONSULT_VERBS) or with_whom:
        return "parties"
    if any(noun_class(t) == "party" for t in clause[:2]):
        return "parties"
    if has_any(clause, qw.REPORT_VERBS) and ("informed" in clause or "informeras" in clause):
        return "recipient"
    return default


def _object_question(clause: list[str]) -> bool:
    """"Vem ska den nationella samordnaren stötta?", "Who will the board appoint?": an auxiliary and
    then a subject of its own, so the question word is the object, not the one who acts."""
    if len(clause) < 3 or clause[0] not in qw.AUXILIARIES:
        return False
    subject = clause[1]
    return subject in qw.SUBJECT_OPENERS or noun_class(subject) in ("body", "party")


def _how(after: list[str]) -> str:
    nxt = after[0] if after else ""
    text = " ".join(after)
    money = any(noun_class(t) == "amount" or t in qw.CURRENCIES or t in qw.MONEY_WORDS for t in after)
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
    if has_cue(text, ("definieras", "defined", "definierar", "define")):
        return "definition"
    if has_cue(text, ("kontaktar", "kontakta", "nar jag", "nar man", "tag pa", "contact", "reach", "get hold")):
        return "contact"
    if has_cue(text, ("gar det", "is it going", "are things", "gick det")):
        return "fact"
    if has_cue(text, ("kommer det sig",)):
        return "reason"
    if has_cue(text, qw.COMPARISON_CUES):
        return "comparison"
    return "manner"


_ARTICLES = ("av", "of", "the", "de", "det", "den", "a", "an")


def _which(word: str, preps: list[str], after: list[str]) -> str:
    """"vilka/which + noun": the noun's class decides; other things are a list (plural) or a fact."""
    clause = main_clause(after)
    words = [t for t in clause if t not in _ARTICLES]
    if words and words[0] in ("satt", "way", "ways"):
        return "manner"
    if words and (words[0] in ("year", "years", "aren") or (words[0] == "ar" and _year_not_copula(clause[1:]))):
        return "period" if word == "vilka" or words[0] in ("years", "aren") else "date"
    cls = next((c for c in map(noun_class, words[:2]) if c), None)
    if cls in ("body", "party"):
        return _relation(preps, after, "owner") if cls == "body" else "parties"
    if cls == "date" and (word == "vilka" or words[0].endswith("s")):
        return "period"
    if cls:
        return cls
    if words and (words[0] in qw.FINITE_VERBS_SV or words[0] in qw.FINITE_VERBS_EN):
        return _cleft(preps, main_clause(after)) or _relation(preps, after, "owner")
    if any(p in ("till", "to") for p in preps):
        return "recipient"
    return "list" if word == "vilka" or (words and is_plural(words[0])) else "fact"


def _year_not_copula(rest: list[str]) -> bool:
    """After "vilket/vilka", folded "ar" is "år" when a verb follows ("vilka år omfattar …"), not "är"."""
    if not rest:
        return True
    nxt = rest[0]
    if nxt in _ARTICLES or nxt.endswith(("aste", "este")):  # "vilka är de …", "vilka är starkaste …"
        return False
    return nxt in qw.FINITE_VERBS_SV or (nxt.endswith(("r", "s", "de", "te")) and not is_definite_plural(nxt))


def _cleft(preps: list[str], words: list[str]) -> str | None:
    """"Vilka är det som sitter i rådet?", "Vilka är målen?": the kind after the copula."""
    if words[0] not in ("ar", "var", "are", "were", "is"):
        return None
    rest = words[1:]
    if rest[:2] in (["det", "som"], ["it", "that"]):
        return _relation(preps, rest[2:], "owner")
    cls = next((c for c in map(noun_class, rest[:2]) if c), None)
    if cls in ("body", "party"):
        return "owner" if cls == "body" else "parties"
    return cls or "list"


def _what(word: str, preps: list[str], after: list[str]) -> str:
    text = " ".join(after)
    if after[:1] == ["star"] and after[-1:] == ["for"]:
        return "definition"  # "vad står BPSD för"
    if has_cue(text, ("kostar", "cost")):
        return "amount"
    if has_cue(text, ("mean", "stand for", "stands for", "short for", "betyder", "menas", "avses", "star for",
                   "definieras", "defined", "rakna som", "raknas som", "counts as", "count as")):  # fmt: skip
        return "definition"
    if has_cue(text, ("heter", "name of", "called")):
        return "owner" if any(noun_class(t) == "body" for t in after) else "fact"
    if has_cue(text, ("gor jag for att", "gor man for att", "do i do to", "should i do to", "do i have to do")):
        return "manner"
    if has_cue(text, ("vill", "achieve", "uppna")) and has_cue(text, ("med", "achieve", "uppna")):
        return "reason"
    if after and after[0] in ("ar", "e", "is", "are", "var", "was", "were", "innebar", "involves", "involve"):
        return _what_is(after[0], [t for t in after[1:]])
    if word == "what" and after and after[0] not in qw.FINITE_VERBS_EN and is_plural(after[0]):
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
        cls = noun_class(t)
        if cls and cls not in ("body", "party"):
            return cls
    if copula in ("innebar", "involves", "involve"):
        return "fact" if has_cue(" ".join(rest), (" for ", " to ", " foer ")) else "definition"
    content = [t for t in words if t not in STOP_WORDS and t not in ENGLISH_STOP_WORDS]
    if not content:
        return "fact"
    if (words and is_definite_plural(words[0])) or (article and is_plural(words[0]) and copula in ("are", "were")):
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


def is_plural(word: str) -> bool:
    """An English plural ("measures") or a Swedish plural ("åtgärder", "målen")."""
    if word.endswith("s") and not word.endswith(("ss", "us", "is", "as")) and len(word) > 3:
        return True
    return len(word) > 4 and word.endswith(("er", "ar", "or", "na", "erna", "arna", "orna"))


def is_definite_plural(word: str) -> bool:
    return len(word) > 5 and word.endswith(("na", "erna", "arna", "orna", "ena"))


def _fragment(tokens: list[str]) -> str:
    """A question without a question word or verb ("deadline for the inquiry?"): its head noun."""
    for t in tokens[:4]:
        cls = noun_class(t)
        if cls:
            return {"body": "owner", "party": "parties"}.get(cls, cls)
    return "fact"


def _alternative(tokens: list[str]) -> str | None:
    """"Är det kommunen eller regionen som …?" asks who; "ökade eller minskade …?" compares."""
    if "eller" not in tokens and "or" not in tokens:
        return None
    if has_cue(" ".join(tokens), qw.COMPARISON_CUES) or has_cue(" ".join(tokens), ("up or down", "mer eller mindre")):
        return "comparison"
    k = tokens.index("eller") if "eller" in tokens else tokens.index("or")
    left, right = tokens[max(0, k - 2) : k], tokens[k + 1 : k + 3]
    if any(noun_class(t) == "body" for t in left) and any(noun_class(t) == "body" for t in right):
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


def noun_class(token: str) -> str | None:
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
