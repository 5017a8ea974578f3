"""The page's doors in a real browser: the conversation exported."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import httpx
import pytest
from playwright.sync_api import Page, expect
from test_page import TIMEOUT, ask, open_tab

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

def test_the_conversation_downloads_as_markdown_and_json(page: Page, corpus_app):
    page.goto(corpus_app.url)
    ask(page, "who owns the SIP assignment?")
    ask(page, "Vem ansvarar för uppföljningen av färdplanen?", turn=2)
    page.locator("#export-conversation").click()
    links = page.locator("#export-files a")
    expect(links).to_have_count(2, timeout=TIMEOUT)
    hrefs = {links.nth(i).inner_text(): urljoin(corpus_app.url, links.nth(i).get_attribute("href")) for i in range(2)}
    assert set(hrefs) == {"plansvar-samtal.md", "plansvar-samtal.json"}, hrefs
    markdown = httpx.get(hrefs["plansvar-samtal.md"], timeout=10).text
    assert markdown.startswith("# Plansvar – konversation")
    assert "## Fråga 1: who owns the SIP assignment?" in markdown
    assert "## Fråga 2: Vem ansvarar för uppföljningen av färdplanen?" in markdown
    assert "### Sources" in markdown and "### Källor" in markdown and "   > " in markdown
    data = httpx.get(hrefs["plansvar-samtal.json"], timeout=10).json()
    first = data["conversation"][0]
    assert first["question"] == "who owns the SIP assignment?" and first["citations"]
    assert first["citations"][0]["quote"].splitlines()[0] in markdown.replace("\\", "")
