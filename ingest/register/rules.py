"""Sentence rules: the verb frames of :mod:`ingest.language.admin` applied to a sentence.

A frame's anchor ("ansvarar för", "beslutades av", "uppdrar åt", "Uppdraget ska redovisas") says
where its owner stands: the subject before the verb (or right after it, after a fronted phrase),
the phrase after it, the possessor before it, or the assignee the document named earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.language.admin import (
    ASSIGNMENT_NOUN,
    AUXILIARIES,
    DETERMINERS,
    DOCUMENT_NOUNS,
    LINKING_ADVERBS,
    MEETING,
    NEGATION,
    NOT_NAME_WORDS,
    PERSONAL_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    SKIP_AFTER,
    VERB_FORM,
    VERB_FRAMES,
    VerbFrame,
)
from ingest.language.coordination import opens_task
from ingest.language.marks import LABEL_LINE, first_number_pair
from ingest.register.mentions import Mention, Tok

Rule = VerbFrame
RULES = VERB_FRAMES
STRONG_RULES = tuple(r for r in RULES if r.strong)
WEAK_RULES = tuple(r for r in RULES if not r.strong)
_GAP = {",", "–"}  # punctuation that may stand between a subject (with its apposition) and its verb


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    toks: list[Tok]
    mentions: list[Mention]
    in_item: bool = False
    named: list[tuple[Mention, str]] = field(default_factory=list)  # every body named, nested ones included


@dataclass
class Hit:
    rule: Rule
    mention: Mention | None  # None: a pronoun ("de") or the assignee, to resolve
    task: str
    number: str = ""
    giver: Mention | None = None  # "Kommunstyrelsen ger socialnämnden i uppdrag …": who assigns
    rest: int = -1  # offset where the clause after the anchor (and the owner) begins


def _tok_index(sent: Sentence, offset: int) -> int:
    return next((i for i, t in enumerate(sent.toks) if t.start >= offset), len(sent.toks))


def _subject_before(sent: Sentence, at: int, adjacent: bool) -> Mention | None:
    """The subject mention before offset ``at``: nearest, not inside a prepositional phrase or a 'som' clause."""
    prior = [m for m in sent.mentions if m.end <= at]
    anchor_tok = _tok_index(sent, at)
    for k in range(len(prior) - 1, -1, -1):
        m = prior[k]
        if m.genitive or (m.first > 0 and sent.toks[m.first - 1].low in PREPOSITIONS):
            continue
        if k > 0 and any(t.low == "som" for t in sent.toks[prior[k - 1].last + 1 : m.first]):
            continue
        gap = sent.toks[m.last + 1 : anchor_tok]
        if adjacent and any(t.low not in LINKING_ADVERBS and t.text not in _GAP for t in gap):
            return None
        return m if len(gap) <= 14 else None
    return None


def _noun_phrase(sent: Sentence, first: int, last: int) -> Mention | None:
    """Tokens first..last as a noun phrase of any head ("Kriminalvården", "Martin Valfridsson"), if they are one."""
    words = sent.toks[first : last + 1]
    if not words or len(words) > 6 or any(not t.text[0].isalnum() and t.text not in "()" for t in words):
        return None
    content = [t for t in words if t.low not in DETERMINERS]
    closed = NOT_NAME_WORDS | PERSONAL_PRONOUNS
    if not content or any(t.low in closed or t.low in PREPOSITIONS for t in content):
        return None
    head = content[-1]
    if DOCUMENT_NOUNS.fullmatch(head.low) or ASSIGNMENT_NOUN.fullmatch(head.low):
        return None  # a document or the assignment itself owns nothing
    if head.text[0].islower() and (VERB_FORM.fullmatch(head.low) and not head.low.endswith(("are", "er", "or"))):
        return None
    start, end = words[0].start, words[-1].end
    text = sent.text[start - sent.start : end - sent.start]
    return Mention(start, end, text, first, last, last, head_word=head.low)


def _bare_subject(sent: Sentence, at: int) -> Mention | None:
    """A sentence-initial noun phrase right before the verb at ``at`` (the subject slot of an agentive verb)."""
    return _noun_phrase(sent, 0, _tok_index(sent, at) - 1)


def _bare_after(sent: Sentence, offset: int) -> Mention | None:
    """A noun phrase after an assignment verb, up to "att", "som", "i uppdrag" or a comma."""
    first = _tok_index(sent, offset)
    last = first
    while last < len(sent.toks) and sent.toks[last].low not in ("att", "som", "i", ",", "med", "för", "om"):
        last += 1
    return _noun_phrase(sent, first, last - 1) if last > first else None


def mention_at(sent: Sentence, offset: int, subject: bool = True) -> tuple[Mention | None, int] | None:
    """The mention starting with the first word at or after ``offset``, and where it ends.

    As a subject it may be a pronoun ("får de även i uppdrag", mention None) but not a possessive.
    """
    idx = _tok_index(sent, offset)
    while idx < len(sent.toks) and sent.toks[idx].low in SKIP_AFTER:
        idx += 1
    if idx >= len(sent.toks):
        return None
    for m in sent.mentions:
        if m.first == idx:
            return (m, m.end) if not (m.genitive and subject) else None
    tok = sent.toks[idx]
    if subject and tok.low in PRONOUNS:
        return None, tok.end
    return None


def _tail_after(rule: Rule, sent: Sentence, offset: int) -> re.Match | None:
    rel = offset - sent.start
    while rel < len(sent.text) and sent.text[rel] in " ,":
        rel += 1
    return rule.tail.match(sent.text, rel) if rule.tail else None


def _subject_hit(rule: Rule, sent: Sentence, a: int, b: int) -> Hit | None:
    """The subject before the verb, or right after it when a fronted phrase pushed it there (verb second:
    "Senast den 1 juni ska samordnaren …", "Den 13 juni beslutade riksdagen …")."""
    before = _subject_before(sent, a, rule.adjacent) or (_bare_subject(sent, a) if rule.any_head else None)
    inverted = _inverted(rule, sent, a, b)
    if inverted and (before is None or before.first > 1):
        return inverted
    direct = _tail_after(rule, sent, b) if rule.tail else None
    if before and (direct or rule.tail is None):
        at = sent.start + direct.end() if direct else b
        return Hit(rule, before, _rest(sent, at), rest=at)
    return inverted


def _inverted(rule: Rule, sent: Sentence, a: int, b: int) -> Hit | None:
    found = mention_at(sent, b)
    anchor_end = sent.text[: b - sent.start].split()[-1:]
    if not found or not (rule.tail or _tok_index(sent, a) > 0) or anchor_end[0].lower() in PREPOSITIONS:
        return None  # only a finite verb has its subject after it, not "knytas till X"
    mention, end = found
    tail = _tail_after(rule, sent, end) if rule.tail else None
    if rule.tail and not tail:
        return None
    at = sent.start + tail.end() if tail else end
    return Hit(rule, mention, _rest(sent, at), rest=at)


def _possessor_hit(rule: Rule, sent: Sentence, a: int, b: int) -> Hit | None:
    """ "Delegationens uppdrag utökas …": the genitive right before the anchor owns it."""
    at = _tok_index(sent, a)
    owner = next((m for m in sent.mentions if m.genitive and m.last == at - 1), None)
    return Hit(rule, owner, _rest(sent, b), rest=b) if owner else None


def _after_hit(rule: Rule, sent: Sentence, a: int, b: int) -> Hit | None:
    found = mention_at(sent, b, subject=False)
    mention = found[0] if found else (_bare_after(sent, b) if rule.any_head else None)
    if mention is None:
        return None
    tail = _tail_after(rule, sent, mention.end) if rule.tail else None
    if rule.tail and not tail:
        return None
    if rule.meeting and not (mention.genitive and MEETING.match(sent.text, mention.end - sent.start + 1)):
        return None
    at = sent.start + tail.end() if tail else mention.end
    if rule.giver:
        giver = _subject_before(sent, _auxiliaries_before(sent, a), adjacent=True)
        rest = _rest(sent, at)
        task = rest if opens_task(rest) else _whole(sent)
        return Hit(rule, mention, task, giver=giver, rest=at)
    anchor = sent.text[a - sent.start : b - sent.start]
    number = first_number_pair(anchor) if rule.numbers else ""
    return Hit(rule, mention, _whole(sent), number, rest=at)


def _auxiliaries_before(sent: Sentence, at: int) -> int:
    """Where a verb's auxiliaries begin ("Regeringen ska uppdra åt …": before "ska")."""
    i = _tok_index(sent, at)
    while i > 0 and sent.toks[i - 1].low in AUXILIARIES:
        i -= 1
    return sent.toks[i].start if i < len(sent.toks) else at


