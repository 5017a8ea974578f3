"""The patterns moved into the language room, each with a table of examples: page layout, names of
bodies, coordination, numbers and contact shapes, sentence ends, words (and the technical markup
and citation-marker patterns beside them)."""

from __future__ import annotations

import pytest

from assistant.answers import MARKER, marker_numbers, pieces_after_markers
from ingest.language.admin import REPORTING_TASK
from ingest.language.coordination import (
    CLAUSE_END,
    COORDINATOR,
    RELATIVE_WORDS,
    opens_task,
    without_item_join,
    without_objects_opening,
)
from ingest.language.layout import (
    NUMBERED_HEADING,
    is_running_line,
    is_toc_line,
    join_lines,
    without_section_number,
)
from ingest.language.marks import (
    LINK,
    digits_in,
    first_number_pair,
    fold_digits,
    has_email,
    is_phone_line,
    leading_year,
    numbers_in,
)
from ingest.language.names import (
    NAME_TOKEN,
    alternative_parts,
    inflected_forms,
    join_suspended_hyphens,
    parenthesised,
    places_in,
    without_parentheses,
)
from ingest.language.sentences import ends_with_abbreviation, final_punctuation_at
from ingest.language.words import collapse_spaces, has_word, plain_words, word_ends
from ingest.markup import markdown_heading, strip_inline_markup


# -- layout ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "running"),
    [
        ("7", True),
        ("- 7 -", True),
        ("Sida 7", True),
        ("sida 7 av 12", True),
        ("Page 7 of 12", True),
        ("7 (12)", True),
        ("7/12", True),
        ("Region Örebro län | Handlingsplan 2021 | 7", True),
        ("3 (9) Handlingsplan | Region Örebro län", True),
        ("3 (9) Beslutad Datum 2021-05-01", True),
        ("Region Örebro län Handlingsplan för vård 7 (12)", True),
        ("7 mål för vården", False),
        ("Sida vid sida med kommunerna", False),
        ("Mål 1", False),
        ("3 (9) kommuner deltar", False),
        ("2021–2023", False),
    ],
)
def test_running_lines(line, running):
    assert is_running_line(line) is running


@pytest.mark.parametrize(
    ("line", "toc"),
    [
        ("Inledning ........ 3", True),
        ("1.2 Mål och syfte .....12", True),
        ("Bilagor.... 40 ", True),
        ("Inledning ... 3", False),
        ("Vi ses ....", False),
    ],
)
def test_table_of_contents_lines(line, toc):
    assert is_toc_line(line) is toc


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("2.1 Mål och syfte", ("2.1", "Mål och syfte")),
        ("3. Uppföljning", ("3", "Uppföljning")),
        ("12 Åtgärder", ("12", "Åtgärder")),
        ("4.2.1 Öppen vård", ("4.2.1", "Öppen vård")),
        ("3 kommuner deltar", None),
        ("123 Mål", None),
        ("2021 Region Örebro län", None),
    ],
)
def test_numbered_headings(line, parts):
    m = NUMBERED_HEADING.match(line)
    assert (m.groups() if m else None) == parts


@pytest.mark.parametrize(
    ("line", "title"),
    [("2.1 Mål", "Mål"), ("3. Uppföljning", "Uppföljning"), ("Mål 2", "Mål 2"), ("Bilaga", "Bilaga")],
)
def test_without_section_number(line, title):
    assert without_section_number(line) == title


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("sjukdoms-", "förebyggande arbete", "sjukdomsförebyggande arbete"),
        ("hälso-", "och sjukvård", "hälso- och sjukvård"),
        ("barn-", ", unga", "barn-, unga"),
        ("SMO-", "teamet", "SMO-teamet"),
        ("2020-", "2023", "2020-2023"),
        ("Plan", "för vård", "Plan för vård"),
        ("", "för vård", "för vård"),
    ],
)
def test_join_lines(left, right, joined):
    assert join_lines(left, right) == joined


# -- markup (technical: file formats) -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Mål<sup>3</sup> för", "Mål för"),
        ("Se<sup> fotnot ab </sup>", "Sefotnot ab"),
        ("<b>Viktigt</b> nu", "Viktigt nu"),
        ("rad<br/>två", "rad två"),
        ("**fet** text", "fet text"),
        ("inga märken", "inga märken"),
    ],
)
def test_inline_markup_stripped(text, clean):
    assert strip_inline_markup(text) == clean


@pytest.mark.parametrize(
    ("line", "heading"),
    [("## Mål", (2, "Mål")), ("# Titel #", (1, "Titel")), ("#hashtag", None), ("Text", None)],
)
def test_markdown_headings(line, heading):
    assert markdown_heading(line) == heading


