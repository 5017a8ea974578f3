"""The register reads Swedish administrative language: one sentence or one short document at a time.

Each case gives the owner (whole name, as written, or the name a short reference stands for), the
kind, the task, who the work is reported to and which bodies are consulted. The examples are written
for these tests, in the genres the register meets: regional plans, municipal decisions, government
assignments to agencies and committee directives.
"""

from __future__ import annotations

import pytest

from ingest.documents import build_document
from ingest.register import KINDS, Responsibility, extract_responsibilities
from ingest.types import CleanDocument, LoadedFile, LoadedPage


def _extract(text: str) -> tuple[CleanDocument, list[Responsibility]]:
    doc = build_document(LoadedFile(path="x.md", kind="md", pages=[LoadedPage(text, None)]))
    found = extract_responsibilities(doc)
    for r in found:  # offsets are the single truth
        assert doc.text[r.owner_start : r.owner_end] == r.owner
        assert r.task in doc.text[r.task_start : r.task_end]
        assert r.kind in KINDS
    return doc, found


def _rows(text: str) -> list[tuple]:
    return [(r.owner, r.kind, r.task, r.recipient, r.consulted) for r in _extract(text)[1]]


# (sentence, owner, kind, task, recipient, consulted)
SENTENCES = [
    # assignment: "X får/ges i uppdrag", "Y ger X i uppdrag", "uppdrar åt X", "tillsätter X"
    ("Socialstyrelsen får i uppdrag att ta fram en vägledning om tvångsvård.",
     "Socialstyrelsen", "assigned", "att ta fram en vägledning om tvångsvård", "", []),
    ("En särskild utredare ges i uppdrag att se över reglerna för färdtjänst.",
     "En särskild utredare", "assigned", "att se över reglerna för färdtjänst", "", []),
    ("Regeringen ger Tillväxtverket i uppdrag att kartlägga stödet till landsbygdsföretag.",
     "Tillväxtverket", "assigned", "att kartlägga stödet till landsbygdsföretag", "", []),
    ("Regeringen ger Boverket och Lantmäteriet i uppdrag att samordna arbetet med digitala detaljplaner.",
     "Boverket och Lantmäteriet", "assigned", "att samordna arbetet med digitala detaljplaner", "", []),
    ("Kommunstyrelsen uppdrar åt tekniska förvaltningen att utreda behovet av laddplatser.",
     "tekniska förvaltningen", "assigned", "att utreda behovet av laddplatser", "", []),
    ("Regeringskansliet uppdrar åt Anna Lindqvist att biträda departementet i frågor om spelberoende.",
     "Anna Lindqvist", "assigned", "att biträda departementet i frågor om spelberoende", "", []),
    ("Regeringen tillsätter en särskild utredare som ska se över reglerna för färdtjänst.",
     "en särskild utredare", "assigned", "som ska se över reglerna för färdtjänst", "", []),
    ("Styrelsen utser en arbetsgrupp som ska bereda frågan om nya lokaler.",
     "en arbetsgrupp", "assigned", "som ska bereda frågan om nya lokaler", "", []),
    ("Statens beredning för medicinsk och social utvärdering får i uppdrag att utvärdera metoderna.",
     "Statens beredning för medicinsk och social utvärdering", "assigned", "att utvärdera metoderna", "", []),
    # responsibility: any head word in the subject slot of an agentive verb
    ("Myndigheten för samhällsskydd och beredskap ansvarar för samordningen av krisberedskapen.",
     "Myndigheten för samhällsskydd och beredskap", "responsible", "samordningen av krisberedskapen", "", []),
    ("Inspektionen för vård och omsorg (IVO) har ansvaret för tillsynen över socialtjänsten.",
     "Inspektionen för vård och omsorg (IVO)", "responsible", "tillsynen över socialtjänsten", "", []),
    ("Vårdnadshavare har huvudansvaret för att barnet går i skolan.",
     "Vårdnadshavare", "responsible", "att barnet går i skolan", "", []),
    ("Regionen och kommunerna har ett gemensamt ansvar för den nära vården.",
     "Regionen och kommunerna", "responsible", "den nära vården", "", []),
    ("Kriminalvården ansvarar för verkställigheten av fängelsestraff.",
     "Kriminalvården", "responsible", "verkställigheten av fängelsestraff", "", []),
    ("Länsstyrelsen har en samordnande roll i arbetet med civilt försvar.",
     "Länsstyrelsen", "responsible", "arbetet med civilt försvar", "", []),
    ("Polismyndigheten har en central roll i det brottsförebyggande arbetet.",
     "Polismyndigheten", "responsible", "det brottsförebyggande arbetet", "", []),
    ("Ansvarig för uppföljningen är folkhälsostrategen.",
     "folkhälsostrategen", "responsible", "Ansvarig för uppföljningen är folkhälsostrategen", "", []),
    ("Tillsynen över apoteken utförs av Läkemedelsverket.",
     "Läkemedelsverket", "responsible", "Tillsynen över apoteken utförs av Läkemedelsverket", "", []),
    ("Projektet ska ledas av en styrgrupp med representanter för kommunerna.",
     "en styrgrupp", "responsible", "Projektet ska ledas av en styrgrupp med representanter för kommunerna", "",
     []),
    ("Arbetsförmedlingen och Försäkringskassan ska samverka med kommunerna i etableringen.",
     "Arbetsförmedlingen och Försäkringskassan", "responsible", "samverka med kommunerna i etableringen", "", []),
    # decisions, the subject after the verb when a phrase is fronted
    ("Den 4 maj 2023 beslutade kommunfullmäktige att anta planen.",
     "kommunfullmäktige", "decided", "att anta planen", "", []),
    ("Handlingsplanen antogs av kommunfullmäktige den 12 juni 2023.",
     "kommunfullmäktige", "decided", "Handlingsplanen antogs av kommunfullmäktige den 12 juni 2023", "", []),
    ("Beslut om nedläggningen fattades av barn- och utbildningsnämnden i mars.",
     "barn- och utbildningsnämnden", "decided",
     "Beslut om nedläggningen fattades av barn- och utbildningsnämnden i mars", "", []),
    ("Regeringen presenterar en nationell strategi för ett starkare föräldraskapsstöd.",
     "Regeringen", "decided", "en nationell strategi för ett starkare föräldraskapsstöd", "", []),
    # follow-up and reporting: the recipient is its own field
    ("Tekniska nämnden följer upp avtalet med entreprenören varje år.",
     "Tekniska nämnden", "follows_up", "avtalet med entreprenören varje år", "", []),
    ("Kommunerna ska rapportera till Socialstyrelsen hur många platser som finns.",
     "Kommunerna", "follows_up", "rapportera till Socialstyrelsen hur många platser som finns", "Socialstyrelsen",
     []),
    ("Samordnaren ska löpande informera styrgruppen om arbetet.",
     "Samordnaren", "follows_up", "löpande informera styrgruppen om arbetet", "styrgruppen", []),
    ("Senast den 31 mars ska förvaltningen redovisa resultatet till nämnden.",
     "förvaltningen", "assigned", "redovisa resultatet till nämnden", "nämnden", []),
    ("Resultaten återrapporteras till kommunfullmäktige varje år.",  # no assignee named: the recipient follows up
     "kommunfullmäktige", "follows_up", "Resultaten återrapporteras till kommunfullmäktige varje år", "", []),
    # consultation: the consulted bodies are their own field, named or not
    ("Kommittén ska inhämta synpunkter från Sveriges Kommuner och Regioner och berörda myndigheter.",
     "Kommittén", "responsible", "inhämta synpunkter från Sveriges Kommuner och Regioner och berörda myndigheter",
     "", ["Sveriges Kommuner och Regioner", "berörda myndigheter"]),
    ("Barn- och utbildningsnämnden ska samråda med elevhälsan, socialtjänsten och regionens barn- och "
     "ungdomspsykiatri.", "Barn- och utbildningsnämnden", "responsible",
     "samråda med elevhälsan, socialtjänsten och regionens barn- och ungdomspsykiatri", "",
     ["elevhälsan", "socialtjänsten", "regionens barn- och ungdomspsykiatri"]),
    ("Miljöförvaltningen ska i samråd med länsstyrelsen ta fram en plan för vattenvården.",
     "Miljöförvaltningen", "responsible", "i samråd med länsstyrelsen ta fram en plan för vattenvården", "",
     ["länsstyrelsen"]),
    ("Folkhälsomyndigheten ska inhämta kunskap från Karolinska institutet och andra lärosäten som forskar på "
     "området.", "Folkhälsomyndigheten", "responsible",
     "inhämta kunskap från Karolinska institutet och andra lärosäten som forskar på området", "",
     ["Karolinska institutet", "andra lärosäten"]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "owner", "kind", "task", "recipient", "consulted"), SENTENCES)
