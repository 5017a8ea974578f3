"""The lexicon of Swedish administrative language (ingest/language/admin.py), example by example."""

from __future__ import annotations

import pytest

from ingest.language import admin
from ingest.language.admin import (
    ADJECTIVE,
    ASSIGNMENT_HEADING,
    ASSIGNMENT_NOUN,
    CONSULTATION,
    CONTACT_LABEL,
    DEADLINE,
    DOCUMENT_NOUNS,
    FINITE_VERB,
    FOLLOW_UP_TASK,
    OWNER_SLOTS,
    POSSESSOR,
    RECIPIENT_BEFORE,
    REPORTING_VERB,
    ROLE_APPOSITION,
    SAME_ROLE,
    SHORT_REFERENCES,
    VERB_FRAMES,
    body_head,
)

# --------------------------------------------------------------------------- owner head words


@pytest.mark.parametrize(
    "word",
    [
        # councils, boards, administrations
        "kommunstyrelsen", "socialnämnden", "byggnadsnämndens", "miljöförvaltningen", "regionfullmäktige",
        "kulturrådet", "styrgruppen", "arbetsgruppen", "ledningsgruppen", "folkhälsoteamet", "kansliet",
        "stadsledningskontoret", "HR-avdelningen", "enheten", "samordningsförbundet",
        # the state and its agencies
        "regeringen", "riksdagen", "Socialdepartementet", "Regeringskansliet", "Folkhälsomyndigheten",
        "Skolverket", "Läkemedelsverket", "Inspektionen", "institutet", "domstolen", "universitetet",
        "högskolan", "länsstyrelsen", "staten", "Polisen", "Barnombudsmannen",
        # inquiries
        "utredningen", "Samsjuklighetsutredningen", "kommittén", "kommitten", "delegationen", "kommissionen",
        # municipalities, regions, roles and persons
        "kommunerna", "regionen", "landstingen", "huvudmännen", "aktörerna", "civilsamhället",
        "utredaren", "samordnaren", "vårdgivare", "arbetsgivarna", "vårdnadshavare", "företrädare",
        "handläggaren", "sekreterare", "läkare", "verksamhetschefen", "ordförande", "föräldrar", "experter",
    ],
)  # fmt: skip
def test_body_and_role_words_are_heads(word: str):
    assert body_head(word), word


@pytest.mark.parametrize(
    "word",
    [
        "vården", "arbetet", "planen", "tillgänglighet", "uppföljningen", "regelverket", "ramverket", "målgruppen",
        "åldersgruppen", "riskgrupper", "välfärdsstaten", "samråd", "förråd", "motparten", "gruppen", "råd",
        "insatser", "verksamheten", "beslutet", "tillsynen", "patienten", "befolkningen", "förslaget",
    ],
)  # fmt: skip
def test_other_words_are_not_heads(word: str):
    assert body_head(word) is None, word


def test_a_head_says_its_parts():
    m = body_head("byggnadsnämndens")
    assert (m.group("prefix"), m.group("stem"), m.group("gen")) == ("byggnads", "nämnden", "s")


@pytest.mark.parametrize(
    ("word", "is_adjective"),
    [
        ("särskild", True), ("nationell", True), ("nationella", True), ("regionala", True), ("parlamentariskt", True),
        ("sammansatt", True), ("statlig", True), ("kommunala", True), ("medicinsk", True), ("gemensamma", True),
        ("pågående", True), ("lokal", True), ("ideella", True),
        ("nämnd", False), ("utredare", False), ("kommunen", False), ("och", False),
    ],
)  # fmt: skip
def test_adjectives_of_owner_phrases(word: str, is_adjective: bool):
    assert bool(ADJECTIVE.fullmatch(word)) is is_adjective


@pytest.mark.parametrize(
    ("word", "is_possessor"),
    [("nämndens", True), ("länets", True), ("regionens", True), ("kommunernas", True), ("IVO:s", True),
     ("läns", True), ("nämnden", False), ("för", False), ("kommun", False)],
)  # fmt: skip
def test_possessors(word: str, is_possessor: bool):
    assert bool(POSSESSOR.fullmatch(word)) is is_possessor


def test_role_apposition():
    assert ROLE_APPOSITION.match("som ska fungera som nationell samordnare")
    assert ROLE_APPOSITION.match("som skall vara som")  # the phrase, whatever follows
    assert not ROLE_APPOSITION.match("som ska stödja kommunerna")


