"""Lesson 05 (posture, gait and muscle strain): data validation, the direction chart and the explorer."""

from __future__ import annotations


import pytest

from legpain import DataError
from legpain.figures.gait import direction_figure, direction_summary
from legpain.widgets.gait import (
    NONE_ANSWER,
    change_explorer,
    check_change,
    load_changes,
    load_scenarios,
    pending_html,
    scenario_html,
)

from conftest import edit_lesson, html_text

LESSON = "05_posture_gait_and_muscle_strain"


# ---------------------------------------------------------------- data


def test_gait_changes_go_the_way_the_meta_analysis_found(course):
    changes = {c.id: c for c in load_changes(course)}
    assert changes["stride"].direction == "decrease"
    assert changes["step_width"].direction == "increase"
    assert changes["double_support"].direction == "increase"
    assert changes["postural_control"].direction == "decrease"
    assert changes["curvature"].consistent is False


def test_every_scenario_answer_is_offered(course):
    change_ids = {c.id for c in load_changes(course)}
    scenarios = load_scenarios(course)
    assert 3 <= len(scenarios)
    assert all(s.answer in change_ids | {NONE_ANSWER} for s in scenarios)
    assert any(s.answer == NONE_ANSWER for s in scenarios), "one situation should be a red flag, not a posture change"


def test_the_source_article_is_only_ever_attributed_never_a_clinical_source(course):
    for item in [*load_changes(course), *load_scenarios(course)]:
        text = " ".join(getattr(item, key, "") for key in ("explanation", "advice"))
        if "article" in item.source_ids:
            assert "source article" in text, item.id
            assert len(item.source_ids) > 1, f"{item.id}: attributed to the article alone"
    for scenario in load_scenarios(course):
        if scenario.symptom_ids:
            assert "article" not in scenario.source_ids, scenario.id


def test_unknown_direction_is_rejected(data_copy):
    def sideways(raw):
        raw["changes"][0]["direction"] = "sideways"

    with pytest.raises(DataError) as caught:
        load_changes(edit_lesson(data_copy, LESSON, sideways))
    assert (caught.value.row, caught.value.column) == ("changes[0]", "direction")


def test_scenario_answer_must_be_a_change(data_copy):
    def typo(raw):
        raw["scenarios"][0]["answer"] = "step_widht"

    with pytest.raises(DataError) as caught:
        load_scenarios(edit_lesson(data_copy, LESSON, typo))
    assert (caught.value.row, caught.value.column) == ("scenarios[0]", "answer")


def test_scenario_symptom_must_exist(data_copy):
    def typo(raw):
        raw["scenarios"][-1]["symptom_ids"] = ["one_leg_swolen"]

    with pytest.raises(DataError) as caught:
        load_scenarios(edit_lesson(data_copy, LESSON, typo))
    assert caught.value.column == "symptom_ids"


def test_change_without_source_is_rejected(data_copy):
    def unsourced(raw):
        raw["changes"][1]["source_ids"] = []

    with pytest.raises(DataError) as caught:
        load_changes(edit_lesson(data_copy, LESSON, unsourced))
    assert (caught.value.row, caught.value.column) == ("changes[1]", "source_ids")


def test_reserved_none_id_cannot_be_a_change(data_copy):
    def clash(raw):
        raw["changes"][0]["id"] = "none"

    with pytest.raises(DataError, match="reserved"):
        load_changes(edit_lesson(data_copy, LESSON, clash))


# ---------------------------------------------------------------- callback


def test_right_answer_gets_explanation_and_advice(course):
    text = html_text(check_change("waddle", "step_width", course))
    assert text.strip().startswith("✔ Right: Step width.")
    assert "What to advise:" in text and "Supportive shoes" in text


def test_wrong_answer_names_the_best_answer(course):
    html = check_change("curved_back", "stride", course)
    assert 'role="alert"' in html
    assert "The best answer is: Curves of the spine (lordosis, kyphosis)." in html_text(html)
    assert "does not correlate" in html


def test_pulled_calf_is_not_strain_and_the_engine_says_same_day(course):
    wrong = html_text(check_change("pulled_calf", "load", course))
    assert "Not this one" in wrong and "None of these: it needs checking" in wrong
    assert "URGENT: SAME DAY — get seen today" in wrong
    right = html_text(check_change("pulled_calf", NONE_ANSWER, course))
    assert "Right" in right and "URGENT: SAME DAY" in right
    assert "[ S24 , S107 , S54 , S108 ]" in right