def test_sentences(sentence: str, owner: str, kind: str, task: str, recipient: str, consulted: list[str]):
    rows = _rows(sentence)
    assert (owner, kind, task, recipient, consulted) in rows, rows


@pytest.mark.parametrize(
    "sentence",
    [
        "Vem ansvarar för att planen följs upp?",  # a question
        "Nämnden har inte ansvaret för vägarna.",  # a negation
        "Styrelsen ska därför inte längre besluta om bidragen.",  # a negation behind an adverb
        "Regeringen bedömer att uppdraget är för omfattande.",  # an opinion
        "Planen ska vara klar i juni.",  # a document owns nothing
        "Vi tar ett gemensamt ansvar för att utveckla vården.",  # a pronoun names no owner
        "Telefon: 010-123 45 67",  # a contact line
        "Anna Andersson\nOrdförande Kommunstyrelsen",  # a signature
    ],
)
def test_no_statement(sentence: str):
    assert _rows(sentence) == []


# --------------------------------------------------------------------------- documents

ASSIGNMENT = """# Uppdrag att stärka skolbiblioteken

Regeringen uppdrar åt Statens kulturråd att stärka skolbibliotekens roll. Uppdraget ska genomföras i samråd med \
Skolverket och Kungliga biblioteket.

Myndigheten ska bland annat:

* kartlägga tillgången till skolbibliotek,
* föreslå hur samverkan mellan folkbibliotek och skolor kan utvecklas.

Myndigheten ska löpande informera Kulturdepartementet om arbetet. Uppdraget ska redovisas till \
Regeringskansliet (Kulturdepartementet) senast den 1 december 2026.
"""


