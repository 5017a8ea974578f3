"""The bank of example questions (tests/data/questions.jsonl): shape, labels and coverage.

The bank is data for testing question analysis; tests/data/README.md defines every label.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

BANK = Path(__file__).parent / "data" / "questions.jsonl"

KINDS = {
    "owner", "recipient", "parties", "date", "period", "number", "amount", "place",
    "contact", "list", "definition", "yesno", "comparison", "reason", "manner", "fact",
}
REQUIRED = {"q", "lang", "expects", "focus", "follow_up"}
OPTIONAL = {"also", "note"}
QUESTION_WORDS = {
    "vem", "vad", "när", "hur", "varför", "vilken", "vilket", "vilka",
    "who", "what", "when", "how", "why", "which", "where",
}
PRONOUN = re.compile(r"\b(det|den|it|that|this)\b", re.IGNORECASE)
EDGE_PUNCTUATION = "?.,!:;\"'()«»"


def load_bank(path: Path = BANK) -> list[dict]:
    """Every line of the bank as a dict; a line that is not a JSON object fails with its number."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            raise AssertionError(f"{path.name}:{number}: not JSON: {e}") from e
        if not isinstance(item, dict):
            raise AssertionError(f"{path.name}:{number}: not a JSON object")
        items.append(item)
    return items


def words(question: str) -> list[str]:
    """The question's words, lower-cased, with punctuation trimmed at their edges (inner - and ' kept)."""
    return [w for w in (t.strip(EDGE_PUNCTUATION) for t in question.lower().split()) if w]


@pytest.fixture(scope="module")
def bank() -> list[dict]:
    return load_bank()


def test_every_item_has_the_fields_and_types(bank):
    for item in bank:
        keys = set(item)
        assert REQUIRED <= keys <= REQUIRED | OPTIONAL, item
        assert isinstance(item["q"], str) and item["q"].strip(), item
        assert item["lang"] in {"sv", "en"}, item
        assert isinstance(item["follow_up"], bool), item
        assert isinstance(item["focus"], list) and all(isinstance(w, str) for w in item["focus"]), item
        assert isinstance(item.get("note", ""), str), item


def test_labels_are_the_defined_kinds(bank):
    for item in bank:
        assert item["expects"] in KINDS, item
        also = item.get("also")
        if also is not None:
            assert also and set(also) <= KINDS and item["expects"] not in also, item


def test_focus_words_are_the_questions_own_words_in_order(bank):
    for item in bank:
        question = words(item["q"])
        focus = item["focus"]
        assert all(w == w.lower() for w in focus), item
        assert len(set(focus)) == len(focus), item
        positions = [question.index(w) if w in question else -1 for w in focus]
        assert -1 not in positions, item
        assert positions == sorted(positions), item
        assert not QUESTION_WORDS & set(focus), item


def test_a_question_that_stands_alone_has_focus(bank):
    assert all(item["focus"] for item in bank if not item["follow_up"])


def test_no_question_is_written_twice(bank):
    counts = Counter(" ".join(words(item["q"])) for item in bank)
    assert [q for q, n in counts.items() if n > 1] == []


def test_every_kind_and_both_languages_are_covered(bank):
    kinds = Counter(item["expects"] for item in bank)
    assert {kind: kinds[kind] for kind in KINDS if kinds[kind] < 15} == {}
    languages = Counter(item["lang"] for item in bank)
    assert languages["sv"] >= 180 and languages["en"] >= 180, languages


def test_follow_ups_and_the_pronouns_that_do_not_make_one(bank):
    follow_ups = [item for item in bank if item["follow_up"]]
    standalone_with_pronoun = [i for i in bank if not i["follow_up"] and PRONOUN.search(i["q"])]
    assert len(follow_ups) >= 30
    assert len(standalone_with_pronoun) >= 60


def test_the_hard_cases_are_there(bank):
    """Subordinate när/when, vilka/which that is not owner, two-part questions, yes/no in both languages."""
    when_not_date = [i for i in bank if {"när", "when"} & set(words(i["q"])[1:]) and i["expects"] != "date"]
    which_not_owner = [i for i in bank if {"vilka", "which"} & set(words(i["q"])) and i["expects"] != "owner"]
    two_part = [i for i in bank if i.get("also")]
    yesno = Counter(i["lang"] for i in bank if i["expects"] == "yesno")
    assert len(when_not_date) >= 15
    assert len(which_not_owner) >= 30
    assert len(two_part) >= 8
    assert yesno["sv"] >= 25 and yesno["en"] >= 25, yesno