@pytest.mark.parametrize(
    ("word", "is_document"),
    [("Planen", True), ("strategin", True), ("Handlingsplanen", True), ("lagen", True), ("avtalet", True),
     ("överenskommelsen", True), ("riktlinjer", True), ("Nämnden", False), ("Utredaren", False)],
)  # fmt: skip
def test_documents_own_nothing(word: str, is_document: bool):
    assert bool(DOCUMENT_NOUNS.fullmatch(word)) is is_document


# --------------------------------------------------------------------------- short references


@pytest.mark.parametrize(
    ("form", "head"),
    [("utredaren", "utredare"), ("samordnaren", "samordnare"), ("delegationen", "delegation"),
     ("kommittén", "kommitté"), ("myndigheten", "myndighet"), ("nämnden", "nämnd"), ("beredningen", "beredning"),
     ("styrelsen", "styrelse"), ("regionen", "region"), ("kommunen", "kommun"), ("rådet", "råd"),
     ("inspektionen", "inspektion"), ("verket", "verk")],
)  # fmt: skip
def test_short_references_name_their_head(form: str, head: str):
    assert SHORT_REFERENCES[form] == head
    assert body_head(form), form  # a short reference is itself an owner word


def test_same_role_and_assignee_roles_use_known_heads():
    heads = set(SHORT_REFERENCES.values())
    assert set(SAME_ROLE) <= heads and all(set(v) <= heads for v in SAME_ROLE.values())
    assert heads >= admin.ASSIGNEE_ROLES


# --------------------------------------------------------------------------- verb frames


def _frames(sentence: str) -> set[str]:
    """Frames whose anchor (and tail, where the frame has one and no subject may stand between) occurs."""
    out = set()
    for frame in VERB_FRAMES:
        for m in frame.anchor.finditer(sentence):
            rest = sentence[m.end() :].lstrip(" ,")
            # a subject may stand between verb and tail; an "after" owner stands between anchor and tail
            if frame.tail is None or frame.owner == "subject" or frame.tail.search(rest):
                out.add(frame.name)
    return out


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("Miljönämnden ansvarar för tillsynen av förorenade områden.", "ansvarar"),
        ("Ansvaret för samordningen ligger hos kommunledningskontoret.", "ansvaret_ligger"),
        ("Servicenämnden svarar för kommunens upphandlingar.", "ansvarar"),
        ("Kommunstyrelsen har uppsikt över övriga nämnders verksamhet.", "har_ansvar"),
        ("Byggnadsnämnden har hand om frågor om bygglov.", "har_ansvar"),
        ("Länsstyrelsen utövar tillsyn över verksamheten.", "har_ansvar"),
        ("Kommunfullmäktige ger tekniska nämnden i uppdrag att se över taxorna.", "ger_i_uppdrag"),
        ("Regeringen uppdrar åt Skolverket att ta fram stödmaterial.", "uppdrar_at"),
        ("Regeringen tillsätter en kommitté som ska se över lagen.", "tillsatter"),
        ("Styrelsen utser en arbetsgrupp som ska bereda frågan.", "tillsatter"),
        ("Ansvarig för genomförandet är förvaltningschefen.", "ansvarig_ar"),
        ("Rektorn är ansvarig för elevhälsan.", "ar_ansvarig"),
        ("Huvudmannen har det övergripande ansvaret för verksamheten.", "har_ansvar"),
        ("Föräldrar har huvudansvaret för barnets uppfostran.", "har_ansvar"),
        ("Länsstyrelsen har en samordnande roll i krisberedskapen.", "har_roll"),
        ("Kulturskolan spelar en viktig roll för barns delaktighet.", "har_roll"),
        ("Socialnämnden har i uppdrag att följa upp placeringarna.", "har_uppdrag"),
        ("Myndigheten får i uppdrag att kartlägga behoven.", "far_uppdrag"),
        ("Utredningen får ett tilläggsuppdrag om att analysera kostnaderna.", "far_uppdrag"),
        ("En särskild utredare ges i uppdrag att se över reglerna.", "far_uppdrag"),
        ("Kommitténs uppdrag utökas till att även omfatta tandvården.", "uppdraget_andras"),
        ("Uppdraget ska redovisas senast den 1 mars 2026.", "uppdraget_redovisas"),
        ("Senast den 30 juni 2025 slutredovisas uppdraget.", "uppdraget_redovisas"),
        ("En delrapport ska lämnas senast den 1 oktober.", "uppdraget_redovisas"),
        ("Arbetet ska bedrivas i nära samarbete med kommunerna.", "uppdraget_redovisas"),
        ("Uppdraget omfattar även den privata vården.", "uppdraget_omfattar"),
        ("I uppdraget ingår att föreslå författningsändringar.", "uppdraget_omfattar"),
        ("Uppdrag 4 och 5 riktas till kultur- och fritidsnämnden.", "uppdrag_riktas"),
        ("Syftet med rådet är att samordna insatserna.", "uppdraget_for"),
        ("Planen beslutades av kommunfullmäktige den 12 maj.", "beslutad_av"),
        ("Budgeten antogs vid regionstyrelsens sammanträde i juni.", "antogs_vid"),
        ("Beslut om nedläggning fattades av barn- och utbildningsnämnden.", "beslut_fattades"),
        ("Fullmäktige fastställer målen för mandatperioden.", "fastställer"),
        ("Regeringen har i dag beslutat om en ny strategi.", "fastställer"),
        ("Regeringen presenterar en nationell strategi för psykisk hälsa.", "lagger_fram"),
        ("Nämnden kan besluta om undantag.", "kan_faststalla"),
        ("Resultaten följs upp av revisorerna varje år.", "foljs_upp_av"),
        ("Rapporten återrapporteras till kommunstyrelsen.", "rapporteras_till"),
        ("Förvaltningen följer upp avtalen kvartalsvis.", "foljer_upp"),
        ("Uppföljningen görs av kvalitetsenheten.", "uppfoljning_av"),
        ("Projektet leds av en styrgrupp.", "leds_av"),
        ("Uppdraget ska ledas av en projektledare.", "leds_av"),
        ("Under ledning av kommundirektören arbetar cheferna fram en plan.", "under_ledning"),
        ("Socialtjänsten ska erbjuda stöd till anhöriga.", "modal"),
        ("Förvaltningen kommer att ta fram en ny rutin.", "kommer_att"),
        ("Samordnaren leder nätverkets arbete.", "verkar"),
        ("Regeringen vidtar åtgärder mot bostadsbristen.", "verkar"),
        ("En handläggare finns till stöd för föreningarna.", "finns_till_stod"),
        ("Pensionärsrådet är ett forum för samråd.", "ar_roll"),
        ("Föreningslivet är en viktig aktör i integrationsarbetet.", "ar_aktor"),
        ("Kommunen deltar i det regionala nätverket.", "deltar"),
        ("Skolan samverkar med socialtjänsten.", "samverkar"),
        ("Arbetet sker i samverkan med Polisen.", "i_samverkan"),
        ("Tillsammans med bl a länsstyrelsen genomförs en kartläggning.", "tillsammans"),
        ("Förslaget har varit ute på remiss till samtliga nämnder.", "presenterats"),
        ("I mars anställdes en integrationssamordnare.", "anstalld"),
        ("En referensgrupp ska knytas till projektet.", "inrattas"),
    ],
)  # fmt: skip
def test_verb_frames(sentence: str, frame: str):
    assert frame in _frames(sentence), sorted(_frames(sentence))


