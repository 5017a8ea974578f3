"""A signature (a person's name and their role or title) is a text shape of its own: it signs a
text and is never a heading (ingest/language/marks.py)."""

from __future__ import annotations

import pytest

from ingest.language.marks import is_signature

SIGNATURES = [
    "Karin Sundin Ordförande Hälso- och sjukvårdsnämnden",
    "Karin Sundin Ordförande Hälso- och sjukvårdsnämnden Region Örebro län",
    "Anna Berg, regiondirektör",
    "Per-Olof Karlsson Förvaltningschef",
    "Maria Lind vice ordförande",
    "Eva Maria Holm Hälso- och sjukvårdsdirektör",
    "Lena Ek Kommunalråd",
    "Sven Ahl, områdeschef Välfärd och folkhälsa",
    "Johan Nilsson Utvecklingsledare",
    "Sara Öberg Verksamhetsansvarig",
    "John Smith, Chair",
    "Jane Doe Director of Public Health",
    "Ali Hassan, Head of Strategy",
]
NOT_SIGNATURES = [
    "Karin Sundin",
    "Region Örebro län",
    "Hälso- och sjukvårdsnämnden",
    "Nära vård i Örebro län",
    "Ordförande och vice ordförande",
    "Mål 1 Stärkt samverkan",
    "Beredningen för nära vård",
    "Uppföljning och ansvar",
    "Region Örebro Län Hälso- och sjukvårdsnämnden",
    "Samordnad individuell plan",
    "Folkhälsorådet ansvarar för uppföljningen",
    "Chefsgruppen för nära vård",
    "Director of Public Health",
]


@pytest.mark.parametrize("line", SIGNATURES)
def test_a_name_and_a_role_is_a_signature(line):
    assert is_signature(line)


@pytest.mark.parametrize("line", NOT_SIGNATURES)
def test_headings_names_alone_and_bodies_are_not_signatures(line):
    assert not is_signature(line)
