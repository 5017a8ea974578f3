"""The page's texts: one table per language, every text the page registers present in each, and
errors said in the page's language (front/texts.py, front/page/)."""

from __future__ import annotations

import pytest

from assistant.errors import Busy, IndexMissing, InvalidQuestion
from assistant.service import AssistantService
from assistant.validation import validate_question
from front.texts import TEXTS, error_text, language, text
from index.backends import StoreUnavailable


def _shape(value):
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return len(value)
    return type(value).__name__


def test_every_language_has_the_same_texts():
    sv, en = TEXTS["sv"], TEXTS["en"]
    assert _shape(sv) == _shape(en)


def test_no_text_is_left_in_the_other_language():
    same = {k for k, v in TEXTS["sv"].items() if isinstance(v, str) and v == TEXTS["en"][k]}
    assert not same, same


@pytest.fixture
def built_page(make_settings):
    """The page's tabs built as the app builds them (nothing is opened until a visitor comes)."""
    import gradio as gr

    from front.page.chat import build_chat
    from front.page.documents import build_documents
    from front.page.register import build_register
    from front.page.shell import Page, build_header

    settings = make_settings()
    page = Page(AssistantService(settings), settings)
    with gr.Blocks() as blocks:
        build_header(page)
        build_chat(page)
        build_register(page)
        build_documents(page)
        page.wire(blocks)
    return page


def test_every_registered_text_exists_in_both_languages(built_page):
    keys = {key for _, _, key in built_page.texts}
    assert {"question", "placeholder", "submit", "examples", "owner_hint", "filter", "new"} <= keys
    for lang in TEXTS:
        assert keys <= TEXTS[lang].keys()


def test_relabelling_gives_one_update_per_component_in_the_chosen_language(built_page):
    components = {id(c) for c, _, _ in built_page.texts}
    updates = built_page.relabel("en")
    assert len(updates) == len(components)
    flat = [v for u in updates for k, v in u.items() if k != "__type__"]
    assert "Your question" in flat and "Example questions" in flat and "Send" in flat
    assert not set(flat) & {"Din fråga", "Exempel på frågor", "Skicka"}


def test_the_submit_button_has_a_name_in_each_language(built_page):
    """The send button is no bare icon: it carries a text (its accessible name)."""
    assert ("submit", "submit_btn") in {(key, attr) for _, attr, key in built_page.texts}
    assert text("sv", "submit") and text("en", "submit")


@pytest.mark.parametrize(
    ("question", "sv", "en"),
    [
        ("", "Frågan är tom", "The question is empty"),
        ("   ", "Frågan är tom", "The question is empty"),
        ("?!", "inga ord", "no words"),
        ("x" * 1001, "för lång (1001 tecken, högst 1000)", "too long (1001 characters, at most 1000)"),
        ("a\x00b", "styrtecken", "control characters"),
    ],
)
def test_an_invalid_question_is_explained_in_the_pages_language(question, sv, en):
    with pytest.raises(InvalidQuestion) as caught:
        validate_question(question)
    assert sv in error_text(caught.value, "sv")
    assert en in error_text(caught.value, "en")


def test_service_errors_are_explained_in_the_pages_language():
    assert "plansvar ingest" in error_text(IndexMissing("x"), "sv")
    assert error_text(IndexMissing("x"), "sv").startswith("Inga planer")
    assert error_text(Busy("x"), "en").startswith("The service is busy")
    assert error_text(StoreUnavailable("x"), "sv").startswith("Dokumentlagret")
    assert error_text(ValueError("boom"), "sv") == "unexpected ValueError: boom (run with --debug for details)"


def test_an_unknown_language_falls_back_to_the_default():
    assert language("fr") == "sv" and language(None) == "sv" and language("en") == "en"


def test_a_rate_limit_refusal_is_explained_in_the_pages_language():
    from front.limits import RateLimited

    refused = RateLimited(wait=12.2, per_minute=30)
    assert error_text(refused, "sv") == "För många förfrågningar från din adress (högst 30 i minuten). Vänta 13 s."
    assert error_text(refused, "en").startswith("Too many requests from your address (at most 30 a minute)")
