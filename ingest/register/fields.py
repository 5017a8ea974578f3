"""The fields around an owner: who the work is reported to, and which bodies must be consulted."""

from __future__ import annotations

import re

from ingest.language.admin import CONSULTATION, RECIPIENT_BEFORE
from ingest.register.mentions import Mention
from ingest.register.rules import Sentence

_CLAUSE_END = re.compile(r"[.;:]|\s(?:för att|om hur|om vilka|och (?:ska|bör)|samt (?:ska|bör))\s")


def recipient(sent: Sentence, owner: str = "", clause: int = -1) -> str:
    """Who the work is reported to: "redovisas till X", "rapportera till X", "informera X om …".

    Only a reporting verb of the owner's own clause counts (within a few words of ``clause``, where the
    clause after the owner's verb begins), not one inside a subordinate clause about someone else.
    """
    for m in RECIPIENT_BEFORE.finditer(sent.text):
        if clause >= 0 and len(sent.text[clause - sent.start : m.start()].split()) > 4:
            continue
        after = sent.start + m.end()
        found = next((x for x in sent.mentions if x.start >= after), None)
        if found is None or found.genitive or len(sent.text[m.end() : found.start - sent.start].split()) > 1:
            continue
        if found.owner_span()[2] != owner:
            return found.owner_span()[2]
    return ""


def consulted(sent: Sentence) -> list[str]:
    """The bodies to consult: "samråda med X, Y och Z", "inhämta synpunkter från X", "i dialog med X"."""
    out: list[str] = []
    for m in CONSULTATION.finditer(sent.text):
        end = _CLAUSE_END.search(sent.text, m.end())
        stop = sent.start + (end.start() if end else len(sent.text))
        for mention in sent.mentions:
            if sent.start + m.end() <= mention.start < stop:
                out.extend(p for p in members(mention, sent) if p not in out)
    return out


def members(mention: Mention, sent: Sentence) -> list[str]:
    """The bodies of a coordinated mention ("Socialstyrelsen, Folkhälsomyndigheten och IVO" → three)."""
    if not mention.parts:
        return [mention.owner_span()[2]]
    return [sent.text[a - sent.start : b - sent.start] for a, b in mention.parts]
