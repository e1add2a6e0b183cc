"""Lesson 02 (swelling and pre-eclampsia): data, figure and the swelling sorter."""

from __future__ import annotations

import itertools

import pytest
from markupsafe import escape as markup_escape

from legpain import DataError, Level, assess
from legpain.figures.swelling import evidence_figure, evidence_summary, load_interventions
from legpain.triage import Stage
from legpain.widgets.swelling import (
    NUMBER_LABEL,
    PATTERN_LABEL,
    STAGE_LABEL,
    load_sorter,
    parse_stage,
    sorter_result,
    sorter_symptoms,
    swelling_sorter,
)

from conftest import edit_lesson, html_text

LESSON = "02_swelling_oedema"


# ------------------------------------------------------------------ figure


def test_interventions_match_the_cochrane_review(course):
    items = {i.id: i for i in load_interventions(course)}
    assert set(items) == {"water_immersion", "reflexology", "foot_massage", "pneumatic_compression"}
    assert items["water_immersion"].estimate.startswith("RR 0.43")
    assert {i.finding for i in items.values() if i.id in ("foot_massage", "pneumatic_compression")} == {"no clear difference"}
    assert all(i.quality == "low" and i.source_ids == ["S26"] for i in items.values())


def test_summary_sorts_treatments_by_finding(course):
    text = evidence_summary(load_interventions(course))
    assert text.startswith("Water immersion and reflexology helped")
    assert "foot massage and pneumatic compression made no clear difference" in text
    assert "one trial of 32 to 80 women" in text
    assert text.endswith("low quality.")


def test_summary_follows_the_data_not_a_fixed_text(course):
    items = load_interventions(course)
    only_massage = [i for i in items if i.id == "foot_massage"]
    assert evidence_summary(only_massage) == (
        "Foot massage made no clear difference; it was tested in one trial of 80 women, and the evidence is low quality."
    )
    with pytest.raises(ValueError):
        evidence_summary([])


def test_figure_marks_findings_with_symbol_and_pattern_not_colour_alone(course):
    fig = evidence_figure(load_interventions(course))
    helped, other = fig.data
    assert list(helped.y) == ["✔ Water immersion", "✔ Reflexology"]
    assert list(other.y) == ["✖ Foot massage", "✖ Pneumatic compression"]
    assert list(helped.x) == [32, 55] and list(other.x) == [80, 35]
    assert helped.marker.pattern.shape != other.marker.pattern.shape
    assert "RR 0.43 (95% CI 0.22 to 0.83)" in helped.text[0]
    assert fig.layout.xaxis.title.text == "Women in the trial"


def test_a_bad_finding_names_file_row_and_column(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["interventions"][1].update(finding="maybe"))
    with pytest.raises(DataError) as caught:
        load_interventions(course)
    assert caught.value.file == f"data/lessons/{LESSON}.yaml"
    assert (caught.value.row, caught.value.column) == ("interventions[1]", "finding")


def test_an_unknown_source_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["interventions"][0].update(source_ids=["S999"]))
    with pytest.raises(DataError, match="S999"):
        load_interventions(course)


def test_a_sorter_pattern_with_an_unknown_symptom_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["sorter_patterns"][0].update(symptom_ids=["swollen_ankels"]))
    with pytest.raises(DataError) as caught:
        load_sorter(course)
    assert (caught.value.row, caught.value.column) == ("sorter_patterns[0]", "symptom_ids")


def test_a_note_must_name_a_cause_that_has_a_first_week(data_copy):
    # Oedema can happen at any week, so a "too early" note about it could never be shown.
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["sorter_notes"][0].update(cause_id="oedema"))
    with pytest.raises(DataError) as caught:
        load_sorter(course)
    assert (caught.value.row, caught.value.column) == ("sorter_notes[0]", "cause_id")
    assert "from_week" in str(caught.value)


def test_a_feature_with_an_unknown_symptom_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["sorter_features"][1].update(symptom_id="being_sick"))
    with pytest.raises(DataError) as caught:
        load_sorter(course)
    assert (caught.value.row, caught.value.column) == ("sorter_features[1]", "symptom_id")


# ------------------------------------------------------------------ the stage


@pytest.mark.parametrize("stage, text, expected", [
    ("pregnant", "32", Stage(weeks=32)),
    ("pregnant", " 7 ", Stage(weeks=7)),
    ("pregnant", 42, Stage(weeks=42)),
    ("pregnant", "", Stage()),
    ("pregnant", None, Stage()),
    ("after_birth", "0", Stage(days_after_birth=0)),
    ("after_birth", " 5", Stage(days_after_birth=5)),
    ("after_birth", "84", Stage(days_after_birth=84)),
    ("unknown", "32", Stage()),
])
def test_stage_is_a_week_days_after_the_birth_or_not_known(stage, text, expected):
    assert parse_stage(stage, text) == expected


