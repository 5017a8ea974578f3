"""Question analysis (ingest/language/analysis.py) on the question bank (tests/data/questions.jsonl):
the kind of answer expected, the language, second parts. The bank was written for these labels
independently of the evaluation sets; the floors below are the figures measured when the analysis
was written (docs/EVALUATION.md), so a change that makes it worse fails here."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ingest.language.analysis import KINDS, analyse_question, focus_words

BANK = [json.loads(line) for line in (Path(__file__).parent / "data" / "questions.jsonl").open(encoding="utf-8")]


def _accuracy(rows: list[dict]) -> float:
    return sum(analyse_question(r["q"]).expects == r["expects"] for r in rows) / len(rows)


def test_the_kind_of_answer_is_read_right_for_most_of_the_bank():
    assert _accuracy(BANK) >= 0.90


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_both_languages_are_read_alike(lang):
    assert _accuracy([r for r in BANK if r["lang"] == lang]) >= 0.87


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_recognised_most_of_the_time(kind):
    rows = [r for r in BANK if r["expects"] == kind]
    assert _accuracy(rows) >= 0.7, Counter(analyse_question(r["q"]).expects for r in rows)


def test_the_language_of_the_question():
    assert sum(analyse_question(r["q"]).lang == r["lang"] for r in BANK) / len(BANK) >= 0.99


def test_second_parts_are_found():
    two_part = [r for r in BANK if r.get("also")]
    found = sum(set(r["also"]) <= set(analyse_question(r["q"]).also) for r in two_part)
    assert found / len(two_part) >= 0.8


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Vem ska kontaktas när en patient skrivs ut?", "owner"),  # "när" in a subordinate clause
        ("Who decides when a care plan is needed?", "owner"),
        ("När ska uppdraget redovisas?", "date"),
        ("Till vem ska utredaren redovisa uppdraget?", "recipient"),
        ("Who does the inquiry report to?", "recipient"),
        ("Vilka ska utredaren samråda med?", "parties"),
        ("Vilka mål har planen?", "list"),
        ("Vad står BPSD för?", "definition"),
        ("What does SIP stand for?", "definition"),
        ("Hur många vårdcentraler finns i länet?", "number"),
        ("How much money has the government set aside?", "amount"),
        ("Hur länge gäller strategin?", "period"),
        ("Stämmer det att regionen ansvarar för hemsjukvården?", "yesno"),
        ("Ska kommunerna inrätta ett råd?", "yesno"),
        ("Vilket år antogs handlingsplanen?", "date"),
        ("Vad är skillnaden mellan samverkan och samordning?", "comparison"),
        ("Varför behövs en ny lag?", "reason"),
        ("Hur ska arbetet följas upp?", "manner"),
        ("Vilket telefonnummer har mottagningen?", "contact"),
        ("Bostadsförsörjningsutredningen 2020 – vilka ska utredaren ha dialog med?", "parties"),
    ],
)
def test_cases_that_once_misfired(question, kind):
    assert analyse_question(question).expects == kind


def test_two_part_question_names_its_second_kind():
    a = analyse_question("Vem ansvarar för uppföljningen, och när ska den vara klar?")
    assert a.expects == "owner" and "date" in a.also


def test_focus_words_leave_out_question_and_cue_words():
    assert focus_words("Vem ansvarar för uppföljningen av färdplanen?") == ("uppföljningen", "färdplanen")


def test_a_definition_question_names_its_term():
    assert analyse_question("Vad står BPSD för?").term == "BPSD"


# -- who as the object: an auxiliary, then a subject of its own ----------------------------------
@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Vem ska den regionala samordnaren stödja?", "parties"),
        ("Vilka ska kommittén samarbeta med?", "parties"),
        ("Vem kan förvaltningen anlita för utvärderingen?", "parties"),
        ("Vem ska styrgruppen rapportera till?", "recipient"),
        ("Vem ska nämnden informera om läget?", "recipient"),
        ("Who will the agency support in the counties?", "parties"),
        ("Who should the board appoint as chair?", "parties"),
        ("Who does the council report to each year?", "recipient"),
        ("Who must the investigator keep informed?", "recipient"),
        # the question word acts: owner questions stay owner questions
        ("Vem ska ta fram den nya strategin?", "owner"),
        ("Vem har det övergripande ansvaret för planen?", "owner"),
        ("Vem kan besluta om ändringar i planen?", "owner"),
        ("Who will lead the work on the new strategy?", "owner"),
        ("Who should follow up the plan?", "owner"),
    ],
)
def test_who_as_the_object_of_someone_elses_action(question, kind):
    assert analyse_question(question).expects == kind
