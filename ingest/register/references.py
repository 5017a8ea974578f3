"""Who a reference names: pronouns, short references and the assignment itself.

* "de", "dessa" name the previous sentence's subject;
* a bare definite head ("Utredaren", "Myndigheten", "Nämnden", "Förvaltningen") names the last full
  name with the same head before it ("en särskild utredare", "Folkhälsomyndigheten"), and, for a
  commission of inquiry, the assignee the document named ("Utredaren" in a directive to
  "utredningen Sammanhållen kunskapsstyrning");
* the assignment as a subject ("Uppdraget ska redovisas senast …") names its owner: a possessor
  ("Beredningens uppdrag"), or else the assignee the document introduced last.
"""

from __future__ import annotations

from ingest.language.admin import (
    ASSIGNEE_ROLES,
    ASSIGNMENT_NOUN,
    DETERMINERS,
    GENERIC_REFERENCES,
    OWNER_HEAD,
    SAME_ROLE,
    SHORT_REFERENCES,
)
from ingest.language.names import inflected_forms
from ingest.register.mentions import Mention
from ingest.register.rules import Sentence


class References:
    """The names a document has used so far, its last subject and its current assignee."""

    def __init__(self, named: list[tuple[Mention, str]]) -> None:
        self.named = named  # every body named in the document, nested ones included, with its head word
        self.owners: list[Mention] = []  # owners of the statements so far, in text order
        self.prev_subject: Mention | None = None
        self.assignee: Mention | None = None

    def resolve(self, mention: Mention | None) -> Mention | None:
        """A pronoun becomes the previous sentence's subject; a bare "Förvaltningen" the nearest full name."""
        if mention is None:
            return self.prev_subject
        base = bare_base(mention)
        if base is None:
            return mention
        assignee = self.assignee
        assignee_base = _head_base(assignee) if assignee is not None else ""
        same_role = assignee_base == base or assignee_base in SAME_ROLE.get(base, ())
        named = assignee is not None and _is_named(assignee, assignee.head_word, base)
        if base in ASSIGNEE_ROLES and same_role and named:
            return assignee  # "Utredaren" in a directive is its own investigator, not an inquiry named in passing
        pattern = inflected_forms(base)
        owners = [(m, m.head_word) for m in self.owners if not m.parts]  # an owner before a body merely named
        for cand, head in [*reversed(owners), *reversed(self.named)]:
            if cand.start < mention.start and pattern.fullmatch(head) and _is_named(cand, head, base):
                return cand
        if assignee is not None and (assignee_base in SAME_ROLE.get(base, ()) or base in GENERIC_REFERENCES):
            return assignee
        return mention

    def note_subject(self, sent: Sentence) -> None:
        first = next((m for m in sent.mentions if m.first <= 1 and not m.genitive), None)
        self.prev_subject = self.resolve(first) if first else None

    def owner_of_assignment(self, sent: Sentence) -> Mention | None:
        """The owner of "Uppdraget/Arbetet/En delredovisning …" in this sentence: its possessor, else the assignee."""
        for i, tok in enumerate(sent.toks):
            if ASSIGNMENT_NOUN.fullmatch(tok.low):
                owner = next((m for m in sent.mentions if m.genitive and m.last == i - 1), None)
                if owner is not None:
                    return self.resolve(owner)
                break
        return self.assignee


def bare_base(mention: Mention) -> str | None:
    """'förvaltning' for a bare definite "Förvaltningen" / "Beredningens"; None for a full name."""
    if mention.first != mention.last:
        return None
    word = mention.text.lower()
    word = word[:-2] if word.endswith(":s") else word
    if word not in SHORT_REFERENCES and word.endswith("s"):
        word = word[:-1]
    return SHORT_REFERENCES.get(word)


def _head_base(mention: Mention) -> str:
    """The base of a mention's head word ("utredning" for "utredningen Sammanhållen kunskapsstyrning")."""
    for word in reversed(mention.text.lower().split()):
        m = OWNER_HEAD.fullmatch(word.strip("(),"))
        if m:
            return next((b for b in SHORT_REFERENCES.values() if m.group("stem").startswith(b.rstrip("e"))), "")
    return ""


def _is_named(cand: Mention, head: str, base: str) -> bool:
    """A full name for a bare reference: a compound ("sjukvårdsförvaltningen") or words beside the head."""
    words = cand.text.lower().split()
    if len(words) == 1:
        return not head.startswith(base)
    return words[0] not in DETERMINERS or len(words) > 2
