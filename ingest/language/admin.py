"""Swedish administrative language: how public documents say who is responsible for what.

The lexicon the responsibility register reads with, written once and tested on its own
(tests/test_language_admin.py): the head words of owner noun phrases (bodies, agencies, roles) and
the words around them, short references ("Utredaren", "Myndigheten"), the verbs and phrases of
responsibility, assignment, decision and follow-up with the slot their owner stands in, and the
phrases that name who an assignment is reported to and who must be consulted. It knows Swedish,
not any one document; the register (:mod:`ingest.register`) keeps only the mechanics that apply it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --------------------------------------------------------------------------- owner noun phrases

# Head words of a body or a role, each with its inflected forms. A compound ending in one counts
# ("sjukvårdsnämnden", "Folkhälsomyndigheten", "vårdnadshavare", "Samsjuklighetsutredningen").
BODY_HEADS = (
    # councils, boards, administrations and their parts
    "nämnd(?:en|er|erna)?", "beredning(?:en|ar|arna)?", "förvaltning(?:en|ar|arna)?", "styrelse(?:n|r|rna)?",
    "fullmäktige", "råd(?:et)?", "grupp(?:en|er|erna)?", "team(?:et|en)?", "nätverk(?:et|en)?", "förbund(?:et|en)?",
    "förening(?:en|ar|arna)?", "organisation(?:en|er|erna)?", "stiftelse(?:n)?", "bolag(?:et)?", "kontor(?:et|en)?",
    "avdelning(?:en|ar|arna)?", "enhet(?:en|er|erna)?", "kansli(?:et)?", "sekretariat(?:et)?", "stab(?:en)?",
    "funktion(?:en)?", "område", "länsdel(?:en|ar|arna)?",
    # the state, its agencies and courts
    "regering(?:en)?", "riksdag(?:en)?", "departement(?:et|en)?", "myndighet(?:en|er|erna)?", "verk(?:et|en)?",
    "inspektion(?:en|er|erna)?", "institut(?:et|en)?", "centrum", "ombudsm(?:an|annen|än|ännen)",
    "domstol(?:en|ar|arna)?", "universitet(?:et|en)?", "högskol(?:a|an|or|orna)", "stat(?:en|er|erna)?",
    "polis(?:en)?",
    # commissions of inquiry
    "utredning(?:en|ar|arna)?", "kommitt[ée](?:n|er|erna)?", "delegation(?:en|er|erna)?",
    "kommission(?:en|er|erna)?",
    # municipalities, regions, principals and other parties
    "kommun(?:en|er|erna)?", "region(?:en|er|erna)?", "landsting(?:et|en)?", "huvudm(?:an|annen|än|ännen)",
    "part(?:en|er|erna)?", "aktör(?:en|er|erna)?", "civilsamhälle(?:t)?", "samhället",
)  # fmt: skip
ROLE_HEADS = (
    # agent nouns in -are: utredare, samordnare, företrädare, vårdgivare, arbetstagare, vårdnadshavare …
    "(?:led|utveckl|samordn|läk|utred|företräd|utför|handlägg|sekreter|gransk|giv|tag|hav)(?:are|aren|arna)",
    "chef(?:en|er|erna)?", "direktör(?:en|er|erna)?", "ombud(?:et|en)?", "sköterska(?:n)?", "sköterskor(?:na)?",
    "strateg(?:en|er|erna)?", "koordinator(?:n|er|erna)?", "controller(?:n|s)?", "logoped(?:en|er|erna)?",
    "lots(?:en|ar|arna)?", "ordförande", "expert(?:en|er|erna)?", "förälder(?:n)?", "föräldrar(?:na)?",
)  # fmt: skip
OWNER_HEAD = re.compile(rf"(?P<prefix>[\w/-]*?)(?P<stem>{'|'.join(BODY_HEADS + ROLE_HEADS)})(?P<gen>:?s)?", re.I)
ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,8}(?:-[A-ZÅÄÖ]{2,8})?")
# Compounds that end in a head word but name no body ("regelverket", "målgruppen", "välfärdsstaten")
NOT_BODY_PREFIXES = {
    "grupp": ("mål", "ålder", "personal", "yrke", "risk", "befolkning", "patient", "fokus", "diagnos"),
    "verk": ("regel", "ram", "hant", "kraft", "konst", "under", "bygg"),
    "stat": ("välfärd", "rätt"),
    "råd": ("om", "sam", "för"),
}


def body_head(word: str) -> re.Match | None:
    """The lexicon match of a word that names a body or role (a compound ending in a head word counts):
    groups ``prefix``, ``stem`` (the inflected head) and ``gen`` (a genitive s). None for other words."""
    m = OWNER_HEAD.fullmatch(word.lower())
    if not m:
        return None
    prefix, stem = m.group("prefix"), m.group("stem").lower()
    if stem.startswith("grupp") and len(prefix) < 3:
        return None  # "gruppen" alone is any group; "styrgruppen", "arbetsgruppen" name one
    if (stem == "råd" and not prefix) or (stem.startswith("part") and prefix):
        return None  # "råd" is advice; "motpart", "samarbetspart" are roles in a relation
    for base, prefixes in NOT_BODY_PREFIXES.items():
        if stem.startswith(base) and prefix and prefix.rstrip("s").endswith(prefixes):
            return None
    return m


# Activities that name a body only with a determiner, in the definite or plural ("en delegation som ska …",
# "utredningen"), not bare ("utredning och behandling", "delegation av beslutanderätt")
ACTIVITY_HEADS = ("utredning", "inspektion", "delegation", "kommission", "kommitt")
INQUIRY_NAME_PREPOSITIONS = {"om", "mot"}  # an inquiry's name: "Utredningen om …", "Delegationen mot …"
NAME_HEADS = ("område", "chefsgrupp", "funktion", "stiftelse")  # take a bare name: "Område välfärd och folkhälsa"
CAPITAL_NAME_HEADS = (
    "förvaltning", "chef", "stiftelse", "förening", "förbund", "område", "nätverk", "region", "utredning", "kommitt",
    "delegation",
)  # fmt: skip
DETERMINERS = {
    "en", "ett", "den", "det", "de", "varje", "respektive", "berörda", "andra", "annan", "alla", "samtliga",
    "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "flera", "dessa", "båda", "övriga", "civila",
    "egna", "nya", "vissa", "olika", "enskilda", "relevanta",
}  # fmt: skip
ADJECTIVE = re.compile(
    r"[^\W\d_]{3,}(?:ala|iska|ika|liga|iga|ella|ära|isk|iskt|ig|igt|ell|ellt|onal|onell|sam|samma|satt|ande|ende|sk|ska|skt)"
    r"|särskild|särskilda|nationell|regional|lokal|lokala|central|kommunal|statlig|ny|nytt|egen|eget|privat|privata"
)  # fmt: skip
POSSESSOR = re.compile(r"[^\W\d_]{3,}(?:en|et|na)s|läns|[^\W\d_]+:s")  # "nämndens", "länets", "läns"
# "en särskild utredare, som ska fungera som nationell samordnare," names the same person twice
ROLE_APPOSITION = re.compile(r"som (?:ska|skall) (?:fungera|verka|vara|arbeta) som\b")
NOT_NAME_WORDS = {
    "att", "som", "är", "var", "har", "hade", "ska", "skall", "kan", "kommer", "får", "fick", "ansvarar", "med", "av",
    "till", "de", "den", "det", "dess", "sin", "sitt", "sina", "en", "ett", "om", "genom", "enligt", "under", "efter",
    "sedan", "men", "också", "även", "dock", "inför", "där", "när", "alla", "hela", "varje", "detta", "denna",
    "dessa", "vars", "vilket", "vilka", "bl", "ca", "år", "för", "i", "inom", "på", "från", "vid", "hos", "mellan",
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november",
    "december", "våren", "hösten", "sommaren", "vintern", "nu", "idag", "ovanstående", "följande", "samma",
    "uppdrag", "uppdraget", "ansvar", "ansvaret", "samråd", "beslut", "dag", "senast", "bör", "måste", "eller",
    "bland", "annat", "exempel", "ex", "t", "exempelvis", "såsom", "främst",
}  # fmt: skip
# Pronouns name no owner of their own ("Vi tar ett gemensamt ansvar", "Den ska …")
PERSONAL_PRONOUNS = {
    "vi", "jag", "du", "ni", "man", "han", "hon", "den", "det", "de", "dem", "oss", "sig", "dessa", "denna", "detta",
    "vem",
}  # fmt: skip
VERB_FORM = re.compile(r"[^\W\d_]+(?:ar|er|ir|ade|ades|des|tes|as|s|går|får)")
ACTION_NOUN = re.compile(r"[^\W\d_]+(?:ning|ningen|ningar|andet|ande)")
DOMAIN_PREPOSITIONS = {"för", "i"}  # "beredning för närsjukvård", "kommuner i länet"
MENTION_PREPOSITIONS = {"för", "i", "inom", "på", "vid", "under", "från", "hos"}
PRONOUNS = {"de", "dessa"}  # a subject that names the previous sentence's subject ("får de även i uppdrag")
# The definite ending of an organisation's proper name ("Försäkringskassan", "Kriminalvården", "Sametinget")
PROPER_BODY_ENDING = re.compile(r"(?:en|et|an)$")
# Documents state duties but own none ("Planen fastställer målen" names no owner)
DOCUMENT_NOUNS = re.compile(
    r"\w*(?:plan|strategi|lag|dokument|program|rapport|avtal|policy|riktlinje|överenskommelse|direktiv|budget"
    r"|beslut|förordning|föreskrift|konvention|handbok|vägledning)(?:en|et|n|erna|arna|na|er|ar|r|rna)?",
    re.I,
)

# --------------------------------------------------------------------------- short references

# A bare definite head refers back to the last full name with the same head ("Utredaren" → "en särskild
# utredare", "Myndigheten" → "Folkhälsomyndigheten"). Definite form → head.
SHORT_REFERENCES = {
    "nämnden": "nämnd", "beredningen": "beredning", "förvaltningen": "förvaltning", "styrelsen": "styrelse",
    "rådet": "råd", "förbundet": "förbund", "organisationen": "organisation", "regionen": "region",
    "teamet": "team", "kommunen": "kommun", "nätverket": "nätverk", "kansliet": "kansli",
    "utredaren": "utredare", "utredningen": "utredning", "samordnaren": "samordnare", "delegationen": "delegation",
    "kommittén": "kommitté", "kommitten": "kommitté", "kommissionen": "kommission", "myndigheten": "myndighet",
    "inspektionen": "inspektion", "verket": "verk", "institutet": "institut", "departementet": "departement",
    "sekretariatet": "sekretariat", "ombudsmannen": "ombudsman",
}  # fmt: skip
# "Myndigheten" in an assignment to an agency names that agency, whatever its name ("Statens kulturråd")
GENERIC_REFERENCES = {"myndighet"}
# In an assignment these name the one it is given to: "Utredaren" is the document's investigator, not another
# inquiry it mentions in passing
ASSIGNEE_ROLES = {"utredare", "utredning", "kommitté", "delegation", "samordnare"}
# A commission of inquiry and the person leading it are one owner: "Utredaren" in a directive to
# "utredningen Sammanhållen kunskapsstyrning" is that inquiry.
SAME_ROLE = {
    "utredare": ("utredning", "kommitté"),
    "utredning": ("utredare", "kommitté"),
    "kommitté": ("utredning", "utredare"),
}
# The assignment itself as a subject ("Uppdraget ska redovisas …", "Arbetet ska ske i samråd med …"): its owner
# is the assignee named earlier
ASSIGNMENT_NOUN = re.compile(
    r"(?:tilläggs|grund|del|hela )?uppdrag(?:et|en)?|arbetet|utredningstiden|uppdragstiden"
    r"|(?:del|slut)?redovisning(?:en)?|(?:del|slut)?rapport(?:en)?|slutbetänkande(?:t)?",
    re.I,
)
REPORTING_VERB = re.compile(
    r"(?:del|slut|åter)?redovisa(?:s|des)?|(?:åter)?rapportera(?:s|des)?|lämnas|lämnades|inkomma|överlämnas"
    r"|ske|bedrivas|bedrivs|genomföras|genomförs|utföras|utförs|avrapporteras|slutföras|påbörjas",
    re.I,
)
# A task that is a report: "informera X om …", "snarast rapportera …", "redovisa …".
REPORTING_TASK = re.compile(r"(?:\w+ ){0,2}?(?:informera|rapportera|återrapportera|redovisa)\b", re.I)
DEADLINE = re.compile(r"\bsenast\b", re.I)

# --------------------------------------------------------------------------- recipients and consultation

# Who an assignment is reported to: "redovisas till Regeringskansliet", "rapportera till nämnden",
# "informera Socialdepartementet om …"
RECIPIENT_BEFORE = re.compile(
    r"\b(?:(?:del|slut|åter|av)?redovisa(?:s|des)?|(?:åter|av)?rapportera(?:s|des)?|lämnas|överlämna(?:s)?"
    r"|(?:lämna|inkomma med|överlämna) (?:en |sin |sina )?(?:\w+ )?"
    r"(?:\w*rapport\w*|\w*redovisning\w*|underlag|betänkande))"
    r"\b(?:[^.:;]{0,60}?) till\b|\b(?:informera|informerar|underrätta|underrättar)\b",
    re.I,
)
# Whom the owner must consult: "samråda med X, Y och Z", "inhämta synpunkter från X", "i dialog med X"
CONSULTATION = re.compile(
    r"\b(?:samråda|samråder|samrått|samråd ska ske|i (?:nära )?samråd) med\b"
    r"|\binhämta\w* (?:\w+ )?(?:synpunkter|kunskap|erfarenheter|underlag|information) (?:från|hos)\b"
    r"|\b(?:föra|för|ha|ske i) (?:en )?(?:nära |löpande |kontinuerlig )?(?:dialog|samtal)\w* med\b"
    r"|\bi (?:nära |löpande )?(?:dialog|samtal) med\b|\b(?:höra|höras)\b(?! till)",
    re.I,
)

# --------------------------------------------------------------------------- lead-ins

# "Uppdrag till X:", "Tilläggsdirektiv till X", "Tilläggsuppdrag till X": X is the assignee below
ASSIGNMENT_HEADING = re.compile(
    r"(?:\d+(?:\.\d+)*\.?\s+)?(?:Uppdrag(?:en)?|Tilläggsdirektiv|Tilläggsuppdrag|Direktiv|Kommittédirektiv)"
    r" (?:till|för) "
)
# What may follow the verb of a lead-in whose list items complete it ("Utredaren ska bland annat:",
# "X får i uppdrag att:", "Delegationen ska nu även bl.a.", "… ska bland annat göra följande:")
LEAD_IN_FILLER = {
    "bland", "annat", "bl", "a", "bla", "även", "också", "dessutom", "nu", "vidare", "särskilt", "exempelvis", "t",
    "ex", "följande", "göra", "att", "i", "uppdrag", "uppdraget", "främst", "därför", "fortsatt", "gemensamt", "ska",
    "skall", "sedan", "därutöver", "under", "året", "bl.a", "fortsättningsvis", "vara", "är",
}  # fmt: skip

# --------------------------------------------------------------------------- verb frames


OWNER_SLOTS = ("subject", "after", "possessor", "assignee")


@dataclass(frozen=True)
class VerbFrame:
    """A verb or phrase of responsibility and where its owner stands."""

    name: str
    anchor: re.Pattern
    kind: str  # assigned | responsible | decided | follows_up | other
    # where the owner stands: "subject" (before the anchor, or right after it, inverted), "after" (the phrase
    # after it), "possessor" (the genitive before it: "Delegationens uppdrag utökas") or "assignee" (the body
    # the assignment was given to: "Uppdraget ska redovisas senast …")
    owner: str
    tail: re.Pattern | None = None  # must follow the anchor, or the inverted subject
    adjacent: bool = False  # the subject must stand right before the anchor
    strong: bool = True  # weak frames only fire in a paragraph sentence that no strong frame matched
    meeting: bool = False  # the owner is a possessive before "sammanträde" ("antogs vid nämndens sammanträde")
    giver: bool = False  # the subject before the anchor assigns ("Regeringen uppdrar åt X …")
    numbers: bool = False  # the anchor carries assignment numbers ("Uppdrag 13 och 14 riktas till …")
    any_head: bool = False  # the verb wants an agent: any noun phrase in the subject slot is the owner


def _frame(name: str, anchor: str, kind: str, owner: str, tail: str = "", **flags: bool) -> VerbFrame:
    return VerbFrame(name, re.compile(anchor), kind, owner, re.compile(tail) if tail else None, **flags)


_DECIDED_PASSIVE = (
    r"(?:beslutades|beslutats|beslutas|beslutad|antogs|antagits|antas|antagen|fastställdes|fastställts|fastställs"
    r"|fastställd|godkändes|godkänts|godkänns|godkänd)"
)
_ASSIGNMENT_SUBJECT = (  # "Uppdraget ska redovisas …", "Senast den 1 mars slutredovisas uppdraget"
    rf"(?i)^(?:[\w.,]+ ){{0,5}}?(?:{ASSIGNMENT_NOUN.pattern})\b[^.;]{{0,160}}?\b(?:{REPORTING_VERB.pattern})\b"
    rf"|\b(?:{REPORTING_VERB.pattern}) (?:\w+ )?(?:{ASSIGNMENT_NOUN.pattern})\b"
)
_ACTS = (  # what an owner does: "X leder arbetet", "Cancervården arbetar aktivt …" (not "X bedömer att …")
    r"\b(?:stödjer|stöttar|leder|samordnar|driver|utvecklar|administrerar|arbetar|genomför|bedömer|prioriterar"
    r"|företräder|bereder|vidtar|vidtog)\b(?! (?:nu |också |även |därför )?att\b)"
)
_ORDINARY_MODAL_TAIL = (  # "X ska göra …", not "X ska vara …" nor a passive "X ska tas fram"
    r"(?!(?:(?:också|även|dessutom|inte) )?(?:vara|bli|ses|bestå|finnas|kunna)\b)(?![a-zåäö]+as\b)"
)
# Ordered: a lead-in takes the first frame that names its owner.
VERB_FRAMES: tuple[VerbFrame, ...] = (
    _frame("enligt_beslut", r"\b[Ee]nligt (?:ett |tidigare )?beslut (?:i|av|från)\b", "decided", "after"),
    _frame("ansvarar", r"\b(?:ansvarar|svarar)\b", "responsible", "subject",
           r"(?:(?:också|även|därför|gemensamt|själva|tillsammans) )*för\b", any_head=True),
    _frame("ansvaret_ligger", r"\b[Aa]nsvar(?:et)? för\b[^.]{3,150}? (?:ligger|vilar) (?:hos|på)\b", "responsible",
           "after"),
    # -- assignment: "X ges i uppdrag", "Regeringen ger X i uppdrag", "uppdrar åt X", "tillsätter X"
    _frame("ger_i_uppdrag", r"\b(?:ger|gav|har gett|har givit|lämnar)\b", "assigned", "after",
           r"(?:\w+ )?i uppdrag\b", giver=True, any_head=True),
    _frame("uppdrar_at", r"\b(?:uppdrar|uppdrog|uppdra|har uppdragit) åt\b", "assigned", "after", giver=True,
           any_head=True),
    _frame("tillsatter", r"\b(?:tillsätter|tillsatte|utser|utsåg|inrättar|inrättade"
           r"|har (?:tillsatt|utsett|inrättat))\b", "assigned", "after", giver=True, any_head=True),
    _frame("ansvarig_ar", r"\b[Aa]nsvarig(?:a)? för [^.]{3,200}? är\b", "responsible", "after"),
    _frame("ar_ansvarig", r"\bär\b", "responsible", "subject", r"(?:\w+ )?ansvarig(?:a)? för\b"),
    _frame("har_ansvar", r"\b(?:har|äger|tar|bär|utövar)\b", "responsible", "subject",
           r"(?:\w+ ){0,3}?(?:\w*ansvar(?:et)? för|hand om|uppsikt(?:en)? över|tillsyn(?:en)? över)\b", any_head=True),
    _frame("har_roll", r"\b(?:har|spelar|fyller|intar)\b", "responsible", "subject",
           r"(?:en |ett )?(?:\w+ )?(?:roll|funktion|uppgift) (?:i|för|när|att|som)\b", any_head=True),
    _frame("har_uppdrag", r"\bhar\b", "assigned", "subject",
           r"(?:fått |getts )?(?:i )?uppdrag(?:et)? att\b|(?:fått|getts) (?:\w+ )?uppdrag(?:et)?\b"),
    _frame("far_uppdrag", r"\b(?:får|fick|ges|gavs)\b", "assigned", "subject",
           r"(?:(?:även|också|dessutom|nu|därför) )*(?:i uppdrag|(?:ett )?(?:\w+ )?(?:tilläggs)?uppdrag)\b"),
    _frame("uppdraget_andras", r"\b(?:tilläggs)?(?:uppdrag|ansvar)(?:et)? (?:utökas|utvidgas|förlängs|förtydligas"
           r"|ändras|breddas|omfattar)\b", "assigned", "possessor"),
    # -- the assignment as subject: its owner is the assignee
    _frame("uppdraget_redovisas", _ASSIGNMENT_SUBJECT, "assigned", "assignee"),
    _frame("uppdraget_omfattar", r"(?i)^(?:\w+ ){0,3}?uppdrag(?:et)? (?:omfattar|avser|innefattar|inkluderar)\b"
           r"|^I (?:\w+ )?uppdrag(?:et)? ingår\b", "assigned", "assignee"),
    _frame("med_uppdrag", r"\bmed uppdrag(?:et)? att\b", "assigned", "subject", adjacent=True),
    _frame("tilldelas", r"\b(?:tilldelas|tilldelades|har tilldelats)\b", "assigned", "subject", adjacent=True),
    _frame("uppdrag_riktas", r"\b[Uu]ppdrag(?:et|en)?(?: (?:nr )?\d+(?:(?:, | och | samt )\d+)*)? (?:som )?"
           r"(?:riktas|ges|lämnas|går|berör)(?: till)?\b", "assigned", "after", numbers=True),
    _frame("uppdraget_for", r"\b\w*(?:[Uu]ppdrag(?:et)?|[Ss]yfte(?:t)?) (?:för|med|till)\b", "responsible", "after",
           r"är att\b"),
    _frame("uppdragsbeskrivning", r"\buppdrags(?:beskrivning|direktiv)\w*(?: \w+){0,3}? för\b", "assigned", "after"),
    _frame("kan_ge_uppdrag", r"\bkan\b", "other", "subject",
           r"(?:\w+ ){0,3}?(?:lägga till|ge|lämna|fördela|tilldela)(?: \w+){0,2}? uppdrag"),
    # -- decisions
    _frame("beslutad_av", rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? av\b:?", "decided", "after"),
    _frame("antogs_vid", rf"(?i)\b{_DECIDED_PASSIVE}(?: \w+){{0,2}}? (?:vid|på|i)\b", "decided", "after",
           meeting=True),
    _frame("beslut_fattades", r"\b[Bb]eslut(?:et)? om\b[^.]{3,200}?\b(?:fattades|fattas|har fattats|togs|tas) "
           r"(?:av|i)\b", "decided", "after"),
    _frame("fastställer", r"\b(?:fastställer|fastställde|beslutar|beslutade|antar|antog|godkänner|godkände"
           r"|har (?:\w+ ){0,2}?(?:fastställt|beslutat|antagit|godkänt|fattat beslut om))\b", "decided", "subject",
           any_head=True),
    _frame("lagger_fram", r"\b(?:presenterar|presenterade|lanserar|lanserade|lägger fram|lade fram)\b", "decided",
           "subject", r"(?=(?:\w+ ){0,3}?\w*(?:strategi|plan|program|proposition|reform)\w*\b)", any_head=True),
    _frame("kan_faststalla", r"\b(?:kan|ska|skall|får)\b", "decided", "subject",
           r"(?:\w+ ){0,4}?(?:fastställa|besluta|anta|godkänna)\b", adjacent=True),
    # -- follow-up and reporting
    _frame("foljs_upp_av", r"\b(?:följas|följs|följdes) upp(?: \w+){0,2}? (?:av|i|inom)\b", "follows_up", "after"),
    _frame("rapporteras_till", r"\b(?:(?:åter)?rapporteras|(?:åter)?rapporterades|(?:åter)?rapportering(?:en)? sker"
           r"|redovisas|redovisades)(?: \w+){0,2}? (?:till|för)\b", "follows_up", "after"),
    _frame("foljer_upp", r"\b(?:följer|följde)\b", "follows_up", "subject", r"upp\b", adjacent=True, any_head=True),
    _frame("uppfoljning_av", r"\b[Uu]ppföljning(?:en)?\b(?: \w+){0,3}? (?:genomförs|genomförts|görs|gjorts|sker"
           r"|skett|göras)\b(?: \w+){0,2}? (?:av|inom|hos)\b", "follows_up", "after"),
    # -- who does the work: agent after a passive, subject of a modal or an action verb
    _frame("leds_av", r"\b(?:leds|ledas|genomförs|genomföras|genomfördes|utförs|utföras|tas fram|togs fram"
           r"|har tagits fram|utformas|upprättas|drivs|drivas|samordnas|administreras)\b(?: \w+){0,2}? "
           r"(?:av|inom|i|hos)\b", "responsible", "after"),
    _frame("under_ledning", r"\b[Uu]nder (?:ledning|ledarskap) av\b", "responsible", "after"),
    _frame("modal", r"\b(?:ska|skall|behöver|måste|bör)\b", "responsible", "subject", _ORDINARY_MODAL_TAIL,
           adjacent=True),
    _frame("kommer_att", r"\bkommer\b", "responsible", "subject", r"att\b", adjacent=True),
    _frame("verkar", _ACTS, "responsible", "subject", adjacent=True, any_head=True),
    _frame("finns_till_stod", r"\bfinns\b", "responsible", "subject", r"(?:till |som )stöd\b", adjacent=True),
    _frame("ar_roll", r"\bär\b", "responsible", "subject",
           r"(?:en av \w+ \w+|(?:ett |en )?(?:\w+ )?(?:forum|styrgrupp|beredningsorgan|basen)\b)", adjacent=True),
    _frame("ar_aktor", r"\bär\b", "other", "subject", r"en (?:\w+ )?(?:och \w+ )?(?:aktör|part|samarbetspart\w*)\b",
           adjacent=True),
    _frame("deltar", r"\b(?:deltar|medverkar|deltog|medverkade)\b", "other", "subject", adjacent=True),
    _frame("samverkar", r"\b(?:samverkar|samarbetar)\b", "other", "subject", r"(?:(?:också|även) )?med\b",
           adjacent=True),
    # -- weak: a party named beside the work, only where no strong frame spoke
    _frame("uppdrag_till", r"\b[Uu]ppdrag(?:en)? till\b", "other", "after", strong=False),
    _frame("i_samverkan", r"\b[Ii] samverkan (?:med|mellan)\b", "other", "after", strong=False),
    _frame("tillsammans", r"\b[Tt]illsammans med\b(?: bl ?a\b| bland annat\b)?", "other", "after", strong=False),
    _frame("presenterats", r"\b(?:presenterats|presenterades|redovisats|redovisades|föredragits) för\b"
           r"|\b(?:behandlats|behandlades) (?:i|av)\b|\bremiss till\b|\b[Pp]å uppdrag av\b", "other", "after",
           strong=False),
    _frame("i_form_av", r"\bi form av\b", "other", "after", strong=False),
    _frame("anstalld", r"\b(?:anställdes|anställs|tillsattes|tillsätta|tillsätts|rekryterades|utsågs|inrättades)\b",
           "other", "after", strong=False),
    _frame("har_anstallts", r"\b(?:har (?:anställts|rekryterats|tillsatts|utsetts|inrättats)|är utsedda?)\b", "other",
           "subject", adjacent=True, strong=False),
    _frame("inrattas", r"\b(?:inrättas|tillsättas|tillsätts|utses|bildas|knytas|knyts) (?:till|för|inom|med|i)\b",
           "other", "subject", strong=False),
)  # fmt: skip
# Contact details are never owners nor tasks: labelled lines ("Telefon:", "E-post:", "Besöksadress:")
CONTACT_LABEL = re.compile(
    r"(?:Telefon\w*|Tel|Fax|Mobil|E-post|Epost|Mejl|Besöksadress|Postadress|Leveransadress|Adress|Webbplats"
    r"|Hemsida|Kontakt\w*|Org\.?\s?nr|Organisationsnummer)\.?\s*:",
    re.IGNORECASE,
)
# A finite verb: a paragraph with one is a statement, not a list item whose number was lost
FINITE_VERB = re.compile(r"\b(?:är|var|har|hade|ska|skall|kan|kommer|behöver|görs|sker|finns|riktas|blir|får|bör"
                         r"|måste|pågår|[a-zåäö]{3,}(?:ar|er))\b")
AUXILIARIES = {"ska", "skall", "kommer", "att", "kan", "bör", "måste", "har", "hade", "avser", "vill"}
NEGATION = re.compile(r"\b(?:inte|ej|aldrig)\b")
LINKING_ADVERBS = {
    "också", "även", "dessutom", "därför", "nu", "gemensamt", "själva", "fortsatt", "som", "tillsammans", "dock",
    "alltså", "således", "emellertid", "heller",
}  # fmt: skip
SKIP_AFTER = {"bl", "a", "bland", "annat", "även", "också", "både"}
PREPOSITIONS = {
    "med", "av", "på", "i", "inom", "för", "till", "från", "hos", "mellan", "om", "under", "genom", "vid",
    "enligt", "utifrån", "kring", "mot", "åt", "efter", "bland", "ur",
}  # fmt: skip
FOLLOW_UP_TASK = re.compile(
    r"^(?:att )?(?:\w+ )?(?:uppföljning|utvärdering|återrapportering|analys(?:en|er)?\b)"
    r"|\b(?:analyseras|följs upp|utvärderas)\b"
)
MEETING = re.compile(r"sammanträde|möte")

# Text that states a responsibility or an assignment ("får i uppdrag", "ansvarar för", "antogs" …).
_RESPONSIBILITY = re.compile(
    r"får (?:även )?i uppdrag|ansvarar för|ansvaret för|har uppdraget|ansvarig|beslutades|beslutade|"
    r"antogs|fastställ\w*|uppdrag(?:et|en)? till|tilldelas|ska ansvara|har i uppdrag",
    re.IGNORECASE,
)


def states_responsibility(text: str) -> bool:
    return bool(_RESPONSIBILITY.search(text))
