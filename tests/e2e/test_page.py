"""What a citizen, an official and a member of staff do on the page, in a real browser."""

from __future__ import annotations

import re

import pytest
from chat_double import passage_number
from playwright.sync_api import Page, expect

from front.feedback import FeedbackStore

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

BOT = '#chat [data-testid="bot"]'
TIMEOUT = 60_000  # ms; the first question also loads the index in the app process


def ask(page: Page, question: str, turn: int = 1) -> str:
    """Type ``question``, press Enter, wait for the ``turn``-th answer and its sources; the answer's text."""
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    expect(page.locator(BOT)).to_have_count(turn, timeout=TIMEOUT)
    expect(page.locator("#question textarea")).to_have_value("", timeout=TIMEOUT)  # the stream has finished
    return page.locator(BOT).last.inner_text()


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def rows(page: Page, table: str):
    return page.locator(f"#{table} .virtual-row")


def row_count(page: Page, table: str) -> int:
    """Data rows of a Gradio table (aria-rowcount counts the header row too)."""
    return int(page.locator(f"#{table} [role=grid]").get_attribute("aria-rowcount")) - 1


def test_the_sip_question_names_the_owner_with_citations(page, corpus_app, shot):
    page.goto(corpus_app.url)
    answer = ask(page, "who owns the SIP assignment?")
    assert answer.startswith("Hälso- och sjukvård"), answer  # the owner comes first
    assert "beredning för närsjukvård" in answer and "[1]" in answer
    cards = page.locator("#sources article.citation")
    assert cards.count() >= 2
    expect(cards.first.locator("mark")).not_to_be_empty()
    assert "SIP" in page.locator("#sources").inner_text()
    shot("chat")


def test_citation_one_opens_the_document_at_the_highlighted_span(page, corpus_app, shot):
    page.goto(corpus_app.url)
    ask(page, "Vem ansvarar för uppföljningen av färdplanen?")
    first_card = page.locator("#sources article.citation").first
    assert first_card.locator(".marker").inner_text() == "[1]"
    quoted = first_card.locator("mark").inner_text()
    page.locator("#show-in-document input").click()
    page.get_by_role("option", name=re.compile(r"^\[1\]")).click()
    cited = page.locator("#document-view mark#cited")
    expect(cited).to_have_text(quoted, timeout=TIMEOUT)
    expect(cited).to_be_in_viewport()  # scrolled to the span
    assert len(page.locator("#document-view .document-text").inner_text()) > 10 * len(quoted)  # the whole document
    shot("document")


def test_a_swedish_follow_up_uses_the_previous_question(page, corpus_app, shot):
    page.goto(corpus_app.url)
    ask(page, "Vad är färdplanen för nära vård?")
    follow_up = ask(page, "och vem följer upp den?", turn=2)
    assert "chefsgrupp" in follow_up.lower(), follow_up
    expect(page.locator("#sources article.citation").first).to_contain_text("Färdplan")
    shot("follow-up")


def test_the_responsibilities_tab_filters_and_links_rows_to_their_source(page, corpus_app, shot):
    page.goto(corpus_app.url)
    open_tab(page, "Ansvar")
    expect(rows(page, "owners-table").first).to_be_visible(timeout=TIMEOUT)
    everything = row_count(page, "owners-table")
    page.fill("#owners-filter textarea", "SIP")
    page.wait_for_function(
        f"() => document.querySelector('#owners-table [role=grid]').getAttribute('aria-rowcount') != {everything + 1}"
    )
    found = row_count(page, "owners-table")
    assert 0 < found < everything
    for i in range(found):
        assert "SIP" in rows(page, "owners-table").nth(i).inner_text()
    page.locator('#owners-table [data-testid="cell-0-1"]').click()
    cited = page.locator("#owner-source mark#cited")
    expect(cited).to_contain_text("SIP", timeout=TIMEOUT)
    shot("responsibilities")


def test_the_documents_tab_lists_the_six_plans(page, corpus_app, shot):
    page.goto(corpus_app.url)
    open_tab(page, "Dokument")
    expect(rows(page, "documents-table").first).to_be_visible(timeout=TIMEOUT)
    assert row_count(page, "documents-table") == 6
    table = page.locator("#documents-table").inner_text()
    assert "Färdplan för omställning till nära vård" in table
    assert "fardplan-nara-vard-2024" in table  # the superseded plan names its successor
    shot("documents")


def test_english_switch_relabels_the_page_and_answers_follow_the_question(page, corpus_app, shot):
    page.goto(corpus_app.url)
    page.get_by_label("English").check()
    expect(page.get_by_label("English")).to_be_checked()
    expect(page.get_by_role("tab", name="Responsibilities")).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_visible()
    answer = ask(page, "Who is responsible for following up the road map?")
    assert "chefsgrupp" in answer.lower() and "[1]" in answer
    expect(page.locator("#sources h2")).to_have_text("Sources")
    shot("english")
    swedish = ask(page, "Vem ansvarar för uppföljningen av färdplanen?", turn=2)
    assert "chefsgrupp" in swedish.lower()
    expect(page.locator("#sources h2")).to_have_text("Källor")  # the answer's language, not the labels'


