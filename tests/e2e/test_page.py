"""What a citizen, an official and a member of staff do on the page, in a real browser."""

from __future__ import annotations

import re

import pytest
from chat_double import passage_number
from pages import BOT, READY, TIMEOUT, ask, open_page, open_tab, row_count, rows
from playwright.sync_api import expect

from front.feedback import FeedbackStore

pytestmark = [pytest.mark.integration, pytest.mark.e2e]


def test_the_sip_question_names_the_owner_with_citations(page, corpus_app, shot):
    open_page(page, corpus_app)
    answer = ask(page, "who owns the SIP assignment?")
    assert answer.startswith("Hälso- och sjukvård"), answer  # the owner comes first
    assert "beredning för närsjukvård" in answer and "[1]" in answer
    cards = page.locator("#sources article.citation")
    assert cards.count() >= 2
    expect(cards.first.locator("mark").first).not_to_be_empty()
    assert "SIP" in page.locator("#sources").inner_text()
    shot("chat")


def test_a_passage_is_shown_once_however_many_markers_cite_it(page, corpus_app):
    open_page(page, corpus_app)
    ask(page, "who owns the SIP assignment?")
    passages = page.locator("#sources blockquote.passage").all_inner_texts()
    assert len(passages) == len(set(passages))
    headers = page.locator("#sources article.citation header").all_inner_texts()
    assert any(h.startswith("[1] [2]") for h in headers), headers  # the owner's sentence beside the task


def test_a_marker_in_the_answer_opens_its_source_at_the_highlighted_span(page, corpus_app, shot):
    open_page(page, corpus_app)
    ask(page, "Vem ansvarar för uppföljningen av färdplanen?")
    quoted = page.locator("#sources article.citation").first.locator("mark").first.inner_text()
    page.locator(BOT).first.get_by_role("link", name="[1]").first.click()
    cited = page.locator("#document-view mark#cited")
    expect(cited).to_have_text(quoted, timeout=TIMEOUT)
    expect(cited).to_be_in_viewport()  # scrolled to the span
    assert len(page.locator("#document-view .document-text").inner_text()) > 10 * len(quoted)  # the whole document
    shot("document")
    ask(page, "Vad är en SIP?", turn=2)  # an earlier answer's marker still opens that answer's source
    page.locator(BOT).first.get_by_role("link", name="[1]").first.click()
    expect(page.locator("#document-view h2")).to_contain_text("Färdplan", timeout=TIMEOUT)
    expect(page.locator("#document-view mark#cited")).to_have_text(quoted)


def test_a_sources_button_opens_the_document(page, corpus_app):
    open_page(page, corpus_app)
    ask(page, "Vad är en SIP?")
    card = page.locator("#sources article.citation").nth(1)
    quoted = card.locator("mark").first.inner_text()
    card.get_by_role("button").click()
    expect(page.locator("#document-view mark#cited")).to_have_text(quoted, timeout=TIMEOUT)


def test_a_swedish_follow_up_uses_the_previous_question_and_says_so(page, corpus_app, shot):
    open_page(page, corpus_app)
    ask(page, "Vad är färdplanen för nära vård?")
    follow_up = ask(page, "och vem följer upp den?", turn=2)
    assert "chefsgrupp" in follow_up.lower(), follow_up
    note = page.locator(BOT).last.locator(".read-with")
    expect(note).to_have_text("Läst tillsammans med din förra fråga: ”Vad är färdplanen för nära vård?”")
    expect(page.locator("#sources article.citation").first).to_contain_text("Färdplan")
    shot("follow-up")


def test_a_new_question_is_not_read_with_the_previous_one(page, corpus_app):
    """'finns det' is ordinary Swedish, not a reference back: the earlier topic stays out."""
    open_page(page, corpus_app)
    ask(page, "Vem ansvarar för uppföljningen av färdplanen?")
    ask(page, "Hur många mellanvårdsplatser finns det på Tullhuset?", turn=2)
    expect(page.locator(BOT).last.locator(".read-with")).to_have_count(0)
    cards = page.locator("#sources article.citation").all_inner_texts()
    assert cards and all("Tullhuset" in card for card in cards), cards


def test_a_refusal_offers_only_related_plans_each_once(page, corpus_app):
    open_page(page, corpus_app)
    assert ask(page, "Hur bakar man kanelbullar?") == "Det framgår inte av planerna."
    expect(page.locator("#sources article.citation")).to_have_count(0)
    ask(page, "Vilka mål har länets handlingsplan för demensvård 2022–2025?", turn=2)
    titles = page.locator("#sources article.citation header strong").all_inner_texts()
    assert titles and len(titles) == len(set(titles)), titles


