"""Whether a text carries the kind of answer a question asks for (ingest/language/answer_types.py)."""

from __future__ import annotations

import pytest

from ingest.language.answer_types import asked_count, carries, enumerates
from ingest.language.words import opens_with_back_reference


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("date", "Uppdraget ska redovisas senast den 31 januari 2023.", True),
        ("date", "Arbetet startar hösten 2021.", True),
        ("date", "Planen antogs 2019-12-04.", True),
        ("date", "The report is due by 1 November 2024.", True),
        ("date", "Planen antogs i november 2019.", True),
        ("date", "Utredaren ska lämna förslag på åtgärder.", False),
        ("period", "Strategin gäller 2025–2028.", True),
        ("period", "Projektet pågår i tre år.", True),
        ("period", "Handläggningstiden är 14 dagar.", True),
        ("period", "Utredaren ska samråda med myndigheter.", False),
        ("number", "I länet finns 12 vårdcentraler.", True),
        ("number", "Fem kommuner deltar i projektet.", True),
        ("number", "Andelen ökade till 37 procent.", True),
        ("number", "Planen gäller 2020–2023.", False),  # years are not a count
        ("number", "Antalet SIP redovisades på mötet.", False),
        ("amount", "Budgeten är 2 miljoner kronor.", True),
        ("amount", "Avgiften är 300 kr per besök.", True),
        ("amount", "Regeringen avsätter medel för arbetet.", False),
        ("contact", "Ring 019-60 210 00 eller mejla info@regionorebrolan.se.", True),
        ("contact", "Mer information finns på www.regionorebrolan.se.", True),
        ("contact", "Kontakta din vårdcentral.", False),
        ("owner", "Utredaren ska samråda med Socialstyrelsen.", True),
        ("owner", "Hälso- och sjukvårdsnämnden beslutade planen.", True),
        ("owner", "den ska vara klar snart", False),
        ("place", "Mottagningen ligger på Drottninggatan 5.", True),
        ("fact", "Vad som helst.", True),  # kinds without a form of their own always pass
    ],
)
def test_carries(kind, text, expected):
    assert carries(kind, text) is expected


@pytest.mark.parametrize(
    ("term", "text", "expected"),
    [
        ("SIP", "Samordnad individuell plan (SIP) är ett verktyg.", True),
        ("SIP", "En SIP ska upprättas när det behövs.", False),
        ("BPSD", "BPSD (beteendemässiga och psykiska symtom vid demens) är vanligt.", True),
        ("nära vård", "Nära vård är en vård som bygger på medskapande.", True),
        ("Finsam", "Finsam står för finansiell samordning.", True),
    ],
)
def test_a_definition_names_the_term_in_a_defining_form(term, text, expected):
    assert carries("definition", text, term) is expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Dessa patienter har tidigare skickats till akuten.", True),
        ("Där finns också en mottagning.", True),
        ("These measures are described below.", True),
        ("Det finns tre mottagningar.", False),
        ("Regionen ansvarar för hälso- och sjukvården.", False),
    ],
)
def test_sentences_that_point_back(sentence, expected):
    assert opens_with_back_reference(sentence) is expected


# -- enumerations of a stated size -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Vilka tre län deltar i försöket?", 3),
        ("Vad är de fyra fokusområdena?", 4),
        ("Which five agencies take part?", 5),
        ("What are the two main goals of the strategy?", 2),
        ("Name the 3 priorities of the plan", 3),
        ("Vilka får 2 miljoner kronor var?", 0),  # an amount, not a count of things asked for
        ("Vilka mål gäller 2024?", 0),
        ("Which 2021 meeting decided it?", 0),
        ("Hur många kommuner deltar?", 0),  # asks for the number, not the names
    ],
)
def test_the_number_of_things_a_question_asks_to_be_named(question, count):
    assert asked_count(question) == count


def test_an_enumeration_in_one_sentence():
    assert enumerates(["Länsdelarna är Norr, Väster, Söder och Örebro."], 4)
    assert not enumerates(["Projektet sker i samverkan med sex kommuner i länet."], 6)


def test_an_enumeration_as_item_lines_across_quotes():
    assert enumerates(["Målen är:", "• Trygg vård\n• Jämlik hälsa\n• Tidiga insatser"], 3)
    assert not enumerates(["Målen är:", "• Trygg vård\n• Jämlik hälsa"], 3)
