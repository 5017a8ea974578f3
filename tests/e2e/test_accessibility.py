"""The page checked against WCAG with axe-core (tests/e2e/vendor/axe-core, injected into the page:
nothing is downloaded): no serious or critical violation on the chat, Ansvar and Dokument tabs, in
Swedish and English, at 1366 and 375 px."""

from __future__ import annotations

from pathlib import Path

import pytest
from pages import ask, open_page, open_tab

pytestmark = [pytest.mark.integration, pytest.mark.e2e]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TABS = {"sv": ["Fråga", "Ansvar", "Dokument"], "en": ["Ask", "Responsibilities", "Documents"]}
QUESTION = {"sv": "Vem ansvarar för uppföljningen av färdplanen?", "en": "who owns the SIP assignment?"}


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as shown, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:4]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_violations_on_a_page_that_has_them(page, corpus_app):
    """The check can fail: a button without a name is reported."""
    open_page(page, corpus_app)
    page.evaluate("() => document.querySelector('#title').insertAdjacentHTML('beforeend', '<button></button>')")
    assert any(v.startswith("button-name") for v in serious_violations(page))


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("width", [1366, 375])
def test_no_serious_accessibility_violations(page, corpus_app, lang, width):
    page.set_viewport_size({"width": width, "height": 900 if width > 500 else 812})
    open_page(page, corpus_app, f"?lang={lang}")
    ask(page, QUESTION[lang])  # the chat with an answer, its markers and its sources
    found = {}
    for tab in TABS[lang]:
        open_tab(page, tab)
        found[tab] = serious_violations(page)
    assert not any(found.values()), found