def test_the_responsibilities_tab_filters_and_links_rows_to_their_source(page, corpus_app, shot):
    open_page(page, corpus_app)
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


def test_the_documents_tab_names_the_replacing_plan_by_its_title(page, corpus_app, shot):
    open_page(page, corpus_app)
    open_tab(page, "Dokument")
    expect(rows(page, "documents-table").first).to_be_visible(timeout=TIMEOUT)
    assert row_count(page, "documents-table") == 6
    replaced = rows(page, "documents-table").filter(has_text="Handlingsplan för sammanhållen vård och omsorg")
    expect(replaced).to_contain_text("Färdplan för omställning till nära vård i Örebro län")
    assert "fardplan-nara-vard-2024" not in page.locator("#documents-table").inner_text()  # no file slug
    shot("documents")


def test_english_switch_relabels_everything_and_is_kept_on_reload(page, corpus_app, shot):
    open_page(page, corpus_app)
    page.get_by_label("English").check()
    expect(page.get_by_role("tab", name="Responsibilities")).to_be_visible()
    expect(page.get_by_label("Your question")).to_be_visible()
    expect(page.locator("#question").get_by_role("button", name="Send")).to_be_visible()
    expect(page.get_by_text("Example questions")).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]lang=en\b"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    answer = ask(page, "Who is responsible for following up the road map?")
    assert "chefsgrupp" in answer.lower() and "[1]" in answer
    expect(page.locator("#sources h2")).to_have_text("Sources")
    shot("english")
    open_tab(page, "Responsibilities")
    expect(page.locator("#owners-table")).to_contain_text("Owner")
    kinds = {"assigned", "responsible", "decided", "follows up", "other"}  # register kinds in English
    assert page.locator("#owners-table [data-testid='cell-0-2']").inner_text().strip() in kinds
    open_tab(page, "Documents")
    expect(page.locator("#documents-table")).to_contain_text("Superseded by")
    page.reload()
    page.locator(READY).wait_for(state="attached", timeout=TIMEOUT)
    expect(page.get_by_label("English")).to_be_checked()
    expect(page.get_by_role("tab", name="Responsibilities")).to_be_visible()


def test_the_sources_panel_speaks_the_pages_language(page, corpus_app):
    """A Swedish question on the English page: the answer is Swedish, the panel around its sources
    (heading, buttons) is the page's."""
    open_page(page, corpus_app, "?lang=en")
    swedish = ask(page, "Vem ansvarar för uppföljningen av färdplanen?")
    assert "chefsgrupp" in swedish.lower() and "ansvarar" in swedish
    expect(page.locator("#sources h2")).to_have_text("Sources")
    expect(page.locator("#sources")).not_to_contain_text("Visa i dokumentet")


def test_a_blank_question_is_explained_in_the_pages_language(page, corpus_app):
    open_page(page, corpus_app)
    page.locator("#question textarea").press("Enter")
    expect(page.locator(BOT).last).to_have_text("Frågan är tom. Skriv en fråga om planerna.", timeout=TIMEOUT)
    page.get_by_label("English").check()
    expect(page.get_by_label("Your question")).to_be_visible()
    page.locator("#question textarea").press("Enter")
    expect(page.locator(BOT)).to_have_count(2, timeout=TIMEOUT)
    expect(page.locator(BOT).last).to_have_text("The question is empty. Please type a question about the plans.")


def test_feedback_vote_and_comment_are_stored(page, corpus_app):
    open_page(page, corpus_app)
    ask(page, "Vad är en SIP?")
    page.locator("#chat").get_by_role("button", name="Gilla").last.click()  # Gradio's "Like" in a Swedish browser
    expect(page.locator("#feedback-status")).to_contain_text("tumme upp", timeout=TIMEOUT)
    page.fill("#feedback-comment textarea", "Bra svar, tydlig källa.")
    page.locator("#feedback-send").click()
    expect(page.locator("#feedback-status")).to_contain_text("Tack")
    votes = FeedbackStore(corpus_app.data_dir / "feedback.sqlite3").rows()
    stored = [r for r in votes if r["question"] == "Vad är en SIP?"]
    assert stored and stored[-1]["liked"] is True and stored[-1]["comment"] == "Bra svar, tydlig källa."
    assert stored[-1]["citations"] and stored[-1]["answer"]


