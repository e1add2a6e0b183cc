"""The engine on named examples, and its handling of bad input."""

from __future__ import annotations

import re

import pytest

from conftest import edit_data
from legpain import LEVELS, Level, assess, load_course
from legpain.stages import Stage
from legpain.triage import impossible_causes, level_for, level_table, stage_classes


def test_levels_are_ordered():
    assert Level.SELF_CARE < Level.ROUTINE < Level.URGENT < Level.IMMEDIATE < Level.EMERGENCY
    assert max([Level.URGENT, Level.EMERGENCY, Level.IMMEDIATE, Level.ROUTINE]) is Level.EMERGENCY
    assert sorted(Level, reverse=True)[0] is Level.EMERGENCY
    assert [lv.value for lv in LEVELS] == ["self-care", "routine", "urgent", "immediate", "emergency"]


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


def test_pre_eclampsia_signs_are_immediate_from_20_weeks_and_after_the_birth():
    # Review finding D1: NHS and NICE NG133 say "immediately", not "today".
    for stage in ({"weeks": 20}, {"weeks": 36}, {"days_after_birth": 0}, {"days_after_birth": 40}):
        for symptom in ("headache_vision_rib_pain", "sudden_face_hand_swelling", "vomiting"):
            result = assess([symptom], **stage)
            assert result.level is Level.IMMEDIATE, (symptom, stage)
            assert result.advice[0].id == "route_immediate"
            assert result.causes[0] == "pre_eclampsia"
            assert "pre_eclampsia_check" in [a.id for a in result.advice]


def test_severe_headache_with_vision_problems_is_now_at_every_stage_and_names_a_cause():
    # Second review I3: before 20 weeks it gave 'urgent' with no cause. Clots in the brain's veins
    # and bleeds happen at any gestation (Revell and Morrish 2014, S481).
    for stage in ({}, {"weeks": 6}, {"weeks": 12}, {"weeks": 19}, {"weeks": 30}, {"days_after_birth": 5}):
        result = assess(["headache_vision_rib_pain"], **stage)
        assert result.level >= Level.IMMEDIATE, stage
        assert "cerebral_venous_thrombosis" in result.causes, stage
        assert result.red_flags == ["headache_vision_rib_pain"]
    assert "pre_eclampsia" not in assess(["headache_vision_rib_pain"], weeks=12).causes


def test_a_headache_after_the_birth_suggests_pre_eclampsia_clot_and_spinal_headache():
    causes = assess(["headache_vision_rib_pain"], days_after_birth=3).causes
    assert causes[0] == "pre_eclampsia"
    assert {"cerebral_venous_thrombosis", "post_dural_puncture_headache"} <= set(causes)
    # A spinal headache follows an epidural or spinal in labour: it is not offered in pregnancy.
    assert "post_dural_puncture_headache" not in assess(["headache_vision_rib_pain"], weeks=30).causes


def test_thunderclap_headache_is_999_at_every_stage():
    for stage in ({}, {"weeks": 8}, {"weeks": 30}, {"days_after_birth": 2}):
        result = assess(["thunderclap_headache"], **stage)
        assert result.level is Level.EMERGENCY, stage
        assert result.advice[0].destination == "call_999"
        assert result.causes[0] == "cerebral_venous_thrombosis"


def test_leg_weakness_after_an_epidural_goes_to_the_anaesthetist_now():
    result = assess(["leg_weakness_after_neuraxial"], days_after_birth=1)
    assert result.level is Level.IMMEDIATE
    assert result.causes[0] == "neuraxial_haematoma_or_abscess"
    assert result.advice[0].id == "route_anaesthetist"
    # The reason LMWH timing matters is said beside it.
    assert "LMWH" in next(a.text for a in result.advice if a.id == "neuraxial_now")


def test_severe_pain_in_sickle_cell_disease_is_now_with_the_crisis_first():
    result = assess(["sickle_cell_pain"], weeks=24)
    assert result.level is Level.IMMEDIATE
    assert result.causes[0] == "sickle_cell_crisis"
    assert "sickle_crisis_now" in [a.id for a in result.advice]


def test_unknown_stage_counts_as_the_most_dangerous_stage():
    assert assess(["vomiting"]).level is Level.IMMEDIATE
    assert assess(["vomiting"], weeks=8).level is Level.ROUTINE
    assert assess(["sudden_face_hand_swelling"]).level is Level.IMMEDIATE


