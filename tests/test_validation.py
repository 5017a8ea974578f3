"""Questions are checked before anything touches the index: `validate_question` and `Assistant.ask`."""

from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.errors import AssistantError, InvalidQuestion
from assistant.options import AnswerOptions
from assistant.validation import MAX_QUESTION_CHARS, validate_question


@pytest.mark.parametrize("question", ["", " ", "   \n\t  ", "\r\n", "\u00a0\u2003"])
def test_empty_or_whitespace_only_question_is_rejected_with_a_clear_message(question):
    with pytest.raises(InvalidQuestion) as info:
        validate_question(question)
    assert str(info.value) == "the question is empty; please type a question about the plans"


def test_invalid_question_is_an_assistant_error_the_ui_can_show():
    assert issubclass(InvalidQuestion, AssistantError)


def test_question_over_the_default_limit_names_the_limit():
    with pytest.raises(InvalidQuestion) as info:
        validate_question("a" * (MAX_QUESTION_CHARS + 1))
    message = str(info.value)
    assert f"at most {MAX_QUESTION_CHARS}" in message
    assert f"{MAX_QUESTION_CHARS + 1} characters" in message
    assert "too long" in message


def test_question_over_a_custom_limit_names_that_limit():
    with pytest.raises(InvalidQuestion, match=r"too long \(41 characters; at most 40\)"):
        validate_question("x" * 41, max_chars=40)


def test_question_exactly_at_the_limit_passes():
    assert validate_question("å" * 40, max_chars=40) == "å" * 40


def test_the_limit_applies_after_whitespace_is_collapsed():
    padded = "   " + "ord " * 10 + "   "  # 40 characters as typed, 39 once collapsed
    assert validate_question(padded, max_chars=39) == ("ord " * 10).strip()


@pytest.mark.parametrize(
    "question",
    [
        "Vem ansvarar\x00 för planen?",
        "\x1b[31mVem ansvarar för planen?",
        "Vem ansvarar för \u202eplanen?",
        "Vem ansvarar för planen?\x7f",
        "Vem\u200f ansvarar för planen?",
        "\x08",
    ],
)
def test_control_characters_are_rejected(question):
    with pytest.raises(InvalidQuestion, match="control characters"):
        validate_question(question)


@pytest.mark.parametrize("question", ["0\ud800", "Vem ansvarar för \udfff planen?", "\udbff\udc00 wrong order"])
def test_a_lone_half_of_a_utf16_pair_is_rejected(question):
    """JSON may carry "\\ud800"; such a string cannot be written out as UTF-8 (an answer echoing it failed)."""
    with pytest.raises(InvalidQuestion, match="broken character") as e:
        validate_question(question)
    assert e.value.reason == "not_text"


def test_question_of_only_punctuation_is_rejected():
    with pytest.raises(InvalidQuestion, match="no words"):
        validate_question("?!? …")


def test_non_text_question_is_rejected():
    with pytest.raises(InvalidQuestion, match="must be text"):
        validate_question(None)


def test_swedish_question_passes_with_whitespace_collapsed():
    raw = "  Vem   ansvarar\tför\n uppföljningen av\r\nfärdplanen   för äldre på Öland?  "
    assert validate_question(raw) == "Vem ansvarar för uppföljningen av färdplanen för äldre på Öland?"


def test_decomposed_swedish_letters_are_normalised_to_composed_form():
    decomposed = "Vem fo\u0308ljer upp va\u030ard?"  # ö and å as a letter plus a combining mark
    assert validate_question(decomposed) == "Vem följer upp vård?"


# -- Assistant.ask validates before retrieving ---------------------------------------------------


@pytest.fixture
def recorded_retrieval(corpus_retriever, monkeypatch):
    """An Assistant on the real corpus whose retriever records every search instead of running it."""
    assistant = Assistant(corpus_retriever)
    calls: list[tuple] = []

    def record(*args, **kwargs):
        calls.append((args, kwargs))
        return []

    monkeypatch.setattr(assistant.retriever, "retrieve", record)
    monkeypatch.setattr(assistant.retriever, "query_vector", record)
    return assistant, calls


@pytest.mark.integration
@pytest.mark.parametrize("question", ["", "   \n  ", "\x1b[31m"])
def test_ask_rejects_an_invalid_question_without_touching_the_index(recorded_retrieval, question):
    assistant, calls = recorded_retrieval

    with pytest.raises(InvalidQuestion):
        assistant.ask(question)
    with pytest.raises(InvalidQuestion):
        assistant.ask(question, history=["Vad är färdplanen?"])

    assert calls == []


@pytest.mark.integration
def test_the_recorder_does_see_a_valid_question(recorded_retrieval):
    """The check above can fail: a valid question does reach the (recorded) retriever."""
    assistant, calls = recorded_retrieval

    answer = assistant.ask("Vem ansvarar för färdplanen?")

    assert calls, "a valid question must be searched"
    assert calls[0][0][0] == "Vem ansvarar för färdplanen?"
    assert not answer.supported  # the recorder found nothing, so nothing can be claimed


@pytest.mark.integration
def test_ask_uses_the_assistants_own_length_limit(corpus_retriever, monkeypatch):
    assistant = Assistant(corpus_retriever, AnswerOptions(max_question_chars=20))
    calls: list[str] = []
    monkeypatch.setattr(assistant.retriever, "retrieve", lambda query, k: calls.append(query) or [])

    with pytest.raises(InvalidQuestion, match="at most 20"):
        assistant.ask("Vem ansvarar för uppföljningen?")

    assert calls == []
