"""Answers: real-corpus answers and citations, the refusal rule, answer types, lists, follow-ups, the CLI."""

from __future__ import annotations

import json
import re

import pytest

from assistant.answers import Answer, short_title
from assistant.engine import Assistant, resolve_follow_up, supported
from assistant.extractive import Evidence, Quote, _list_span, missing_answer_type
from assistant.options import AnswerOptions
from assistant.settings import PROJECT_ROOT
from assistant.wiring import build_assistant, build_index
from front.cli import main
from index.types import Passage
from ingest.language.analysis import analyse_question

GOLD = PROJECT_ROOT / "data" / "eval" / "dev.jsonl"
PLAN_2021 = "aktivitetsplan-2021-beredning-for-narsjukvard"
REPORT_2023 = "aterrapportering-2023-beredning-for-nara-vard"
SAMMANHALLEN = "handlingsplan-sammanhallen-vard-och-omsorg-2019-2022"
FARDPLAN = "fardplan-nara-vard-2024"
SIP = "who owns the SIP assignment?"
DELMAL = "Vad är de fem delmålen i handlingsplanen för sammanhållen vård och omsorg?"
FIVE_SUB_GOALS = [
    "• Stärka det hälsofrämjande och sjukdomsförebyggande arbetet",
    "• Stärka insatser till grupper med komplexa vård- och omsorgsbehov",
    "• Stärka vård och omsorg nära den enskilde",
    "• Stärka det rehabiliterande arbetet",
    "• Stärka processer för att undvika vårdskador",
]
UNANSWERABLE = {
    "Vilka mål har länets handlingsplan för demensvård 2022–2025?": "sv",
    "Who chairs the Beredning för nära vård?": "en",
    "Hur bakar man kanelbullar?": "sv",
    "How do I apply for a new passport?": "en",
}
# off topic by the refusal rule (unknown words, passages far from the question): offered nothing related
UNRELATED = {"Hur bakar man kanelbullar?": "sv", "How do I apply for a new passport?": "en"}
OFF_TOPIC = PROJECT_ROOT / "data" / "eval" / "offtopic.jsonl"
REFUSAL = {"sv": "Det framgår inte av planerna.", "en": "I can't find this in the plans."}
# varied dev questions: owners, lists, dates, definitions, multi-document, both languages, one refusal
INTEGRITY_IDS = ["q003", "q005", "q010", "q027", "q039", "q045", "q054", "q068", "q077", "q092", "q103"]


def _gold() -> dict[str, dict]:
    rows = (json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip())
    return {row["id"]: row for row in rows}


def _markers(text: str) -> list[int]:
    return sorted({int(m) for m in re.findall(r"\[(\d+)\]", text)})


# the frames an answer in each language is written in (extractive "Enligt …:" and register "… fick i uppdrag (…)")
FRAME_WORDS = {
    "sv": ("Enligt ", "] fick i uppdrag (", "] ansvarar (", "] beslutade (", "] följer upp (", "] nämns ("),
    "en": ("According to ", "] was assigned (", "] is responsible (", "] decided (", "] follows up (", "] is named ("),
}


def _framed_in(text: str) -> str:
    """'sv', 'en', or 'mixed'/'none' when the answer's own words are in both or neither language."""
    found = {lang for lang, words in FRAME_WORDS.items() if any(w in text for w in words)}
    return found.pop() if len(found) == 1 else ("mixed" if found else "none")


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def assistant(corpus_settings, corpus_retriever) -> Assistant:
    return build_assistant(corpus_settings, corpus_retriever)


@pytest.fixture(scope="module")
def document_text(corpus_settings):
    """The stored text of a document, read through an index of its own (not the assistant's cache)."""
    return build_index(corpus_settings).document_text


@pytest.fixture(scope="module")
def sip(assistant) -> Answer:
    return assistant.ask(SIP)


@pytest.fixture(scope="module")
def delmal(assistant) -> Answer:
    return assistant.ask(DELMAL)


# -- real-corpus answers -------------------------------------------------------------------------


@pytest.mark.integration
def test_sip_owner_is_answered_in_english_from_the_plans(sip):
    assert sip.supported
    assert sip.mode in {"extractive", "register"}
    assert sip.language == "en"
    assert _framed_in(sip.text) == "en", sip.text
    assert sip.citations


@pytest.mark.integration
def test_sip_answer_names_the_owner_first_and_its_source_in_parentheses(sip):
    """Register answers lead with the owner; the document, year and number follow in parentheses."""
    first = sip.text.split("”", 1)[0]
    assert re.match(r"^[^\[(]*beredning för närsjukvård \[1\] was assigned \(Aktivitetsplan 2021", first, re.I)


