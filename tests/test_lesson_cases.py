"""The case studies lesson: every case agrees with the triage engine, and the trainer gives feedback."""

from __future__ import annotations

import pytest
import yaml

from legpain import DataError, Level, assess, load_course
from legpain.figures.cases import case_timeline_figure, case_timeline_summary
from legpain.widgets.cases import (
    case_trainer,
    check_triage,
    choice_html,
    load_cases,
    load_week_markers,
    model_answer_html,
    story_html,
    week_reasons,
)

LESSON = "09_case_studies"
CASES = load_cases(load_course())


# ---------------------------------------------------------------- every case against the engine


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_level_agrees_with_the_engine(case):
    assert assess(case.symptom_ids, case.weeks).level == case.level


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_likely_cause_is_the_engines_first_cause(case):
    assert assess(case.symptom_ids, case.weeks).causes[0] == case.likely_cause


def test_cases_cover_every_level_and_several_causes():
    assert len(CASES) >= 8
    assert {c.level for c in CASES} == set(Level)
    assert len({c.likely_cause for c in CASES}) >= 6


def test_some_case_hides_a_red_flag_among_everyday_symptoms(course):
    hidden = [
        c for c in CASES
        if any(course.symptoms[s].red_flag for s in c.symptom_ids)
        and any(not course.symptoms[s].red_flag for s in c.symptom_ids)
    ]
    assert hidden, "no case mixes a red flag with everyday symptoms"
    for case in hidden:
        assert case.level >= Level.URGENT


def test_the_week_changes_the_reasoning_where_the_case_says_so():
    marked = [c for c in CASES if c.week_matters is not None]
    assert marked
    for case in marked:
        assert week_reasons(case) != week_reasons(case, case.week_matters.compare_week), case.id


# ---------------------------------------------------------------- data validation


def _write(data_copy, edit):
    path = data_copy / "lessons" / f"{LESSON}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return load_course(data_copy)


def test_unknown_symptom_in_a_case_names_the_row_and_suggests_a_fix(data_copy):
    course = _write(data_copy, lambda raw: raw["cases"][1]["symptom_ids"].__setitem__(0, "occasional_night_cramps"))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert (caught.value.file, caught.value.row, caught.value.column) == (f"data/lessons/{LESSON}.yaml", "cases[1]", "symptom_ids")
    assert "occasional_night_cramp" in str(caught.value)


def test_unknown_cause_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["cases"][0].update(likely_cause="gout"))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert caught.value.column == "likely_cause"


def test_unknown_level_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["cases"][0].update(level="soon"))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert (caught.value.row, caught.value.column) == ("cases[0]", "level")


def test_week_out_of_range_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["cases"][2].update(weeks=45))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert (caught.value.row, caught.value.column) == ("cases[2]", "weeks")


def test_repeated_case_id_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["cases"][3].update(id=raw["cases"][0]["id"]))
    with pytest.raises(DataError, match="a unique id"):
        load_cases(course)


# ---------------------------------------------------------------- callbacks


def test_right_level_is_confirmed_with_the_reason():
    lucy = next(c for c in CASES if c.id == "lucy")
    feedback = check_triage("lucy", "urgent")
    assert feedback.verdict == "right" and feedback.cause_right is None
    assert "Right: Urgent: same day" in feedback.html and "legpain-message-success" in feedback.html
    assert "one leg more swollen" in feedback.html and lucy.why[:30] in feedback.html


def test_under_triage_is_called_too_low_and_names_the_needed_level():
    feedback = check_triage("kemi", "routine")
    assert feedback.verdict == "too_low"
    assert "Too low" in feedback.html and "Emergency: now" in feedback.html and "never talked down" in feedback.html


def test_over_triage_is_called_higher_than_needed():
    feedback = check_triage("beth", "emergency")
    assert feedback.verdict == "too_high"
    assert "Higher than needed" in feedback.html and "Self-care" in feedback.html


def test_likely_cause_feedback(course):
    right = check_triage("jo", "urgent", "superficial_thrombophlebitis")
    assert right.cause_right is True and "Likely cause: right" in right.html
    wrong = check_triage("jo", "urgent", "varicose_veins")
    assert wrong.cause_right is False
    assert course.causes["superficial_thrombophlebitis"].name in wrong.html


