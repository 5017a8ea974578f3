"""The document walk: blocks in order, scoped lists under lead-ins, sentence rules, references.

A lead-in gives its owner every list item below it, until the next lead-in or section heading:
"X får i uppdrag (att):", "Utredaren ska bland annat:", "## Delegationen ska bland annat",
"Grunduppdraget för beredningarna är att:", "Uppdrag till X:". A lead-in is a clause its items
complete (nothing but words such as "bland annat", "nu", "följande" after its verb); it is not a
statement of its own. Headings name no owner of a task themselves; a heading "Tilläggsdirektiv till
X" or "Uppdrag till X" names the assignee. Contact lines, signatures and questions give nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.language.admin import (
    ASSIGNMENT_HEADING,
    CONTACT_LABEL,
    DEADLINE,
    FINITE_VERB,
    FOLLOW_UP_TASK,
    LEAD_IN_FILLER,
    PREPOSITIONS,
    REPORTING_TASK,
)
from ingest.language.coordination import without_item_join
from ingest.language.marks import ITEM_MARK, LABEL_LINE, PHONE, has_email, is_phone_line, leading_year
from ingest.language.sentences import ends_with_abbreviation, split_sentences
from ingest.language.words import plain_words
from ingest.register.fields import consulted, recipient
from ingest.register.mentions import Mention, all_mentions, find_mentions, tokens
from ingest.register.owners import normalise_owner, same_body
from ingest.register.references import References
from ingest.register.rules import STRONG_RULES, Hit, Sentence, mention_at, rule_hits, sentence_hits
from ingest.register.types import Responsibility
from ingest.types import Block, CleanDocument

# Frames whose owner receives an assignment: the owner becomes the assignee of "Uppdraget …" below
_ASSIGNING = {"far_uppdrag", "har_uppdrag", "ger_i_uppdrag", "uppdrar_at", "tillsatter", "med_uppdrag",
              "tilldelas", "uppdraget_andras", "uppdrag_riktas"}  # fmt: skip


@dataclass
class _Scope:
    """An open list under a lead-in: its owner and kind, and whether its items are numbered or bullets."""

    owner: Mention
    kind: str = "assigned"
    style: str = ""
    last_was_item: bool = False
    last_number: int = 0

    def expects(self, text: str) -> bool:
        """A numbered "heading" that is really the next item (the cleaner promotes "1. Se över …")."""
        mark = ITEM_MARK.match(text)
        number = next((g for g in mark.groups() if g), "") if mark else ""
        return bool(number) and int(number) == self.last_number + 1 and self.style in ("", "numbered")


class _Extractor:
    """Walks a document's blocks in order, keeping the open list, the names used so far and the assignee."""

    def __init__(self, doc: CleanDocument) -> None:
        self.doc = doc
        self.year = _year(doc.meta)
        self.out: list[Responsibility] = []
        self.sentences: dict[int, list[Sentence]] = {}
        named: list[tuple[Mention, str]] = []
        self.plan_owner = ""
        for i, block in enumerate(doc.blocks):
            if not _is_contact(doc.text[block.start : block.end]):
                self.sentences[i] = [self._sentence(a, b, block.kind == "item") for a, b in _spans(doc, block)]
                named.extend(m for s in self.sentences[i] for m in s.named)
        self.refs = References(named)

    def _sentence(self, a: int, b: int, in_item: bool) -> Sentence:
        toks = tokens(self.doc.text, a, b)
        named = all_mentions(self.doc.text, toks)
        return Sentence(a, b, self.doc.text[a:b], toks, find_mentions(self.doc.text, toks), in_item, named)

    def run(self) -> list[Responsibility]:
        scope: _Scope | None = None
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            sents = self.sentences.get(i)
            if sents is not None:
                before_item = i + 1 < len(blocks) and blocks[i + 1].kind == "item"
                scope = self._block(block, sents, scope, before_item)
        return _dedupe(self.out)

    def _block(self, block: Block, sents: list[Sentence], scope: _Scope | None, before_item: bool) -> _Scope | None:
        text = self.doc.text[block.start : block.end]
        if block.kind == "heading" and not (scope and scope.expects(text)):
            return self._lead_in(sents[-1], heading=True)
        if block.kind == "paragraph" and _lead_in_shape(text, before_item):
            self._rules(sents[:-1])
            lead = self._lead_in(sents[-1], heading=False)
            if lead:
                return lead
            self._rules(sents[-1:])
            return scope
        if scope and self._scoped_item(scope, block, text, sents):
            return scope
        if scope:
            scope.last_was_item = False
            if scope.style == "bullet" and not LABEL_LINE.match(text):
                scope = None
        emitted = self._rules(sents)
        return None if any(r.kind == "assigned" for r in emitted) else scope

    def _lead_in(self, sent: Sentence, heading: bool) -> _Scope | None:
        """The list a lead-in opens: "Uppdrag till X", or a clause its items complete ("X ska bland annat:")."""
        self._note_plan_owner(sent)
        titled = ASSIGNMENT_HEADING.match(sent.text)
        if titled:
            found = mention_at(sent, sent.start + titled.end(), subject=False)
            owner = self.refs.resolve(found[0]) if found and found[0] else None
            if owner is not None:
                self.refs.assignee = owner
            return _Scope(owner) if owner else None
        for hit in rule_hits(sent, STRONG_RULES):
            owner = self._owner(hit, sent)
            if owner is None:
                continue
            if _completes(sent, hit):  # a statement of its own ("En delredovisning ska lämnas senast …:")
                if heading or hit.rule.owner != "assignee" or not sent.text.rstrip().endswith(":"):
                    continue
                self._emit(hit, sent, owner)
            elif hit.rule.name in _ASSIGNING:
                self.refs.assignee = owner
            kind = self._kind(hit, sent, owner.owner_span()[2])
            return _Scope(owner, "assigned" if kind == "responsible" else kind)
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
        self._emit_item(scope, block, sents, _item_task(self.doc.text[start : block.end]), number)
        scope.last_was_item = True
        scope.last_number = int(number) if number else scope.last_number
        return True

    def _emit_item(self, scope: _Scope, block: Block, sents: list[Sentence], task: str, number: str) -> None:
        o_start, o_end, o_text = scope.owner.owner_span()
        entry = Responsibility(o_text, normalise_owner(o_text), task, scope.kind, self.doc.doc_id, block.start,
                               block.end, o_start, o_end, number, self.plan_owner, self.year)  # fmt: skip
        entry.recipient = recipient(sents[0], o_text, sents[0].start)
        entry.consulted = [c for s in sents for c in consulted(s)]
        self.out.append(entry)

    def _rules(self, sents: list[Sentence]) -> list[Responsibility]:
        emitted = []
        for sent in sents:
            self._note_plan_owner(sent)
            hits = sentence_hits(sent)
            assigner = next((self._owner_text(h, sent) for h in hits if h.rule.name == "enligt_beslut"), "")
            resolved = {id(h): self._owner(h, sent) for h in hits}
            if any(h.rule.owner == "assignee" and resolved[id(h)] for h in hits):
                hits = [h for h in hits if h.rule.name != "rapporteras_till"]  # the report's recipient is no owner
            givers = {h.giver.start for h in hits if h.giver is not None}
            hits = [h for h in hits if not (h.rule.owner == "subject" and h.mention and h.mention.start in givers)]
            for hit in hits:
                owner = resolved[id(hit)]
                if owner is not None:
                    emitted.append(self._emit(hit, sent, owner, assigner))
            self.refs.note_subject(sent)
        return emitted

    def _owner(self, hit: Hit, sent: Sentence) -> Mention | None:
        if hit.rule.owner == "assignee":
            return self.refs.owner_of_assignment(sent)
        return self.refs.resolve(hit.mention)

    def _emit(self, hit: Hit, sent: Sentence, owner: Mention, assigner: str = "") -> Responsibility:
        o_start, o_end, o_text = owner.owner_span()
        kind = self._kind(hit, sent, o_text)
        assigner = hit.giver.owner_span()[2] if hit.giver else assigner
        assigner = "" if kind == "decided" or normalise_owner(assigner) == normalise_owner(o_text) else assigner
        entry = Responsibility(o_text, normalise_owner(o_text), hit.task, kind, self.doc.doc_id, sent.start,
                               sent.end, o_start, o_end, hit.number, assigner, self.year,
                               recipient(sent, o_text, -1 if hit.rule.owner == "assignee" else hit.rest),
                               consulted(sent))  # fmt: skip
        if hit.rule.name in _ASSIGNING or _introduces(hit, o_text):
            self.refs.assignee = owner
        self.refs.owners.append(owner)
        self.out.append(entry)
        return entry

    def _kind(self, hit: Hit, sent: Sentence, owner: str) -> str:
        kind = hit.rule.kind
        if kind != "responsible":
            return kind
        if REPORTING_TASK.match(hit.task):  # a report with a deadline is part of the assignment
            return "assigned" if DEADLINE.search(sent.text) else "follows_up"  # else keeping someone informed
        if FOLLOW_UP_TASK.search(hit.task.lower()):
            return "follows_up"
        assignee = self.refs.assignee
        if _introduces(hit, owner):
            return "assigned"  # "En särskild utredare ska …": a new body and its duty
        if hit.rule.name == "modal" and assignee is not None and same_body(owner, assignee.owner_span()[2]):
            return "assigned"  # what the assignee "ska" do is its assignment
        return kind

    def _owner_text(self, hit: Hit, sent: Sentence) -> str:
        owner = self._owner(hit, sent)
        return owner.owner_span()[2] if owner else ""

    def _note_plan_owner(self, sent: Sentence) -> None:
        """Remember whose plan the assignments below come from ("Ur hälso- och sjukvårdsnämndens verksamhetsplan")."""
        for m in sent.mentions:
            nxt = sent.toks[m.last + 1].low if m.last + 1 < len(sent.toks) else ""
            if m.genitive and nxt.startswith(("verksamhetsplan", "budget", "beslut")):
                self.plan_owner = m.owner_span()[2]
                return


