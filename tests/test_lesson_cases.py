"""The case studies lesson: every case agrees with the triage engine, and the trainer gives feedback."""

from __future__ import annotations

import re

import pytest

from conftest import edit_lesson, html_text
from legpain import DataError, Level, assess, load_course
from legpain.figures.cases import case_timeline_figure, case_timeline_summary
from legpain.levels import RED_FLAG_FLOOR
from legpain.widgets.cases import (
    assess_at_compared_stage,
    assess_case,
    case_trainer,
    check_triage,
    choice_html,
    load_cases,
    load_feedback,
    load_stage_markers,
    model_answer_html,
    story_html,
)

LESSON = "09_case_studies"
CASES = load_cases(load_course())
BY_ID = {c.id: c for c in CASES}
RED_FLAG_CASES = [c for c in CASES if assess_case(c).red_flags]
# Words that scold a student, or blame the woman or the service, for choosing a faster route.
SCOLDING = re.compile(r"overload|frighten|worr|cost|burden|waste|too high|higher than needed|mistake|unnecessar", re.I)


# ---------------------------------------------------------------- every case against the engine


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_level_agrees_with_the_engine_at_her_stage(case):
    assert assess(case.symptom_ids, case.weeks, days_after_birth=case.days_after_birth).level == case.level


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_likely_cause_is_the_engines_first_cause(case):
    assert assess(case.symptom_ids, case.weeks, days_after_birth=case.days_after_birth).causes[0] == case.likely_cause


def test_cases_cover_every_level_both_stages_and_several_causes():
    assert len(CASES) >= 12
    assert {c.level for c in CASES} == set(Level)
    assert len({c.likely_cause for c in CASES}) >= 8
    assert sum(c.after_birth for c in CASES) >= 4
    assert sum(not c.after_birth for c in CASES) >= 8


def test_some_case_hides_a_red_flag_among_everyday_symptoms(course):
    hidden = [
        c for c in CASES
        if any(course.symptoms[s].red_flag for s in c.symptom_ids)
        and any(not course.symptoms[s].red_flag for s in c.symptom_ids)
    ]
    assert hidden, "no case mixes a red flag with everyday symptoms"
    for case in hidden:
        assert case.level >= Level.URGENT


# ---------------------------------------------------------------- the weeks after the birth


# The expected answers are written out here from the clinical sources, not read from the lesson file.
POSTNATAL = [
    ("ayesha", "immediate", "pre_eclampsia"),   # pre-eclampsia can start after the birth: advice now (NICE NG133, NHS)
    ("grace", "immediate", "cellulitis"),       # infection with feeling very unwell: sepsis risk (NICE NG51, NG255)
    ("hana", "urgent", "dvt"),                  # a swollen leg after the birth: same-day scan (RCOG 37b)
    ("zainab", "emergency", "pulmonary_embolism"),  # sudden breathlessness and chest pain: 999
    ("sofia", "routine", "pelvic_girdle_pain"),  # PGP not settled 2 weeks after the birth: physiotherapy (CUH)
]


@pytest.mark.parametrize(("case_id", "level", "cause"), POSTNATAL, ids=[p[0] for p in POSTNATAL])
def test_postnatal_case_has_the_clinically_expected_answer(case_id, level, cause):
    case = BY_ID[case_id]
    assert case.after_birth and case.weeks is None and 0 <= case.days_after_birth <= 84
    assert case.title.endswith("days after the birth")
    result = assess(case.symptom_ids, days_after_birth=case.days_after_birth)
    assert (case.level.value, case.likely_cause) == (level, cause)
    assert (result.level.value, result.causes[0]) == (level, cause)
    assert check_triage(case_id, level, cause).verdict == "right"


def test_postnatal_pre_eclampsia_needs_advice_now_and_so_does_a_severe_headache_at_any_stage():
    ayesha = BY_ID["ayesha"]
    assert assess_case(ayesha).level == Level.IMMEDIATE
    # a severe headache with vision problems is immediate at every stage, so the stage does not change her level
    assert ayesha.stage_matters is None and assess(ayesha.symptom_ids, 16).level == Level.IMMEDIATE
    assert "999" in ayesha.advise and "now" in ayesha.advise.lower()


