"""The clinical content: vocabulary, sources and agreement with the brief."""

from __future__ import annotations

from legpain import Level

REQUIRED_CAUSES = {
    "pelvic_girdle_pain", "oedema", "pre_eclampsia", "nerve_compression", "meralgia_paraesthetica",
    "leg_cramps", "restless_legs", "muscle_strain", "varicose_veins", "dvt",
    "superficial_thrombophlebitis", "pulmonary_embolism", "cauda_equina",
}

# The brief's section 10 table: which row each required symptom follows.
REQUIRED_SYMPTOM_ROWS = {
    "breathless_chest_pain": "LP01", "saddle_numbness": "LP02", "bladder_bowel_change": "LP02",
    "both_legs_weak": "LP03", "bleeding_varicose_vein": "LP04", "one_leg_swollen": "LP05",
    "one_leg_calf_pain": "LP06", "one_leg_warm_red": "LP05", "whole_leg_swollen_groin_pain": "LP07",
    "sudden_face_hand_swelling": "LP08", "headache_vision_rib_pain": "LP09", "tender_red_vein": "LP10",
    "foot_drop_or_numb_below_knee": "LP11", "pelvic_pain_limits_walking": "LP12",
    "buttock_pain_back_of_thigh": "LP13", "outer_thigh_numb_burning": "LP14",
    "frequent_severe_cramps": "LP15", "urge_to_move_legs": "LP16", "painful_varicose_veins": "LP17",
    "pelvic_pain_after_birth": "LP18", "both_ankles_swollen_gradual": "LP19",
    "occasional_night_cramp": "LP20", "heavy_aching_legs": "LP21", "mild_pelvic_ache": "LP22",
}

# The level each brief row assigns (E, U, R, S). Starred levels are syntheses but still floors.
# The brief's four-step "E" means "999 or A&E now"; on the five-step scale that is emergency (999)
# for a clot in the lungs and at least immediate (A&E now) for cauda equina and a bleeding vein.
BRIEF_LEVELS = {
    "LP01": Level.EMERGENCY,
    **{f"LP{n:02d}": Level.IMMEDIATE for n in range(2, 5)},
    **{f"LP{n:02d}": Level.URGENT for n in range(5, 12)},
    **{f"LP{n:02d}": Level.ROUTINE for n in range(12, 19)},
    **{f"LP{n:02d}": Level.SELF_CARE for n in range(19, 23)},
}

# Sources the brief marks as unverified or only a secondary copy of an unverified claim.
UNVERIFIED_SOURCES = {"S57", "S68"}


def test_required_causes_exist(course):
    assert REQUIRED_CAUSES <= set(course.causes)


def test_required_symptoms_follow_their_brief_rows(course):
    for symptom_id, row in REQUIRED_SYMPTOM_ROWS.items():
        assert course.symptoms[symptom_id].brief_row == row, symptom_id


def test_article_symptoms_are_red_flags_backed_by_clinical_sources(course):
    for symptom_id in ("sudden_severe_leg_pain", "pain_changed"):
        symptom = course.symptoms[symptom_id]
        assert symptom.red_flag
        assert "article" not in symptom.source_ids


def test_no_data_row_rests_on_the_source_article(course):
    rows = [*course.causes.values(), *course.symptoms.values(), *course.matrix, *course.advice.values(), *course.rules.values()]
    assert [row for row in rows if "article" in row.source_ids] == []


def test_symptom_levels_are_at_least_the_brief_levels(course):
    for symptom in course.symptoms.values():
        if symptom.brief_row:
            assert symptom.level >= BRIEF_LEVELS[symptom.brief_row], symptom.id


def test_red_flags_are_the_symptoms_that_alone_reach_urgent_at_some_stage(course):
    for symptom in course.symptoms.values():
        assert symptom.red_flag == (course.single_symptom_level(symptom.id) >= Level.URGENT), symptom.id


def test_stage_dependent_red_flag_is_routine_early_and_immediate_from_20_weeks(course):
    assert course.symptoms["vomiting"].red_flag
    assert course.single_symptom_level("vomiting", weeks=8) is Level.ROUTINE
    assert course.single_symptom_level("vomiting", weeks=20) is Level.IMMEDIATE
    assert course.single_symptom_level("vomiting", days_after_birth=3) is Level.IMMEDIATE


def test_every_level_has_route_advice(course):
    for level in Level:
        assert course.route_advice(level).level == level


def test_unverified_sources_are_not_used(course):
    assert not UNVERIFIED_SOURCES & set(course.sources)


def test_every_region_has_a_symptom(course):
    for region in course.regions:
        assert course.symptoms_in_region(region), region


def test_each_cause_lesson_is_listed(course):
    for cause in course.causes.values():
        assert cause.lesson in course.lessons


def test_glossary_is_sorted_and_gives_us_terms(course):
    terms = [g.term.lower() for g in course.glossary]
    assert terms == sorted(terms)
    us = {g.term: g.us_term for g in course.glossary}
    assert us["Oedema"] == "edema"
    assert us["Meralgia paraesthetica"] == "meralgia paresthetica"