@pytest.mark.integration
def test_sip_answer_names_the_committee_first_and_then_the_item(sip):
    assert "beredning för närsjukvård" in sip.citations[0].quote.lower()
    items = [i for i, c in enumerate(sip.citations) if "SIP" in c.quote]
    assert items and items[0] > 0, "the SIP item follows the text naming its owner"
    assert sip.text.lower().index("beredning för närsjukvård") < sip.text.index("SIP")


@pytest.mark.integration
def test_sip_answer_cites_the_2021_activity_plan(sip):
    assert PLAN_2021 in {c.doc_id for c in sip.citations}


@pytest.mark.integration
def test_every_quoted_sip_item_is_preceded_by_its_owner(sip):
    """Wherever a SIP assignment is quoted, the citation just before it names the committee."""
    items = [i for i, c in enumerate(sip.citations) if "SIP" in c.quote and re.match(r"(Nr )?\d", c.quote)]
    assert items
    for i in items:
        assert i > 0
        assert "beredning för närsjukvård" in sip.citations[i - 1].quote.lower()
        assert sip.citations[i - 1].doc_id == sip.citations[i].doc_id


@pytest.mark.integration
def test_five_sub_goals_are_listed_in_document_order(delmal):
    assert delmal.supported
    assert delmal.text.startswith("Enligt ")
    positions = [delmal.text.find(line) for line in FIVE_SUB_GOALS]
    assert -1 not in positions, delmal.text
    assert positions == sorted(positions)
    assert {c.doc_id for c in delmal.citations} == {SAMMANHALLEN}


@pytest.mark.integration
def test_superseded_plan_is_flagged_with_the_title_that_replaces_it(assistant, delmal):
    fardplan_title = assistant.snapshot.title(FARDPLAN)
    assert fardplan_title.startswith("Färdplan")
    assert f"ersatt av {fardplan_title}" in delmal.text
    assert all(c.superseded_by == fardplan_title for c in delmal.citations)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Vad står SMO för?", "sv"),
        ("Vad är en SIP?", "sv"),
        ("vem ska införa den så kallade basplatan?", "sv"),
        ("What is Finsam?", "en"),
        ("Until what year does the mental health action plan run?", "en"),
        ("In the 2023 report back to the health care board, who was given assignment Nr 10?", "en"),
    ],
)
def test_answer_is_framed_in_the_questions_language(assistant, question, language):
    answer = assistant.ask(question)
    assert answer.supported
    assert answer.language == language
    assert _framed_in(answer.text) == language, answer.text


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "frame"),
    [("Vad står SMO för?", "Enligt "), ("What is Finsam?", "According to ")],
)
def test_extractive_answer_opens_with_the_source_frame(assistant, question, frame):
    answer = assistant.ask(question)
    assert answer.mode == "extractive"
    first = answer.citations[0]
    superseded = f" ({'ersatt av' if frame == 'Enligt ' else 'replaced by'} {first.superseded_by})"
    title = short_title(first.title)  # the main title; the sources list gives the whole
    assert answer.text.startswith(frame + title + (superseded if first.superseded_by else "") + ":")


@pytest.mark.integration
@pytest.mark.parametrize("gold_id", INTEGRITY_IDS)
def test_citations_are_exact_spans_and_markers_match(assistant, document_text, gold_id):
    answer = assistant.ask(_gold()[gold_id]["question"])
    cited = answer.citations if answer.supported else answer.related
    assert cited, answer.text
    for c in [*answer.citations, *answer.related]:
        text = document_text(c.doc_id)
        assert text is not None, c.doc_id
        assert c.quote == text[c.start : c.end]
        assert c.quote.strip()
    n = len(cited)
    assert [c.marker for c in cited] == list(range(1, n + 1))
    assert _markers(answer.text) == list(range(1, n + 1))


@pytest.mark.integration
@pytest.mark.parametrize("gold_id", INTEGRITY_IDS)
def test_each_quoted_passage_is_exactly_what_its_marker_cites(assistant, gold_id):
    answer = assistant.ask(_gold()[gold_id]["question"])
    by_marker = {c.marker: c.quote for c in answer.citations}
    quoted = re.findall(r"”(.*?)” \[(\d+)\]", answer.text, re.DOTALL)
    assert bool(quoted) == answer.supported
    for text, marker in quoted:
        assert by_marker.get(int(marker)) == text, f"[{marker}] quotes {text!r}"


