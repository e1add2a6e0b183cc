"""The LEFt rule: scoring, explanation and input checks."""

from __future__ import annotations

import math

import pytest
import yaml

from legpain import DataError, left_score, load_course


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
    assert "1 of 30" in result.meaning  # OPTIMEV: one woman in 30 with a score of 0 had a DVT
    assert "not a stand-alone test" in result.limits
    assert {"S50", "S51", "S54"} <= set(result.source_ids)


@pytest.mark.parametrize("score", range(4))
def test_every_score_still_means_a_scan_with_lmwh(score):
    """RCOG 37b: every suspected DVT has a compression duplex scan, with LMWH until a clot is excluded."""
    result = left_score(score >= 1, 2.0 if score >= 2 else 0.0, score >= 3)
    assert result.score == score
    assert "compression duplex ultrasound scan, with LMWH until a clot is excluded" in result.meaning
    assert "S54" in result.source_ids


def test_limits_say_the_rule_does_not_decide_the_scan_and_d_dimer_practice_differs():
    limits = left_score(True, 0.0, False).limits
    assert "does not decide whether to scan" in limits
    assert "practice differs" in limits and "RCOG 37b does not use a D-dimer" in limits


# The counts published for the OPTIMEV cohort (S51): DVT in 1/30, 3/35, 2/20 and 3/4 women with 0 to 3 points.
OPTIMEV = {0: (1, 30), 1: (3, 35), 2: (2, 20), 3: (3, 4)}


@pytest.mark.parametrize("score", range(4))
def test_each_score_carries_the_counts_behind_its_percentage(score):
    result = left_score(score >= 1, 2.0 if score >= 2 else 0.0, score >= 3)
    assert (result.women_with_dvt, result.women) == OPTIMEV[score]
    assert result.cohort == "OPTIMEV cohort"
    assert result.observed.startswith(f"{OPTIMEV[score][0]} of {OPTIMEV[score][1]} women (")
    assert result.to_dict()["women"] == OPTIMEV[score][1]


def _break_band(data_copy, index, **changes):
    path = data_copy / "left_rule.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["interpretation"][index].update(changes)
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_course(data_copy)
    return caught.value


def test_more_women_with_a_dvt_than_women_is_rejected(data_copy):
    error = _break_band(data_copy, 3, women_with_dvt=5)
    assert (error.file, error.row, error.column) == ("data/left_rule.yaml", "interpretation[3]", "women_with_dvt")


def test_a_percentage_that_disagrees_with_its_counts_is_rejected(data_copy):
    error = _break_band(data_copy, 1, observed_dvt_percent=12)
    assert (error.row, error.column) == ("interpretation[1]", "observed_dvt_percent")
    assert "3 of 35" in str(error)


def test_a_band_without_its_denominator_is_rejected(data_copy):
    path = data_copy / "left_rule.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    del raw["interpretation"][0]["women"]
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_course(data_copy)
    assert (caught.value.file, caught.value.column) == ("data/left_rule.yaml", "interpretation.0.women")


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
