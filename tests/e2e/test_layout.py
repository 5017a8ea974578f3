"""The page at a desktop width (1366 px) and a phone width (375 px): the question box on the first
screen, the sources right after the answer, the register and the documents readable. Screenshots of
each are saved under test-artifacts/e2e/ (git-ignored)."""

from __future__ import annotations

import pytest
from pages import ask, open_page, open_tab
from playwright.sync_api import expect

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1366, "height": 900}


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not displayed"
    return box


def _no_sideways_scrolling(page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["375", "1366"])
def test_the_question_box_is_on_the_first_screen(page, corpus_app, shot, size):
    page.set_viewport_size(size)
    open_page(page, corpus_app)
    box = _box(page, "#question textarea")
    assert box["y"] + box["height"] <= size["height"], f"the question box ends at {box['y'] + box['height']} px"
    expect(page.locator("#question").get_by_role("button", name="Skicka")).to_be_in_viewport()
    _no_sideways_scrolling(page)
    shot(f"start-{size['width']}")


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["375", "1366"])
def test_the_sources_come_right_after_the_answer(page, corpus_app, shot, size):
    page.set_viewport_size(size)
    open_page(page, corpus_app)
    ask(page, "Vad är en SIP?")
    sources, question, examples = _box(page, "#sources"), _box(page, "#question"), _box(page, "#new-conversation")
    if size["width"] < 500:  # one column: the conversation, the question box, then the sources, then the rest
        assert question["y"] < sources["y"] < examples["y"]
        assert sources["y"] - (question["y"] + question["height"]) < 60
    else:  # two columns: the sources beside the conversation
        assert sources["x"] > question["x"] + question["width"] - 1 and sources["y"] < question["y"]
    expect(page.locator("#sources article.citation").first).to_be_visible()
    _no_sideways_scrolling(page)
    shot(f"chat-{size['width']}")


def test_on_a_phone_the_register_is_a_list_of_readable_cards(page, corpus_app, shot):
    page.set_viewport_size(PHONE)
    open_page(page, corpus_app)
    open_tab(page, "Ansvar")
    cards = page.locator("#owner-cards li.owner-card")
    expect(cards.first).to_be_visible()
    expect(page.locator("#owners-table")).to_be_hidden()
    for i in range(3):
        task = cards.nth(i).locator("p.task")
        assert _box(page, f"#owner-cards li.owner-card >> nth={i}")["width"] > 250
        assert task.bounding_box()["width"] > 250  # whole words on a line, not a letter per line
    _no_sideways_scrolling(page)
    shot("responsibilities-375")
    cards.first.get_by_role("button").click()
    expect(page.locator("#owner-source mark#cited")).to_be_in_viewport()


def test_on_a_phone_the_documents_are_cards(page, corpus_app, shot):
    page.set_viewport_size(PHONE)
    open_page(page, corpus_app)
    open_tab(page, "Dokument")
    expect(page.locator("#document-cards li.document-card")).to_have_count(6)
    expect(page.locator("#documents-table")).to_be_hidden()
    replaced = page.locator("#document-cards li").filter(has_text="Handlingsplan för sammanhållen vård och omsorg")
    expect(replaced).to_contain_text("Ersatt av")
    expect(replaced).to_contain_text("Färdplan för omställning till nära vård")
    _no_sideways_scrolling(page)
    shot("documents-375")


def test_at_desktop_width_the_register_and_documents_are_tables(page, corpus_app, shot):
    page.set_viewport_size(DESKTOP)
    open_page(page, corpus_app)
    open_tab(page, "Ansvar")
    expect(page.locator("#owners-table")).to_be_visible()
    expect(page.locator("#owner-cards")).to_be_hidden()
    shot("responsibilities-1366")
    assert _headers_broken_inside_a_word(page, "owners-table") == []
    open_tab(page, "Dokument")
    expect(page.locator("#documents-table")).to_be_visible()
    assert _headers_broken_inside_a_word(page, "documents-table") == []  # "Si/d/o/r" was one letter a line
    shot("documents-1366")


def _headers_broken_inside_a_word(page, table: str) -> list[str]:
    """The column headers of ``table`` whose text (Gradio's ``span.header``) takes more lines than it has words."""
    return page.evaluate(
        """(id) => [...document.querySelectorAll(`#${id} th span.header`)].filter(th => {
            const text = th.innerText.trim();
            if (!text) return false;
            const range = document.createRange();
            range.selectNodeContents(th);
            const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            return lines.size > text.split(/[\\s/]+/).length;
        }).map(th => th.innerText.trim())""",
        table,
    )