def test_postnatal_infection_keeps_a_clot_in_view_and_names_the_999_signs():
    grace = BY_ID["grace"]
    result = assess_case(grace)
    assert result.must_not_miss[:2] == ["cellulitis", "dvt"]
    assert "clot" in grace.why and "clot" in grace.advise
    assert "Call 999 if" in grace.advise and "ibuprofen" not in grace.advise.lower()
    assert "brown or black skin" in grace.why


def test_postnatal_clot_gets_a_scan_with_heparin_until_ruled_out():
    hana = BY_ID["hana"]
    assert "compression ultrasound scan" in hana.advise and "low-molecular-weight heparin" in hana.advise
    assert "ruled out" in hana.advise and "Call 999" in hana.advise


def test_postnatal_breathlessness_is_a_999_call():
    zainab = BY_ID["zainab"]
    assert zainab.advise.startswith("Call 999 now")
    assert assess_case(zainab).red_flags == ["breathless_chest_pain"]


def test_postnatal_pelvic_girdle_pain_is_routine_with_a_physiotherapy_referral_and_no_red_flag():
    sofia = BY_ID["sofia"]
    assert assess_case(sofia).red_flags == []
    assert "physiotherapy referral" in sofia.advise and "same day" in sofia.advise


# ---------------------------------------------------------------- review findings D1 and W2


def test_gwens_pre_eclampsia_signs_need_advice_now_not_today(course):
    gwen = BY_ID["gwen"]
    assert gwen.level == Level.IMMEDIATE
    assert "now" in gwen.advise and "today" not in gwen.advise
    html = model_answer_html("gwen")
    assert "legpain-level-immediate" in html and Level.IMMEDIATE.label.upper() in html


def test_stage_matters_only_where_the_engine_really_changes_with_the_stage():
    marked = [c for c in CASES if c.stage_matters is not None]
    assert {c.id for c in marked} >= {"gwen"}
    for case in marked:
        here, there = assess_case(case), assess_at_compared_stage(case)
        assert here.level != there.level, case.id
        html = html_text(model_answer_html(case.id))
        assert f"{case.stage.describe()}, {here.level.label}" in html
        assert f"{case.stage_matters.stage.describe()}, {there.level.label}" in html


def test_gwen_is_urgent_at_14_weeks_and_immediate_at_36():
    gwen = BY_ID["gwen"]
    assert gwen.stage_matters.compare_weeks == 14
    assert (assess_case(gwen).level, assess_at_compared_stage(gwen).level) == (Level.IMMEDIATE, Level.URGENT)


def test_early_clot_reasoning_gives_the_corrected_reasons(course):
    isla = BY_ID["isla"]
    assert isla.weeks < 13 and isla.stage_matters is None  # the engine does not change a clot's level with the week
    assert "LEFt" in isla.why and "cramps" in isla.why and "uncommon" in isla.why
    assert "not a sign that the risk of a clot is highest early on" in isla.why
    wrong = re.compile(r"time of high clot risk|over half of clots|risk (of a clot )?is highest in the first", re.I)
    texts = [t for c in CASES for t in (c.why, c.advise, c.stage_matters.note if c.stage_matters else "")]
    texts += [m.label for m in load_stage_markers()]
    assert not [t for t in texts if wrong.search(t)]


# ---------------------------------------------------------------- the feedback: never scold a safe error


@pytest.mark.parametrize("case", RED_FLAG_CASES, ids=[c.id for c in RED_FLAG_CASES])
def test_over_triage_of_a_red_flag_is_called_safe_and_never_scolded(case):
    higher = [lv for lv in Level if lv > case.level]
    for level in higher:
        feedback = check_triage(case.id, level.value)
        assert feedback.verdict == "safe_higher", (case.id, level)
        assert "legpain-message-error" not in feedback.html
        assert html_text(feedback.html).strip().startswith("ℹ Safe: you chose " + level.label)
        assert f"The best route here is {case.level.label}." in html_text(feedback.html)
        assert not SCOLDING.search(html_text(feedback.html).replace(case.advise, "").replace(case.why, "")), (case.id, level)