def test_early_vomiting_is_not_listed_as_a_red_flag():
    result = assess(["vomiting"], weeks=8)
    assert result.red_flags == []
    assert assess(["vomiting"], weeks=30).red_flags == ["vomiting"]


def test_stage_can_be_days_after_the_birth_but_not_both():
    assert assess(["heavy_aching_legs"], days_after_birth=0).days_after_birth == 0
    assert assess(["heavy_aching_legs"], days_after_birth=84).days_after_birth == 84
    with pytest.raises(ValueError, match="not both"):
        assess(["heavy_aching_legs"], weeks=30, days_after_birth=3)
    for days in (-1, 85, 200):
        with pytest.raises(ValueError, match="from 0 to 84"):
            assess(["heavy_aching_legs"], days_after_birth=days)
    with pytest.raises(ValueError, match="whole number"):
        assess(["heavy_aching_legs"], days_after_birth="3")


def test_one_swollen_leg_with_everyday_ankle_swelling_ranks_dvt_first_with_no_self_care():
    # Review finding D3 and "must-not-miss first".
    result = assess(["one_leg_swollen", "both_ankles_swollen_gradual", "heavy_aching_legs"])
    assert result.level is Level.URGENT
    assert result.causes[0] == "dvt"
    assert result.must_not_miss == ["dvt"]
    ids = [a.id for a in result.advice]
    assert ids[0] == "route_urgent" and "dvt_same_day" in ids
    assert not {"oedema_feet_up", "oedema_water_stockings", "varicose_relief"} & set(ids)
    assert all(a.level is not Level.SELF_CARE for a in result.advice)


def test_one_painful_calf_gets_no_stretch_or_massage_advice():
    result = assess(["one_leg_calf_pain", "occasional_night_cramp", "frequent_severe_cramps"])
    assert result.causes[0] == "dvt"
    ids = [a.id for a in result.advice]
    assert "cramp_stretch" not in ids and "strain_keep_active" not in ids


def test_headache_with_sudden_face_swelling_gets_no_feet_up_advice():
    result = assess(["headache_vision_rib_pain", "sudden_face_hand_swelling"], weeks=32)
    assert result.level is Level.IMMEDIATE
    assert "oedema_feet_up" not in [a.id for a in result.advice]


def test_routine_level_lists_no_advice_above_it_except_as_safety_net():
    result = assess(["frequent_severe_cramps", "pelvic_pain_limits_walking"])
    assert result.level is Level.ROUTINE
    for item in result.advice:
        if item.kind in ("route", "action"):
            assert item.level <= Level.ROUTINE, item.id
        else:
            assert item.level > Level.ROUTINE, item.id
    assert "cramp_not_a_cramp" in [a.id for a in result.advice]


def test_cauda_equina_is_immediate_and_goes_to_a_and_e():
    result = assess(["bilateral_sciatica"])
    assert result.level is Level.IMMEDIATE
    assert result.causes[0] == "cauda_equina"
    assert "cauda_equina_emergency" in [a.id for a in result.advice]
    # Second review I1: the first line is the route to A&E, and nothing sends her to maternity triage.
    assert result.advice[0].id == "route_ae_spine"
    assert "A&E" in result.advice[0].text
    assert {a.destination for a in result.advice if a.kind != "safety-net"} <= {"a_and_e", None}


def test_numb_patch_below_knee_is_routine_and_foot_drop_is_urgent():
    # Review finding I1: the lumped symptom is split.
    assert assess(["numb_patch_below_knee"]).level is Level.ROUTINE
    assert assess(["foot_drop_or_numb_below_knee"]).level is Level.URGENT


def test_fever_with_a_hot_red_leg_is_immediate_and_keeps_a_clot_in_view():
    result = assess(["fever_hot_red_leg"], days_after_birth=5)
    assert result.level is Level.IMMEDIATE
    assert result.causes[:2] == ["cellulitis", "dvt"]
    assert not any("ibuprofen" in a.text.lower() for a in result.advice)