@pytest.mark.parametrize(
    ("case_id", "level", "cause", "expected"),
    [
        ("lucy", None, None, "Choose a level first"),
        ("lucy", "", None, "Choose a level first"),
        ("lucy", "soon", None, "Choose one of the levels"),
        ("nobody", "urgent", None, "Choose a case"),
        (None, "urgent", None, "Choose a case"),
        ("lucy", "urgent", "gout", "Choose a likely cause from the list"),
    ],
)
def test_missing_or_bad_answers_give_a_message_not_a_traceback(case_id, level, cause, expected):
    feedback = check_triage(case_id, level, cause)
    assert expected in feedback.html and "legpain-message" in feedback.html


def test_model_answer_shows_level_cause_advice_flags_and_sources(course):
    html = model_answer_html("gwen")
    assert "legpain-level-urgent" in html
    assert course.causes["pre_eclampsia"].name in html
    assert "blood pressure and urine" in html
    assert course.symptoms["headache_vision_rib_pain"].label in html
    assert 'title="National Institute for Health and Care Excellence. Hypertension' in html
    assert "Red flags in her story:</strong> none" in model_answer_html("amira")
    assert "Why the week matters" in model_answer_html("isla")
    assert "Choose a case" in model_answer_html("nobody")


def test_story_hides_the_answer():
    for case in CASES:
        html = story_html(case.id, CASES)
        assert case.title in html
        assert case.why not in html and case.advise not in html and "legpain-level" not in html


def test_case_text_is_escaped():
    evil = [CASES[0].model_copy(update={"story": "<img src=x onerror=alert(1)> hurts", "why": "<b>why</b> is this here"})]
    assert "<img" not in story_html(evil[0].id, evil)
    assert "&lt;b&gt;why" in check_triage(evil[0].id, evil[0].level.value, None, evil).html


# ---------------------------------------------------------------- the builder


def test_trainer_controls_are_labelled_and_wired():
    box = case_trainer()
    chooser, story, level, cause, buttons, feedback, answer = box.children
    check, reveal = buttons.children
    assert (chooser.description, level.description, cause.description) == ("Case:", "Your level:", "Likely cause (optional):")
    assert (check.description, reveal.description) == ("Check my triage", "Show model answer")
    chooser.value = "mei"
    assert "Mei, 35 weeks pregnant" in story.value and answer.value == ""
    check.click()
    assert "Choose a level first" in feedback.value
    level.value = "urgent"
    assert "Your answer: Urgent: same day; likely cause: not sure" in feedback.value
    check.click()
    assert "Too low" in feedback.value and "Emergency: now" in feedback.value
    level.value = "emergency"
    cause.value = "pulmonary_embolism"
    check.click()
    assert "Right: Emergency: now" in feedback.value and "Likely cause: right" in feedback.value
    reveal.click()
    assert "Model answer: Mei" in answer.value
    chooser.value = "beth"
    assert feedback.value == "" and answer.value == "" and level.value == "" and cause.value == ""


def test_choice_prompt_shows_the_choice_but_not_the_verdict(course):
    html = choice_html("self-care", "dvt")
    assert "Your answer: Self-care; likely cause: " + course.causes["dvt"].name in html
    assert "Right" not in html and "Too low" not in html
    assert "no level yet" in choice_html("", "dvt")
    assert "Choose one of the levels" in choice_html("soon")


# ---------------------------------------------------------------- the figure


def test_timeline_has_every_case_at_her_week_and_the_marked_weeks():
    fig = case_timeline_figure()
    trace = fig.data[0]
    positions = dict(zip(trace.y, trace.x))
    for i, case in enumerate(CASES, start=1):
        assert positions[f"{i}. {case.name}"] == case.weeks
    lines = sorted(shape.x0 for shape in fig.layout.shapes)
    assert lines == [m.week for m in load_week_markers()]
    assert all(text.startswith("week ") for text in trace.text)


def test_first_trimester_marker_agrees_with_the_triage_rule(course):
    """The line where the first trimester ends must match the engine's first-trimester rule."""
    rule = next(r for r in course.rules.values() if "first trimester" in r.reason.lower())
    marker = next(m for m in load_week_markers() if "first trimester" in m.label.lower())
    assert marker.week == rule.max_week + 1


def test_timeline_summary_counts_cases_between_the_marked_weeks():
    summary = case_timeline_summary()
    assert summary.startswith(f"The {len(CASES)} cases run from week 9 to week 38")
    third = sum(c.weeks >= 30 for c in CASES)
    assert f"{third} in weeks 30 to 42" in summary