def test_an_assignment_to_an_agency():
    rows = _rows(ASSIGNMENT)
    agency = "Statens kulturråd"
    assert rows == [
        (agency, "assigned", "att stärka skolbibliotekens roll", "", []),
        (agency, "assigned", "Uppdraget ska genomföras i samråd med Skolverket och Kungliga biblioteket", "",
         ["Skolverket", "Kungliga biblioteket"]),
        (agency, "assigned", "kartlägga tillgången till skolbibliotek", "", []),  # "Myndigheten" is the agency
        (agency, "assigned", "föreslå hur samverkan mellan folkbibliotek och skolor kan utvecklas.", "", []),
        (agency, "follows_up", "löpande informera Kulturdepartementet om arbetet", "Kulturdepartementet", []),
        (agency, "assigned", "Uppdraget ska redovisas till Regeringskansliet (Kulturdepartementet) senast den 1 "
         "december 2026", "Regeringskansliet (Kulturdepartementet)", []),
    ]  # fmt: skip
    _, found = _extract(ASSIGNMENT)
    assert found[0].assigner == "Regeringen"
    assert len({(r.owner_start, r.owner_end) for r in found}) == 1  # every owner points at the one full name


def test_a_directive_bullets_and_deadline_go_to_the_investigator():
    text = (
        "En särskild utredare ska se över lagen om färdtjänst. Utredaren ska bl.a.\n\n"
        "* analysera kostnaderna för resorna, och\n"
        "* lämna nödvändiga författningsförslag.\n\n"
        "Uppdraget ska redovisas senast den 1 mars 2027.\n"
    )
    rows = _rows(text)
    assert [(o, k, t) for o, k, t, _, _ in rows] == [
        ("En särskild utredare", "assigned", "se över lagen om färdtjänst"),
        ("En särskild utredare", "assigned", "analysera kostnaderna för resorna"),  # no lead-in colon needed
        ("En särskild utredare", "assigned", "lämna nödvändiga författningsförslag."),
        ("En särskild utredare", "assigned", "Uppdraget ska redovisas senast den 1 mars 2027"),
    ]


def test_a_heading_lead_in_and_a_delegation():
    text = (
        "Regeringen tillsätter en delegation som ska främja digitaliseringen av vården.\n\n"
        "## Delegationen ska bland annat\n\n"
        "* stödja regionernas arbete med e-tjänster,\n"
        "* lämna förslag på nationella standarder.\n\n"
        "Uppdraget ska delredovisas senast den 1 mars 2026 och slutredovisas senast den 30 september 2026.\n"
    )
    rows = _rows(text)
    assert [r[0] for r in rows] == ["en delegation", "Delegationen", "Delegationen", "en delegation"]
    assert rows[1][2] == "stödja regionernas arbete med e-tjänster"
    assert all(r[1] == "assigned" for r in rows)


