"""The responsibility register on plan-shaped text: scoped lists, sentence patterns, references and filters."""

from __future__ import annotations

import json

import pytest

from ingest.catalog import CatalogEntry
from ingest.documents import build_document
from ingest.register import Responsibility, extract_responsibilities, normalise_owner
from ingest.types import CleanDocument, LoadedFile, LoadedPage


def _doc(text: str, entry: CatalogEntry | None = None) -> CleanDocument:
    return build_document(LoadedFile(path="x.txt", kind="txt", pages=[LoadedPage(text, None)]), entry)


def _extract(text: str) -> tuple[CleanDocument, list[Responsibility]]:
    doc = _doc(text)
    return doc, extract_responsibilities(doc)


def _items(first: int, last: int, verb: str = "Utveckla") -> str:
    return "\n".join(f"{n}. {verb} arbetet med område nummer {n} i hela länet" for n in range(first, last + 1))


def _assert_exact_spans(doc: CleanDocument, found: list[Responsibility]) -> None:
    for r in found:
        assert doc.text[r.owner_start : r.owner_end] == r.owner
        assert r.task_start < r.task_end
        assert r.task in doc.text[r.task_start : r.task_end]
        assert r.kind in ("assigned", "responsible", "decided", "follows_up", "other")


# --------------------------------------------------------------------------- scoped lists

SCOPED = f"""3. Uppdrag för 2021

Ur hälso- och sjukvårdsnämndens verksamhetsplan med budget:

Hälso- och sjukvårdsnämndens beredningar får i uppdrag att:

{_items(1, 2, "Följa")}

Hälso- och sjukvårdsförvaltningen får i uppdrag att:

{_items(3, 12)}

4. Uppföljning

Följande ska redovisas:

{_items(13, 14, "Redovisa")}
"""


@pytest.fixture(scope="module")
def scoped():
    return _extract(SCOPED)


def test_a_heading_gives_its_owner_to_every_item_below_it(scoped):
    doc, found = scoped
    by_number = {r.number: r for r in found if r.number}
    item = by_number["12"]
    assert item.owner == "Hälso- och sjukvårdsförvaltningen"
    assert item.kind == "assigned"
    assert item.task == "Utveckla arbetet med område nummer 12 i hela länet"
    assert doc.text[item.owner_start : item.owner_end] == "Hälso- och sjukvårdsförvaltningen"
    assert item.owner_start < by_number["3"].task_start  # the owner stands in the lead-in, far above
    assert doc.text[item.task_start : item.task_end].startswith("12. Utveckla")
    assert item.assigner == "hälso- och sjukvårdsnämnden"


def test_a_new_lead_in_switches_the_owner(scoped):
    _, found = scoped
    owners = {r.number: r.owner for r in found if r.number}
    assert owners["1"] == owners["2"] == "Hälso- och sjukvårdsnämndens beredningar"
    assert all(owners[str(n)] == "Hälso- och sjukvårdsförvaltningen" for n in range(3, 13))


def test_a_section_heading_ends_the_scope(scoped):
    _, found = scoped
    assert not [r for r in found if r.number in ("13", "14")]
    _assert_exact_spans(*scoped)


def test_a_pronoun_lead_in_takes_the_subject_of_the_sentence_before():
    text = (
        "Hälso- och sjukvårdsnämndens beredningar är fria att styra över sin verksamhetsplanering. "
        "Utöver detta får de även i uppdrag:\n\n"
        "Nr 1. Att beakta målbild 2030 i verksamhetsplaneringsprocessen.\n\n"
        "Svar: Uppdraget har införlivats i arbetet med utvecklingsplanen.\n\n"
        "Ur delårsrapport: Målbilden finns med som en grund för arbetet.\n\n"
        "Nr 2. Att följa arbetet med årlig avgiftsöversyn.\n\n"
        "Uppdrag 3 och 4 riktas till andra beredningar.\n\n"
        "Nr 5. Att följa arbetet med något annat.\n"
    )
    doc, found = _extract(text)
    items = [r for r in found if r.number in ("1", "2")]
    assert [r.owner for r in items] == ["Hälso- och sjukvårdsnämndens beredningar"] * 2  # "Svar:" keeps the scope
    assert items[1].task == "Att följa arbetet med årlig avgiftsöversyn."
    directed = next(r for r in found if r.number == "3 och 4")
    assert (directed.owner, directed.kind) == ("andra beredningar", "assigned")
    assert not [r for r in found if r.number == "5"]  # "Uppdrag 3 och 4 riktas till …" closed the list
    _assert_exact_spans(doc, found)