def test_feedback_vote_and_comment_are_stored(page, corpus_app):
    page.goto(corpus_app.url)
    ask(page, "Vad är en SIP?")
    page.locator("#chat").get_by_role("button", name="Gilla").last.click()  # Gradio's "Like" in a Swedish browser
    expect(page.locator("#feedback-comment textarea")).to_be_visible()
    page.fill("#feedback-comment textarea", "Bra svar, tydlig källa.")
    page.locator("#feedback-send").click()
    expect(page.locator("#feedback-status")).to_contain_text("Tack")
    votes = FeedbackStore(corpus_app.data_dir / "feedback.sqlite3").rows()
    stored = [r for r in votes if r["question"] == "Vad är en SIP?"]
    assert stored and stored[-1]["liked"] is True and stored[-1]["comment"] == "Bra svar, tydlig källa."
    assert stored[-1]["citations"] and stored[-1]["answer"]


def test_hostile_document_text_is_shown_literally_and_runs_nothing(page, hostile_app, shot):
    page.goto(hostile_app.url)
    ask(page, "Vem ansvarar för uppföljningen av planen? <img src=x onerror=\"window.pwned='question'\">")
    expect(page.locator(BOT).last).to_contain_text("Kommunstyrelsen")
    expect(page.locator('#chat [data-testid="user"]').last).to_contain_text("<img src=x onerror=")
    sources = page.locator("#sources")
    expect(sources).to_contain_text('<script>window.pwned = "script"</script>')
    expect(sources).to_contain_text("<img src=x onerror=")
    expect(sources).to_contain_text("[bilagan](javascript:")
    page.locator("#show-in-document input").click()
    page.get_by_role("option").first.click()
    expect(page.locator("#document-view")).to_contain_text('<script>window.pwned = "title"</script>', timeout=TIMEOUT)
    open_tab(page, "Dokument")
    expect(page.locator("#documents-table")).to_contain_text("<script>", timeout=TIMEOUT)
    for where in ("#sources", "#document-view", "#chat", "#documents-table"):
        assert page.locator(f"{where} script, {where} img[src=x], {where} a[href^=javascript]").count() == 0
    assert page.evaluate("() => window.pwned") is None
    shot("hostile")


def test_an_empty_index_gives_a_message_and_the_page_keeps_working(page, empty_app):
    page.goto(empty_app.url)
    first = ask(page, "Vem ansvarar för uppföljningen?")
    assert "plansvar ingest" in first and "Traceback" not in first
    second = ask(page, "Och nu?", turn=2)  # the page still answers
    assert "plansvar ingest" in second


def test_keyboard_only_with_visible_focus(page, corpus_app):
    page.goto(corpus_app.url)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('#question') !== null"):
            break
    else:
        pytest.fail("the question field cannot be reached with Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none"), "the focused field shows no focus ring"
    page.keyboard.type("Vad är en SIP?")
    page.keyboard.press("Enter")
    expect(page.locator(BOT)).to_have_count(1, timeout=TIMEOUT)
    expect(page.locator("#sources article.citation").first).to_be_visible(timeout=TIMEOUT)


def test_mobile_width_has_no_sideways_scrolling(page, corpus_app, shot):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(corpus_app.url)
    ask(page, "Vad är en SIP?")
    expect(page.locator("#sources article.citation").first).to_be_visible()
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"
    for label in ("Din fråga", "Visa i dokument"):
        expect(page.get_by_label(label)).to_be_visible()
    shot("mobile")


def test_with_an_llm_a_sentence_its_citation_does_not_support_is_marked_unverified(page, llm_app, llm_server, shot):
    def script(request):
        good = passage_number(request, "redovisas för regionstyrelsen varje år i mars")
        unrelated = passage_number(request, "40 kilometer nya cykelvägar")
        return (
            f"Hälso- och sjukvårdsförvaltningen ansvarar för uppföljningen av handlingsplanen [{good}]. "
            f"Folkhälsoberedningen ska samordna arbetet med suicidprevention i kommunerna [{unrelated}]."
        )

    llm_server.reply(script)
    page.goto(llm_app.url)
    answer = ask(page, "Vem ansvarar för uppföljningen av handlingsplanen för psykisk hälsa?")
    assert answer.startswith("1 av 2 meningar kunde inte beläggas"), answer  # the notice comes first
    assert "handlingsplanen [1]" in answer
    assert "i kommunerna. (ej verifierad)" in answer
    sources = page.locator("#sources").inner_text()
    assert "regionstyrelsen" in sources and "cykelvägar" not in sources
    shot("llm")


def test_upload_needs_the_admin_token_and_shows_a_result_per_file(page, upload_app, tmp_path, shot):
    plan = tmp_path / "cykelplan-2026.md"
    plan.write_text("# Cykelplan 2026\n\nTekniska nämnden ansvarar för att bygga 12 km cykelväg.\n", encoding="utf-8")
    script = tmp_path / "skript.sh"
    script.write_text("echo hej\n", encoding="utf-8")
    page.goto(upload_app.url)
    open_tab(page, "Lägg till dokument")
    page.locator("#upload-files input[type=file]").set_input_files([str(plan)])
    page.fill("#upload-token input", "fel-nyckel")
    page.locator("#upload-button").click()
    expect(page.locator("#upload-results")).to_contain_text("the admin token is wrong", timeout=TIMEOUT)
    page.locator("#upload-files input[type=file]").set_input_files([str(plan), str(script)])
    page.fill("#upload-token input", "hemlig-nyckel")
    page.locator("#upload-button").click()
    results = page.locator("#upload-results")
    expect(results).to_contain_text("added", timeout=TIMEOUT)
    expect(results).to_contain_text("only .pdf, .txt, .md and .docx files are accepted")
    shot("upload")
    open_tab(page, "Dokument")
    expect(page.locator("#documents-table")).to_contain_text("Cykelplan 2026", timeout=TIMEOUT)
