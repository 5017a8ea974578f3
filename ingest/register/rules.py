"""Sentence rules: a table of anchors ("ansvarar för", "beslutades av", "i samverkan med" …), each
saying where its owner stands (the subject before it, or the phrase after it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.language.admin import (
    LINKING_ADVERBS,
    MEETING,
    NEGATION,
    PREPOSITIONS,
    PRONOUNS,
    SKIP_AFTER,
    VERB_FRAMES,
    VerbFrame,
)
from ingest.register.mentions import Mention, Tok
from ingest.register.shapes import LABEL

Rule = VerbFrame
RULES = VERB_FRAMES
STRONG_RULES = tuple(r for r in RULES if r.strong)
WEAK_RULES = tuple(r for r in RULES if not r.strong)


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
    mention: Mention | None  # None: a pronoun ("de") to resolve
    task: str
    number: str = ""
    giver: Mention | None = None  # "Kommunstyrelsen ger socialnämnden i uppdrag …": who assigns


def _subject_before(sent: Sentence, at: int, adjacent: bool) -> Mention | None:
    """The subject mention before offset ``at``: nearest, not inside a prepositional phrase or a 'som' clause."""
    prior = [m for m in sent.mentions if m.end <= at]
    anchor_tok = next((i for i, t in enumerate(sent.toks) if t.start >= at), len(sent.toks))
    for k in range(len(prior) - 1, -1, -1):
        m = prior[k]
        if m.genitive or (m.first > 0 and sent.toks[m.first - 1].low in PREPOSITIONS):
            continue
        if k > 0 and any(t.low == "som" for t in sent.toks[prior[k - 1].last + 1 : m.first]):
            continue
        gap = sent.toks[m.last + 1 : anchor_tok]
        if adjacent and any(t.low not in LINKING_ADVERBS and t.text != "," for t in gap):
            return None
        return m if len(gap) <= 14 else None
    return None


def mention_at(sent: Sentence, offset: int, subject: bool = True) -> tuple[Mention | None, int] | None:
    """The mention starting with the first word at or after ``offset``, and where it ends.

    As a subject it may be a pronoun ("får de även i uppdrag", mention None) but not a possessive.
    """
    idx = next((i for i, t in enumerate(sent.toks) if t.start >= offset), None)
    while idx is not None and idx < len(sent.toks) and sent.toks[idx].low in SKIP_AFTER:
        idx += 1
    if idx is None or idx >= len(sent.toks):
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
    direct = _tail_after(rule, sent, b) if rule.tail else None
    if direct or rule.tail is None:
        subject = _subject_before(sent, a, rule.adjacent)
        if subject:
            return Hit(rule, subject, _rest(sent, sent.start + direct.end() if direct else b))
    inverted = mention_at(sent, b)
    if inverted and rule.tail:
        mention, end = inverted
        tail = _tail_after(rule, sent, end)
        if tail:
            return Hit(rule, mention, _rest(sent, sent.start + tail.end()))
    return None


def _after_hit(rule: Rule, sent: Sentence, a: int, b: int) -> Hit | None:
    found = mention_at(sent, b, subject=False)
    if not found or found[0] is None:
        return None
    mention = found[0]
    tail = _tail_after(rule, sent, mention.end) if rule.tail else None
    if rule.tail and not tail:
        return None
    if rule.meeting and not (mention.genitive and MEETING.match(sent.text, mention.end - sent.start + 1)):
        return None
    if rule.giver and tail:
        giver = _subject_before(sent, a, adjacent=True)
        return Hit(rule, mention, _rest(sent, sent.start + tail.end()), giver=giver)
    anchor = sent.text[a - sent.start : b - sent.start]
    number = next(iter(re.findall(r"\d+(?: och \d+)?", anchor)), "") if rule.numbers else ""
    return Hit(rule, mention, _whole(sent), number)


def _rest(sent: Sentence, offset: int) -> str:
    """The clause after the anchor ("för fördelning av … medel"), or the whole sentence when that is too short."""
    rest = sent.text[offset - sent.start :].strip(" ,.:;")
    return rest if len(rest.split()) >= 3 else _whole(sent)


def _whole(sent: Sentence) -> str:
    """The sentence as a task, without a leading label such as "Svar:" or "Ur delårsrapport:"."""
    text = sent.text.strip()
    label = LABEL.match(text)
    return (text[label.end() :] if label else text).strip(" .")


def rule_hits(sent: Sentence, rules: tuple[Rule, ...]) -> list[Hit]:
    hits = []
    for rule in rules:
        for m in rule.anchor.finditer(sent.text):
            if NEGATION.search(sent.text, max(0, m.start() - 12), m.end() + 8):
                continue  # "har inte behandlats av beredningen", "deltog inte"
            a, b = sent.start + m.start(), sent.start + m.end()
            hit = _subject_hit(rule, sent, a, b) if rule.owner == "subject" else _after_hit(rule, sent, a, b)
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
