"""The LEFt rule: scoring, explanation and input checks."""

from __future__ import annotations

import math

import pytest

from legpain import left_score


@pytest.mark.parametrize(
    "left_leg, calf, first, score",
    [
        (False, 0.0, False, 0),
        (True, 0.0, False, 1),
        (False, 2.0, False, 1),
        (False, 1.9, False, 0),
        (False, 0.0, True, 1),
        (True, 2.5, False, 2),
        (True, 3, True, 3),
    ],
)
def test_one_point_per_criterion(left_leg, calf, first, score):
    assert left_score(left_leg, calf, first).score == score


def test_points_are_named():
    assert left_score(True, 2.0, True).points == ["left_leg", "calf_difference", "first_trimester"]


def test_zero_score_explains_it_does_not_rule_out_a_clot():
    result = left_score(False, 0.5, False)
    assert "does not rule a clot out" in result.meaning
    assert "not for use alone" in result.limits
    assert "S50" in result.source_ids


def test_observed_risk_rises_with_score():
    risks = [left_score(s >= 1, 2.0 if s >= 2 else 0.0, s >= 3).observed_dvt_percent for s in range(4)]
    assert risks == sorted(risks) and risks[0] < risks[3]


@pytest.mark.parametrize("calf", [-0.5, -3])
def test_negative_calf_difference_says_how_to_measure(calf):
    with pytest.raises(ValueError, match="cannot be negative.*larger minus the smaller"):
        left_score(True, calf, False)


@pytest.mark.parametrize("calf", [16, 40.0])
def test_implausible_calf_difference_asks_to_check_units(calf):
    with pytest.raises(ValueError, match="centimetres"):
        left_score(True, calf, False)


@pytest.mark.parametrize("calf", ["2", None, math.nan, math.inf, True])
def test_non_numeric_calf_difference(calf):
    with pytest.raises(ValueError, match="number of centimetres"):
        left_score(True, calf, False)


@pytest.mark.parametrize("flag", ["yes", 1, None])
def test_flags_must_be_booleans(flag):
    with pytest.raises(ValueError, match="True or False"):
        left_score(flag, 1.0, False)
    with pytest.raises(ValueError, match="True or False"):
        left_score(False, 1.0, flag)