@pytest.mark.integration
def test_json_form_has_text_citations_and_timings(assistant):
    data = json.loads(json.dumps(assistant.ask("Vad är en SIP?").to_json(), ensure_ascii=False))
    assert {"text", "citations", "supported", "language", "timings"} <= data.keys()
    assert data["supported"] is True
    assert data["language"] == "sv"
    assert data["citations"]
    for c in data["citations"]:
        assert {"quote", "start", "end", "doc_id", "title"} <= c.keys()
        assert isinstance(c["start"], int) and isinstance(c["end"], int) and c["start"] < c["end"]
    assert {"validate", "retrieve", "answer", "total"} <= data["timings"].keys()
    assert all(isinstance(v, int | float) for v in data["timings"].values())


@pytest.mark.integration
@pytest.mark.parametrize(("question", "language"), list(UNANSWERABLE.items()))
def test_unanswerable_questions_are_refused_with_related_passages_only(assistant, document_text, question, language):
    answer = assistant.ask(question)

    assert not answer.supported
    assert answer.mode == "refusal"
    assert answer.language == language
    assert answer.text.startswith(REFUSAL[language])
    assert answer.citations == []
    assert "”" not in answer.text  # nothing is quoted as if it answered the question
    assert "Enligt " not in answer.text and "According to " not in answer.text
    related_label = {"sv": "Möjligen relaterat:", "en": "Possibly related:"}[language]
    assert (related_label in answer.text) == bool(answer.related)
    for c in answer.related:
        assert f"{c.title} [{c.marker}]" in answer.text
        assert c.quote == document_text(c.doc_id)[c.start : c.end]
    data = answer.to_json()
    assert data["citations"] == [] and len(data["related"]) == len(answer.related)


# The plans name the topic but not the detail asked for: the answer says so and quotes the closest sentence.
PARTIAL = {
    "Hur stor är den totala budgeten för handlingsplanen för psykisk hälsa 2020–2023?": ("sv", "något belopp"),
    "How many vårdcentraler does the region have in total?": ("en", "a number"),
}


@pytest.mark.integration
@pytest.mark.parametrize(("question", "expected"), list(PARTIAL.items()))
def test_a_missing_detail_is_said_to_be_missing_with_the_closest_sentence(assistant, document_text, question, expected):
    language, missing = expected
    answer = assistant.ask(question)

    assert not answer.supported and answer.mode == "partial"
    assert answer.language == language and missing in answer.text
    [citation] = answer.citations
    assert citation.quote == document_text(citation.doc_id)[citation.start : citation.end]
    assert f"”{citation.quote}” [1]" in answer.text


@pytest.mark.integration
@pytest.mark.parametrize("question", [q for q in UNANSWERABLE if q not in UNRELATED])
def test_a_refusal_offers_related_passages_naming_each_plan_once(assistant, question):
    answer = assistant.ask(question)
    assert answer.related
    assert len({c.doc_id for c in answer.related}) == len(answer.related)
    assert [c.marker for c in answer.related] == list(range(1, len(answer.related) + 1))


@pytest.mark.integration
@pytest.mark.parametrize("question", sorted(UNRELATED))
def test_a_question_the_plans_never_speak_of_is_offered_nothing_related(assistant, question):
    answer = assistant.ask(question)
    assert answer.related == []
    assert answer.text == REFUSAL[UNRELATED[question]]


@pytest.mark.integration
def test_no_off_topic_probe_is_offered_related_passages(assistant):
    """The glossary translates generic words ("many" → "många", "new" → "ny"), so an off-topic question
    shares words with the plans; what the refusal rule judges off topic is offered nothing."""
    probes = [json.loads(line)["question"] for line in OFF_TOPIC.read_text(encoding="utf-8").splitlines() if line]
    offered = {q: [c.title for c in a.related] for q in probes if (a := assistant.ask(q)).related}
    assert len(probes) >= 30 and not offered, offered


@pytest.mark.integration
@pytest.mark.parametrize("question", [DELMAL, SIP, "Hur bakar man kanelbullar?"])
def test_stream_yields_text_pieces_then_the_answer(assistant, question):
    pieces = list(assistant.stream(question))

    *texts, answer = pieces
    assert isinstance(answer, Answer)
    assert texts and all(isinstance(t, str) for t in texts)
    assert _squash("".join(texts)) == _squash(answer.text)
    if answer.supported:  # one piece per cited span, each ending with its marker
        assert len(texts) > 1
        assert all(re.search(r"\[\d+\]$", t.strip()) for t in texts)


