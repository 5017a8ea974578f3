"""The page's doors in a real browser: nothing secret kept in the browser, the conversation exported."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import httpx
import pytest
from pages import READY, TIMEOUT, ask, open_page, open_tab
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

STORAGE = """() => {
  const dump = (s) => Object.fromEntries(Array.from({length: s.length}, (_, i) => [s.key(i), s.getItem(s.key(i))]));
  return JSON.stringify({local: dump(localStorage), session: dump(sessionStorage), cookies: document.cookie});
}"""


def test_neither_the_admin_token_nor_questions_reach_the_browsers_storage(page: Page, upload_app, tmp_path):
    question = "Vem ansvarar för det hemliga dokumentet?"
    token = "hemlig-nyckel"
    plan = tmp_path / "vattenplan.md"
    plan.write_text("# Vattenplan\n\nKommunen ansvarar för vattnet.\n", encoding="utf-8")
    open_page(page, upload_app)
    ask(page, question)
    open_tab(page, "Lägg till dokument")
    page.locator("#upload-files input[type=file]").set_input_files([str(plan)])
    page.fill("#upload-token input", token)
    page.locator("#upload-button").click()
    expect(page.locator("#upload-results")).to_contain_text("added", timeout=TIMEOUT)
    page.reload()
    page.locator(READY).wait_for(state="attached", timeout=TIMEOUT)
    stored = page.evaluate(STORAGE)
    assert token not in stored and question not in stored and "hemliga" not in stored, stored
    databases = page.evaluate("async () => JSON.stringify(await indexedDB.databases())")
    assert json.loads(databases) == [], f"nothing kept in IndexedDB either: {databases}"
    assert httpx.get(upload_app.url + "/gradio_api/runs", timeout=10).status_code == 404, "no run history page"


def test_the_conversation_downloads_as_markdown_and_json(page: Page, corpus_app):
    open_page(page, corpus_app)
    ask(page, "who owns the SIP assignment?")
    ask(page, "Vem ansvarar för uppföljningen av färdplanen?", turn=2)
    page.locator("#export-conversation").click()
    links = page.locator('#export-files a[data-testid="download-link"]')
    expect(links).to_have_count(2, timeout=TIMEOUT)
    hrefs = {a.get_attribute("download"): urljoin(corpus_app.url, a.get_attribute("href")) for a in links.all()}
    assert set(hrefs) == {"plansvar-samtal.md", "plansvar-samtal.json"}, hrefs
    markdown = httpx.get(hrefs["plansvar-samtal.md"], timeout=10).text
    assert markdown.startswith("# Plansvar – konversation")
    assert "## Question 1: who owns the SIP assignment?" in markdown, "each turn in its answer's language"
    assert "## Fråga 2: Vem ansvarar för uppföljningen av färdplanen?" in markdown
    assert "### Sources" in markdown and "### Källor" in markdown and "   > " in markdown
    data = httpx.get(hrefs["plansvar-samtal.json"], timeout=10).json()
    first = data["conversation"][0]
    assert first["question"] == "who owns the SIP assignment?" and first["citations"]
    assert first["citations"][0]["quote"].splitlines()[0] in markdown.replace("\\", "")
