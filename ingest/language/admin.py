"""Swedish administrative language: how public documents say who is responsible for what.

The lexicon the responsibility register reads with, written once and tested on its own
(tests/test_language_admin.py): owner head words and the shapes of owner noun phrases, the verbs
and phrases of responsibility, assignment, decision and follow-up with the slot their owner stands
in, short references, and the words around them. It knows Swedish, not any one document; the
register (:mod:`ingest.register`) keeps only the mechanics that apply it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------------- owner noun phrases

OWNER_HEAD = re.compile(
    r"(?P<prefix>[\w/-]*?)(?P<stem>"
    r"nämnd(?:en|er|erna)?|beredning(?:en|ar|arna)?|förvaltning(?:en|ar|arna)?|styrelse(?:n|r|rna)?"
    r"|grupp(?:en|er|erna)?|(?:led|utveckl|samordn|läk)(?:are|aren|arna)|chef(?:en|er|erna)?"
    r"|förbund(?:et|en)?|myndighet(?:en|er|erna)?|förening(?:en|ar|arna)?|organisation(?:en|er|erna)?"
    r"|nätverk(?:et|en)?|direktör(?:en|er|erna)?|ombud(?:et|en)?|sköterska(?:n)?|sköterskor(?:na)?"
    r"|strateg(?:en|er|erna)?|koordinator(?:n|er|erna)?|(?:handläggar|sekreterar)(?:e|en|na)|controller(?:n|s)?"
    r"|kontor(?:et|en)?|avdelning(?:en|ar|arna)?|kansli(?:et)?|sekretariat(?:et)?|stab(?:en)?|bolag(?:et)?"
    r"|logoped(?:en|er|erna)?|lots(?:en|ar|arna)?|team(?:et|en)?|fullmäktige|kommun(?:en|er|erna)?"
    r"|enhet(?:en|er|erna)?|region(?:en|er|erna)?|part(?:en|er|erna)?|länsdel(?:en|ar|arna)?"
    r"|funktion(?:en)?|stiftelse(?:n)?|råd(?:et)?|ordförande|huvudm(?:an|annen|än|ännen)"
    r"|civilsamhälle(?:t)?|samhället|område"
    r")(?P<gen>:?s)?",
    re.IGNORECASE,
)
ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,8}(?:-[A-ZÅÄÖ]{2,8})?")
NOT_GROUP_PREFIXES = {"mål", "ålder", "personal", "yrke", "risk", "befolkning", "patient", "fokus", "diagnos", "ålders"}
NAME_HEADS = ("område", "chefsgrupp", "funktion", "stiftelse")  # take a bare name: "Område välfärd och folkhälsa"
CAPITAL_NAME_HEADS = ("förvaltning", "chef", "stiftelse", "förening", "förbund", "område", "nätverk", "region")
SHORT_REFERENCES = {"nämnd", "beredning", "förvaltning", "styrelse", "råd", "förbund", "organisation", "region", "team"}
DETERMINERS = {
    "en", "ett", "den", "det", "de", "varje", "respektive", "berörda", "andra", "annan", "alla", "samtliga",
    "två", "tre", "fyra", "fem", "sex", "flera", "dessa", "båda", "övriga", "civila", "egna", "nya",
}  # fmt: skip
ADJECTIVE = re.compile(r"[^\W\d_]{3,}(?:ala|iska|ika|liga|iga|ella|ära)")
POSSESSOR = re.compile(r"[^\W\d_]{3,}(?:en|et|na)s|läns|[^\W\d_]+:s")  # "nämndens", "länets", "läns"
NOT_NAME_WORDS = {
    "att", "som", "är", "var", "har", "hade", "ska", "skall", "kan", "kommer", "får", "fick", "ansvarar", "med", "av",
    "till", "de", "den", "det", "dess", "sin", "sitt", "sina", "en", "ett", "om", "genom", "enligt", "under", "efter",
    "sedan", "men", "också", "även", "dock", "inför", "där", "när", "alla", "hela", "varje", "detta", "denna",
    "dessa", "vars", "vilket", "vilka", "bl", "ca", "år", "för", "i", "inom", "på", "från", "vid", "hos", "mellan",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
    "december", "våren", "hösten", "sommaren", "vintern", "nu", "idag", "ovanstående", "följande", "samma",
    "uppdrag", "uppdraget", "ansvar", "ansvaret", "samråd", "beslut", "dag",
}  # fmt: skip
VERB_FORM = re.compile(r"[^\W\d_]+(?:ar|er|ir|ade|ades|des|tes|as|s|går|får)")
ACTION_NOUN = re.compile(r"[^\W\d_]+(?:ning|ningen|ningar|andet|ande)")
DOMAIN_PREPOSITIONS = {"för", "i"}  # "beredning för närsjukvård", "kommuner i länet"
MENTION_PREPOSITIONS = {"för", "i", "inom", "på", "vid", "under", "från", "hos"}
PRONOUNS = {"de", "dessa"}


# --------------------------------------------------------------------------- verb frames


@dataclass(frozen=True)
class VerbFrame:
    """A verb or phrase of responsibility and where its owner stands."""

    name: str
    anchor: re.Pattern
    kind: str  # assigned | responsible | decided | follows_up | other
    owner: str  # "subject": the body before the anchor (or right after it, inverted); "after": the body after it
    tail: re.Pattern | None = None  # must follow the anchor, or the inverted subject
    adjacent: bool = False  # the subject must stand right before the anchor
    strong: bool = True  # weak frames only fire in a paragraph sentence that no strong frame matched
    meeting: bool = False  # the owner is a possessive before "sammanträde" ("antogs vid nämndens sammanträde")
    giver: bool = False  # the subject before the anchor assigns ("Kommunstyrelsen ger X i uppdrag …")
    numbers: bool = False  # the anchor carries assignment numbers ("Uppdrag 13 och 14 riktas till …")


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern)


_DECIDED_PASSIVE = (
    r"(?:beslutades|beslutats|beslutas|beslutad|antogs|antagits|antas|antagen|fastställdes|fastställts|fastställs"
    r"|fastställd|godkändes|godkänts|godkänns|godkänd)"
)
VERB_FRAMES: tuple[VerbFrame, ...] = (
    VerbFrame("enligt_beslut", _rx(r"\b[Ee]nligt (?:ett |tidigare )?beslut (?:i|av|från)\b"), "decided", "after"),
    VerbFrame("ansvarar", _rx(r"\bansvarar\b"), "responsible", "subject",
          tail=_rx(r"(?:(?:också|även|därför|gemensamt|själva|tillsammans) )*för\b")),
    VerbFrame("ansvaret_ligger", _rx(r"\b[Aa]nsvar(?:et)? för\b[^.]{3,150}? (?:ligger|vilar) (?:hos|på)\b"),
          "responsible", "after"),
    VerbFrame("ger_i_uppdrag", _rx(r"\b(?:ger|gav|har gett|har givit|lämnar)\b"), "assigned", "after",
          tail=_rx(r"(?:\w+ )?i uppdrag\b"), giver=True),
    VerbFrame("ansvarig_ar", _rx(r"\b[Aa]nsvarig(?:a)? för [^.]{3,200}? är\b"), "responsible", "after"),
    VerbFrame("ar_ansvarig", _rx(r"\bär\b"), "responsible", "subject", tail=_rx(r"(?:\w+ )?ansvarig(?:a)? för\b")),
    VerbFrame("har_ansvar", _rx(r"\b(?:har|äger|tar|bär)\b"), "responsible", "subject",
          tail=_rx(r"(?:\w+ ){0,3}?ansvar(?:et)? för\b")),
    VerbFrame("har_uppdrag", _rx(r"\bhar\b"), "assigned", "subject",
          tail=_rx(r"(?:fått |getts )?(?:i )?uppdrag(?:et)? att\b|(?:fått|getts) (?:\w+ )?uppdrag(?:et)?\b")),
    VerbFrame("far_uppdrag", _rx(r"\b(?:får|fick|ges|gavs)\b"), "assigned", "subject",
          tail=_rx(r"(?:(?:även|också|dessutom) )*i uppdrag\b")),
    VerbFrame("med_uppdrag", _rx(r"\bmed uppdrag(?:et)? att\b"), "assigned", "subject", adjacent=True),
    VerbFrame("tilldelas", _rx(r"\b(?:tilldelas|tilldelades|har tilldelats)\b"), "assigned", "subject", adjacent=True),
    VerbFrame("uppdrag_riktas", _rx(r"\b[Uu]ppdrag(?:et|en)?(?: (?:nr )?\d+(?:(?:, | och | samt )\d+)*)? (?:som )?"
                                r"(?:riktas|ges|lämnas|går|berör)(?: till)?\b"), "assigned", "after", numbers=True),
    VerbFrame("uppdraget_for", _rx(r"\b\w*(?:[Uu]ppdrag(?:et)?|[Ss]yfte(?:t)?) (?:för|med|till)\b"), "responsible",
          "after", tail=_rx(r"är att\b")),
    VerbFrame("uppdragsbeskrivning", _rx(r"\buppdrags(?:beskrivning|direktiv)\w*(?: \w+){0,3}? för\b"),
          "assigned", "after"),
    VerbFrame("kan_ge_uppdrag", _rx(r"\bkan\b"), "other", "subject",
          tail=_rx(r"(?:\w+ ){0,3}?(?:lägga till|ge|lämna|fördela|tilldela)(?: \w+){0,2}? uppdrag")),
    VerbFrame("beslutad_av", _rx(rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? av\b:?"), "decided", "after"),
    VerbFrame("antogs_vid", _rx(rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? (?:vid|på|i)\b"), "decided", "after",
          meeting=True),
    VerbFrame("beslut_fattades", _rx(r"\b[Bb]eslut(?:et)? om\b[^.]{3,200}?\b(?:fattades|fattas|har fattats|togs|tas) "
                                 r"(?:av|i)\b"), "decided", "after"),
    VerbFrame("fastställer", _rx(r"\b(?:fastställer|fastställde|beslutar|beslutade|antar|antog|godkänner|godkände"
                             r"|har (?:fastställt|beslutat|antagit|godkänt|fattat beslut om))\b"),
          "decided", "subject"),
    VerbFrame("kan_faststalla", _rx(r"\b(?:kan|ska|skall|får)\b"), "decided", "subject", adjacent=True,
          tail=_rx(r"(?:\w+ ){0,4}?(?:fastställa|besluta|anta|godkänna)\b")),
    VerbFrame("foljs_upp_av", _rx(r"\b(?:följas|följs|följdes) upp(?: \w+){0,2}? (?:av|i|inom)\b"), "follows_up",
              "after"),
    VerbFrame("rapporteras_till", _rx(r"\b(?:(?:åter)?rapporteras|(?:åter)?rapporterades"
                                      r"|(?:åter)?rapportering(?:en)? sker|redovisas|redovisades)(?: \w+){0,2}? "
                                      r"(?:till|för)\b"), "follows_up", "after"),
    VerbFrame("foljer_upp", _rx(r"\b(?:följer|följde)\b"), "follows_up", "subject", tail=_rx(r"upp\b"), adjacent=True),
    VerbFrame("uppfoljning_av", _rx(r"\b[Uu]ppföljning(?:en)?\b(?: \w+){0,3}? (?:genomförs|genomförts|görs|gjorts|sker"
                                r"|skett|göras)\b(?: \w+){0,2}? (?:av|inom|hos)\b"), "follows_up", "after"),
    VerbFrame("leds_av", _rx(r"\b(?:leds|genomförs|genomfördes|utförs|tas fram|togs fram|har tagits fram|utformas"
                         r"|upprättas|drivs|samordnas|administreras)\b(?: \w+){0,2}? (?:av|inom|i|hos)\b"),
          "responsible", "after"),
    VerbFrame("under_ledning", _rx(r"\b[Uu]nder (?:ledning|ledarskap) av\b"), "responsible", "after"),
    VerbFrame("modal", _rx(r"\b(?:ska|skall|behöver|måste|bör)\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?!(?:(?:också|även|dessutom|inte) )?(?:vara|bli|ses|bestå|finnas|kunna)\b)(?![a-zåäö]+as\b)")),
    VerbFrame("kommer_att", _rx(r"\bkommer\b"), "responsible", "subject", adjacent=True, tail=_rx(r"att\b")),
    VerbFrame("verkar", _rx(r"\b(?:stödjer|stöttar|leder|samordnar|driver|utvecklar|administrerar|arbetar|genomför"
                        r"|bedömer|prioriterar|företräder|bereder)\b"), "responsible", "subject", adjacent=True),
    VerbFrame("finns_till_stod", _rx(r"\bfinns\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?:till |som )stöd\b")),
    VerbFrame("ar_roll", _rx(r"\bär\b"), "responsible", "subject", adjacent=True,
          tail=_rx(r"(?:en av \w+ \w+|(?:ett |en )?(?:\w+ )?(?:forum|styrgrupp|beredningsorgan|basen)\b)")),
    VerbFrame("ar_aktor", _rx(r"\bär\b"), "other", "subject", adjacent=True,
          tail=_rx(r"en (?:\w+ )?(?:och \w+ )?(?:aktör|part|samarbetspart\w*)\b")),
    VerbFrame("deltar", _rx(r"\b(?:deltar|medverkar|deltog|medverkade)\b"), "other", "subject", adjacent=True),
    VerbFrame("samverkar", _rx(r"\b(?:samverkar|samarbetar)\b"), "other", "subject", adjacent=True,
          tail=_rx(r"(?:(?:också|även) )?med\b")),
    VerbFrame("uppdrag_till", _rx(r"\b[Uu]ppdrag(?:en)? till\b"), "other", "after", strong=False),
    VerbFrame("i_samverkan", _rx(r"\b[Ii] samverkan (?:med|mellan)\b"), "other", "after", strong=False),
    VerbFrame("tillsammans", _rx(r"\b[Tt]illsammans med\b(?: bl ?a\b| bland annat\b)?"), "other", "after",
              strong=False),
    VerbFrame("presenterats", _rx(r"\b(?:presenterats|presenterades|redovisats|redovisades|föredragits) för\b"
                              r"|\b(?:behandlats|behandlades) (?:i|av)\b|\bremiss till\b|\b[Pp]å uppdrag av\b"),
          "other", "after", strong=False),
    VerbFrame("i_form_av", _rx(r"\bi form av\b"), "other", "after", strong=False),
    VerbFrame("anstalld", _rx(r"\b(?:anställdes|anställs|tillsattes|tillsätta|tillsätts|rekryterades|utsågs"
                          r"|inrättades)\b"), "other", "after", strong=False),
    VerbFrame("har_anstallts", _rx(r"\b(?:har (?:anställts|rekryterats|tillsatts|utsetts|inrättats)|är utsedda?)\b"),
          "other", "subject", adjacent=True, strong=False),
)  # fmt: skip
NEGATION = re.compile(r"\b(?:inte|ej|aldrig)\b")
LINKING_ADVERBS = {"också", "även", "dessutom", "därför", "nu", "gemensamt", "själva", "fortsatt", "som", "tillsammans"}
SKIP_AFTER = {"bl", "a", "bland", "annat", "även", "också", "både"}
PREPOSITIONS = {
    "med", "av", "på", "i", "inom", "för", "till", "från", "hos", "mellan", "om", "under", "genom", "vid",
    "enligt", "utifrån", "kring", "mot", "åt", "efter", "bland", "ur",
}  # fmt: skip
FOLLOW_UP_TASK = re.compile(
    r"^(?:att )?(?:\w+ )?(?:uppföljning|utvärdering|återrapportering|analys)|\b(?:analyseras|följs upp|utvärderas)\b"
)
MEETING = re.compile(r"sammanträde|möte")