@pytest.mark.integration
def test_follow_up_is_answered_about_the_previous_topic(assistant):
    answer = assistant.ask("och vem följer upp den?", history=["Vad är färdplanen?"])
    assert answer.supported
    assert FARDPLAN in {c.doc_id for c in answer.citations}
    assert answer.question == "och vem följer upp den?"
    assert answer.read_with_previous == "Vad är färdplanen?"


@pytest.mark.integration
@pytest.mark.parametrize("history", [[], ["Vad är en SIP?"]])
def test_a_question_typed_without_marks_is_no_follow_up(assistant, history):
    """The speller restores å, ä, ö before the follow-up check: a question it changed is not taken
    for one read with the previous question (with no previous question at all, too)."""
    answer = assistant.ask("Vem ansvarar for uppfoljningen av fardplanen?", history=history)
    assert answer.read_with_previous == ""


# -- the refusal rule ----------------------------------------------------------------------------

OPTIONS = AnswerOptions()


def _supported(evidence: Evidence, lang: str, options: AnswerOptions = OPTIONS) -> bool:
    return supported(evidence, lang, options)


def test_default_thresholds_are_the_calibrated_ones():
    o = OPTIONS
    assert (o.min_dense, o.min_dense_en, o.max_unknown_sv, o.max_unknown_en) == (0.78, 0.75, 0.6, 0.55)


def _dense(lang: str) -> float:
    return OPTIONS.min_dense_en if lang == "en" else OPTIONS.min_dense


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_dense_similarity_threshold(lang):
    assert not _supported(Evidence(1.0, _dense(lang) - 0.001, 0.0), lang)
    assert _supported(Evidence(1.0, _dense(lang), 0.0), lang)
    assert _supported(Evidence(1.0, _dense(lang) + 0.001, 0.0), lang)


def test_english_questions_may_score_lower_similarity():
    between = (OPTIONS.min_dense + OPTIONS.min_dense_en) / 2
    assert _supported(Evidence(1.0, between, 0.0), "en")
    assert not _supported(Evidence(1.0, between, 0.0), "sv")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_unknown_share_threshold(lang):
    dense = OPTIONS.min_dense + 0.05
    limit = OPTIONS.max_unknown_en if lang == "en" else OPTIONS.max_unknown_sv
    assert _supported(Evidence(1.0, dense, limit - 0.01), lang)
    assert not _supported(Evidence(1.0, dense, limit), lang)
    assert not _supported(Evidence(1.0, dense, 1.0), lang)


@pytest.mark.parametrize("missing", ["amount", "number", "period 2022–2025", "role chairs", "name"])
def test_missing_answer_type_refuses_even_strong_evidence(missing):
    assert not _supported(Evidence(1.0, 0.99, 0.0, missing), "sv")
    assert not _supported(Evidence(1.0, 0.99, 0.0, missing), "en")


def test_coverage_alone_does_not_decide():
    dense = OPTIONS.min_dense + 0.05
    assert _supported(Evidence(0.0, dense, 0.0), "sv")
    assert not _supported(Evidence(1.0, OPTIONS.min_dense - 0.1, 0.0), "sv")


def test_thresholds_come_from_the_options():
    strict = AnswerOptions(min_dense=0.9, max_unknown_sv=0.1)
    evidence = Evidence(1.0, 0.85, 0.2)
    assert _supported(evidence, "sv")
    assert not _supported(evidence, "sv", strict)


# -- the kind of answer a question expects -------------------------------------------------------


def _missing(question: str, quotes: list[Quote], known_text: str) -> str:
    return missing_answer_type(analyse_question(question), quotes, known_text)


def _quote(text: str, context: str = "") -> Quote:
    passage = Passage("doc:0", "doc", "Plan", text, 0, len(text), None, "", context=context)
    return Quote(passage, 0, len(text), text)


KNOWN = "Handlingsplan för psykisk hälsa 2020–2023. Färdplan 2024-2026."


def test_amount_question_without_an_amount_in_the_quotes():
    quotes = [_quote("Planen har en budget som beslutas av nämnden.")]
    assert _missing("Hur stor är budgeten för planen?", quotes, KNOWN) == "amount"


def test_amount_question_with_an_amount_in_the_quotes():
    quotes = [_quote("Varje länsdel får 2 mkr för hälsofrämjande arbete.")]
    assert _missing("Hur stor är budgeten för planen?", quotes, KNOWN) == ""


