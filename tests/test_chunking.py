"""Chunking: exact offsets, section boundaries, list lead-ins, token limits, ids."""

from __future__ import annotations

import itertools

import pytest

from ingest.chunking import chunk_document
from ingest.documents import build_document
from ingest.tokens import count_tokens
from ingest.types import CleanDocument, LoadedFile, LoadedPage

LEAD_IN = "Hälso- och sjukvårdsförvaltningen får i uppdrag att:"
MAX_TOKENS = 512


def _doc(text: str, name: str = "plan.txt") -> CleanDocument:
    return build_document(LoadedFile(name, "txt", [LoadedPage(text, None)]))


def _items(n: int) -> str:
    return "\n".join(
        f"{i}. Ta fram och genomföra en plan för att stärka samverkan kring barn och unga med psykisk "
        f"ohälsa i länets kommuner, med tydlig uppföljning av insatserna och återrapportering till "
        f"nämnden senast under år {2020 + i % 4}."
        for i in range(1, n + 1)
    )


ASSIGNMENTS = f"""1. Inledning

1.1 Bakgrund

Planen beskriver hur regionen och kommunerna arbetar tillsammans.

1.2 Syfte

Syftet är att stärka den psykiska hälsan.

2. Uppdrag

{LEAD_IN}

{_items(15)}

3. Uppföljning

Uppföljningen sker årligen.
"""


@pytest.fixture(scope="module")
def doc() -> CleanDocument:
    return _doc(ASSIGNMENTS)


@pytest.fixture(scope="module")
def chunks(doc):
    return chunk_document(doc)


def test_chunk_text_is_exactly_the_document_slice(doc, chunks):
    assert len(chunks) > 3
    for chunk in chunks:
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.doc_id == doc.doc_id == "plan.txt"


def test_chunks_are_in_order_and_do_not_overlap(chunks):
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    assert all(a.end <= b.start for a, b in itertools.pairwise(chunks))


def test_chunks_never_cross_a_heading(doc, chunks):
    headings = [b for b in doc.blocks if b.kind == "heading"]
    assert len(headings) == 5
    for chunk in chunks:
        for h in headings:
            assert not (chunk.start < h.start < chunk.end), (chunk.text, doc.text[h.start : h.end])


def test_section_is_the_heading_path(chunks):
    by_text = {c.text.split("\n")[0]: c.section for c in chunks}
    assert by_text["1.1 Bakgrund"] == "1. Inledning > 1.1 Bakgrund"
    assert by_text["1.2 Syfte"] == "1. Inledning > 1.2 Syfte"
    assert by_text["3. Uppföljning"] == "3. Uppföljning"
    item_chunks = [c for c in chunks if "Ta fram och genomföra" in c.text]
    assert item_chunks and all(c.section == "2. Uppdrag" for c in item_chunks)


def test_item_far_below_its_lead_in_carries_it_as_context(chunks):
    item = "12. Ta fram och genomföra"
    (chunk,) = [c for c in chunks if item in c.text]
    assert LEAD_IN not in chunk.text
    assert chunk.context == LEAD_IN
    assert LEAD_IN in chunk.index_text
    assert chunk.index_text.index(LEAD_IN) < chunk.index_text.index(item)
    assert chunk.section in chunk.index_text


def test_chunk_holding_the_lead_in_has_no_extra_context(chunks):
    (chunk,) = [c for c in chunks if LEAD_IN in c.text]
    assert chunk.context == ""
    assert "1. Ta fram och genomföra" in chunk.text  # the lead-in stays with its first item


def test_chunks_outside_the_list_have_no_context(chunks):
    others = [c for c in chunks if c.section != "2. Uppdrag"]
    assert others and all(c.context == "" for c in others)


def test_paragraph_after_the_list_does_not_inherit_the_lead_in():
    paragraphs = "\n\n".join(
        f"Kommunerna ansvarar för socialtjänsten och elevhälsan i del {i} av arbetet, och rapporterar "
        "resultatet till det politiska samrådet varje år i en gemensam rapport."
        for i in range(1, 9)
    )
    doc = _doc(f"2. Uppdrag\n\n{LEAD_IN}\n\n{_items(8)}\n\n{paragraphs}\n")
    after = [c for c in chunk_document(doc) if c.text.startswith("Kommunerna ansvarar")]
    assert after
    assert all(c.context == "" for c in after)


def test_chunk_ids_are_unique_and_name_the_document(chunks):
    ids = [c.chunk_id for c in chunks]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("plan.txt#") for i in ids)


def test_chunk_ids_change_when_the_text_changes(chunks):
    other = chunk_document(_doc(ASSIGNMENTS.replace("årligen", "varje kvartal")))
    assert {c.chunk_id for c in chunks}.isdisjoint(c.chunk_id for c in other)


def test_all_chunks_are_under_the_token_limit(chunks):
    assert max(count_tokens(c.text) for c in chunks) < MAX_TOKENS


def test_enormous_paragraph_without_full_stops_is_split_under_the_limit():
    words = [
        "regionen",
        "kommunerna",
        "samverkan",
        "psykisk",
        "hälsa",
        "barn",
        "unga",
        "uppföljning,",
        "ansvar",
    ]
    para = " ".join(itertools.islice(itertools.cycle(words), 4000))
    wrapped = "\n".join(para[i : i + 80] for i in range(0, len(para), 80))
    doc = _doc(f"Bilaga\n\nTabellen nedan saknar punkter.\n\nRegionen {wrapped}\n")
    chunks = chunk_document(doc)
    assert count_tokens(doc.text) > 5 * MAX_TOKENS
    assert len(chunks) > 5
    for chunk in chunks:
        assert count_tokens(chunk.text) <= MAX_TOKENS
        assert chunk.text == doc.text[chunk.start : chunk.end]
    # together the chunks still hold every word
    assert "".join("".join(c.text.split()) for c in chunks) == "".join(doc.text.split())


def test_text_without_any_spaces_is_split_under_the_limit():
    run = "Regionenskaarbetaförattstärkadenpsykiskahälsanhosbarnochungaihelalänet" * 40
    doc = _doc(f"Bilaga\n\nTexten nedan saknar mellanslag.\n\n{run}\n")
    assert max(count_tokens(c.text) for c in chunk_document(doc)) <= MAX_TOKENS


def test_pdf_chunks_know_their_page():
    pages = [
        LoadedPage("1. Inledning\n\nPlanen beskriver arbetet i länet.\n", 1),
        LoadedPage("2. Ansvar\n\nRegionen ansvarar för psykiatrin.\n", 2),
    ]
    doc = build_document(LoadedFile("plan.pdf", "pdf", pages))
    chunks = chunk_document(doc)
    pages_by_section = {c.section: c.page for c in chunks}
    assert pages_by_section == {"1. Inledning": 1, "2. Ansvar": 2}