# -- numbers, contact shapes, links ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "digits", "folded"),
    [
        ("Plan 2021 | 7", ["2021", "7"], "Plan # | #"),
        ("Mål 1 och 2", ["1", "2"], "Mål # och #"),
        ("Inga siffror", [], "Inga siffror"),
    ],
)
def test_digits(text, digits, folded):
    assert digits_in(text) == digits and fold_digits(text) == folded


@pytest.mark.parametrize(
    ("text", "pair"),
    [("uppdrag 5 och 6 ska", "5 och 6"), ("Nr 10.", "10"), ("uppdrag 5 samt 6", "5"), ("inga nummer", "")],
)
def test_first_number_pair(text, pair):
    assert first_number_pair(text) == pair


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("2 000 kr", {"2000"}),
        ("2\u00a0500 personer", {"2500"}),
        ("1,5 mkr", {"1.5"}),
        ("år 2021", {"2021"}),
        ("1) Ett 2) Två", set()),
        ("3. punkt nr 10", {"10"}),
        ("(4) och 12", {"12"}),
        ("inga tal", set()),
    ],
)
def test_numbers_as_written(text, numbers):
    assert numbers_in(text) == numbers


@pytest.mark.parametrize(("date", "year"), [("2021-05-01", "2021"), ("2021", "2021"), ("maj 2021", ""), ("", "")])
def test_leading_year(date, year):
    assert leading_year(date) == year


@pytest.mark.parametrize(
    ("text", "phone"),
    [("019-60 210 00", True), ("+46 (0)19 60 210 00", True), ("2021", False), ("Telefon 019-60 210 00", False)],
)
def test_phone_lines(text, phone):
    assert is_phone_line(text) is phone


@pytest.mark.parametrize(
    ("text", "email"),
    [("namn@regionorebrolan.se", True), ("Mejla x.y@rol.se nu", True), ("@regionen", False), ("a@b", False)],
)
def test_email_shapes(text, email):
    assert has_email(text) is email


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Se [planen](https://x.se/plan) här", ["[planen](https://x.se/plan)"]),
        ("https://www.regionorebrolan.se/plan och mer", ["https://www.regionorebrolan.se/plan"]),
        ("www.regionorebrolan.se", ["www.regionorebrolan.se"]),
        ("namn@rol.se", ["namn@rol.se"]),
        ("Region Örebro län", []),
    ],
)
def test_links(text, links):
    assert LINK.findall(text) == links


# -- names of bodies ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Hälso- och sjukvårdsnämndens beredning", ["Hälso-", "och", "sjukvårdsnämndens", "beredning"]),
        ("SKR:s styrelse", ["SKR:s", "styrelse"]),
        ("IT/digitalisering (ID)", ["IT/digitalisering", "(", "ID", ")"]),
        ("X, Y; Z – W", ["X", ",", "Y", ";", "Z", "–", "W"]),
        ("snake_case", ["snake", "case"]),
    ],
)
def test_name_tokens(text, tokens):
    assert NAME_TOKEN.findall(text) == tokens


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Region Örebro län och Kumla kommun", ["Örebro", "Kumla"]),
        ("Örebro läns landsting", ["Örebro"]),
        ("Karlskoga stads förvaltning", ["Karlskoga"]),
        ("regionen och kommunerna", []),
    ],
)
def test_places_in_names(text, places):
    assert places_in(text) == places


@pytest.mark.parametrize(
    ("name", "without", "inside"),
    [
        ("Delegationen (D 2020:01) mot X", "Delegationen   mot X", ["D 2020:01"]),
        ("Socialnämnden (SN)", "Socialnämnden  ", ["SN"]),
        ("Socialnämnden", "Socialnämnden", []),
    ],
)
def test_parenthesised_explanations(name, without, inside):
    assert without_parentheses(name) == without and parenthesised(name) == inside


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Socialnämnden; Vårdnämnden", ["Socialnämnden", " Vårdnämnden"]),
        ("Landstinget → Regionen", ["Landstinget ", " Regionen"]),
        ("Kommunen / Regionen", ["Kommunen", "Regionen"]),
        ("IT/digitalisering", ["IT/digitalisering"]),
    ],
)
def test_alternative_parts(name, parts):
    assert alternative_parts(name) == parts


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("hälso- och sjukvård", "hälso och sjukvård"),
        ("barn-och unga", "barn och unga"),
        ("stads- eller landsbygd", "stads eller landsbygd"),
        ("sjukdoms-förebyggande", "sjukdoms-förebyggande"),
    ],
)
def test_suspended_hyphens_joined(text, joined):
    assert join_suspended_hyphens(text) == joined


@pytest.mark.parametrize(
    ("word", "inflected"),
    [
        ("förvaltning", True),
        ("förvaltningen", True),
        ("sjukvårdsförvaltningens", True),
        ("förvaltning:s", True),
        ("förvaltningarna", False),
        ("förvaltare", False),
    ],
)
def test_inflected_forms_of_a_base(word, inflected):
    assert bool(inflected_forms("förvaltning").fullmatch(word)) is inflected


