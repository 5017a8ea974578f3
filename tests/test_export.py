"""The conversation export: Markdown for people, JSON for programs (pure functions)."""

from __future__ import annotations

import json
import re

from front.export import answer_markdown, conversation_json, conversation_markdown, escape_markdown

CITATION = {
    "marker": 1,
    "chunk_id": "plan#3",
    "doc_id": "plan",
    "title": "Aktivitetsplan 2021",
    "page": 4,
    "section": "Uppdrag",
    "quote": "Beredningen ska följa arbetet med SIP.",
    "start": 120,
    "end": 158,
    "superseded_by": "",
    "kind": "aktivitetsplan",
    "date": "2021",
}
ANSWER = {
    "question": "Vem ansvarar för SIP?",
    "text": "Beredningen ska följa arbetet med SIP [1].",
    "language": "sv",
    "supported": True,
    "mode": "register",
    "notice": "",
    "fallback": "",
    "sentences": [],
    "citations": [CITATION],
    "related": [],
    "timings": {},
}


def test_markdown_has_the_question_the_answer_and_numbered_sources_with_the_quoted_span():
    md = answer_markdown(ANSWER, turn=1)
    lines = md.splitlines()
    assert lines[0] == "## Fråga 1: Vem ansvarar för SIP?"
    assert "Beredningen ska följa arbetet med SIP [1]." in lines
    assert "### Källor" in lines
    assert "1. **Aktivitetsplan 2021**, s. 4, Uppdrag" in lines
    assert "   > Beredningen ska följa arbetet med SIP." in lines


def test_english_labels_a_superseded_plan_and_a_multi_line_quote():
    cited = {**CITATION, "page": None, "section": "Goals", "superseded_by": "Plan 2024", "quote": "One.\n\nTwo."}
    answer = {**ANSWER, "language": "en", "question": "Who?", "citations": [cited]}
    md = answer_markdown(answer)
    assert md.startswith("## Question: Who?")
    assert "### Sources" in md and "1. **Aktivitetsplan 2021**, Goals (replaced by Plan 2024)" in md
    assert "   > One.\n   >\n   > Two." in md


def test_refusals_list_the_related_passages():
    related = [{**CITATION, "marker": 1}, {**CITATION, "marker": 2, "page": 9}]
    refusal = {**ANSWER, "supported": False, "mode": "refusal", "citations": [], "related": related}
    md = answer_markdown(refusal)
    assert "### Källor" not in md and "### Möjligen relaterat" in md
    assert "2. **Aktivitetsplan 2021**, s. 9, Uppdrag" in md


def test_generated_sentences_keep_their_marks_and_the_notice_comes_first():
    generated = {
        **ANSWER,
        "mode": "generated",
        "notice": "1 mening kunde inte verifieras.",
        "sentences": [
            {"text": "Beredningen följer SIP.", "status": "verified", "markers": [1], "support": 1.4},
            {"text": "Det sker varje vecka.", "status": "unverified", "markers": [], "support": 0.3},
        ],
    }
    md = answer_markdown(generated)
    body = md.splitlines()
    assert body.index("*1 mening kunde inte verifieras.*") < body.index(
        "Beredningen följer SIP. [1] Det sker varje vecka. (ej verifierad)"
    )


def test_document_text_cannot_become_markup():
    hostile = {**CITATION, "title": "<img src=x onerror=alert(1)>", "quote": "# rubrik\n[klicka](javascript:x) *fet*"}
    answer = {**ANSWER, "question": "<script>alert(1)</script>", "citations": [hostile]}
    md = answer_markdown(answer)
    assert not re.search(r"(?<!\\)[<>]", md.replace("   > ", "")), "every < and > is escaped"
    assert "\\<img src=x onerror=alert(1)\\>" in md
    assert "   > \\# rubrik" in md and "\\](javascript:x)" in md and "\\*fet\\*" in md


def test_escape_keeps_plain_text_and_citation_markers():
    assert escape_markdown("Regionen ansvarar [1] [2].") == "Regionen ansvarar [1] [2]."
    assert escape_markdown("a_b") == "a\\_b"
    assert escape_markdown("1. först\n- punkt") == "1\\. först\n\\- punkt"


def test_a_conversation_in_markdown_numbers_its_turns():
    second = {**ANSWER, "question": "och vem följer upp den?"}
    md = conversation_markdown([ANSWER, second])
    assert md.startswith("# Plansvar – konversation\n")
    assert "## Fråga 1: Vem ansvarar för SIP?" in md and "## Fråga 2: och vem följer upp den?" in md
    assert conversation_markdown([], "en") == "# Plansvar – conversation\n"


def test_json_is_the_answers_as_the_api_gives_them():
    data = json.loads(conversation_json([ANSWER, ANSWER]))
    assert data == {"conversation": [ANSWER, ANSWER]}
    quote = data["conversation"][0]["citations"][0]
    assert quote["quote"] == CITATION["quote"] and (quote["start"], quote["end"]) == (120, 158)