@pytest.mark.parametrize(
    ("sentence", "frame"),
    [
        ("Regeringen bedömer att uppdraget är för omfattande.", "verkar"),  # an opinion, not an act
        ("Planen ska vara klar i juni.", "modal"),  # "ska vara": no duty of the plan
        ("Rutinen ska tas fram under våren.", "modal"),  # a passive: its subject does nothing
        ("Uppdraget har inte redovisats.", "uppdraget_redovisas"),  # no reporting verb in the present
        ("Kommunen är en stor arbetsgivare.", "ar_aktor"),
    ],
)  # fmt: skip
def test_verb_frames_that_do_not_apply(sentence: str, frame: str):
    matches = [
        m for f in VERB_FRAMES if f.name == frame for m in f.anchor.finditer(sentence)
        if f.tail is None or f.tail.match(sentence[m.end():].lstrip(" ,"))
    ]  # fmt: skip
    assert not matches


def test_every_frame_is_well_formed():
    names = [f.name for f in VERB_FRAMES]
    assert len(names) == len(set(names))
    for f in VERB_FRAMES:
        assert f.kind in ("assigned", "responsible", "decided", "follows_up", "other")
        assert f.owner in OWNER_SLOTS
        assert not (f.giver and f.owner != "after"), f.name  # the assigner stands before an "after" owner


@pytest.mark.parametrize(
    "text", ["uppdraget", "Uppdraget", "arbetet", "utredningstiden", "delredovisningen", "slutredovisning",
             "delrapport", "slutbetänkandet", "tilläggsuppdraget"],
)  # fmt: skip
def test_assignment_nouns(text: str):
    assert ASSIGNMENT_NOUN.fullmatch(text)