def test_bleeding_varicose_vein_is_immediate_with_a_999_safety_net():
    result = assess(["bleeding_varicose_vein"])
    assert result.level is Level.IMMEDIATE
    kinds = {a.id: a.kind for a in result.advice}
    assert kinds["varicose_bleeding"] == "action" and kinds["varicose_bleeding_999"] == "safety-net"


def test_a_fit_is_an_emergency():
    assert assess(["fit_or_seizure"], days_after_birth=2).level is Level.EMERGENCY


def test_breathless_lying_flat_with_swollen_legs_is_raised_to_immediate():
    alone = assess(["breathless_lying_flat"])
    both = assess(["breathless_lying_flat", "both_ankles_swollen_gradual"])
    assert alone.level is Level.URGENT
    assert both.level is Level.IMMEDIATE
    assert both.causes[0] == "peripartum_cardiomyopathy"
    assert "both_ankles_swollen_gradual" not in both.red_flags


def test_no_rule_gives_the_left_reason_any_more():
    # Review finding W2: the first-trimester rule raised nothing and gave a wrong reason.
    assert not assess(["one_leg_calf_pain"], weeks=10).reasons


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
        handle.write("test_escalation,heavy_aching_legs;mild_pelvic_ache,,,,urgent,,route_urgent,\"A made-up rule to test escalation.\",S25\n")
    course = load_course(data_copy)
    alone = assess(["heavy_aching_legs"], course=course)
    both = assess(["heavy_aching_legs", "mild_pelvic_ache"], course=course)
    assert alone.level is Level.SELF_CARE
    assert both.level is Level.URGENT
    # Neither symptom is a red flag, so neither is listed as one; the rule's reason says why.
    assert both.red_flags == []
    assert both.reasons == ["A made-up rule to test escalation."]
    assert both.advice[0].id == "route_urgent"
    table = level_table(["heavy_aching_legs", "mild_pelvic_ache"], course=course)
    assert list(table) == [0, 0, 0, Level.URGENT.rank]


def test_a_week_limited_rule_only_applies_in_its_weeks_and_when_the_stage_is_unknown(data_copy):
    with (data_copy / "rules.csv").open("a", encoding="utf-8") as handle:
        handle.write("test_weeks,heavy_aching_legs,pregnancy,30,35,routine,,route_routine,\"A made-up rule to test week limits.\",S25\n")
    course = load_course(data_copy)
    assert assess(["heavy_aching_legs"], weeks=29, course=course).level is Level.SELF_CARE
    assert assess(["heavy_aching_legs"], weeks=30, course=course).level is Level.ROUTINE
    assert assess(["heavy_aching_legs"], weeks=35, course=course).level is Level.ROUTINE
    assert assess(["heavy_aching_legs"], weeks=36, course=course).level is Level.SELF_CARE
    assert assess(["heavy_aching_legs"], days_after_birth=3, course=course).level is Level.SELF_CARE
    # Fail safe: with no stage given, the rule applies as at its most dangerous stage.
    assert assess(["heavy_aching_legs"], course=course).level is Level.ROUTINE


def test_advice_comes_from_the_three_most_likely_causes_only():
    result = assess(["heavy_aching_legs", "mild_pelvic_ache", "occasional_night_cramp", "outer_thigh_numb_burning"])
    assert len(result.causes) >= 5
    cause_ids = {a.cause_id for a in result.advice if a.cause_id}
    assert cause_ids <= set(result.causes[:3])
    assert len(cause_ids) == 3  # each of the three top causes has advice at this level
    assert not cause_ids & set(result.causes[3:])


def test_advice_fits_the_case_second_review_i10():
    """A tender vein gets no advice about a bleeding vein; a warm red leg no surface-vein scan text;
    vomiting no physiotherapy referral."""
    tender = [a.id for a in assess(["tender_red_vein"]).advice]
    assert "varicose_bleeding_999" not in tender and "varicose_bleeding" not in tender
    assert "svt_scan" in tender
    assert "svt_scan" not in [a.id for a in assess(["one_leg_warm_red"]).advice]
    assert "varicose_bleeding_999" in [a.id for a in assess(["bleeding_varicose_vein"]).advice]
    early_vomiting = assess(["vomiting"], weeks=10)
    assert early_vomiting.level is Level.ROUTINE
    assert not any("physiotherapy" in a.text for a in early_vomiting.advice)