def test_an_additional_directive_names_its_inquiry_in_the_title():
    text = (
        "# Tilläggsdirektiv till Utredningen om framtidens hemtjänst (S 2024:02)\n\n"
        "Utredningstiden förlängs. Uppdraget ska i stället slutredovisas senast den 1 juni 2027.\n\n"
        "Utredaren ska samråda med Sveriges Kommuner och Regioner.\n"
    )
    rows = _rows(text)
    inquiry = "Utredningen om framtidens hemtjänst (S 2024:02)"
    assert rows == [
        (inquiry, "assigned", "Uppdraget ska i stället slutredovisas senast den 1 juni 2027", "", []),
        (inquiry, "assigned", "samråda med Sveriges Kommuner och Regioner", "", ["Sveriges Kommuner och Regioner"]),
    ]


def test_a_short_reference_takes_the_last_owner_with_its_head():
    text = (
        "Kommunstyrelsen ger socialnämnden i uppdrag att ta fram en plan mot hemlöshet. "
        "Nämnden ska redovisa planen till kommunstyrelsen senast i december."
    )
    rows = _rows(text)
    assert rows[1] == ("socialnämnden", "assigned", "redovisa planen till kommunstyrelsen senast i december",
                       "kommunstyrelsen", [])  # fmt: skip


def test_the_investigator_is_not_another_inquiry_named_in_passing():
    text = (
        "En särskild utredare ska se över skollagen. Utredaren ska beakta förslagen från Skolkostnadsutredningen. "
        "Utredningen ska också lämna förslag om tillsynen."
    )
    owners = [r[0] for r in _rows(text)]
    assert owners == ["En särskild utredare"] * 3


def test_a_role_apposition_and_a_dash_apposition_keep_the_whole_name():
    rows = _rows(
        "Regeringen tillsätter en särskild utredare, som ska fungera som nationell samordnare, för att stödja "
        "kommunerna.\n\nEn särskild utredare – en nationell samordnare – ska stödja regionerna."
    )
    assert [r[0] for r in rows] == [
        "en särskild utredare, som ska fungera som nationell samordnare",
        "En särskild utredare – en nationell samordnare",
    ]


@pytest.mark.parametrize(
    ("text", "owner", "tasks"),
    [
        ("Grunduppdraget för pensionärsrådet är att:\n\n* vara ett forum för samråd,\n* bereda frågor till nämnden.",
         "pensionärsrådet", ["vara ett forum för samråd", "bereda frågor till nämnden."]),
        ("Förvaltningen ska rapportera om:\n\n* ekonomi,\n* bemanning.", "Förvaltningen", ["ekonomi", "bemanning."]),
        ("Kultur- och fritidsnämnden får i uppdrag att:\n\n1. Se över taxorna\n2. Rusta upp badhuset",
         "Kultur- och fritidsnämnden", ["Se över taxorna", "Rusta upp badhuset"]),
    ],
)  # fmt: skip
def test_a_lead_in_is_no_statement_of_its_own(text: str, owner: str, tasks: list[str]):
    rows = _rows(text)
    assert [(r[0], r[2]) for r in rows] == [(owner, t) for t in tasks]


def test_a_lead_in_that_says_more_is_a_statement_and_opens_its_list():
    text = (
        "En särskild utredare ska se över tandvårdsstödet.\n\n"
        "En delredovisning ska lämnas senast den 1 oktober 2026 avseende följande deluppdrag:\n\n"
        "* analysera kostnaderna för stödet.\n"
    )
    rows = _rows(text)
    assert [r[2] for r in rows] == [
        "se över tandvårdsstödet",
        "En delredovisning ska lämnas senast den 1 oktober 2026 avseende följande deluppdrag:",
        "analysera kostnaderna för stödet.",
    ]
    assert {r[0] for r in rows} == {"En särskild utredare"}


def test_headings_name_no_owner_of_a_task():
    assert _rows("## Kommunstyrelsen ansvarar för samordningen\n\nText utan ansvar.") == []


def test_stored_entries_without_the_new_fields_still_load():
    old = {"owner": "Nämnden", "owner_key": "nämnd", "task": "t", "kind": "responsible", "doc_id": "d",
           "task_start": 0, "task_end": 1, "owner_start": 0, "owner_end": 7, "number": "", "assigner": "",
           "year": "2021", "added_later": "ignored"}  # fmt: skip
    entry = Responsibility.from_json(old)
    assert (entry.recipient, entry.consulted) == ("", [])
    assert Responsibility.from_json(entry.to_json()) == entry
