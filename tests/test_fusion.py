"""Weighted reciprocal-rank fusion."""

from __future__ import annotations

import pytest

from index.fusion import reciprocal_rank_fusion


def test_scores_match_the_formula_for_two_rankings():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["b", "c", "d"]], k=60)
    expected = {
        "a": 1 / 61,
        "b": 1 / 62 + 1 / 61,
        "c": 1 / 63 + 1 / 62,
        "d": 1 / 63,
    }
    assert [item for item, _ in fused] == ["b", "c", "a", "d"]
    assert dict(fused) == pytest.approx(expected)


def test_k_changes_the_scores():
    fused = dict(reciprocal_rank_fusion([["a", "b"]], k=1))
    assert fused == pytest.approx({"a": 1 / 2, "b": 1 / 3})


def test_weights_scale_each_ranking():
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b"]], k=10, weights=[2.0, 0.5]))
    assert fused == pytest.approx({"a": 2 / 11, "b": 2 / 12 + 0.5 / 11})


def test_weights_change_the_order():
    rankings = [["a", "b"], ["b", "a"]]
    assert [i for i, _ in reciprocal_rank_fusion(rankings, weights=[2.0, 1.0])] == ["a", "b"]
    assert [i for i, _ in reciprocal_rank_fusion(rankings, weights=[1.0, 2.0])] == ["b", "a"]


def test_ties_are_broken_by_id_whatever_the_input_order():
    forward = reciprocal_rank_fusion([["y", "x"], ["x", "y"]])
    backward = reciprocal_rank_fusion([["x", "y"], ["y", "x"]])
    assert forward == backward
    assert [i for i, _ in forward] == ["x", "y"]
    assert forward[0][1] == forward[1][1]


def test_single_ranking_keeps_its_order():
    ranking = ["c", "a", "b"]
    assert [i for i, _ in reciprocal_rank_fusion([ranking])] == ranking


def test_no_rankings_give_nothing():
    assert reciprocal_rank_fusion([]) == []


@pytest.mark.parametrize("weights", [[1.0], [1.0, 2.0, 3.0]])
def test_mismatched_weights_raise(weights):
    with pytest.raises(ValueError, match="one weight per ranking"):
        reciprocal_rank_fusion([["a"], ["b"]], weights=weights)


def test_empty_weights_for_rankings_raise():
    with pytest.raises(ValueError, match="one weight per ranking"):
        reciprocal_rank_fusion([["a"], ["b"]], weights=[])