def test_every_red_flag_case_can_be_over_triaged():
    """The test above is not empty: most red-flag cases have a faster route to choose."""
    assert len([c for c in RED_FLAG_CASES if c.level < Level.EMERGENCY]) >= 8
    assert all(c.level >= RED_FLAG_FLOOR for c in RED_FLAG_CASES)


def test_over_triage_without_a_red_flag_is_higher_than_needed_and_not_scolded():
    feedback = check_triage("beth", "emergency")
    assert feedback.verdict == "too_high" and "legpain-message-error" not in feedback.html
    text = html_text(feedback.html)
    assert f"Higher than needed: you chose {Level.EMERGENCY.label}" in text and "Self-care fits" in text
    assert not re.search(r"overload|frighten|worr|cost", text, re.I)


def test_right_level_is_confirmed_with_the_reason():
    lucy = BY_ID["lucy"]
    feedback = check_triage("lucy", "urgent")
    assert feedback.verdict == "right" and feedback.cause_right is None
    assert "Right: Urgent: same day" in feedback.html and "legpain-message-success" in feedback.html
    assert "one leg more swollen" in feedback.html and lucy.why[:30] in feedback.html


def test_under_triage_of_a_red_flag_is_too_low_and_names_the_needed_level():
    feedback = check_triage("kemi", "routine")
    assert feedback.verdict == "too_low" and "legpain-message-error" in feedback.html
    assert "Too low: you chose Routine review, but this case needs Immediate: now." in feedback.html
    assert "never talked down" in feedback.html


def test_under_triage_without_a_red_flag_does_not_mention_red_flags():
    feedback = check_triage("chloe", "self-care")
    assert feedback.verdict == "too_low"
    assert "needs Routine review" in feedback.html and "red flag" not in feedback.html.lower()


def test_feedback_words_come_from_the_lesson_file(data_copy):
    def reword(raw):
        row = next(r for r in raw["feedback"] if r["id"] == "safe_higher")
        row["text"] = "Safe choice ({chosen}); the model answer is {expected}."

    course = edit_lesson(data_copy, LESSON, reword)
    feedback = check_triage("gwen", "emergency", course=course)
    assert f"Safe choice ({Level.EMERGENCY.label}); the model answer is {Level.IMMEDIATE.label}." in feedback.html


def test_likely_cause_feedback(course):
    right = check_triage("jo", "urgent", "superficial_thrombophlebitis")
    assert right.cause_right is True and "Likely cause: right" in right.html
    wrong = check_triage("jo", "urgent", "varicose_veins")
    assert wrong.cause_right is False and "legpain-message-error" in wrong.html
    assert course.causes["superficial_thrombophlebitis"].name in wrong.html


def test_another_must_not_miss_cause_is_to_be_ruled_out_not_wrong(course):
    feedback = check_triage("mei", "emergency", "dvt")
    assert feedback.cause_right is False
    text = html_text(feedback.html)
    assert f"{course.causes['dvt'].name} is one of the dangerous causes to rule out" in text
    assert course.causes["pulmonary_embolism"].name in text
    assert text.count("⚠") == 0


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
    assert course.causes["pre_eclampsia"].name in html
    assert "blood pressure and urine" in html
    assert course.symptoms["sudden_face_hand_swelling"].label in html
    assert 'title="National Institute for Health and Care Excellence. Hypertension' in html
    assert "Red flags in her story:</strong> none" in model_answer_html("amira")
    assert "Why the stage matters" in model_answer_html("gwen")
    assert "Why the stage matters" not in model_answer_html("ayesha")
    assert "Why the stage matters" not in model_answer_html("isla")
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
    answer = model_answer_html(evil[0].id, evil)
    assert "<b>why" not in answer and "&lt;b&gt;why" in answer


# ---------------------------------------------------------------- data validation


def test_unknown_symptom_in_a_case_names_the_row_and_suggests_a_fix(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["cases"][1]["symptom_ids"].__setitem__(0, "occasional_night_cramps"))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert (caught.value.file, caught.value.row, caught.value.column) == (f"data/lessons/{LESSON}.yaml", "cases[1]", "symptom_ids")
    assert "occasional_night_cramp" in str(caught.value)


