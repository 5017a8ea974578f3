"""What the page tests do on the page: open it (and wait for it to say it is ready), ask, open a tab."""

from __future__ import annotations

from playwright.sync_api import Page, expect

BOT = '#chat [data-testid="bot"]'
TIMEOUT = 120_000  # ms; the first question also loads the index in the app process, on a busy machine
READY = "html[data-plansvar-ready]"


def open_page(page: Page, app, query: str = "") -> None:
    """Open the app's page and wait for its readiness signal (the language applied, the tables filled)."""
    page.goto(app.url + "/" + query)
    page.locator(READY).wait_for(state="attached", timeout=TIMEOUT)


def ask(page: Page, question: str, turn: int = 1) -> str:
    """Type ``question``, press Enter, wait for the ``turn``-th answer to be complete; its text.
    (The question box is emptied when the answer and its sources are in place.)"""
    page.fill("#question textarea", question)
    page.keyboard.press("Enter")
    expect(page.locator(BOT)).to_have_count(turn, timeout=TIMEOUT)
    expect(page.locator("#question textarea")).to_have_value("", timeout=TIMEOUT)
    return page.locator(BOT).last.inner_text()


def open_tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()


def rows(page: Page, table: str):
    return page.locator(f"#{table} .virtual-row")


def row_count(page: Page, table: str) -> int:
    """Data rows of a Gradio table (aria-rowcount counts the header row too)."""
    return int(page.locator(f"#{table} [role=grid]").get_attribute("aria-rowcount")) - 1
