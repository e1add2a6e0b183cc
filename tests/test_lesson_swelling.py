"""Lesson 02 (swelling and pre-eclampsia): data, figure and the swelling sorter."""

from __future__ import annotations

import itertools

import pytest

from legpain import DataError, Level, level_for
from legpain.figures.swelling import evidence_figure, evidence_summary, load_interventions
from legpain.widgets.swelling import (
    PATTERN_LABEL,
    WEEK_LABEL,
    load_sorter,
    parse_week,
    sorter_result,
    sorter_symptoms,
    swelling_sorter,
)

from conftest import edit_lesson

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


# ------------------------------------------------------------------ callback


@pytest.mark.parametrize("text, week", [(None, None), ("", None), ("  ", None), ("32", 32), (" 7 ", 7), (42, 42)])
def test_week_box_accepts_whole_weeks_or_nothing(text, week):
    assert parse_week(text) == week


@pytest.mark.parametrize("text", ["abc", "0", "43", "-3", "3.5", "thirty"])
def test_week_box_rejects_other_text(text):
    with pytest.raises(ValueError, match="1 to 42|1-42|from 1"):
        parse_week(text)


def test_everyday_pattern_is_self_care_and_says_no_red_flags(course):
    html = sorter_result("both_gradual", [], "32", course)
    assert "legpain-level-self-care" in html
    assert "No red flags are selected" in html
    assert "Put the feet up above the level of the heart" in html


def test_headache_escalates_everyday_swelling_to_urgent(course):
    html = sorter_result("both_gradual", ["headache_vision"], "32", course)
    assert "legpain-level-urgent" in html
    assert "Without the red flags, the level would be “Self-care”" in html
    assert "warning sign of pre-eclampsia" in html


def test_one_swollen_leg_points_to_a_clot_first(course):
    html = sorter_result("one_leg", [], "", course)
    assert "legpain-level-urgent" in html
    causes = html.split('<ol class="legpain-causes">')[1]
    assert causes.index("Deep vein thrombosis") < causes.index("Swelling (oedema")


def test_before_20_weeks_pre_eclampsia_leaves_the_causes_but_not_the_urgency(course):
    early = sorter_result("sudden_face_hands", [], "14", course)
    late = sorter_result("sudden_face_hands", [], "30", course)
    for html in (early, late):
        assert "legpain-level-urgent" in html
    assert "<li>Pre-eclampsia</li>" not in early and "drops off the list" in early
    assert "<li>Pre-eclampsia</li>" in late and "drops off the list" not in late


@pytest.mark.parametrize("pattern, features, week, message", [
    ("both_gradual", [], "soon", "'soon' is not a week"),
    ("both_gradual", [], "50", "from 1 to 42"),
    ("gradual_everything", [], "32", "Choose a pattern of swelling from the list"),
    ("both_gradual", ["fever"], "32", "is not one of the features"),
])
def test_bad_values_give_a_sentence_not_a_traceback(course, pattern, features, week, message):
    html = sorter_result(pattern, features, week, course)
    assert "legpain-message-error" in html
    assert message.replace("'", "&#x27;") in html


def test_nothing_chosen_invites_a_choice(course):
    html = sorter_result(None, [], "", course)
    assert "legpain-message-info" in html and "Choose a pattern" in html


def test_every_sorter_choice_with_a_red_flag_is_at_least_urgent_and_adding_never_lowers(course):
    data = load_sorter(course)
    feature_ids = [f.id for f in data.features]
    for week in (None, 14, 32):
        for pattern in [None, *(p.id for p in data.patterns)]:
            for n in range(len(feature_ids) + 1):
                for ticked in itertools.combinations(feature_ids, n):
                    ids = sorter_symptoms(pattern, ticked, data)
                    if not ids:
                        continue
                    level = level_for(ids, week, course)
                    if any(course.symptoms[s].red_flag for s in ids):
                        assert level >= Level.URGENT, (pattern, ticked, week)
                    for extra in set(feature_ids) - set(ticked):
                        more = sorter_symptoms(pattern, [*ticked, extra], data)
                        assert level_for(more, week, course) >= level


def test_data_strings_are_escaped(data_copy):
    def poison(raw):
        raw["sorter_notes"][0]["text"] = "<script>alert(1)</script> before 20 weeks"
    course = edit_lesson(data_copy, LESSON, poison)
    html = sorter_result("sudden_face_hands", [], "12", course)
    assert "<script>" not in html and "&lt;script&gt;" in html


# ------------------------------------------------------------------ builder


def test_builder_controls_are_labelled_and_update_the_output():
    box = swelling_sorter()
    controls, out = box.controls, box.output
    assert controls["pattern"].description == PATTERN_LABEL
    assert controls["week"].description == WEEK_LABEL
    assert controls["headache_vision"].description.startswith("Bad headache")
    assert all(c.description for c in controls.values())
    assert "legpain-level-self-care" in out.value
    controls["headache_vision"].value = True
    assert "legpain-level-urgent" in out.value
    controls["week"].value = "fortnight"
    assert "legpain-message-error" in out.value and "is not a week" in out.value
    controls["week"].value = "14"
    controls["pattern"].value = "sudden_face_hands"
    assert "drops off the list" in out.value