def test_sub_bullets_under_a_numbered_assignment_are_not_assignments():
    text = (
        "Hälso- och sjukvårdsförvaltningen får i uppdrag:\n\n"
        "Nr 8. Att förbättra tillgängligheten i vården\n\n"
        "Ur delårsrapport: Arbete pågår inom flera områden, bland annat\n"
        "• Länsgemensam modell för lokala samverkansforum\n"
        "• Översyn av medicinska riktlinjer\n\n"
        "Nr 9. Att utveckla samarbetet kring samägda vårdplatser\n"
    )
    _, found = _extract(text)
    assert [r.number for r in found if r.kind == "assigned"] == ["8", "9"]


def test_a_paragraph_that_lost_its_list_number_continues_the_list():
    text = (
        "Hälso- och sjukvårdsförvaltningen får i uppdrag att:\n\n"
        "6. Arbeta med att förstärka första linjen för barn och unga\n\n"
        "Tillsammans med förvaltningen för regional utveckling göra en översyn av regelverket för resor.\n\n"
        "Uppdragen görs i samråd med berörda beredningar.\n"
    )
    _, found = _extract(text)
    tasks = [r.task for r in found if r.owner == "Hälso- och sjukvårdsförvaltningen"]
    assert tasks[1].startswith("Tillsammans med förvaltningen för regional utveckling göra")
    assert len(tasks) == 2


def test_uppdrag_till_heading_scopes_a_bullet_list():
    text = "Uppdrag till kommunstyrelsen:\n\n• Ta fram en lokal plan\n• Följa upp planen årligen\n\nAnnat följer.\n"
    _, found = _extract(text)
    assert [(r.owner, r.task) for r in found] == [
        ("kommunstyrelsen", "Ta fram en lokal plan"),
        ("kommunstyrelsen", "Följa upp planen årligen"),
    ]


def test_a_first_item_the_cleaner_took_for_a_heading_stays_in_the_list():
    text = "Tekniska nämnden får i uppdrag att:\n\n1. Se över belysningen i parkerna\n2. Rusta upp lekplatserna\n"
    doc, found = _extract(text)
    assert [b.kind for b in doc.blocks] == ["paragraph", "heading", "item"]  # "1. Se över …" looks like a heading
    assert [(r.owner, r.number) for r in found] == [("Tekniska nämnden", "1"), ("Tekniska nämnden", "2")]


# --------------------------------------------------------------------------- sentence patterns


