"""Lesson 04 (cramps and blood chemistry): data, figure, the picker and the stage selector."""

from __future__ import annotations

import itertools

import pytest

from legpain import DataError, Level, level_for, load_course
from legpain.figures.cramps import load_prevalence, prevalence_figure, prevalence_summary
from legpain.widgets.cramps import (
    STAGE_LABEL,
    cramp_picker,
    load_picker,
    picker_result,
    rls_stage_result,
    rls_stage_selector,
)

from conftest import edit_lesson

LESSON = "04_cramps_and_blood_chemistry"


# ------------------------------------------------------------------ figure


def test_prevalence_rows_and_sources(course):
    rows, labels = load_prevalence(course)
    pooled = {r.period: r.percent for r in rows if r.estimate == "pooled"}
    assert pooled == {"First trimester": 8, "Second trimester": 16, "Third trimester": 22, "After birth": 4}
    assert all(r.source_ids == ["S62"] for r in rows if r.estimate == "pooled")
    assert [(r.percent, r.source_ids) for r in rows if r.estimate != "pooled"] == [(22.9, ["S63"])]
    assert "Chen 2018" in labels["pooled"]


def test_summary_tells_the_rise_and_fall(course):
    rows, _ = load_prevalence(course)
    assert prevalence_summary(rows) == (
        "Restless legs syndrome rose from 8% in the first trimester through 16% in the second trimester "
        "to 22% in the third trimester, then fell to 4% after birth "
        "(another review found 22.9% in the third trimester)."
    )


def test_summary_needs_a_pooled_estimate(course):
    rows, _ = load_prevalence(course)
    with pytest.raises(ValueError):
        prevalence_summary([r for r in rows if r.estimate != "pooled"])


def test_figure_shows_values_as_text_and_the_second_estimate_as_a_diamond(course):
    fig = prevalence_figure(*load_prevalence(course))
    bars, diamonds = fig.data
    assert list(bars.x) == ["First trimester", "Second trimester", "Third trimester", "After birth"]
    assert list(bars.y) == [8, 16, 22, 4]
    assert list(bars.text) == ["8%", "16%", "22%", "4%"]
    assert diamonds.marker.symbol == "diamond" and list(diamonds.x) == ["Third trimester"]
    assert list(diamonds.text) == ["22.9%"]
    assert fig.layout.yaxis.range[1] > 22.9


@pytest.mark.parametrize("change, column", [
    (lambda raw: raw["rls_prevalence"][2].update(percent=120), "percent"),
    (lambda raw: raw["rls_prevalence"][0].update(estimate="guess"), "estimate"),
])
def test_bad_prevalence_rows_name_the_row_and_column(data_copy, change, column):
    course = edit_lesson(data_copy, LESSON, change)
    with pytest.raises(DataError) as caught:
        load_prevalence(course)
    assert caught.value.file == f"data/lessons/{LESSON}.yaml"
    assert caught.value.column == column
    assert caught.value.row in ("rls_prevalence[0]", "rls_prevalence[2]")


def test_picker_with_an_unknown_symptom_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["picker_features"][0].update(symptom_id="night_cramp_x"))
    with pytest.raises(DataError) as caught:
        load_picker(course)
    assert (caught.value.row, caught.value.column) == ("picker_features[0]", "symptom_id")


# ------------------------------------------------------------------ picker


def _advice(html):
    return html.split('<ul class="legpain-advice">')[1]


def test_an_ordinary_night_cramp_is_self_care_with_a_safety_net(course):
    html = picker_result(["night_cramp"], course)
    assert "<strong>Points most to:</strong> Leg cramps" in html
    assert "legpain-level-self-care" in html
    assert "None of these is a red flag, so the level is “Self-care”" in html
    advice = _advice(html)
    assert "stretch and massage the calf" in advice
    assert "If it changes (Urgent: same day):</strong> If the calf stays painful between cramps" in advice


def test_frequent_cramps_are_a_routine_review_not_a_clot_question(course):
    # W6: how often or how badly cramps come does not point to a clot; calf swelling or tenderness does.
    html = picker_result(["frequent_cramps"], course)
    assert "legpain-level-routine" in html
    assert "<strong>Points most to:</strong> Leg cramps" in html
    assert "Deep vein thrombosis" not in html.split('<ol class="legpain-causes">')[1].split("</ol>")[0]
    assert "one calf becomes swollen, warm, red or tender, get checked the same day" in _advice(html)