def test_unknown_cause_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["cases"][0].update(likely_cause="gout"))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert caught.value.column == "likely_cause"


def test_unknown_level_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["cases"][0].update(level="soon"))
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert (caught.value.row, caught.value.column) == ("cases[0]", "level")


@pytest.mark.parametrize(("column", "value"), [("weeks", 45), ("weeks", 0), ("days_after_birth", 85), ("days_after_birth", -1)])
def test_stage_out_of_range_is_rejected(data_copy, column, value):
    def edit(raw):
        raw["cases"][2].pop("weeks", None)
        raw["cases"][2][column] = value

    course = edit_lesson(data_copy, LESSON, edit)
    with pytest.raises(DataError) as caught:
        load_cases(course)
    assert (caught.value.row, caught.value.column) == ("cases[2]", column)


def test_a_case_with_both_stages_or_none_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["cases"][2].update(days_after_birth=3))
    with pytest.raises(DataError, match="not both or neither") as caught:
        load_cases(course)
    assert (caught.value.row, caught.value.column) == ("cases[2]", "weeks")
    course = edit_lesson(data_copy, LESSON, lambda raw: [raw["cases"][2].pop(k, None) for k in ("weeks", "days_after_birth")])
    with pytest.raises(DataError, match="not both or neither"):
        load_cases(course)


def test_repeated_case_id_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["cases"][3].update(id=raw["cases"][0]["id"]))
    with pytest.raises(DataError, match="a unique id"):
        load_cases(course)


def test_a_marker_tied_to_a_rule_must_sit_where_the_rule_starts(data_copy):
    def move(raw):
        next(m for m in raw["stage_markers"] if m.get("rule_id"))["week"] = 24

    with pytest.raises(DataError, match="starts from") as caught:
        load_stage_markers(edit_lesson(data_copy, LESSON, move))
    assert caught.value.column == "week"


def test_feedback_with_an_unknown_placeholder_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["feedback"][0].update(text="Right: {level}."))
    with pytest.raises(DataError) as caught:
        load_feedback(course)
    assert (caught.value.row, caught.value.column, caught.value.found) == ("feedback[0]", "text", "{level}")


def test_feedback_with_a_missing_kind_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["feedback"].pop())
    with pytest.raises(DataError, match="one text for each kind"):
        load_feedback(course)


# ---------------------------------------------------------------- the builder


def test_trainer_controls_are_labelled_and_wired():
    box = case_trainer()
    chooser, story, level, cause, buttons, feedback, answer = box.children
    check, reveal = buttons.children
    assert (chooser.description, level.description, cause.description) == ("Case:", "Your level:", "Likely cause (optional):")
    assert (check.description, reveal.description) == ("Check my triage", "Show model answer")
    assert [label for label, _ in chooser.options][1] == "2. Lucy, 24 weeks pregnant"
    assert "16. Hana, 10 days after the birth" in [label for label, _ in chooser.options]
    chooser.value = "mei"
    assert "Mei, 35 weeks pregnant" in story.value and answer.value == ""
    check.click()
    assert "Choose a level first" in feedback.value
    level.value = "urgent"
    assert "Your answer: Urgent: same day; likely cause: not sure" in feedback.value
    check.click()
    # A first wrong level gets a hint and a second try, without the answer (as the self-checks do).
    assert "less urgent than this story needs" in feedback.value and Level.EMERGENCY.label not in feedback.value
    level.value = "emergency"
    cause.value = "pulmonary_embolism"
    check.click()
    assert f"Right: {Level.EMERGENCY.label}" in feedback.value and "Likely cause: right" in feedback.value
    reveal.click()
    assert "Model answer: Mei" in answer.value
    chooser.value = "beth"
    assert feedback.value == "" and answer.value == "" and level.value == "" and cause.value == ""