@pytest.mark.parametrize("stage, text, message", [
    ("pregnant", "abc", "'abc' is not a week"),
    ("pregnant", "3.5", "'3.5' is not a week"),
    ("pregnant", "0", "from 1 to 42"),
    ("pregnant", "43", "from 1 to 42"),
    ("after_birth", "a week", "is not a number of days"),
    ("after_birth", "-1", "from 0 to 84"),
    ("after_birth", "85", "from 0 to 84"),
    ("spring", "3", "Choose the stage from the list"),
])
def test_other_stages_are_rejected_with_a_sentence(stage, text, message):
    with pytest.raises(ValueError, match=message):
        parse_stage(stage, text)


# ------------------------------------------------------------------ callback


def _advice(html):
    return html.split('<ul class="legpain-advice">')[1]


def _causes(html):
    return html.split('<ol class="legpain-causes">')[1].split("</ol>")[0]


def test_everyday_pattern_is_self_care_and_says_no_red_flags(course):
    html = sorter_result("both_gradual", [], "pregnant", "32", course)
    assert "legpain-level-self-care" in html
    assert "Stage taken into account: week 32 of pregnancy." in html
    assert "None of these is a red flag at week 32 of pregnancy" in html
    assert "Put the feet up above the level of the heart" in html


def test_headache_from_20_weeks_escalates_everyday_swelling_to_now(course):
    # NICE NG133 1.1.1: see a healthcare professional immediately (D1 of the clinical review).
    html = sorter_result("both_gradual", ["headache_vision"], "pregnant", "32", course)
    assert "legpain-level-immediate" in html
    assert "Without the red flag, the level would be “Self-care”. The red flag raises it to “Immediate: now”" in html
    assert _causes(html).startswith("<li>Pre-eclampsia</li>")
    advice = _advice(html)
    assert "blood pressure and urine need checking straight away" in advice
    # No self-care and no "same day" beside "now" (D3).
    assert "Put the feet up" not in advice and "<strong>Self-care:</strong>" not in advice
    assert "<strong>Urgent: same day:</strong>" not in advice


@pytest.mark.parametrize("stage, text, face_level, listed", [
    ("pregnant", "14", "urgent", False),
    ("pregnant", "19", "urgent", False),
    ("pregnant", "20", "immediate", True),
    ("pregnant", "38", "immediate", True),
    ("after_birth", "0", "immediate", True),
    ("after_birth", "21", "immediate", True),
    ("unknown", "", "immediate", True),
    ("pregnant", "", "immediate", True),
])
def test_pre_eclampsia_signs_are_now_from_20_weeks_and_after_the_birth_and_same_day_before(course, stage, text, face_level, listed):
    # Sudden swelling is 'same day' before 20 weeks; a severe headache with vision problems is
    # 'now' at every stage (second review I3: a clot in the brain's veins or a bleed).
    for pattern, features, level in (("sudden_face_hands", [], face_level), ("both_gradual", ["headache_vision"], "immediate")):
        html = sorter_result(pattern, features, stage, text, course)
        assert f"legpain-level-{level}" in html, (pattern, stage, text)
        assert ("<li>Pre-eclampsia</li>" in _causes(html)) is listed
        assert ("leaves the list of likely causes" in html) is not listed
        assert "Red flags that set this level" in html  # a red flag before 20 weeks too


def test_the_note_before_20_weeks_names_the_week_and_its_sources(course):
    html = sorter_result("sudden_face_hands", [], "pregnant", "14", course)
    note = html.split('class="legpain-stage-note"')[1]
    assert "<strong>Week 14:</strong>" in note
    assert "rarely happens before the 20th week" in note and "after the birth" in note
    assert ">S72</abbr>" in note


def test_vomiting_alone_is_not_a_red_flag_before_20_weeks_but_is_from_20_weeks(course):
    early = sorter_result(None, ["vomiting"], "pregnant", "10", course)
    late = sorter_result(None, ["vomiting"], "pregnant", "30", course)
    after = sorter_result(None, ["vomiting"], "after_birth", "3", course)
    assert "legpain-level-routine" in early and "None of these is a red flag at week 10 of pregnancy" in early
    assert "leaves the list of likely causes" in early
    for html in (late, after):
        assert "legpain-level-immediate" in html and "Red flags that set this level" in html


def test_one_swollen_leg_points_to_a_clot_first_with_no_self_care_beside_it(course):
    for features in ([], ["heavy_aching"]):
        html = sorter_result("one_leg", features, "pregnant", "", course)
        assert "legpain-level-urgent" in html
        causes = _causes(html)
        assert causes.startswith("<li>Deep vein thrombosis (DVT)</li>")
        assert causes.index("Deep vein thrombosis") < causes.index("Swelling (oedema")
        advice = _advice(html)
        assert "compression ultrasound scan" in advice
        # D3: no stockings, feet up or other self-care beside a possible clot.
        for self_care in ("<strong>Self-care:</strong>", "Compression stockings", "Put the feet up", "Avoid standing"):
            assert self_care not in advice, (features, self_care)