def _item_task(text: str) -> str:
    """A list item as a task, without the punctuation that joins it to the next ("…,", "… och")."""
    return without_item_join(text)


def _lead_in_shape(text: str, before_item: bool) -> bool:
    """Ends in a colon, or stops short of a full stop right before a list ("Utredaren ska bl.a.")."""
    end = text.rstrip()
    return end.endswith(":") or (before_item and (not end.endswith(".") or ends_with_abbreviation(end)))


def _introduces(hit: Hit, owner: str) -> bool:
    """ "En särskild utredare ska …", "Ett nationellt råd ska …": an indefinite subject brings in a new owner."""
    return hit.rule.name == "modal" and owner.split()[0].lower() in ("en", "ett")


def _completes(sent: Sentence, hit: Hit) -> bool:
    """Whether the clause after a lead-in's verb says more than "bland annat", "nu", "följande" …"""
    words = plain_words(sent.text[hit.rest - sent.start :].lower()) if hit.rest >= 0 else ["?"]
    if sent.text.rstrip().endswith(":") and words and words[-1] in PREPOSITIONS:
        return False  # "Förvaltningen ska rapportera om:": the items are its objects
    return any(w not in LEAD_IN_FILLER for w in words)


def _spans(doc: CleanDocument, block: Block) -> list[tuple[int, int]]:
    """Sentence spans of a block. The block's own text is split (then shifted): split_sentences looks back
    from offset 0 for each period, which is quadratic when given a whole document and offsets."""
    spans = split_sentences(doc.text[block.start : block.end])
    return [(block.start + a, block.start + b) for a, b in spans] or [(block.start, block.end)]


def _is_contact(text: str) -> bool:
    """Telephone, e-mail, address and web lines: never owners, never tasks."""
    s = text.strip()
    if CONTACT_LABEL.match(s) or s.lower().startswith(("www.", "http")) or is_phone_line(s):
        return True
    return len(s) < 200 and (bool(PHONE.search(s)) or has_email(s))


def _is_task_clause(text: str, sents: list[Sentence]) -> bool:
    """A paragraph that continues a list whose numbering was lost: an infinitive task, no finite verb."""
    if LABEL_LINE.match(text) or text.rstrip().endswith(":") or FINITE_VERB.search(sents[0].text):
        return False
    return not any(r.strong for s in sents for r in (h.rule for h in sentence_hits(s)))


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
    return leading_year(str(meta.get("date") or ""))


def extract_responsibilities(doc: CleanDocument) -> list[Responsibility]:
    """Every statement of responsibility or assignment in a cleaned document, in text order."""
    return _Extractor(doc).run()