def test_feedback_is_stored_with_the_answer_it_was_given_on(page, corpus_app):
    first, second = "Vem följer upp handlingsplanen för psykisk hälsa?", "Vad är mobil närvård?"
    open_page(page, corpus_app)
    ask(page, first)
    ask(page, second, turn=2)
    chat, status = page.locator("#chat"), page.locator("#feedback-status")
    chat.get_by_role("button", name="Ogilla").first.click()  # on the first answer
    expect(status).to_contain_text("tumme ner", timeout=TIMEOUT)
    chat.get_by_role("button", name="Gilla").last.click()  # up, then down, on the second
    expect(status).to_contain_text("tumme upp", timeout=TIMEOUT)
    chat.get_by_role("button", name="Ogilla").last.click()
    expect(status).to_contain_text("tumme ner", timeout=TIMEOUT)
    votes = list(FeedbackStore(corpus_app.data_dir / "feedback.sqlite3").rows())
    assert [r["liked"] for r in votes if r["question"] == first] == [False]
    assert [r["liked"] for r in votes if r["question"] == second] == [False]  # one vote, the later one


def test_hostile_document_text_is_shown_literally_and_runs_nothing(page, hostile_app, shot):
    open_page(page, hostile_app)
    ask(page, "Vem ansvarar för uppföljningen av planen? <img src=x onerror=\"window.pwned='question'\">")
    expect(page.locator(BOT).last).to_contain_text("Kommunstyrelsen")
    expect(page.locator('#chat [data-testid="user"]').last).to_contain_text("<img src=x onerror=")
    sources = page.locator("#sources")
    expect(sources).to_contain_text('<script>window.pwned = "script"</script>')
    expect(sources).to_contain_text("<img src=x onerror=")
    expect(sources).to_contain_text("[bilagan](javascript:")
    sources.get_by_role("button").first.click()
    expect(page.locator("#document-view")).to_contain_text('<script>window.pwned = "title"</script>', timeout=TIMEOUT)
    open_tab(page, "Dokument")
    expect(page.locator("#documents-table")).to_contain_text("<script>", timeout=TIMEOUT)
    for where in ("#sources", "#document-view", "#chat", "#documents-table", "#document-cards", "#owner-cards"):
        assert page.locator(f"{where} script, {where} img[src=x], {where} a[href^=javascript]").count() == 0
    assert page.evaluate("() => window.pwned") is None
    shot("hostile")


def test_an_empty_index_gives_a_message_and_the_page_keeps_working(page, empty_app):
    open_page(page, empty_app)
    page.fill("#question textarea", "Vem ansvarar för uppföljningen?")
    page.keyboard.press("Enter")
    expect(page.locator(BOT)).to_have_text(["Inga planer är indexerade ännu: kör `plansvar ingest`."], timeout=TIMEOUT)
    expect(page.locator("#question textarea")).to_have_value("Vem ansvarar för uppföljningen?")  # nothing lost
    page.fill("#question textarea", "Och nu?")
    page.keyboard.press("Enter")  # the page still answers
    expect(page.locator(BOT)).to_have_count(2, timeout=TIMEOUT)
    assert "plansvar ingest" in page.locator(BOT).last.inner_text()


def test_the_page_says_it_is_ready_only_once_it_can_be_used(page, corpus_app):
    """The HTML's own events are not the page's readiness: Gradio mounts its components afterwards,
    from scripts it loads then. Held back, those scripts leave no field to type in and no signal set;
    let through, the signal comes once the field is there."""
    held, holding = [], [True]

    def hold(route):
        if holding:
            held.append(route)
        else:
            route.continue_()

    page.route(re.compile(r".*/assets/Index-[^/]*\.js$"), hold)
    page.goto(corpus_app.url + "/", wait_until="domcontentloaded")
    expect(page.locator("#question textarea")).to_have_count(0)
    expect(page.locator(READY)).to_have_count(0)
    holding.clear()
    for route in held:
        route.continue_()
    page.locator(READY).wait_for(state="attached", timeout=TIMEOUT)
    expect(page.locator("#question textarea")).to_be_editable()


def test_keyboard_only_with_visible_focus(page, corpus_app):
    open_page(page, corpus_app)
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


def test_with_an_llm_a_sentence_its_citation_does_not_support_is_marked_unverified(page, llm_app, llm_server, shot):
    def script(request):
        good = passage_number(request, "redovisas för regionstyrelsen varje år i mars")
        unrelated = passage_number(request, "40 kilometer nya cykelvägar")
        return (
            f"Hälso- och sjukvårdsförvaltningen ansvarar för uppföljningen av handlingsplanen [{good}]. "
            f"Folkhälsoberedningen ska samordna arbetet med suicidprevention i kommunerna [{unrelated}]."
        )

    llm_server.reply(script)
    open_page(page, llm_app)
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
    open_page(page, upload_app)
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
