"""The stages (legpain.stages): what a student types, and the sentence she reads when it is wrong."""

from __future__ import annotations

import pytest

from legpain.stages import AFTER_BIRTH, PREGNANT, UNKNOWN, Stage, check_stage, check_weeks, stage_from_number


def test_each_stage_describes_itself_and_the_unknown_stage_says_it_counts_as_the_most_dangerous():
    assert Stage(weeks=12).describe() == "week 12 of pregnancy"
    assert Stage(days_after_birth=3).describe() == "day 3 after the birth"
    assert Stage(days_after_birth=0).describe() == "day 0 after the birth"
    assert Stage().describe() == "stage not given (treated as the most dangerous stage)"


def test_a_week_outside_pregnancy_is_refused_with_the_range_and_what_to_do():
    with pytest.raises(ValueError) as caught:
        check_weeks(43)
    assert str(caught.value) == "The week of pregnancy must be from 1 to 42; you gave 43. Leave it empty if you do not know it."
    with pytest.raises(ValueError) as caught:
        check_stage(weeks=0)
    assert str(caught.value).startswith("The week of pregnancy must be from 1 to 42; you gave 0.")


def test_days_after_the_birth_outside_the_twelve_weeks_are_refused_with_the_range():
    with pytest.raises(ValueError) as caught:
        check_stage(days_after_birth=85)
    assert str(caught.value) == "The number of days after the birth must be from 0 to 84; you gave 85. Leave it empty if you do not know it."


def test_giving_both_a_week_and_days_after_the_birth_says_to_give_one():
    with pytest.raises(ValueError) as caught:
        check_stage(weeks=30, days_after_birth=3)
    assert str(caught.value) == "Give either the week of pregnancy or the days after the birth, not both."


def test_the_number_beside_a_stage_choice_is_a_week_when_pregnant_and_days_after_the_birth_otherwise():
    assert stage_from_number(PREGNANT, 30) == Stage(weeks=30)
    assert stage_from_number(AFTER_BIRTH, 30) == Stage(days_after_birth=30)
    assert stage_from_number(AFTER_BIRTH, 0) == Stage(days_after_birth=0)


def test_a_number_outside_its_stage_choice_is_refused_in_the_words_of_that_choice():
    # 60 is a possible number of days after the birth, but not a week of pregnancy; 85 is neither.
    with pytest.raises(ValueError, match="^The week of pregnancy must be from 1 to 42; you gave 60"):
        stage_from_number(PREGNANT, 60)
    assert stage_from_number(AFTER_BIRTH, 60) == Stage(days_after_birth=60)
    with pytest.raises(ValueError, match="^The number of days after the birth must be from 0 to 84; you gave 85"):
        stage_from_number(AFTER_BIRTH, 85)


def test_a_number_beside_an_unknown_stage_asks_for_a_choice_from_the_list():
    with pytest.raises(ValueError) as caught:
        stage_from_number(UNKNOWN, 3)
    assert str(caught.value) == "Choose the stage from the list."
