"""The chat tab's handlers: feedback lands on the answer it was given on, one vote per answer."""

from __future__ import annotations

import gradio as gr
import pytest

from front.feedback import FeedbackStore
from front.page.chat import ChatHandlers, new_session
from front.page.shell import Page


def _answer(question: str, text: str) -> dict:
    return {"question": question, "text": text, "language": "sv", "citations": [], "related": []}


@pytest.fixture
def store(tmp_path) -> FeedbackStore:
    return FeedbackStore(tmp_path / "feedback.sqlite3")


@pytest.fixture
def handlers(make_settings, store) -> ChatHandlers:
    return ChatHandlers(Page(None, make_settings()), store)


@pytest.fixture
def session() -> dict:
    """Two questions answered: the chat's messages are [q1, a1, q2, a2], answers at indexes 1 and 3."""
    st = new_session()
    st["questions"] = ["Vem följer upp färdplanen?", "Vad är en SIP?"]
    st["answers"] = {
        1: _answer("Vem följer upp färdplanen?", "Chefsgruppen [1]"),
        3: _answer("Vad är en SIP?", "En plan"),
    }
    return st


def _like(index: int, liked: bool | str) -> gr.LikeData:
    """What Gradio's chatbot sends for a thumb: the message's index, its content, and the vote."""
    return gr.LikeData(None, {"index": index, "value": ["…"], "liked": liked})


def test_a_vote_on_an_earlier_answer_is_stored_with_that_answer(handlers, store, session):
    handlers.vote(session, "sv", _like(1, False))
    (row,) = store.rows()
    assert row["question"] == "Vem följer upp färdplanen?" and row["answer"] == "Chefsgruppen [1]"
    assert row["liked"] is False


def test_a_later_vote_on_the_same_answer_replaces_the_earlier_one(handlers, store, session):
    session, *_ = handlers.vote(session, "sv", _like(3, True))
    session, *_ = handlers.vote(session, "sv", _like(3, False))
    (row,) = store.rows()
    assert row["question"] == "Vad är en SIP?" and row["liked"] is False


def test_votes_on_two_answers_are_two_votes(handlers, store, session):
    session, *_ = handlers.vote(session, "sv", _like(1, True))
    session, *_ = handlers.vote(session, "sv", _like(3, False))
    assert {(r["question"], r["liked"]) for r in store.rows()} == {
        ("Vem följer upp färdplanen?", True),
        ("Vad är en SIP?", False),
    }


def test_a_vote_taken_back_is_removed(handlers, store, session):
    session, *_ = handlers.vote(session, "sv", _like(1, True))
    session, *_ = handlers.vote(session, "sv", _like(1, ""))  # the chosen thumb clicked again
    assert list(store.rows()) == []
    assert session["vote"] is None


def test_a_vote_on_a_message_without_an_answer_stores_nothing(handlers, store, session):
    handlers.vote(session, "sv", _like(5, True))  # e.g. an error message
    assert list(store.rows()) == []


def test_a_comment_goes_with_the_answer_last_voted_on(handlers, store, session):
    session, *_ = handlers.vote(session, "sv", _like(3, True))
    session, *_ = handlers.vote(session, "sv", _like(1, False))
    status, left = handlers.comment("Fel år.", session, "sv")
    assert status.startswith("Tack") and left == ""
    comments = {r["question"]: r["comment"] for r in store.rows()}
    assert comments == {"Vem följer upp färdplanen?": "Fel år.", "Vad är en SIP?": ""}


def test_a_comment_before_any_vote_asks_for_a_vote_first_in_the_pages_language(handlers, session):
    assert handlers.comment("Bra", session, "en")[0] == "First give an answer a thumbs up or down."


def test_the_page_says_what_happened_to_the_vote_in_its_language(handlers, session):
    session, _, said = handlers.vote(session, "en", _like(1, False))
    assert said == "Your rating (thumbs down) is saved. You may add a comment."
    session, _, said = handlers.vote(session, "sv", _like(1, ""))
    assert said == "Ditt omdöme är borttaget."