def test_amount_in_the_passage_context_counts_as_evidence():
    quotes = [_quote("Pengarna fördelas på länsdelarna.", context="Budget: 4 miljoner kronor per år:")]
    assert _missing("How much funding is there?", quotes, KNOWN) == ""


def test_number_question_without_a_number():
    quotes = [_quote("Beredningen har ledamöter och ersättare.")]
    assert _missing("Hur många ledamöter har beredningen?", quotes, KNOWN) == "number"
    assert _missing("Hur många ledamöter har beredningen?", [_quote("Den har 13 ledamöter.")], KNOWN) == ""


def test_period_not_named_anywhere_in_the_plans():
    quotes = [_quote("Planen har tre mål.")]
    question = "Vilka mål har länets handlingsplan för demensvård 2022–2025?"
    assert _missing(question, quotes, KNOWN) == "period 2022–2025"


@pytest.mark.parametrize(
    "question", ["Vilka mål har planen 2020–2023?", "Vad gäller 2024–2026?", "Goals for 2020-2023?"]
)
def test_period_the_plans_name_is_not_missing(question):
    assert _missing(question, [_quote("Planen har tre mål.")], KNOWN) == ""


def test_role_question_without_the_role_in_the_evidence():
    quotes = [_quote("Beredning för nära vård följer arbetet med nära vård.")]
    assert _missing("Who chairs the Beredning för nära vård?", quotes, KNOWN) == "role chairs"


def test_role_question_with_the_swedish_role_in_the_evidence():
    quotes = [_quote("Beredningens ordförande är Anna Andersson.")]
    assert _missing("Who chairs the Beredning för nära vård?", quotes, KNOWN) == ""
    assert _missing("Vem är ordförande i beredningen?", quotes, KNOWN) == ""


def test_question_without_an_expected_type_misses_nothing():
    assert _missing("Vem ansvarar för färdplanen?", [_quote("Chefsgruppen ansvarar.")], KNOWN) == ""
    assert _missing("Vem ansvarar för färdplanen?", [], KNOWN) == ""


# -- lists cut by a passage boundary -------------------------------------------------------------

LIST_TEXT = "Inledning.\nNämnden får i uppdrag att:\n1. följa A\n2. följa B\n3. följa C\n4. följa D\nSlutord här.\n"


def _line(text: str, line: str) -> tuple[int, int]:
    start = text.index(line)
    return start, start + len(line)


def test_list_cut_by_the_passage_is_extended_to_all_item_lines():
    a, _ = _line(LIST_TEXT, "2. följa B")
    _, b = _line(LIST_TEXT, "3. följa C")  # the passage holds only items 2 and 3
    span = _list_span(LIST_TEXT, a, b, a)
    assert span is not None
    assert LIST_TEXT[span[0] : span[1]] == "1. följa A\n2. följa B\n3. följa C\n4. följa D"


def test_single_item_in_the_passage_still_finds_its_neighbours():
    a, b = _line(LIST_TEXT, "4. följa D")
    span = _list_span(LIST_TEXT, a, b, a)
    assert span is not None
    assert LIST_TEXT[span[0] : span[1]].splitlines() == ["1. följa A", "2. följa B", "3. följa C", "4. följa D"]


def test_bullets_are_items_too():
    text = "Delmål:\n• Stärka A\n• Stärka B\nText efter."
    a, b = _line(text, "• Stärka A")
    span = _list_span(text, a, b, a)
    assert span is not None and text[span[0] : span[1]] == "• Stärka A\n• Stärka B"


def test_fewer_than_two_items_is_not_a_list():
    text = "Nämnden får i uppdrag att:\n1. följa A\nSlutord här."
    assert _list_span(text, 0, len(text), 0) is None


def test_passage_without_items_is_not_a_list():
    text = "Första meningen.\nAndra meningen.\nTredje meningen."
    assert _list_span(text, 0, len(text), 0) is None


def test_the_run_nearest_the_quote_is_chosen():
    text = "A:\n1. ett\n2. två\nMellan.\nB:\n• tre\n• fyra\nSlut."
    near = text.index("• fyra")
    span = _list_span(text, 0, len(text), near)
    assert span is not None and text[span[0] : span[1]] == "• tre\n• fyra"


# -- follow-up questions -------------------------------------------------------------------------


def test_short_follow_up_is_searched_with_the_previous_question():
    query = resolve_follow_up("och vem följer upp den?", ["Vad är färdplanen?"])
    assert "och vem följer upp den?" in query
    assert "Vad är färdplanen?" in query