def test_breathless_lying_flat_with_swollen_legs_is_now_and_points_to_the_heart(course):
    alone = sorter_result(None, ["breathless_flat"], "pregnant", "34", course)
    with_legs = sorter_result("both_gradual", ["breathless_flat"], "pregnant", "34", course)
    assert "legpain-level-urgent" in alone
    assert "legpain-level-immediate" in with_legs
    assert _causes(with_legs).startswith("<li>Peripartum cardiomyopathy")
    assert "peripartum cardiomyopathy" in html_text(with_legs.split("<strong>Why:</strong>")[1]).lower()


@pytest.mark.parametrize("pattern, features, stage, text, message", [
    ("both_gradual", [], "pregnant", "soon", "'soon' is not a week"),
    ("both_gradual", [], "pregnant", "50", "from 1 to 42"),
    ("both_gradual", [], "after_birth", "100", "from 0 to 84"),
    ("both_gradual", [], "winter", "3", "Choose the stage from the list"),
    ("gradual_everything", [], "pregnant", "32", "Choose a pattern of swelling from the list"),
    ("both_gradual", ["fever"], "pregnant", "32", "is not one of the features"),
])
def test_bad_values_give_a_sentence_not_a_traceback(course, pattern, features, stage, text, message):
    html = sorter_result(pattern, features, stage, text, course)
    assert "legpain-message-error" in html
    assert str(markup_escape(message)) in html


def test_nothing_chosen_invites_a_choice(course):
    html = sorter_result(None, [], "pregnant", "", course)
    assert "legpain-message-info" in html and "Choose a pattern" in html


# Stages on both sides of every week rule, after the birth, and not known.
STAGES = [("unknown", ""), ("pregnant", "14"), ("pregnant", "19"), ("pregnant", "20"), ("pregnant", "32"),
          ("after_birth", "0"), ("after_birth", "40")]
PRE_ECLAMPSIA_SIGNS = {"sudden_face_hand_swelling", "headache_vision_rib_pain", "vomiting"}


def _choices(data):
    feature_ids = [f.id for f in data.features]
    for pattern in [None, *(p.id for p in data.patterns)]:
        for n in range(len(feature_ids) + 1):
            for ticked in itertools.combinations(feature_ids, n):
                ids = sorter_symptoms(pattern, ticked, data)
                if ids:
                    yield pattern, ticked, ids


def test_every_sorter_choice_is_safe_at_every_stage(course):
    data = load_sorter(course)
    feature_ids = [f.id for f in data.features]
    for stage, text in STAGES:
        when = parse_stage(stage, text)
        late = when.weeks is None or when.weeks >= 20  # not known counts as the most dangerous stage
        for pattern, ticked, ids in _choices(data):
            result = assess(ids, when.weeks, course, when.days_after_birth)
            if any(course.symptoms[s].level >= Level.URGENT for s in ids):
                assert result.level >= Level.URGENT, (pattern, ticked, stage, text)
            if result.level >= Level.URGENT:
                # D3: at urgent or above, only actions of exactly the level (never self-care).
                assert all(a.level == result.level for a in result.advice if a.kind == "action"), (pattern, ticked, stage)
            if late and PRE_ECLAMPSIA_SIGNS & set(ids):
                assert result.level >= Level.IMMEDIATE, (pattern, ticked, stage, text)
            for extra in set(feature_ids) - set(ticked):
                more = sorter_symptoms(pattern, [*ticked, extra], data)
                assert assess(more, when.weeks, course, when.days_after_birth).level >= result.level


def test_data_strings_are_escaped(data_copy):
    def poison(raw):
        raw["sorter_notes"][0]["text"] = "<script>alert(1)</script> before 20 weeks"
    course = edit_lesson(data_copy, LESSON, poison)
    html = sorter_result("sudden_face_hands", [], "pregnant", "12", course)
    assert "<script>" not in html and "&lt;script&gt;" in html


# ------------------------------------------------------------------ builder


def test_builder_controls_are_labelled_and_update_the_output(course):
    box = swelling_sorter()
    controls, out = box.controls, box.output
    assert controls["pattern"].description == PATTERN_LABEL
    assert controls["stage"].description == STAGE_LABEL
    assert controls["number"].description == NUMBER_LABEL
    assert controls["headache_vision"].description == course.symptoms["headache_vision_rib_pain"].label
    assert controls["vomiting"].description == course.symptoms["vomiting"].label
    assert all(c.description for c in controls.values())
    assert "legpain-level-self-care" in out.value
    controls["headache_vision"].value = True
    assert "legpain-level-immediate" in out.value
    controls["number"].value = "14"
    assert "legpain-level-immediate" in out.value and "leaves the list of likely causes" in out.value
    controls["stage"].value = "after_birth"
    controls["number"].value = "5"
    assert "legpain-level-immediate" in out.value and "day 5 after the birth" in out.value
    controls["number"].value = "fortnight"
    assert "legpain-message-error" in out.value and "is not a number of days" in out.value
    controls["stage"].value = "unknown"
    assert "legpain-level-immediate" in out.value and "Stage not known" in out.value