@pytest.mark.parametrize(
    "verb", ["redovisas", "delredovisas", "slutredovisas", "återrapporteras", "lämnas", "ske", "genomföras",
             "bedrivas", "redovisa"],
)  # fmt: skip
def test_reporting_verbs(verb: str):
    assert REPORTING_VERB.fullmatch(verb)


# --------------------------------------------------------------------------- recipients and consultation


@pytest.mark.parametrize(
    ("sentence", "recipient"),
    [
        ("Uppdraget ska redovisas till Regeringskansliet senast den 1 maj.", "Regeringskansliet"),
        ("Nämnden ska rapportera till kommunstyrelsen två gånger per år.", "kommunstyrelsen"),
        ("Resultatet återrapporteras till fullmäktige.", "fullmäktige"),
        ("Myndigheten ska lämna en delrapport till Socialdepartementet.", "Socialdepartementet"),
        ("Samordnaren ska löpande informera styrgruppen om arbetet.", "styrgruppen"),
        ("Delegationen ska inkomma med en slutredovisning till regeringen.", "regeringen"),
    ],
)  # fmt: skip
def test_recipient_phrases(sentence: str, recipient: str):
    m = RECIPIENT_BEFORE.search(sentence)
    assert m and sentence[m.end() :].lstrip().startswith(recipient)


@pytest.mark.parametrize(
    "sentence",
    ["Kommunen ska lämna förslag till nya regler.", "Utredaren ska föreslå hur stödet kan ges till fler."],
)
def test_proposals_are_not_reports(sentence: str):
    assert not RECIPIENT_BEFORE.search(sentence)


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        ("Utredaren ska samråda med Skolverket och Specialpedagogiska skolmyndigheten.", "Skolverket"),
        ("Uppdraget ska genomföras i samråd med länsstyrelserna.", "länsstyrelserna"),
        ("Arbetet ska ske i nära samråd med huvudmännen.", "huvudmännen"),
        ("Myndigheten ska inhämta synpunkter från patientorganisationer.", "patientorganisationer"),
        ("Kommittén ska inhämta erfarenheter från andra nordiska länder.", "andra"),
        ("Samordnaren ska föra en dialog med berörda fackförbund.", "berörda"),
        ("Förslagen tas fram i dialog med regionerna.", "regionerna"),
        ("Arbetet ska ske i nära samtal med arbetsgivarna.", "arbetsgivarna"),
    ],
)  # fmt: skip
def test_consultation_phrases(sentence: str, body: str):
    m = CONSULTATION.search(sentence)
    assert m and sentence[m.end() :].lstrip().startswith(body)


@pytest.mark.parametrize(
    "sentence", ["Projektet sker i samverkan med kommunerna.", "Kommunen samordnar insatserna med regionen."]
)
def test_cooperation_is_not_consultation(sentence: str):
    assert not CONSULTATION.search(sentence)


# --------------------------------------------------------------------------- lead-ins, deadlines, shapes


@pytest.mark.parametrize(
    ("line", "is_heading"),
    [("Uppdrag till kultur- och fritidsnämnden", True), ("Tilläggsdirektiv till Utredningen om skolans styrning", True),
     ("Tilläggsuppdrag till Delegationen mot segregation", True), ("3.2 Uppdrag till styrelsen", True),
     ("Uppdragen för 2024", True), ("Uppföljning av uppdragen", False), ("Utredarens uppdrag", False)],
)  # fmt: skip
def test_assignment_headings(line: str, is_heading: bool):
    assert bool(ASSIGNMENT_HEADING.match(line)) is is_heading


@pytest.mark.parametrize(
    ("text", "follows_up"),
    [("uppföljning av handlingsplanen", True), ("att utvärdering sker årligen", True), ("analysen av utfallet", True),
     ("resultaten följs upp varje år", True), ("analysera behoven av stöd", False), ("ta fram en plan", False)],
)  # fmt: skip
def test_follow_up_tasks(text: str, follows_up: bool):
    assert bool(FOLLOW_UP_TASK.search(text)) is follows_up


def test_deadline_contact_and_finite_verb():
    assert DEADLINE.search("ska redovisas senast den 1 mars") and not DEADLINE.search("ska redovisas årligen")
    for line in ("Telefon: 010-123 45 67", "E-post: info@exempel.se", "Besöksadress: Storgatan 1", "Org.nr: 1"):
        assert CONTACT_LABEL.match(line), line
    assert not CONTACT_LABEL.match("Kommunstyrelsen: ansvarar för arbetet")
    assert FINITE_VERB.search("Nämnden ansvarar för detta") and not FINITE_VERB.search("Att se över taxorna")

