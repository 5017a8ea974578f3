"""Sentence rules: a table of anchors ("ansvarar för", "beslutades av", "i samverkan med" …), each
saying where its owner stands (the subject before it, or the phrase after it)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.register.mentions import PRONOUNS, Mention, Tok
from ingest.register.shapes import LABEL


@dataclass(frozen=True)
class Rule:
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
RULES: tuple[Rule, ...] = (
    Rule("enligt_beslut", _rx(r"\b[Ee]nligt (?:ett |tidigare )?beslut (?:i|av|från)\b"), "decided", "after"),
    Rule("ansvarar", _rx(r"\bansvarar\b"), "responsible", "subject",
          tail=_rx(r"(?:(?:också|även|därför|gemensamt|själva|tillsammans) )*för\b")),
    Rule("ansvaret_ligger", _rx(r"\b[Aa]nsvar(?:et)? för\b[^.]{3,150}? (?:ligger|vilar) (?:hos|på)\b"),
          "responsible", "after"),
    Rule("ger_i_uppdrag", _rx(r"\b(?:ger|gav|har gett|har givit|lämnar)\b"), "assigned", "after",
          tail=_rx(r"(?:\w+ )?i uppdrag\b"), giver=True),
    Rule("ansvarig_ar", _rx(r"\b[Aa]nsvarig(?:a)? för [^.]{3,200}? är\b"), "responsible", "after"),
    Rule("ar_ansvarig", _rx(r"\bär\b"), "responsible", "subject", tail=_rx(r"(?:\w+ )?ansvarig(?:a)? för\b")),
    Rule("har_ansvar", _rx(r"\b(?:har|äger|tar|bär)\b"), "responsible", "subject",
          tail=_rx(r"(?:\w+ ){0,3}?ansvar(?:et)? för\b")),
    Rule("har_uppdrag", _rx(r"\bhar\b"), "assigned", "subject",
          tail=_rx(r"(?:fått |getts )?(?:i )?uppdrag(?:et)? att\b|(?:fått|getts) (?:\w+ )?uppdrag(?:et)?\b")),
    Rule("far_uppdrag", _rx(r"\b(?:får|fick|ges|gavs)\b"), "assigned", "subject",
          tail=_rx(r"(?:(?:även|också|dessutom) )*i uppdrag\b")),
    Rule("med_uppdrag", _rx(r"\bmed uppdrag(?:et)? att\b"), "assigned", "subject", adjacent=True),
    Rule("tilldelas", _rx(r"\b(?:tilldelas|tilldelades|har tilldelats)\b"), "assigned", "subject", adjacent=True),
    Rule("uppdrag_riktas", _rx(r"\b[Uu]ppdrag(?:et|en)?(?: (?:nr )?\d+(?:(?:, | och | samt )\d+)*)? (?:som )?"
                                r"(?:riktas|ges|lämnas|går|berör)(?: till)?\b"), "assigned", "after", numbers=True),
    Rule("uppdraget_for", _rx(r"\b\w*(?:[Uu]ppdrag(?:et)?|[Ss]yfte(?:t)?) (?:för|med|till)\b"), "responsible",
          "after", tail=_rx(r"är att\b")),
    Rule("uppdragsbeskrivning", _rx(r"\buppdrags(?:beskrivning|direktiv)\w*(?: \w+){0,3}? för\b"),
          "assigned", "after"),
    Rule("kan_ge_uppdrag", _rx(r"\bkan\b"), "other", "subject",
          tail=_rx(r"(?:\w+ ){0,3}?(?:lägga till|ge|lämna|fördela|tilldela)(?: \w+){0,2}? uppdrag")),
    Rule("beslutad_av", _rx(rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? av\b:?"), "decided", "after"),
    Rule("antogs_vid", _rx(rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? (?:vid|på|i)\b"), "decided", "after",
          meeting=True),
    Rule("beslut_fattades", _rx(r"\b[Bb]eslut(?:et)? om\b[^.]{3,200}?\b(?:fattades|fattas|har fattats|togs|tas) "
                                 r"(?:av|i)\b"), "decided", "after"),
    Rule("fastställer", _rx(r"\b(?:fastställer|fastställde|beslutar|beslutade|antar|antog|godkänner|godkände"
                             r"|har (?:fastställt|beslutat|antagit|godkänt|fattat beslut om))\b"),
          "decided", "subject"),
    Rule("kan_faststalla", _rx(r"\b(?:kan|ska|skall|får)\b"), "decided", "subject", adjacent=True,
          tail=_rx(r"(?:\w+ ){0,4}?(?:fastställa|besluta|anta|godkänna)\b")),
    Rule("foljs_upp_av", _rx(r"\b(?:följas|följs|följdes) upp(?: \w+){0,2}? (?:av|i|inom)\b"), "follows_up", "after"),
    Rule("rapporteras_till", _rx(r"\b(?:(?:åter)?rapporteras|(?:åter)?rapporterades|(?:åter)?rapportering(?:en)? sker"
                                  r"|redovisas|redovisades)(?: \w+){0,2}? (?:till|för)\b"), "follows_up", "after"),
    Rule("foljer_upp", _rx(r"\b(?:följer|följde)\b"), "follows_up", "subject", tail=_rx(r"upp\b"), adjacent=True),
    Rule("uppfoljning_av", _rx(r"\b[Uu]ppföljning(?:en)?\b(?: \w+){0,3}? (?:genomförs|genomförts|görs|gjorts|sker"
                                r"|skett|göras)\b(?: \w+){0,2}? (?:av|inom|hos)\b"), "follows_up", "after"),
    Rule("leds_av", _rx(r"\b(?:leds|genomförs|genomfördes|utförs|tas fram|togs fram|har tagits fram|utformas"
                         r"|upprättas|drivs|samordnas|administreras)\b(?: \w+){0,2}? (?:av|inom|i|hos)\b"),
          "responsible", "after"),
    Rule("under_ledning", _rx(r"\b[Uu]nder (?:ledning|ledarskap) av\b"), "responsible", "after"),
    Rule("modal", _rx(r"\b(?:ska|skall|behöver|måste|bör)\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?!(?:(?:också|även|dessutom|inte) )?(?:vara|bli|ses|bestå|finnas|kunna)\b)(?![a-zåäö]+as\b)")),
    Rule("kommer_att", _rx(r"\bkommer\b"), "responsible", "subject", adjacent=True, tail=_rx(r"att\b")),
    Rule("verkar", _rx(r"\b(?:stödjer|stöttar|leder|samordnar|driver|utvecklar|administrerar|arbetar|genomför"
                        r"|bedömer|prioriterar|företräder|bereder)\b"), "responsible", "subject", adjacent=True),
    Rule("finns_till_stod", _rx(r"\bfinns\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?:till |som )stöd\b")),
    Rule("ar_roll", _rx(r"\bär\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?:en av \w+ \w+|(?:ett |en )?(?:\w+ )?(?:forum|styrgrupp|beredningsorgan|basen)\b)")),
    Rule("ar_aktor", _rx(r"\bär\b"), "other", "subject", adjacent=True,
          tail=_rx(r"en (?:\w+ )?(?:och \w+ )?(?:aktör|part|samarbetspart\w*)\b")),
    Rule("deltar", _rx(r"\b(?:deltar|medverkar|deltog|medverkade)\b"), "other", "subject", adjacent=True),
    Rule("samverkar", _rx(r"\b(?:samverkar|samarbetar)\b"), "other", "subject", adjacent=True,
          tail=_rx(r"(?:(?:också|även) )?med\b")),
    Rule("uppdrag_till", _rx(r"\b[Uu]ppdrag(?:en)? till\b"), "other", "after", strong=False),
    Rule("i_samverkan", _rx(r"\b[Ii] samverkan (?:med|mellan)\b"), "other", "after", strong=False),
    Rule("tillsammans", _rx(r"\b[Tt]illsammans med\b(?: bl ?a\b| bland annat\b)?"), "other", "after", strong=False),
    Rule("presenterats", _rx(r"\b(?:presenterats|presenterades|redovisats|redovisades|föredragits) för\b"
                              r"|\b(?:behandlats|behandlades) (?:i|av)\b|\bremiss till\b|\b[Pp]å uppdrag av\b"),
          "other", "after", strong=False),
    Rule("i_form_av", _rx(r"\bi form av\b"), "other", "after", strong=False),
    Rule("anstalld", _rx(r"\b(?:anställdes|anställs|tillsattes|tillsätta|tillsätts|rekryterades|utsågs"
                          r"|inrättades)\b"), "other", "after", strong=False),
    Rule("har_anstallts", _rx(r"\b(?:har (?:anställts|rekryterats|tillsatts|utsetts|inrättats)|är utsedda?)\b"),
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
FOLLOW_UP_TASK = re.compile(
    r"^(?:att )?(?:\w+ )?(?:uppföljning|utvärdering|återrapportering|analys)|\b(?:analyseras|följs upp|utvärderas)\b"
)
_MEETING = re.compile(r"sammanträde|möte")


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
        if m.genitive or (m.first > 0 and sent.toks[m.first - 1].low in _PREPOSITIONS):
            continue
        if k > 0 and any(t.low == "som" for t in sent.toks[prior[k - 1].last + 1 : m.first]):
            continue
        gap = sent.toks[m.last + 1 : anchor_tok]
        if adjacent and any(t.low not in _ADVERBS and t.text != "," for t in gap):
            return None
        return m if len(gap) <= 14 else None
    return None


def mention_at(sent: Sentence, offset: int, subject: bool = True) -> tuple[Mention | None, int] | None:
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
    if rule.meeting and not (mention.genitive and _MEETING.match(sent.text, mention.end - sent.start + 1)):
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
            if _NEGATION.search(sent.text, max(0, m.start() - 12), m.end() + 8):
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