def _rest(sent: Sentence, offset: int) -> str:
    """The clause after the anchor ("för fördelning av … medel"), or the whole sentence when that is too short."""
    rest = sent.text[offset - sent.start :].strip(" ,.:;")
    return rest if len(rest.split()) >= 3 else _whole(sent)


def _whole(sent: Sentence) -> str:
    """The sentence as a task, without a leading label such as "Svar:" or "Ur delårsrapport:"."""
    text = sent.text.strip()
    label = LABEL_LINE.match(text)
    return (text[label.end() :] if label else text).strip(" .")


def _negated(text: str, a: int, b: int) -> bool:
    """A negation just before the anchor, or after it behind adverbs only ("ska därför inte")."""
    if NEGATION.search(text, max(0, a - 12), b + 8):
        return True
    words = text[b:].split()[:4]
    for word in words:
        if NEGATION.fullmatch(word.strip(",")):
            return True
        if word.lower().strip(",") not in LINKING_ADVERBS:
            return False
    return False


def _hit(rule: Rule, sent: Sentence, a: int, b: int) -> Hit | None:
    if rule.owner == "subject":
        return _subject_hit(rule, sent, a, b)
    if rule.owner == "possessor":
        return _possessor_hit(rule, sent, a, b)
    if rule.owner == "assignee":
        return Hit(rule, None, _whole(sent), rest=b)
    return _after_hit(rule, sent, a, b)


def rule_hits(sent: Sentence, rules: tuple[Rule, ...]) -> list[Hit]:
    hits = []
    for rule in rules:
        for m in rule.anchor.finditer(sent.text):
            if _negated(sent.text, m.start(), m.end()):
                continue  # "har inte behandlats av beredningen", "deltog inte", "ska därför inte längre …"
            hit = _hit(rule, sent, sent.start + m.start(), sent.start + m.end())
            if hit:
                hits.append(hit)
    return hits


def sentence_hits(sent: Sentence) -> list[Hit]:
    """Strong rules first; a weak rule gives at most one statement, and only where no strong rule did."""
    if sent.text.rstrip().endswith("?"):
        return []  # a question asks, it does not assign
    hits = rule_hits(sent, STRONG_RULES)
    if not hits and not sent.in_item:
        hits = rule_hits(sent, WEAK_RULES)[:1]
    return hits