def test_aching_legs_scenario_shows_self_care_level(course):
    text = html_text(check_change("aching_legs", "load", course))
    assert "Right" in text and "SELF-CARE — ease it at home" in text
    assert "a clot usually affects one leg" in text


def test_the_banner_takes_the_levels_words_from_the_data(data_copy):
    path = data_copy / "levels.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("get seen today, not at the next appointment", "same day please: ring the maternity unit"), encoding="utf-8")
    from legpain import load_course

    feedback = html_text(check_change("pulled_calf", NONE_ANSWER, load_course(data_copy)))
    assert "URGENT: SAME DAY — same day please: ring the maternity unit" in feedback


def test_scenarios_without_symptoms_show_no_level(course):
    assert "triage engine" not in check_change("waddle", "step_width", course)


def test_missing_and_bad_choices_give_messages(course):
    assert "press Check my choice" in check_change("waddle", None, course)
    assert "press Check my choice" in check_change("waddle", "", course)
    for bad in ["gait", 7, ["stride"]]:
        html = check_change("waddle", bad, course)
        assert 'role="alert"' in html and "Choose one of the changes" in html
    for bad_scenario in ["nope", None, 2]:
        assert 'role="alert"' in check_change(bad_scenario, "stride", course)
        assert 'role="alert"' in scenario_html(bad_scenario, course)


def test_scenario_text_is_escaped(data_copy):
    def inject(raw):
        raw["scenarios"][0]["prompt"] = "She says <b>waddle</b> & more"

    html = scenario_html("waddle", edit_lesson(data_copy, LESSON, inject))
    assert "<b>" not in html and "&lt;b&gt;waddle&lt;/b&gt; &amp; more" in html


def test_pending_choice_is_named_until_checked(course):
    assert pending_html(None, course) == "" and pending_html("", course) == ""
    assert "You chose: Weight carried." in pending_html("load", course)
    assert "You chose: None of these: it needs checking." in pending_html(NONE_ANSWER, course)
    assert 'role="alert"' in pending_html("sideways", course)
    assert 'role="alert"' in pending_html(3, course)


# ---------------------------------------------------------------- figure


def test_figure_shows_direction_only_with_text_and_patterns(course):
    changes = load_changes(course)
    fig = direction_figure(changes)
    xs = [x for trace in fig.data for x in trace.x]
    assert set(xs) == {1, -1}, "every bar has the same length: the sources give no sizes"
    assert len(xs) == len(changes)
    texts = [t for trace in fig.data for t in trace.text]
    assert any(t.startswith("▲") for t in texts) and any(t.startswith("▼") for t in texts)
    shapes = [s for trace in fig.data for s in trace.marker.pattern.shape]
    assert shapes.count("/") == sum(not c.consistent for c in changes) == 1
    assert any("no sizes" in a.text for a in fig.layout.annotations)
    assert list(fig.layout.xaxis.ticktext)[0].endswith("decreases")


def test_summary_counts_follow_the_data(course, data_copy):
    summary = direction_summary(load_changes(course))
    assert summary.startswith("Of 7 changes, 5 increase") and "2 decrease" in summary
    assert "not every study found a change in curves of the spine" in summary

    def flip(raw):
        raw["changes"][2]["direction"] = "decrease"

    assert direction_summary(load_changes(edit_lesson(data_copy, LESSON, flip))).startswith("Of 7 changes, 4 increase")


# ---------------------------------------------------------------- builder


def test_explorer_checks_and_resets(course):
    box = change_explorer()
    situation, quote, answer, check, feedback = box.children
    assert situation.description == "Situation" and answer.description == "Which change explains it?"
    assert check.description == "Check my choice"
    assert "waddle" in quote.value
    assert answer.label == "Choose a change" and answer.value == ""
    check.click()
    assert "press Check my choice" in feedback.value
    answer.value = "step_width"
    assert "You chose: Step width." in feedback.value
    check.click()
    assert "Right: Step width." in feedback.value
    situation.value = "pulled_calf"
    assert answer.value == "" and answer.label == "Choose a change" and feedback.value == ""
    assert "pulled a muscle" in quote.value
    answer.value = "load"
    check.click()
    # A first wrong answer gets a second try, without the answer (as the self-checks do).
    assert "Not this one" in feedback.value and "URGENT: SAME DAY" not in feedback.value and not check.disabled
    answer.value = "stride"
    check.click()
    assert "The best answer is" in feedback.value and "URGENT: SAME DAY" in feedback.value and check.disabled