@pytest.mark.parametrize(
    ("sentence", "owner", "kind"),
    [
        ("Kommunstyrelsen ansvarar för att planen genomförs i hela kommunen.", "Kommunstyrelsen", "responsible"),
        ("Ansvarig för handlingsplanen är chefsgruppen för social välfärd.", "chefsgruppen för social välfärd",
         "responsible"),
        ("Länsdelsgrupperna har det yttersta ansvaret för upprättandet av lokala planer.", "Länsdelsgrupperna",
         "responsible"),
        ("Chefen har ett övergripande ansvar för arbetsmiljön i teamet.", "Chefen", "responsible"),
        ("Varje part äger ansvar för sin del i omställningen.", "Varje part", "responsible"),
        ("Utvecklingsledarna har uppdraget att samordna processerna i länet.", "Utvecklingsledarna", "assigned"),
        ("I länsdelarna finns tjänstemannagrupper med uppdrag att stödja det lokala arbetet.",
         "tjänstemannagrupper", "assigned"),
        ("RF-SISU får i uppdrag, genom samverkansavtal, att administrera de avsatta medlen.", "RF-SISU", "assigned"),
        ("Folkhälsoteamen tilldelas 2 mkr för att genomföra främjande insatser.", "Folkhälsoteamen", "assigned"),
        ("Planen beslutades av regionfullmäktige den 5 maj 2022.", "regionfullmäktige", "decided"),
        ("Handlingsplanen har fastställts av regionens hälso- och sjukvårdsnämnd.",
         "regionens hälso- och sjukvårdsnämnd", "decided"),
        ("Planen antogs vid kommunstyrelsens sammanträde den 3 mars 2021.", "kommunstyrelsen", "decided"),
        ("Beslut om projektet fattades av hälso- och sjukvårdsnämnden i december 2022.",
         "hälso- och sjukvårdsnämnden", "decided"),
        ("Regionfullmäktige fastställer effektmål för nämnderna.", "Regionfullmäktige", "decided"),
        ("Resultaten kommer att följas upp av beredningen för folkhälsa.", "beredningen för folkhälsa", "follows_up"),
        ("Uppdraget återrapporteras till hälso- och sjukvårdsnämnden varje år.", "hälso- och sjukvårdsnämnden",
         "follows_up"),
        ("Rådet ansvarar också för kontinuerlig uppföljning av planen.", "Rådet", "follows_up"),
        ("Projektet sker i samverkan med sex kommuner i länet.", "sex kommuner i länet", "other"),
        ("Region Örebro län deltar också i länets nätverk för fysisk aktivitet.", "Region Örebro län", "other"),
        ("Civilsamhället är en viktig aktör i det förebyggande arbetet.", "Civilsamhället", "other"),
        ("Under ledning av HR bedömer chefer kompetensbehovet.", "HR", "responsible"),
        ("Aktivitetsplaner utformas i respektive länsdel utifrån planens delmål.", "respektive länsdel", "responsible"),
        ("Ansvaret för samordningen ligger hos kommunledningskontoret.", "kommunledningskontoret", "responsible"),
        ("Kommunfullmäktige i Kumla kommun antog planen den 12 juni 2022.", "Kommunfullmäktige i Kumla kommun",
         "decided"),
        ("Planen följs upp årligen av regionala samverkansrådet.", "regionala samverkansrådet", "follows_up"),
        ("Folkhälsostrategen stödjer förvaltningarna i arbetet.", "Folkhälsostrategen", "responsible"),
        ("Uppdrag 20 riktas till annan beredning.", "annan beredning", "assigned"),
    ],
)  # fmt: skip
def test_sentence_patterns(sentence: str, owner: str, kind: str):
    doc, found = _extract(sentence)
    assert (owner, kind) in [(r.owner, r.kind) for r in found], found
    _assert_exact_spans(doc, found)


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("EVIL CORP ansvarar för uppföljningen av färdplanen.", "EVIL CORP"),
        ("ACME AB ansvarar för driften av laddstolparna.", "ACME AB"),
        ("EVIL CORP AB ansvarar för uppföljningen av färdplanen.", "EVIL CORP AB"),
        ("Planen följs upp av EVIL CORP.", "EVIL CORP"),
        ("Regionstyrelsen ger EVIL CORP i uppdrag att följa upp färdplanen.", "EVIL CORP"),
        ("Ansvaret för uppföljningen av färdplanen ligger hos EVIL CORP.", "EVIL CORP"),
        ("SKR och IVO ansvarar för uppföljningen av planen.", "SKR och IVO"),
        ("Region Örebro läns regionstyrelse ansvarar för uppföljningen av färdplanen.",
         "Region Örebro läns regionstyrelse"),
        ("Uppdraget ges till Region Örebro läns hälso- och sjukvårdsnämnd.",
         "Region Örebro läns hälso- och sjukvårdsnämnd"),
        ("Planen beslutades av Region Örebro läns regionfullmäktige den 5 maj 2022.",
         "Region Örebro läns regionfullmäktige"),
        ("Region Värmlands hälso- och sjukvårdsnämnd ansvarar för uppföljningen.",
         "Region Värmlands hälso- och sjukvårdsnämnd"),
        ("Inspektionen för vård och omsorg ansvarar för uppföljningen av färdplanen.",
         "Inspektionen för vård och omsorg"),
        ("Region Örebro läns budget beslutas av regionfullmäktige.", "regionfullmäktige"),
    ],
)  # fmt: skip
def test_owners_keep_their_whole_name(sentence: str, owner: str):
    """A name in capitals is one name ("EVIL CORP", not "CORP"), and a region's body keeps its region."""
    doc, found = _extract(sentence)
    assert [r.owner for r in found] == [owner], found
    _assert_exact_spans(doc, found)


