"""Follow-up recognition: a question is read together with the previous one only when it cannot
stand alone (question analysis in ingest/language/questions.py), not whenever it holds "det" or "it"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.engine import resolve_follow_up
from ingest.language.questions import FOLLOW_UP_MAX_WORDS, cannot_stand_alone

STANDALONE = [
    # "finns det", "står det", "det … som/att": placeholder subjects, not references
    "Hur många mellanvårdsplatser finns det på Tullhuset?",
    "finns det en plan för psykisk hälsa?",
    "Finns det en plan för X?",
    "Vad står det i färdplanen om barn?",
    "Vad innebär det att ha en SIP?",
    "Hur många platser finns det?",
    "Fanns det pengar till mobila team 2021?",
    "Är det regionen som ansvarar för SIP?",
    "Vad är det för skillnad mellan SIP och vårdplan?",
    # no reference at all
    "Vem ansvarar för uppföljningen av färdplanen?",
    "Vad är en SIP?",
    "Vad står SMO för?",
    "Vad är nära vård?",
    "Vilka mål har handlingsplanen?",
    "Hur mycket kostar satsningen på nära vård?",
    "När antogs färdplanen för nära vård?",
    "SIP?",
    "Nära vård",
    "who owns the SIP assignment?",
    "Who follows up the road map?",
    "What is a SIP?",
    "How long does it take to get a coordinated care plan?",
    "Is it true that the region owns the SIP work?",
    "Is there a plan for mental health?",
    "Which plans mention that the region owns SIP?",
    # articles and demonstratives in front of a noun point at that noun
    "Hur stor är den nya vårdcentralen?",
    "När öppnar det nya korttidsboendet?",
    "Vem driver de mobila teamen?",
    "When was this plan adopted?",
    "What does this report say about waiting times?",
    "Who chairs that committee?",
    # impersonal "det" and "it"
    "Hur fungerar det med hemtjänsten på helger?",
    "Hur går det med bygget av Tullhuset?",
    "Is it possible to get a SIP without a referral?",
    # long questions stand alone even when they refer back
    "Vilka politiska beredningar skulle under 2021 hålla koll på försöket med samlad medicinsk vård?",
    "Vem i regionen ansvarar för att den nya planen för psykisk hälsa följs upp varje år?",
    "",
]

FOLLOW_UPS = [
    # continues the previous question
    "och vem följer upp den?",
    "Och i Karlskoga?",
    "och 2023?",
    "Men vem beslutade det?",
    "Samt vilka kommuner?",
    "Hur är det med barn och unga?",
    "what about 2023?",
    "What about the municipalities?",
    "and who follows it up?",
    "But who decided?",
    "How about children?",
    "Finns det en för barn också?",
    "Vad händer då?",
    "Och Lindesberg då?",
    "Who pays for it then?",
    # a question word and a pronoun, next to nothing of its own
    "vem följer upp den?",
    "Vem ansvarar för det?",
    "Vem har ansvaret för detta?",
    "Vad kostar det?",
    "Hur mycket kostar det?",
    "Vilka mål har den?",
    "Vilka ingår i den?",
    "När antogs den?",
    "Gäller den fortfarande?",
    "Vad är det?",
    "Vad innebär det?",
    "Vem arbetar där?",
    "Vad säger den om barn?",
    "Who is responsible for it?",
    "Who decided that?",
    "When was it adopted?",
    "Is it still valid?",
    "What does it say about SIP?",
    "What are its goals?",
    "Who wrote them?",
    "Vilket år gäller de?",
    "Vad betyder det?",
    "When does it have to be ready?",
    "Samma sak för Lindesberg?",
    "same for the elderly?",
    # fragments: no verb or no content of their own
    "Varför?",
    "Hur?",
    "Vad då?",
    "Vilket år?",
    "Vilken nämnd?",
    "Which committee?",
    "Who decides?",
    "2023?",
    "Why?",
]


@pytest.mark.parametrize("question", STANDALONE)
def test_a_question_that_stands_alone_is_not_a_follow_up(question):
    assert not cannot_stand_alone(question)


@pytest.mark.parametrize("question", FOLLOW_UPS)
def test_a_question_that_cannot_stand_alone_is_a_follow_up(question):
    assert cannot_stand_alone(question)


def test_follow_ups_are_short():
    assert max(len(q.split()) for q in FOLLOW_UPS) <= FOLLOW_UP_MAX_WORDS


def test_the_defect_question_after_an_unrelated_one_is_searched_alone():
    question = "Hur många mellanvårdsplatser finns det på Tullhuset?"
    assert resolve_follow_up(question, ["Vem ansvarar för SIP?"]) == question


def test_a_follow_up_is_searched_with_the_previous_question():
    query = resolve_follow_up("what about 2023?", ["Who was assigned to follow up the plan in 2022?"])
    assert query == "what about 2023? (Who was assigned to follow up the plan in 2022?)"


# The labelled question bank (tests/data/questions.jsonl, written apart from these rules) checks them
# on questions they were not written from.
QUESTION_BANK = Path(__file__).parent / "data" / "questions.jsonl"


@pytest.mark.skipif(not QUESTION_BANK.is_file(), reason="the labelled question bank is not in this checkout")
def test_agreement_with_the_labelled_question_bank():
    rows = [json.loads(line) for line in QUESTION_BANK.read_text(encoding="utf-8").splitlines() if line.strip()]
    labelled = [(r["q"], bool(r["follow_up"])) for r in rows if "follow_up" in r]
    wrong = [(q, label) for q, label in labelled if cannot_stand_alone(q) != label]
    follow_ups = [q for q, label in labelled if label]
    missed = [q for q, label in wrong if label]
    assert len(wrong) <= 0.03 * len(labelled), wrong[:20]
    assert len(missed) <= 0.15 * len(follow_ups), missed[:20]