def test_two_red_flags_at_one_level_with_different_places_take_the_first_place_in_the_data(course):
    """Cauda equina (A&E) with pre-eclampsia signs (maternity unit) at 30 weeks: A&E, listed first in
    data/destinations.csv, leads, and the pre-eclampsia action still says what is checked."""
    order = list(course.destinations)
    assert order.index("a_and_e") < order.index("maternity_unit")
    result = assess(["saddle_numbness", "sudden_face_hand_swelling"], weeks=30)
    assert result.level is Level.IMMEDIATE
    assert result.advice[0].id == "route_ae_spine"
    assert "pre_eclampsia_check" in [a.id for a in result.advice]


def test_the_banner_at_now_names_no_place_that_a_route_could_contradict(course):
    # Second review I1: the banner said "maternity unit ... or A&E" above "A&E, not maternity triage".
    for level in (Level.URGENT, Level.IMMEDIATE):
        action = course.levels[level].action
        for destination in course.destinations.values():
            assert not any(phrase in action for phrase in destination.phrases), (level, destination.id)


def test_a_safety_net_shows_only_when_it_names_a_faster_route_than_the_level():
    # cramp_not_a_cramp is an 'urgent' safety-net: shown beside routine cramps, not beside an urgent calf.
    routine = assess(["frequent_severe_cramps"])
    assert routine.level is Level.ROUTINE and "cramp_not_a_cramp" in [a.id for a in routine.advice]
    urgent = assess(["frequent_severe_cramps", "one_leg_calf_pain"])
    assert urgent.level is Level.URGENT
    assert "cramp_not_a_cramp" not in [a.id for a in urgent.advice]
    # dvt_pe_signs (999) stays beside the urgent calf, and goes when the level is already 999.
    assert "dvt_pe_signs" in [a.id for a in urgent.advice]
    emergency = assess(["one_leg_calf_pain", "breathless_chest_pain"])
    assert "dvt_pe_signs" not in [a.id for a in emergency.advice]


def test_a_rule_puts_its_cause_first_even_when_another_cause_scores_more():
    # Breathless lying flat with everyday ankle swelling: the rule names heart failure, which leads
    # although swelling (oedema) has the larger summed weight.
    result = assess(["breathless_lying_flat", "both_ankles_swollen_gradual", "heavy_aching_legs"])
    assert result.scores["oedema"] > result.scores["peripartum_cardiomyopathy"]
    assert result.causes[0] == "peripartum_cardiomyopathy"
    # With a leg clot sign, the clot-in-the-lungs rule leads over heart failure and DVT.
    with_clot = assess(["breathless_lying_flat", "both_ankles_swollen_gradual", "one_leg_swollen"])
    assert with_clot.causes[0] == "pulmonary_embolism"
    assert with_clot.scores["pulmonary_embolism"] < with_clot.scores["dvt"]


def test_a_level_is_not_more_urgent_than_itself_and_compares_only_with_levels():
    for level in LEVELS:
        assert not level < level and not level > level
        assert level <= level and level >= level
    # Compared with something that is not a level (here a number), there is no answer, not a guess.
    for compare in (lambda: Level.URGENT < 3, lambda: Level.URGENT <= 3, lambda: Level.URGENT > 3, lambda: Level.URGENT >= 3):
        with pytest.raises(TypeError):
            compare()


def test_scores_are_the_summed_weights_of_data_matrix_csv():
    # breathless_chest_pain: pulmonary_embolism 3, dvt 1; fever_hot_red_leg: cellulitis 3, dvt 2.
    assert assess(["breathless_chest_pain"]).scores == {"pulmonary_embolism": 3, "dvt": 1}
    assert assess(["breathless_chest_pain", "fever_hot_red_leg"]).scores == {"pulmonary_embolism": 3, "dvt": 3, "cellulitis": 3}


def test_without_red_flags_the_cause_with_the_most_weight_comes_first():
    # Buttock pain down the back of the thigh: typical of pelvic girdle pain (3), possible with a
    # trapped nerve or a strain (1 each).
    result = assess(["buttock_pain_back_of_thigh"])
    assert result.red_flags == []
    assert result.causes[0] == "pelvic_girdle_pain"
    assert set(result.causes[1:3]) == {"nerve_compression", "muscle_strain"}


