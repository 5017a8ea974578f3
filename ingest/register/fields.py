"""The fields around an owner: who the work is reported to, and which bodies must be consulted."""

from __future__ import annotations

from ingest.language.admin import CONSULTATION, PERSONAL_PRONOUNS, RECIPIENT_BEFORE
from ingest.language.coordination import CLAUSE_END, COORDINATOR, RELATIVE_WORDS, without_objects_opening
from ingest.register.mentions import Mention
from ingest.register.rules import Sentence


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
    """The bodies to consult: "samråda med X, Y och Z", "inhämta synpunkter från X", "i dialog med X".

    The objects of the phrase, up to the end of its clause, split at commas and conjunctions: a named
    body keeps its whole name ("Sveriges Kommuner och Regioner"), and any other short noun phrase
    counts too ("elevhälsan", "barn- och ungdomspsykiatrin"), without a relative clause ("… som är relevanta").
    """
    out: list[str] = []
    for m in CONSULTATION.finditer(sent.text):
        end = CLAUSE_END.search(sent.text, m.end())
        a, b = sent.start + m.end(), sent.start + (end.start() if end else len(sent.text))
        for body in _objects(sent, a, b):
            if body not in out:
                out.append(body)
    return out


def _objects(sent: Sentence, a: int, b: int) -> list[str]:
    """The coordinated noun phrases between offsets a and b, up to the first piece that goes on past its
    noun phrase ("… enskilda huvudmän främja utvecklingen …": the clause's verb ends the list)."""
    inside = [m for m in sent.mentions if a <= m.start < b and not m.genitive]
    out: list[str] = []
    for start, end in _pieces(sent.text[a - sent.start : b - sent.start], a, inside):
        text = sent.text[start - sent.start : end - sent.start]
        if CONSULTATION.search(text):
            continue  # "föra en dialog med, och inhämta synpunkter från, X": a second phrase, same objects
        mentions = [m for m in inside if start <= m.start < end]
        if mentions:
            out.extend(p for m in mentions for p in members(m, sent))
            rest = sent.text[mentions[-1].end - sent.start : end - sent.start].split()
            if len(rest) > 1 and rest[0].lower() not in RELATIVE_WORDS:
                break  # the clause goes on past the body: its verb ends the list
            continue
        words = without_objects_opening(text).split()
        cut = next((i for i, w in enumerate(words) if w.lower() in RELATIVE_WORDS), len(words))
        if words and (len(words[0]) <= 2 or words[0].lower() in PERSONAL_PRONOUNS):
            continue  # "för dem som arbetar inom …": people, not a body
        if not 0 < cut <= 6:
            break
        out.append(" ".join(words[:cut]).strip(",. "))  # a body the lexicon does not know ("elevhälsan")
        if cut < len(words):
            break
    return out


def _pieces(text: str, offset: int, mentions: list[Mention]) -> list[tuple[int, int]]:
    """Spans of text split at ", ", " och ", " samt ", " eller ", never inside a named body ("Kommuner och
    Regioner") nor after a hyphen ("barn- och ungdomspsykiatri")."""
    cuts, pos = [], 0
    for m in COORDINATOR.finditer(text):
        at = offset + m.start()
        if any(x.start <= at < x.end for x in mentions) or text[: m.start()].endswith("-"):
            continue
        cuts.append((offset + pos, at))
        pos = m.end()
    cuts.append((offset + pos, offset + len(text)))
    return [(s, e) for s, e in cuts if e > s]


def members(mention: Mention, sent: Sentence) -> list[str]:
    """The bodies of a coordinated mention ("Socialstyrelsen, Folkhälsomyndigheten och IVO" → three)."""
    if not mention.parts:
        return [mention.owner_span()[2]]
    return [sent.text[a - sent.start : b - sent.start] for a, b in mention.parts]