def test_follow_up_uses_the_latest_question_of_the_history():
    query = resolve_follow_up("och vem följer upp den?", ["Vad är en SIP?", "Vad är färdplanen?"])
    assert "Vad är färdplanen?" in query
    assert "SIP" not in query


def test_english_follow_up_is_resolved_too():
    query = resolve_follow_up("and who follows it up?", ["What is the roadmap?"])
    assert "What is the roadmap?" in query


def test_standalone_long_question_is_unchanged():
    question = "Vilka politiska beredningar skulle under 2021 hålla koll på försöket med samlad medicinsk vård?"
    assert resolve_follow_up(question, ["Vad är färdplanen?"]) == question


def test_short_question_without_a_reference_is_unchanged():
    assert resolve_follow_up("Vad står SMO för?", ["Vad är färdplanen?"]) == "Vad står SMO för?"


def test_no_history_leaves_the_question_unchanged():
    assert resolve_follow_up("och vem följer upp den?", []) == "och vem följer upp den?"
    assert resolve_follow_up("och vem följer upp den?", ()) == "och vem följer upp den?"


# -- the `ask` command ---------------------------------------------------------------------------


@pytest.fixture
def real_embedder(monkeypatch):
    monkeypatch.delenv("PLANSVAR_EMBEDDER", raising=False)


@pytest.mark.integration
def test_cli_ask_json_citations_are_exact_spans(corpus_settings, document_text, real_embedder, capsys):
    question = "vem ansvarar för uppföljningen av färdplanen?"
    code = main(["--data-dir", str(corpus_settings.data_dir), "ask", question, "--json"])

    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["question"] == question
    assert data["supported"] is True
    assert data["citations"]
    assert FARDPLAN in {c["doc_id"] for c in data["citations"]}
    for c in data["citations"]:
        assert c["quote"] == document_text(c["doc_id"])[c["start"] : c["end"]]
    assert _markers(data["text"]) == [c["marker"] for c in data["citations"]]


@pytest.mark.integration
@pytest.mark.parametrize("question", ["", "   "])
def test_cli_ask_empty_question_is_one_error_line_and_exit_1(corpus_settings, real_embedder, capsys, question):
    code = main(["--data-dir", str(corpus_settings.data_dir), "ask", question])

    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.splitlines() == ["plansvar: error: the question is empty; please type a question about the plans"]
    assert "Traceback" not in err


def test_a_counted_enumeration_the_quotes_do_not_give_is_missing():
    quotes = [_quote("Arbetet sker tillsammans med fem kommuner i länet.")]
    assert _missing("Vilka fem kommuner deltar i arbetet?", quotes, KNOWN) == "items"
    named = [_quote("Arbetet sker med Askersund, Hallsberg, Kumla, Laxå och Lekeberg.")]
    assert _missing("Vilka fem kommuner deltar i arbetet?", named, KNOWN) == ""


@pytest.mark.integration
def test_an_abbreviation_is_answered_by_the_sentence_that_defines_it(assistant):
    answer = assistant.ask("Vad står SMO för?")
    assert answer.supported and len(answer.citations) == 1
    assert "SMO (samordnat medicinsk omhändertagande)" in answer.citations[0].quote


@pytest.mark.integration
@pytest.mark.parametrize("question", ["vad ar nara vard", "what is nara vard"])
def test_a_question_typed_without_swedish_letters_is_answered_like_one_with_them(assistant, question):
    answer = assistant.ask(question)
    assert answer.supported and answer.question == question
    assert all("nära vård" in c.quote.lower() for c in answer.citations[:1])
    assert not any(c.quote.rstrip().endswith("?") for c in answer.citations)  # no heading asked as a question


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Återrapportering av uppdrag 2023 – Beredning för nära vård", "Återrapportering av uppdrag 2023"),
        ("Psykisk hälsa och suicidprevention - Regeringens handlingsplan", "Psykisk hälsa och suicidprevention"),
        ("Varje dag räknas: Nationell demensstrategi 2025–2028", "Varje dag räknas"),
        ("Handlingsplan för psykisk hälsa i Örebro län 2020–2023",) * 2,
        (
            "Samordnade insatser vid samsjuklighet i form av missbruk och beroende och annan psykiatrisk diagnos",
            "Samordnade insatser vid samsjuklighet i form av missbruk …",
        ),
    ],
)
def test_an_answer_names_a_document_by_its_main_title(title, short):
    assert short_title(title) == short