def test_choice_prompt_shows_the_choice_but_not_the_verdict(course):
    html = choice_html("self-care", "dvt")
    assert "Your answer: Self-care; likely cause: " + course.causes["dvt"].name in html
    assert "Right" not in html and "Too low" not in html and "Safe" not in html
    assert "no level yet" in choice_html("", "dvt")
    assert "Choose one of the levels" in choice_html("soon")


# ---------------------------------------------------------------- the figure


def test_timeline_puts_every_case_at_her_stage_in_the_right_panel():
    fig = case_timeline_figure()
    pregnancy, after_birth = fig.data
    assert (pregnancy.xaxis, after_birth.xaxis) == ("x", "x2")
    weeks = dict(zip(pregnancy.y, pregnancy.x))
    days = dict(zip(after_birth.y, after_birth.x))
    for i, case in enumerate(CASES, start=1):
        label = f"{i}. {case.name}"
        if case.after_birth:
            assert days[label] == case.days_after_birth and label not in weeks
        else:
            assert weeks[label] == case.weeks and label not in days
    assert all(t.startswith("week ") for t in pregnancy.text) and all(t.startswith("day ") for t in after_birth.text)
    assert len(weeks) + len(days) == len(CASES)


def test_timeline_lines_sit_at_the_marked_stages_in_their_panel():
    fig = case_timeline_figure()
    lines = sorted((shape.xref, shape.x0) for shape in fig.layout.shapes)
    expected = sorted(("x2" if m.after_birth else "x", m.at) for m in load_stage_markers())
    assert lines == expected
    assert ("x", 20) in lines


def test_the_twenty_week_marker_agrees_with_the_pre_eclampsia_rule(course):
    marker = next(m for m in load_stage_markers() if m.rule_id)
    rule = course.rules[marker.rule_id]
    assert rule.cause_id == "pre_eclampsia" and marker.week == rule.min_week == 20
    assert assess(rule.all_of, rule.min_week).level > assess(rule.all_of, rule.min_week - 1).level


def test_timeline_summary_counts_cases_between_the_marked_stages():
    summary = case_timeline_summary()
    pregnant = [c.weeks for c in CASES if not c.after_birth]
    postnatal = [c.days_after_birth for c in CASES if c.after_birth]
    assert summary.startswith(f"Of the {len(CASES)} cases, {len(pregnant)} in pregnancy, from week 9 to week 38")
    assert f"{sum(w >= 20 for w in pregnant)} in weeks 20 to 42" in summary
    assert f"{len(postnatal)} after the birth, from day 5 to day 18" in summary
    assert f"{sum(d < 14 for d in postnatal)} in days 0 to 13" in summary


# ---------------------------------------------------------------- the notebook's prose


def _markdown(cell_id: str) -> str:
    from conftest import ROOT
    import json

    nb = json.loads((ROOT / "notebooks" / f"{LESSON}.ipynb").read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c.get("id") == cell_id)
    return "".join(cell["source"])


def test_the_solution_at_a_glance_agrees_with_the_cases():
    """Each sentence of the solution names women and one level; each must be that woman's level."""
    words = {"self-care": Level.SELF_CARE, "routine review": Level.ROUTINE, "urgent": Level.URGENT,
             "immediate": Level.IMMEDIATE, "emergency": Level.EMERGENCY}
    solution = _markdown("a89e54d5").split("</summary>")[1]
    named = set()
    pattern = r"(?:^|\. )([A-Z][a-z]+(?:, [A-Z][a-z]+)*(?:,? and [A-Z][a-z]+)?): ([a-z -]+)"
    for sentence in re.findall(pattern, " ".join(solution.split())):
        names = re.findall(r"[A-Z][a-z]+", sentence[0])
        level = words[sentence[1].strip()]
        for name in names:
            case = next(c for c in CASES if c.name == name)
            assert case.level == level, name
            named.add(case.id)
    assert named == set(BY_ID)


def test_the_instructor_note_and_key_points_never_scold_a_safe_error():
    for cell_id in ("instructor-notes", "fcdbc108"):
        text = _markdown(cell_id)
        assert "safe error" in text
        assert not re.search(r"overload|frighten|busy maternity unit|what it costs|costs the woman", text, re.I)
    assert "five levels" in _markdown("5d1f03ad").lower()
