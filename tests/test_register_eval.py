"""Scoring a register against gold statements (assistant/register_eval.py)."""

from __future__ import annotations

from assistant.register_eval import evidence_spans, score_register
from ingest.register import Responsibility, normalise_owner


def _found(doc_id: str, owner: str, start: int, end: int) -> Responsibility:
    return Responsibility(owner, normalise_owner(owner), "t", "responsible", doc_id, start, end, start, start + 1)


def test_score_register_matches_one_to_one_on_body_and_overlap():
    text = "Intro. Nämnden ansvarar för planen. Styrelsen beslutar om budgeten."
    gold = [
        {"doc": "plan.txt", "owner": "Nämnden", "evidence": "nämnden ANSVARAR  för planen."},
        {"doc": "plan.txt", "owner": "Styrelsen", "evidence": "Styrelsen beslutar om budgeten."},
        {"doc": "other.txt", "owner": "Nämnden", "evidence": "Nämnden ansvarar för planen."},
    ]
    at = text.index("Nämnden")
    found = [
        _found("plan.txt", "nämnden", at, at + 28),
        _found("plan.txt", "Nämnden", at, at + 28),  # a duplicate matches nothing more
        _found("plan.txt", "Regionen", text.index("Styrelsen"), len(text)),  # wrong body
    ]
    score = score_register(found, gold, {"plan.txt": text, "other.txt": "Något helt annat."})
    assert score == {"precision": 1 / 3, "recall": 1 / 3, "found": 3, "gold": 3, "matched": 1}


def test_a_gold_file_name_finds_its_document_under_a_catalog_id():
    text = "Intro. Nämnden ansvarar för planen."
    gold = [{"doc": "dir.-2020 7.md", "owner": "Nämnden", "evidence": "Nämnden ansvarar för planen."}]
    at = text.index("Nämnden")
    found = [_found("dir-2020-7", "Nämnden", at, len(text))]
    texts = {"dir-2020-7": text, "other": "Nämnden beslutar."}
    assert score_register(found, gold, texts, {"dir.-2020 7.md": "dir-2020-7"})["matched"] == 1
    assert score_register(found, gold, texts)["matched"] == 1  # no map: the one document holding the evidence
    assert score_register(found, gold, {**texts, "copy": text})["matched"] == 0  # two hold it: no guess


def test_evidence_spans_fall_back_to_a_40_character_window():
    text = "Inledning. I Örebro län finns fyra Finsamförbund som arbetar med detta men mer stöd behövs för dem."
    evidence = "I Örebro län finns fyra Finsam- förbund som arbetar med detta men mer stöd behövs för dem."
    [(start, end)] = evidence_spans(evidence, text)
    assert text[start:].startswith("I Örebro län") or start <= text.index("I Örebro län") + 3
    assert end > text.index("mer stöd")
    assert evidence_spans("finns inte alls i texten", text) == []
