"""Owner keys: variants of one body meet, different bodies stay apart."""

from __future__ import annotations

import pytest

from ingest.register import normalise_owner, same_body


@pytest.mark.parametrize(
    "variants",
    [
        (
            "Chefsgrupp social välfärd samt vård och omsorg",
            "chefsgruppen för samverkan för social välfärd samt vård- och omsorg",
            "Chefsgruppen för social välfärd samt vård och omsorg",
            "Chefsgrupp i samverkan social välfärd samt vård och omsorg",
        ),
        (
            "Hälso- och sjukvårdsnämndens beredning för närsjukvård",
            "Hälso- och sjukvårdens beredning för närsjukvård",
            "beredningen för närsjukvård",
            "Beredning för närsjukvård",
        ),
        ("Hälso- och sjukvårdsnämnden", "regionens Hälso- och sjukvårdsnämnd", "hälso- och sjukvårdsnämndens"),
        ("Finsam-förbund", "Finsamförbunden"),
    ],
)
def test_normalise_owner_merges_variants(variants):
    assert len({normalise_owner(v) for v in variants}) == 1, [normalise_owner(v) for v in variants]


def test_normalise_owner_keeps_different_bodies_apart():
    keys = [
        normalise_owner(name)
        for name in (
            "Hälso- och sjukvårdsnämnden",
            "Hälso- och sjukvårdsförvaltningen",
            "Regionstyrelsen",
            "Regionfullmäktige",
            "Beredning för närsjukvård",
            "Beredning för psykiatri, habilitering och hjälpmedel",
            "Region Örebro län, länets kommuner samt civila samhället",
        )
    ]
    assert len(set(keys)) == len(keys)
    assert keys[-1].startswith("region")  # a possessor inside a list does not swallow its first member


def test_same_body_reads_parentheses_as_alternative_names():
    assert same_body("Förvaltningen", "Förvaltningen (hälso- och sjukvårdsförvaltningen)")
    assert same_body("hälso- och sjukvårdsförvaltningen", "Förvaltningen (hälso- och sjukvårdsförvaltningen)")
    assert same_body("Hälso- och sjukvårdsförvaltningen", "Hälso- och sjukvårdsförvaltningen (i samråd med X)")
    assert not same_body("Regionstyrelsen", "Chefsgrupp social välfärd samt vård och omsorg")
    assert not same_body("Region Örebro län", "Regionfullmäktige")  # generic words alone do not match




@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("kommittén (statligt huvudmannaskap)", "en parlamentariskt sammansatt kommitté"),  # é folded
        ("utredaren", "utredningen Sammanhållen kunskapsstyrning (S 2018:12)"),  # a bare role and its inquiry
        ("Samordnaren", "en nationell samordnare"),
        ("Folkhälsomyndighetens", "Folkhälsomyndigheten"),
        ("Myndigheten för delaktighet (MFD)", "MFD"),
    ],
)
def test_same_body(a: str, b: str):
    assert same_body(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Region Örebro län", "Kommunfullmäktige i Örebro kommun"),  # the place alone names no body
        ("Kumla kommun", "Hallsbergs kommun"),
        ("utredaren", "Socialstyrelsen"),
        ("Skolverket", "Specialpedagogiska skolmyndigheten"),
    ],
)
def test_different_bodies(a: str, b: str):
    assert not same_body(a, b)