def test_enligt_beslut_gives_the_responsible_body_and_the_deciding_one():
    text = (
        "Enligt beslut i Regionstyrelsen i oktober 2019 ansvarar Chefsgrupp social välfärd samt vård och omsorg "
        "för fördelning av ovanstående ekonomiska medel."
    )
    _, found = _extract(text)
    assert [(r.owner, r.kind, r.assigner) for r in found] == [
        ("Regionstyrelsen", "decided", ""),
        ("Chefsgrupp social välfärd samt vård och omsorg", "responsible", "Regionstyrelsen"),
    ]
    assert found[1].task == "fördelning av ovanstående ekonomiska medel"
    assert found[0].task_start == found[1].task_start  # both rest on the same sentence


def test_x_ger_y_i_uppdrag_names_the_assignee_and_the_assigner():
    _, found = _extract("Kommunstyrelsen ger socialnämnden i uppdrag att ta fram en handlingsplan mot våld.")
    assert [(r.owner, r.kind, r.assigner) for r in found] == [("socialnämnden", "assigned", "Kommunstyrelsen")]
    assert found[0].task == "att ta fram en handlingsplan mot våld"


def test_short_names_resolve_to_the_nearest_full_name():
    text = (
        "Uppdrag ges till Hälso- och sjukvårdsförvaltningen och till beredningarna varje år.\n\n"
        "Förvaltningen ska vid varje möte lämna aktuell information till beredningen.\n\n"
        "Specifika samverkansrådet för social välfärd är ett politiskt forum för samråd. "
        "Rådet ansvarar för kontinuerlig uppföljning av planen."
    )
    doc, found = _extract(text)
    informs = next(r for r in found if r.task.startswith("vid varje möte"))
    assert informs.owner == "Hälso- och sjukvårdsförvaltningen"
    assert informs.owner_key == normalise_owner("Hälso- och sjukvårdsförvaltningen")
    follows = next(r for r in found if r.kind == "follows_up")
    assert follows.owner == "Specifika samverkansrådet för social välfärd"
    _assert_exact_spans(doc, found)


def test_de_after_a_prepositional_phrase_is_the_previous_subject():
    text = (
        "Utvecklingsledarna på Område välfärd och folkhälsa har uppdraget att stödja processerna. "
        "Tillsammans med samverkansledarna ansvarar de för att resultaten analyseras."
    )
    _, found = _extract(text)
    follows = next(r for r in found if r.kind == "follows_up")
    assert follows.owner == "Utvecklingsledarna på Område välfärd och folkhälsa"


def test_questions_and_negations_state_no_responsibility():
    _, found = _extract(
        "Vem ansvarar för att planen följs upp?\n\nFrågan har inte behandlats av beredningen.\n\n"
        "Styrelsens ordförande deltog inte i mötet."
    )
    assert found == []


def test_contact_blocks_yield_no_owner():
    text = (
        "Region Örebro län\n\n"
        "Telefon: 019-602 10 00\n\n"
        "E-post: planer@regionorebrolan.se\n\n"
        "Besöksadress: Eklundavägen 1, Örebro\n\n"
        "Postadress: Box 1613, 701 16 Örebro www.regionorebrolan.se\n"
    )
    _, found = _extract(text)
    assert found == []
    _, found = _extract("Kontakt: Anna Andersson, utvecklingsledare, 019-602 10 00, anna@region.se")
    assert found == []


def test_a_signature_is_no_statement():
    _, found = _extract("Karin Sundin\nOrdförande Hälso- och sjukvårdsnämnden\n")
    assert found == []


def test_the_year_comes_from_the_catalog_period_or_date():
    text = "Regionfullmäktige fastställer målen för verksamheten."
    with_period = _doc(text, CatalogEntry(doc_id="p", file="x.txt", title="Plan", period="2020–2023"))
    with_date = _doc(text, CatalogEntry(doc_id="p", file="x.txt", title="Plan", date="2024-12-13"))
    assert [r.year for r in extract_responsibilities(with_period)] == ["2020–2023"]
    assert [r.year for r in extract_responsibilities(with_date)] == ["2024"]
    assert extract_responsibilities(with_date)[0].doc_id == "p"


def test_to_json_has_every_field():
    _, found = _extract("Kommunstyrelsen ansvarar för att planen genomförs i hela kommunen.")
    data = found[0].to_json()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert {"owner", "owner_key", "task", "kind", "doc_id", "task_start", "owner_end", "number"} <= set(data)