def test_must_not_miss_causes_are_led_by_the_most_urgent_red_flag_that_points_to_them():
    # Chest pain with breathlessness (emergency) points to a clot in the lungs (typical) and a clot
    # in the leg (possible); a hot red leg with fever (immediate) points to cellulitis (typical) and a
    # clot in the leg. The clot in the leg is pointed to by the emergency, so it comes before cellulitis.
    result = assess(["breathless_chest_pain", "fever_hot_red_leg"])
    assert result.must_not_miss == ["pulmonary_embolism", "dvt", "cellulitis"]
    assert result.causes[:3] == ["pulmonary_embolism", "dvt", "cellulitis"]


def test_a_rule_does_not_lower_the_urgency_a_red_flag_gave_a_cause():
    # A fit (emergency) is typical of eclampsia (pre-eclampsia, 3) and possible with a clot in the
    # brain's veins (1). Sudden face swelling adds a rule pointing to pre-eclampsia at "immediate":
    # that must not push pre-eclampsia behind the clot.
    result = assess(["fit_or_seizure", "sudden_face_hand_swelling"], weeks=30)
    assert result.level is Level.EMERGENCY
    assert result.must_not_miss == ["pre_eclampsia", "cerebral_venous_thrombosis"]


def test_an_empty_selection_keeps_the_stage_it_was_given():
    for stage in (Stage(weeks=12), Stage(days_after_birth=5), Stage()):
        result = assess([], weeks=stage.weeks, days_after_birth=stage.days_after_birth)
        assert result.nothing_selected and result.symptoms == ()
        assert result.stage == stage


def test_unknown_id_suggests_at_most_three_ids_joined_by_or():
    with pytest.raises(ValueError) as caught:
        assess(["one_leg_swolen"])
    assert re.fullmatch(r"Unknown symptom id 'one_leg_swolen'\. Did you mean '[a-z_]+'( or '[a-z_]+'){2}\?", str(caught.value))
    with pytest.raises(ValueError) as caught:
        assess(["zzzz"])
    assert str(caught.value) == "Unknown symptom id 'zzzz'. See data/symptoms.csv for the list of symptom ids."


def test_level_for_gives_the_level_of_assess_at_each_stage():
    # Vomiting: routine before 20 weeks, "immediate" from 20 weeks and after the birth (pre-eclampsia),
    # and "immediate" when the stage is unknown (the most dangerous stage).
    assert level_for(["vomiting"], weeks=8) is Level.ROUTINE
    assert level_for(["vomiting"], weeks=30) is Level.IMMEDIATE
    assert level_for(["vomiting"], days_after_birth=3) is Level.IMMEDIATE
    assert level_for(["vomiting"]) is Level.IMMEDIATE
    assert level_for(["one_leg_swollen", "breathless_lying_flat"]) is Level.EMERGENCY
    assert level_for([]) is Level.SELF_CARE
    with pytest.raises(ValueError, match="from 0 to 84"):
        level_for(["vomiting"], days_after_birth=85)
    with pytest.raises(ValueError, match="Did you mean 'vomiting'"):
        level_for(["vomitting"])


def test_level_table_gives_the_level_of_every_subset():
    # Bit 0: breathless lying flat, bit 1: one leg swollen, bit 2: pain in one calf (each urgent).
    # Breathlessness with either leg sign is an emergency (a clot may have reached the lungs).
    ids = ["breathless_lying_flat", "one_leg_swollen", "one_leg_calf_pain"]
    urgent, emergency = Level.URGENT.rank, Level.EMERGENCY.rank
    assert list(level_table(ids)) == [0, urgent, urgent, emergency, urgent, emergency, urgent, emergency]
    # A single symptom raised by a stage rule: vomiting is "immediate" only from 20 weeks.
    assert list(level_table(["vomiting"], weeks=8)) == [0, Level.ROUTINE.rank]
    assert list(level_table(["vomiting"], weeks=30)) == [0, Level.IMMEDIATE.rank]
    assert list(level_table(["vomiting"], days_after_birth=3)) == [0, Level.IMMEDIATE.rank]
    with pytest.raises(ValueError, match="from 0 to 84"):
        level_table(["vomiting"], days_after_birth=85)
    with pytest.raises(ValueError, match="^level_table needs distinct symptom ids in data order\\.$"):
        level_table(["one_leg_swollen", "breathless_lying_flat"])


