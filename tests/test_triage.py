"""The engine on named examples, and its handling of bad input."""

from __future__ import annotations

import pytest

from legpain import Level, assess, load_course
from legpain.triage import level_table


def test_levels_are_ordered():
    assert Level.SELF_CARE < Level.ROUTINE < Level.URGENT < Level.EMERGENCY
    assert max([Level.URGENT, Level.EMERGENCY, Level.ROUTINE]) is Level.EMERGENCY
    assert sorted(Level, reverse=True)[0] is Level.EMERGENCY


def test_empty_selection_is_self_care_and_says_nothing_was_selected(course):
    result = assess([])
    assert result.level is Level.SELF_CARE
    assert result.causes == [] and result.red_flags == []
    assert [a.id for a in result.advice] == ["nothing_selected"]
    assert "No symptoms are selected" in result.advice[0].text


def test_everyday_symptom_is_self_care():
    result = assess(["occasional_night_cramp"])
    assert result.level is Level.SELF_CARE
    assert result.causes[0] == "leg_cramps"
    assert result.red_flags == []


def test_routine_symptom_points_to_pgp_and_physio():
    result = assess(["pelvic_pain_limits_walking"])
    assert result.level is Level.ROUTINE
    assert result.causes == ["pelvic_girdle_pain"]
    assert "pgp_physio" in [a.id for a in result.advice]


def test_one_leg_swollen_ranks_dvt_first_and_is_urgent():
    result = assess(["one_leg_swollen", "one_leg_calf_pain"])
    assert result.level is Level.URGENT
    assert result.causes[0] == "dvt"
    assert result.red_flags == ["one_leg_swollen", "one_leg_calf_pain"]
    assert result.advice[0].id == "route_urgent"


def test_leg_clot_with_breathlessness_is_an_emergency_pointing_to_pe():
    result = assess(["one_leg_swollen", "breathless_chest_pain"])
    assert result.level is Level.EMERGENCY
    assert result.causes[0] == "pulmonary_embolism"
    assert result.red_flags[0] == "breathless_chest_pain"


def test_rule_names_its_reason_and_flags_the_companion_symptom():
    # Gradual ankle swelling alone is self-care; with a pre-eclampsia sign the rule flags it too.
    result = assess(["both_ankles_swollen_gradual", "headache_vision_rib_pain"])
    assert result.level is Level.URGENT
    assert "both_ankles_swollen_gradual" in result.red_flags
    assert any("pre-eclampsia" in r for r in result.reasons)


def test_pre_eclampsia_is_not_ranked_before_20_weeks():
    early = assess(["sudden_face_hand_swelling"], weeks=12)
    late = assess(["sudden_face_hand_swelling"], weeks=30)
    assert "pre_eclampsia" not in early.causes
    assert late.causes[0] == "pre_eclampsia"
    # The red flag still escalates whatever the week.
    assert early.level is Level.URGENT and late.level is Level.URGENT


def test_first_trimester_calf_pain_gives_the_left_reason():
    result = assess(["one_leg_calf_pain"], weeks=10)
    assert any("LEFt" in r for r in result.reasons)
    assert not assess(["one_leg_calf_pain"], weeks=30).reasons


def test_duplicates_and_order_do_not_matter():
    a = assess(["heavy_aching_legs", "mild_pelvic_ache", "heavy_aching_legs"])
    b = assess(["mild_pelvic_ache", "heavy_aching_legs"])
    assert a.to_dict() == b.to_dict()


def test_every_advice_item_has_sources():
    result = assess(["one_leg_swollen", "pelvic_pain_limits_walking", "urge_to_move_legs"], weeks=20)
    assert result.advice
    for item in result.advice:
        assert item.source_ids


def test_to_dict_has_exactly_the_four_keys():
    assert set(assess(["heavy_aching_legs"]).to_dict()) == {"level", "causes", "red_flags", "advice"}


def test_unknown_id_suggests_close_matches():
    with pytest.raises(ValueError) as caught:
        assess(["one_leg_swolen"])
    message = str(caught.value)
    assert "one_leg_swolen" in message
    assert "Did you mean 'one_leg_swollen'" in message


def test_unknown_id_with_no_close_match_points_to_the_list():
    with pytest.raises(ValueError, match="data/symptoms.csv"):
        assess(["zzzz"])


@pytest.mark.parametrize("weeks", [0, 43, -5, 100])
def test_out_of_range_week_is_a_clear_value_error(weeks):
    with pytest.raises(ValueError, match="from 1 to 42"):
        assess(["heavy_aching_legs"], weeks=weeks)


@pytest.mark.parametrize("weeks", ["20", 20.5, True])
def test_non_integer_week_is_a_clear_value_error(weeks):
    with pytest.raises(ValueError, match="whole number from 1 to 42"):
        assess(["heavy_aching_legs"], weeks=weeks)


def test_boundary_weeks_are_accepted():
    assert assess(["heavy_aching_legs"], weeks=1).weeks == 1
    assert assess(["heavy_aching_legs"], weeks=42).weeks == 42
    assert assess(["heavy_aching_legs"], weeks=20.0).weeks == 20


def test_a_single_string_is_one_symptom():
    assert assess("heavy_aching_legs").symptoms == ("heavy_aching_legs",)


def test_a_rule_can_raise_two_everyday_symptoms_to_urgent(data_copy):
    with (data_copy / "rules.csv").open("a", encoding="utf-8") as handle:
        handle.write("test_escalation,heavy_aching_legs;mild_pelvic_ache,,,urgent,,\"A made-up rule to test escalation.\",article\n")
    course = load_course(data_copy)
    alone = assess(["heavy_aching_legs"], course=course)
    both = assess(["heavy_aching_legs", "mild_pelvic_ache"], course=course)
    assert alone.level is Level.SELF_CARE
    assert both.level is Level.URGENT
    assert set(both.red_flags) == {"heavy_aching_legs", "mild_pelvic_ache"}
    assert both.advice[0].id == "route_urgent"
    table = level_table(["heavy_aching_legs", "mild_pelvic_ache"], course=course)
    assert list(table) == [0, 0, 0, Level.URGENT.rank]


def test_a_week_limited_rule_only_applies_in_its_weeks(data_copy):
    with (data_copy / "rules.csv").open("a", encoding="utf-8") as handle:
        handle.write("test_weeks,heavy_aching_legs,30,35,routine,,\"A made-up rule to test week limits.\",article\n")
    course = load_course(data_copy)
    assert assess(["heavy_aching_legs"], weeks=29, course=course).level is Level.SELF_CARE
    assert assess(["heavy_aching_legs"], weeks=30, course=course).level is Level.ROUTINE
    assert assess(["heavy_aching_legs"], weeks=35, course=course).level is Level.ROUTINE
    assert assess(["heavy_aching_legs"], weeks=36, course=course).level is Level.SELF_CARE
    assert assess(["heavy_aching_legs"], course=course).level is Level.SELF_CARE