# -- coordination ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("X, Y och Z för att stärka vården", " för att "),
        ("X och Y i syfte att", " i syfte "),
        ("X och Y. Sedan", "."),
        ("X och Y ska ta fram", None),
    ],
)
def test_clause_ends(text, end):
    m = CLAUSE_END.search(text)
    assert (m.group(0) if m else None) == end


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("X, Y och Z", ["X", "Y", "Z"]),
        ("X, samt Y", ["X", "Y"]),
        ("X eller Y", ["X", "Y"]),
        ("Sveriges Kommuner", ["Sveriges Kommuner"]),
    ],
)
def test_coordinators(text, pieces):
    assert COORDINATOR.split(text) == pieces


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        ("med X och Y", "X och Y"),
        ("bland annat med Region Örebro län", "Region Örebro län"),
        ("t.ex. kommunerna", "kommunerna"),
        ("Med kommunerna", "kommunerna"),
        ("medborgarna", "medborgarna"),
    ],
)
def test_objects_opening(text, objects):
    assert without_objects_opening(text) == objects


@pytest.mark.parametrize(("word", "relative"), [("som", True), ("vilka", True), ("t.ex", True), ("kommunen", False)])
def test_relative_words(word, relative):
    assert (word in RELATIVE_WORDS) is relative


@pytest.mark.parametrize(
    ("item", "task"),
    [
        ("utreda X,", "utreda X"),
        ("utreda X, och ", "utreda X"),
        ("utreda X samt", "utreda X"),
        ("utreda X;", "utreda X"),
        ("kunskap och", "kunskap"),
        ("utreda X", "utreda X"),
    ],
)
def test_item_join_removed(item, task):
    assert without_item_join(item) == task


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("att utreda frågan", True),
        ("för att stärka vården", True),
        ("som ska", True),
        ("med uppdrag att", True),
        ("attityder", False),
        ("under 2021", False),
    ],
)
def test_task_openings(text, opens):
    assert opens_task(text) is opens


@pytest.mark.parametrize(
    ("task", "report"),
    [
        ("informera regeringen", True),
        ("snarast löpande rapportera", True),
        ("Redovisa uppdraget", True),
        ("utreda frågan", False),
        ("tre fyra fem rapportera", False),
    ],
)
def test_reporting_tasks(task, report):
    assert bool(REPORTING_TASK.match(task)) is report


# -- sentences and words -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "at"),
    [("Klart.", 5), ("Vem?", 3), ('Han sa "ja."', 10), ("Lista:", 5), ("Slut…", 4), ("Utan punkt", None)],
)
def test_final_punctuation(sentence, at):
    assert final_punctuation_at(sentence) == at


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("Utredaren ska bl.a.", True),
        ("bl. a.", True),
        ("t.ex.", True),
        ("m.m.", True),
        ("blabla.", False),
        ("Klart.", False),
    ],
)
def test_abbreviation_ends(text, ends):
    assert ends_with_abbreviation(text) is ends


@pytest.mark.parametrize(
    ("text", "words"),
    [("hälso- och sjukvård:s", ["hälso", "och", "sjukvård", "s"]), ("snake_case 2021", ["snake", "case", "2021"])],
)
def test_plain_words(text, words):
    assert plain_words(text) == words


@pytest.mark.parametrize(("text", "has"), [("ok", True), ("7", True), ("…", False), (" . ", False), ("", False)])
def test_has_word(text, has):
    assert has_word(text) is has


@pytest.mark.parametrize(("text", "collapsed"), [("a  b\n\tc", "a b c"), (" a ", " a "), ("a", "a")])
def test_collapse_spaces(text, collapsed):
    assert collapse_spaces(text) == collapsed


@pytest.mark.parametrize(("text", "ends"), [("ab  cd", [2, 6]), (" x ", [2]), ("", [])])
def test_word_ends(text, ends):
    assert word_ends(text) == ends


# -- citation markers (technical: the answers' own format) ---------------------------------------
@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("X [1].", [1]),
        ("X [1, 3].", [1, 3]),
        ("X [2–4].", [2, 3, 4]),
        ("X [1 och 2].", [1, 2]),
        ("X [källa 2] och [Passage 5].", [2, 5]),
        ("X [1-20].", [1, 20]),
        ("X [a].", []),
    ],
)
def test_citation_markers(text, numbers):
    assert [n for m in MARKER.finditer(text) for n in marker_numbers(m.group(1))] == numbers


def test_pieces_after_markers():
    assert pieces_after_markers("A [1] B [2] C") == ["A [1]", "B [2]", "C"]