def test_causes_that_cannot_occur_yet_or_only_occur_after_the_birth():
    course = load_course()
    # Pre-eclampsia from 20 weeks; a spinal headache follows an epidural or spinal, so only after the birth.
    assert impossible_causes(course, Stage(weeks=8)) == ("pre_eclampsia", "post_dural_puncture_headache")
    assert impossible_causes(course, Stage(weeks=30)) == ("post_dural_puncture_headache",)
    assert impossible_causes(course, Stage(days_after_birth=3)) == ()
    assert impossible_causes(course, Stage()) == ()


def test_a_cause_of_pregnancy_only_is_impossible_after_the_birth(data_copy):
    old = 'It affects feeling only, not strength.",,S36,\n'
    course = edit_data(data_copy, "causes.csv", old, old.replace(",S36,", ",S36,pregnancy"))
    assert impossible_causes(course, Stage(days_after_birth=3)) == ("meralgia_paraesthetica",)
    assert "meralgia_paraesthetica" in assess(["outer_thigh_numb_burning"], weeks=30, course=course).causes
    assert "meralgia_paraesthetica" not in assess(["outer_thigh_numb_burning"], days_after_birth=3, course=course).causes


def test_stage_classes_start_where_a_rule_or_a_cause_starts_to_apply():
    # Unknown first; weeks 1-19 (no pre-eclampsia); from week 20 (its rules apply, it can occur);
    # after the birth (a spinal headache can occur). Nothing in the data depends on the day number.
    assert stage_classes() == [Stage(), Stage(weeks=1), Stage(weeks=20), Stage(days_after_birth=0)]


def test_a_rule_starting_late_in_pregnancy_makes_its_own_stage_class(data_copy):
    old = "vomiting_from_20_weeks,vomiting,pregnancy;after_birth,20,,"
    course = edit_data(data_copy, "rules.csv", old, old.replace(",20,,", ",41,,"))
    assert stage_classes(course) == [Stage(), Stage(weeks=1), Stage(weeks=20), Stage(weeks=41), Stage(days_after_birth=0)]


def test_a_rule_puts_its_dangerous_cause_first_even_without_a_red_flag(data_copy):
    # Made-up rules: everyday swelling of both ankles with heavy legs raised to urgent for
    # pre-eclampsia (dangerous); heavy legs with a mild pelvic ache raised to urgent for varicose
    # veins (needs review, so never "must not miss").
    with (data_copy / "rules.csv").open("a", encoding="utf-8") as handle:
        handle.write("test_dangerous,both_ankles_swollen_gradual;heavy_aching_legs,,,,urgent,pre_eclampsia,route_urgent,\"A made-up rule.\",S25\n")
        handle.write("test_needs_review,heavy_aching_legs;mild_pelvic_ache,,,,urgent,varicose_veins,route_urgent,\"A made-up rule.\",S25\n")
    course = load_course(data_copy)
    dangerous = assess(["both_ankles_swollen_gradual", "heavy_aching_legs"], weeks=30, course=course)
    assert dangerous.level is Level.URGENT and dangerous.red_flags == []
    assert dangerous.must_not_miss == ["pre_eclampsia"]
    assert dangerous.causes[0] == "pre_eclampsia"
    everyday = assess(["heavy_aching_legs", "mild_pelvic_ache"], weeks=30, course=course)
    assert everyday.level is Level.URGENT
    assert everyday.must_not_miss == []


def test_a_rule_for_pregnancy_only_does_not_apply_after_the_birth(data_copy):
    old = "vomiting_from_20_weeks,vomiting,pregnancy;after_birth,20,,"
    course = edit_data(data_copy, "rules.csv", old, "vomiting_from_20_weeks,vomiting,pregnancy,20,,")
    assert assess(["vomiting"], days_after_birth=3, course=course).level is Level.ROUTINE
    assert list(level_table(["vomiting"], days_after_birth=3, course=course)) == [0, Level.ROUTINE.rank]
    assert list(level_table(["vomiting"], weeks=30, course=course)) == [0, Level.IMMEDIATE.rank]
    assert list(level_table(["vomiting"], course=course)) == [0, Level.IMMEDIATE.rank]
