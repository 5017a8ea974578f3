"""The document walk: blocks in order, scoped lists under lead-ins, sentence rules, short references.

A lead-in "X får i uppdrag (att):" gives X every following item until the next lead-in or section
heading. Short references ("de", "Förvaltningen", "Rådet", "nämnden") are resolved to the nearest
full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.language.admin import DETERMINERS, FOLLOW_UP_TASK, OWNER_HEAD, SHORT_REFERENCES
from ingest.register.mentions import URL, Mention, all_mentions, find_mentions, tokens
from ingest.register.owners import normalise_owner
from ingest.register.rules import RULES, Hit, Sentence, mention_at, rule_hits, sentence_hits
from ingest.register.shapes import CONTACT, FINITE, ITEM_MARK, LABEL, PHONE, SIGNATURE, UPPDRAG_TILL
from ingest.register.types import Responsibility
from ingest.sentences import split_sentences
from ingest.types import Block, CleanDocument

_LEAD_IN_RULES = tuple(r for r in RULES if r.name in ("far_uppdrag", "har_uppdrag"))


@dataclass
class _Scope:
    """An open "X får i uppdrag:" list: its owner, and whether its items are numbered or bullets."""

    owner: Mention
    style: str = ""
    last_was_item: bool = False
    last_number: int = 0

    def expects(self, text: str) -> bool:
        """A numbered "heading" that is really the next item (the cleaner promotes "1. Se över …")."""
        mark = ITEM_MARK.match(text)
        number = next((g for g in mark.groups() if g), "") if mark else ""
        return bool(number) and int(number) == self.last_number + 1 and self.style in ("", "numbered")


class _Extractor:
    """Walks a document's blocks in order, keeping the open assignment list and the last sentence's subject."""

    def __init__(self, doc: CleanDocument) -> None:
        self.doc = doc
        self.year = _year(doc.meta)
        self.out: list[Responsibility] = []
        self.sentences: dict[int, list[Sentence]] = {}
        self.named: list[tuple[Mention, str]] = []
        self.prev_subject: Mention | None = None
        self.plan_owner = ""
        for i, block in enumerate(doc.blocks):
            if not _is_contact(doc.text[block.start : block.end]):
                self.sentences[i] = [self._sentence(a, b, block.kind == "item") for a, b in _spans(doc, block)]
                self.named.extend(m for s in self.sentences[i] for m in s.named)

    def _sentence(self, a: int, b: int, in_item: bool) -> Sentence:
        toks = tokens(self.doc.text, a, b)
        named = all_mentions(self.doc.text, toks)
        return Sentence(a, b, self.doc.text[a:b], toks, find_mentions(self.doc.text, toks), in_item, named)

    def run(self) -> list[Responsibility]:
        scope: _Scope | None = None
        for i, block in enumerate(self.doc.blocks):
            sents = self.sentences.get(i)
            if sents is not None:
                scope = self._block(block, sents, scope)
        return _dedupe(self.out)

    def _block(self, block: Block, sents: list[Sentence], scope: _Scope | None) -> _Scope | None:
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
            if scope.style == "bullet" and not LABEL.match(text):
                scope = None
        emitted = self._rules(sents)
        return None if any(r.kind == "assigned" for r in emitted) else scope

    def _lead_in(self, sents: list[Sentence]) -> Mention | None:
        """The owner of a lead-in "X får i uppdrag (att):" ending the paragraph."""
        last = sents[-1]
        self._note_plan_owner(sents)
        heading = UPPDRAG_TILL.match(last.text)
        if heading:
            found = mention_at(last, last.start + heading.end(), subject=False)
            return self._resolve(found[0]) if found and found[0] else None
        for hit in rule_hits(last, _LEAD_IN_RULES):
            owner = self._resolve(hit.mention)
            if owner:
                return owner
        return None

    def _scoped_item(self, scope: _Scope, block: Block, text: str, sents: list[Sentence]) -> bool:
        mark = ITEM_MARK.match(text)
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

    def _emit_item(self, owner: Mention, block: Block, task: str, number: str) -> None:
        o_start, o_end, o_text = owner.owner_span()
        self.out.append(
            Responsibility(o_text, normalise_owner(o_text), task.strip(), "assigned", self.doc.doc_id,
                           block.start, block.end, o_start, o_end, number, self.plan_owner, self.year)
        )  # fmt: skip

    def _rules(self, sents: list[Sentence]) -> list[Responsibility]:
        emitted = []
        for sent in sents:
            self._note_plan_owner([sent])
            hits = sentence_hits(sent)
            assigner = next((self._owner_text(h) for h in hits if h.rule.name == "enligt_beslut"), "")
            for hit in hits:
                found = self._statement(hit, sent, assigner)
                if found:
                    emitted.append(found)
            self.prev_subject = self._subject_of(sent)
        self.out.extend(emitted)
        return emitted

    def _statement(self, hit: Hit, sent: Sentence, assigner: str) -> Responsibility | None:
        owner = self._resolve(hit.mention)
        if owner is None:
            return None
        o_start, o_end, o_text = owner.owner_span()
        kind = hit.rule.kind
        if kind == "responsible" and FOLLOW_UP_TASK.search(hit.task.lower()):
            kind = "follows_up"
        assigner = hit.giver.owner_span()[2] if hit.giver else assigner
        assigner = "" if kind == "decided" or normalise_owner(assigner) == normalise_owner(o_text) else assigner
        return Responsibility(o_text, normalise_owner(o_text), hit.task, kind, self.doc.doc_id, sent.start,
                              sent.end, o_start, o_end, hit.number, assigner, self.year)  # fmt: skip

    def _owner_text(self, hit: Hit) -> str:
        owner = self._resolve(hit.mention)
        return owner.owner_span()[2] if owner else ""

    def _subject_of(self, sent: Sentence) -> Mention | None:
        first = next((m for m in sent.mentions if m.first <= 1 and not m.genitive), None)
        return self._resolve(first) if first else None

    def _resolve(self, mention: Mention | None) -> Mention | None:
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

    def _note_plan_owner(self, sents: list[Sentence]) -> None:
        """Remember whose plan the assignments below come from ("Ur hälso- och sjukvårdsnämndens verksamhetsplan")."""
        for sent in sents:
            for m in sent.mentions:
                nxt = sent.toks[m.last + 1].low if m.last + 1 < len(sent.toks) else ""
                if m.genitive and nxt.startswith(("verksamhetsplan", "budget", "beslut")):
                    self.plan_owner = m.owner_span()[2]
                    return

    def _signature(self, block: Block, text: str) -> None:
        m = SIGNATURE.match(text)
        if not m or m.group("name").split()[0] in ("Region", "Område"):
            return
        url = URL.search(text)
        end = min(len(text), url.start() if url else len(text), 100)
        signed = text[:end].rstrip(" ,.")
        start = block.start
        self.out.append(
            Responsibility(signed, normalise_owner(signed), signed, "other", self.doc.doc_id, start,
                           start + len(signed), start, start + len(signed), year=self.year)
        )  # fmt: skip


def _ends_with_lead_in(sent: Sentence, heading: bool = False) -> bool:
    """A lead-in "X får i uppdrag (att):" or "Uppdrag till X:" (a heading needs no colon)."""
    if not (heading or sent.text.rstrip().endswith(":")):
        return False
    return bool(UPPDRAG_TILL.match(sent.text) or rule_hits(sent, _LEAD_IN_RULES))


def _spans(doc: CleanDocument, block: Block) -> list[tuple[int, int]]:
    """Sentence spans of a block. The block's own text is split (then shifted): split_sentences looks back
    from offset 0 for each period, which is quadratic when given a whole document and offsets."""
    spans = split_sentences(doc.text[block.start : block.end])
    return [(block.start + a, block.start + b) for a, b in spans] or [(block.start, block.end)]


def _is_contact(text: str) -> bool:
    """Telephone, e-mail, address and web lines: never owners, never tasks."""
    s = text.strip()
    if CONTACT.match(s) or s.lower().startswith(("www.", "http")) or re.fullmatch(r"[\d\s+()-]{6,}", s):
        return True
    return len(s) < 200 and bool(PHONE.search(s) or re.search(r"\S+@\S+\.\w+", s))


def _is_task_clause(text: str, sents: list[Sentence]) -> bool:
    """A paragraph that continues a list whose numbering was lost: an infinitive task, no finite verb."""
    if LABEL.match(text) or text.rstrip().endswith(":") or FINITE.search(sents[0].text):
        return False
    return not any(r.strong for s in sents for r in (h.rule for h in sentence_hits(s)))


def _bare_base(mention: Mention) -> str | None:
    """'förvaltning' for a bare definite "Förvaltningen" / "Beredningens"; None for a full name."""
    if mention.first != mention.last:
        return None
    m = OWNER_HEAD.fullmatch(mention.text.lower())
    if not m or m.group("prefix"):
        return None
    stem = m.group("stem").lower()
    if stem.endswith(("arna", "erna", "orna")) or not stem.endswith(("en", "et", "n")):
        return None
    base = stem[:-2] if stem.endswith(("en", "et")) else stem[:-1]
    return base if base in SHORT_REFERENCES else None


def _is_named(cand: Mention, head: str, base: str) -> bool:
    """A full name for a bare reference: a compound ("sjukvårdsförvaltningen") or words beside the head."""
    words = cand.text.lower().split()
    if len(words) == 1:
        return not head.startswith(base)
    return words[0] not in DETERMINERS or len(words) > 2


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