def test_a_swollen_leg_turns_a_cramp_into_a_clot_question(course):
    html = picker_result(["frequent_cramps", "one_leg_swollen"], course)
    assert "legpain-level-urgent" in html
    assert "<strong>Points most to:</strong> Deep vein thrombosis (DVT)" in html
    assert "Without the red flag, the level would be “Routine review”. The red flag raises it to “Urgent: same day”" in html
    advice = _advice(html)
    assert "compression ultrasound scan" in advice
    assert "stretch and massage" not in advice and "<strong>Self-care:</strong>" not in advice  # D3


def test_an_ache_in_one_calf_is_a_same_day_clot_question(course):
    html = picker_result(["one_calf_pain"], course)
    assert "legpain-level-urgent" in html
    assert "<strong>Points most to:</strong> Deep vein thrombosis (DVT)" in html


def test_an_urge_to_move_points_to_restless_legs(course):
    html = picker_result(["urge_to_move"], course)
    assert "<strong>Points most to:</strong> Restless legs syndrome" in html
    assert "legpain-level-routine" in html
    assert "ferritin" in html


def test_picker_bad_and_empty_input(course):
    bad = picker_result(["cramp_<b>"], course)
    assert "legpain-message-error" in bad and "<b>" not in bad
    empty = picker_result([], course)
    assert "legpain-message-info" in empty and "Tick what the woman describes" in empty


def test_every_picker_choice_with_a_red_flag_is_at_least_urgent_with_no_self_care(course):
    features = load_picker(course)
    for n in range(1, len(features) + 1):
        for chosen in itertools.combinations(features, n):
            ids = [f.symptom_id for f in chosen]
            if any(course.symptoms[s].level >= Level.URGENT for s in ids):
                assert level_for(ids, None, course) >= Level.URGENT
                html = picker_result([f.id for f in chosen], course)
                assert "legpain-level-self-care" not in html
                assert "stretch and massage" not in html and "<strong>Self-care:</strong>" not in html


# ------------------------------------------------------------------ stage selector


def test_third_trimester_is_the_peak_with_both_estimates(course):
    html = rls_stage_result("Third trimester", course)
    assert "About 22 in 100 women (roughly 1 in 5)" in html
    assert "Another review found about 22.9 in 100 women" in html
    assert "most common" in html


def test_first_trimester_is_compared_with_the_peak(course):
    html = rls_stage_result("First trimester", course)
    assert "About 8 in 100 women (roughly 1 in 12)" in html
    assert "lower than the peak of 22% in the third trimester" in html
    assert "22.9" not in html


@pytest.mark.parametrize("stage", [None, "", "Fourth trimester", 3])
def test_unknown_stage_gives_a_sentence(course, stage):
    html = rls_stage_result(stage, course)
    assert "legpain-message-error" in html and "Choose a stage of pregnancy" in html


# ------------------------------------------------------------------ builders


def test_picker_builder_is_labelled_and_updates():
    panel = cramp_picker()
    boxes, out = panel.controls, panel.output
    assert all(box.description for box in boxes.values())
    assert boxes["night_cramp"].description == "An occasional calf cramp at night that passes within minutes"
    assert "Tick what the woman describes" in out.value
    boxes["night_cramp"].value = True
    assert "legpain-level-self-care" in out.value
    boxes["one_leg_swollen"].value = True
    assert "legpain-level-urgent" in out.value and "stretch and massage" not in out.value
    boxes["one_leg_swollen"].value = False
    assert "legpain-level-self-care" in out.value and "stretch and massage" in out.value


def test_stage_selector_builder_is_labelled_and_updates():
    panel = rls_stage_selector()
    stage, out = panel.controls["stage"], panel.output
    assert stage.description == STAGE_LABEL
    assert "First trimester" in out.value
    stage.value = "After birth"
    assert "About 4 in 100 women (roughly 1 in 25)" in out.value


def test_stage_text_from_data_is_escaped(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["rls_estimate_labels"][0].update(label="<i>Pooled</i> & more"))
    html = rls_stage_result("First trimester", course)
    assert "<i>" not in html and "&lt;i&gt;Pooled&lt;/i&gt; &amp; more" in html


def test_the_verdict_escapes_the_cause_name(data_copy):
    path = data_copy / "causes.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("Deep vein thrombosis (DVT)", "Clot <img src=x onerror=alert(1)>"), encoding="utf-8")
    html = picker_result(["one_calf_pain"], load_course(data_copy))
    assert "<img" not in html and "<strong>Points most to:</strong> Clot &lt;img" in html
