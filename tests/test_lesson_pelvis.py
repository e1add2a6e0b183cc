"""Lesson 01 (pelvic girdle pain): data validation, the accuracy figure and both widgets."""

from __future__ import annotations


import pytest

from legpain import DataError
from legpain.figures.pelvis import accuracy_figure, accuracy_summary
from legpain.widgets.pelvis import (
    accuracy_explorer,
    accuracy_html,
    advice_picker,
    load_picker,
    load_tests,
    picker_advice_html,
)

from conftest import edit_lesson, html_text

LESSON = "01_pelvic_girdle_pain"


# ---------------------------------------------------------------- data


def test_tests_load_with_ranges_in_order(course):
    tests = {t.id: t for t in load_tests(course)}
    assert set(tests) == {"p4", "p4_pregnancy", "aslr", "p4_and_aslr"}
    for test in tests.values():
        for share in (test.sensitivity, test.specificity):
            if share is not None:
                assert 0 <= share.low <= share.high <= 1
    # Adding the P4 to the ASLR finds more women with PGP (Mens 2012).
    assert tests["p4_and_aslr"].sensitivity.low > tests["aslr"].sensitivity.high
    # No source gives the specificity of the combination: it must stay unreported, not guessed.
    assert tests["p4_and_aslr"].specificity is None
    # The P4's specificity comes from patients with a lumbar disc (Gutke 2009), not from pregnant
    # women without pain, and the lesson must say so wherever the number is shown.
    assert "disc" in tests["p4"].specificity_in
    assert tests["p4"].source_ids == ["S1", "S104", "S100"]
    # Second clinical review: the P4 measured in pregnant women, as quoted by Mens 2001 (S10) from two
    # earlier studies, is given as the range it is, with its source.
    pregnancy = tests["p4_pregnancy"]
    assert (pregnancy.sensitivity.low, pregnancy.sensitivity.high) == (0.69, 0.81)
    assert (pregnancy.specificity.low, pregnancy.specificity.high) == (0.80, 0.90)
    assert "S10" in pregnancy.source_ids and "pregnant" in pregnancy.specificity_in
    # Mens 2012 (S12) measured the ASLR in lumbopelvic pain, not PGP alone: the data must say so
    # wherever its sensitivity is used.
    for test_id in ("aslr", "p4_and_aslr"):
        assert "lumbopelvic" in tests[test_id].sensitivity_in


def test_picker_symptoms_exist_and_include_red_flags(course):
    ids = [item.symptom_id for item in load_picker(course)]
    assert all(i in course.symptoms for i in ids)
    assert any(course.symptoms[i].red_flag for i in ids), "the picker should let students see a red flag escalate"
    assert any(course.symptoms[i].level.value == "self-care" for i in ids)


def test_range_with_low_above_high_is_rejected(data_copy):
    def swap(raw):
        raw["tests"][0]["sensitivity"] = {"low": 0.9, "high": 0.7}

    with pytest.raises(DataError) as caught:
        load_tests(edit_lesson(data_copy, LESSON, swap))
    assert caught.value.file == f"data/lessons/{LESSON}.yaml"
    assert caught.value.row == "tests[0]"
    assert "low" in str(caught.value)


def test_sensitivity_above_one_is_rejected(data_copy):
    def percent(raw):
        raw["tests"][1]["sensitivity"] = {"low": 54, "high": 54}

    with pytest.raises(DataError) as caught:
        load_tests(edit_lesson(data_copy, LESSON, percent))
    assert caught.value.row == "tests[1]" and "sensitivity" in caught.value.column


def test_duplicate_test_id_is_rejected(data_copy):
    def duplicate(raw):
        raw["tests"][1]["id"] = raw["tests"][0]["id"]

    with pytest.raises(DataError, match="unique id"):
        load_tests(edit_lesson(data_copy, LESSON, duplicate))


def test_unknown_source_in_a_test_is_rejected(data_copy):
    def bad_source(raw):
        raw["tests"][2]["source_ids"] = ["S12", "S999"]

    with pytest.raises(DataError) as caught:
        load_tests(edit_lesson(data_copy, LESSON, bad_source))
    assert (caught.value.row, caught.value.column) == ("tests[2]", "source_ids")


def test_unknown_picker_symptom_is_rejected(data_copy):
    def typo(raw):
        raw["picker"][0]["symptom_id"] = "mild_pelvic_ach"

    with pytest.raises(DataError) as caught:
        load_picker(edit_lesson(data_copy, LESSON, typo))
    assert (caught.value.row, caught.value.column) == ("picker[0]", "symptom_id")


# ---------------------------------------------------------------- accuracy callback


def test_p4_in_a_group_with_twenty_women_with_pgp(course):
    text = html_text(accuracy_html("p4", 20, course))
    # Sensitivity 0.88 of 20 women (17.6); specificity 0.89 of 80 women (71.2 negative, so 9 false alarms).
    assert "Of the 20 women with PGP, about 18 test positive (found) and about 2 test negative (missed)" in text
    assert "Of the 80 women without PGP, about 9 test positive anyway (false alarms) and about 71 test negative" in text
    assert "The specificity was measured in men and women whose pain came from a slipped (herniated) lumbar disc" in text
    assert "[ S1 , S104 , S100 ]" in text


def test_a_range_of_reported_values_gives_a_range_of_women(data_copy):
    def widen(raw):
        raw["tests"][0]["sensitivity"] = {"low": 0.69, "high": 0.81}
        raw["tests"][0]["specificity"] = {"low": 0.80, "high": 0.90}

    text = html_text(accuracy_html("p4", 20, edit_lesson(data_copy, LESSON, widen)))
    assert "Of the 20 women with PGP, about 14 to 16 test positive" in text
    assert "about 4 to 6 test negative (missed)" in text
    assert "Of the 80 women without PGP, about 8 to 16 test positive anyway" in text


def test_specificity_without_a_named_group_says_nothing_about_one(data_copy):
    def drop(raw):
        del raw["tests"][0]["specificity_in"]

    text = html_text(accuracy_html("p4", 20, edit_lesson(data_copy, LESSON, drop)))
    assert "about 9 test positive anyway" in text and "measured in" not in text


def test_aslr_misses_more_but_gives_fewer_false_alarms(course):
    text = html_text(accuracy_html("aslr", 50, course))
    # Sensitivity 0.54 of 50 and specificity 0.88 of 50.
    assert "Of the 50 women with PGP, about 27 test positive (found) and about 23 test negative (missed)" in text
    assert "about 6 test positive anyway" in text
    assert "measured in pregnant women without lumbopelvic pain" in text
    assert "The sensitivity was measured in pregnant women with lumbopelvic pain (pelvic girdle pain, low back pain or both), not PGP alone" in text


def test_p4_in_pregnant_women_gives_a_range_of_women_and_says_who_was_measured(course):
    text = html_text(accuracy_html("p4_pregnancy", 20, course))
    # Sensitivity 0.69-0.81 of 20 (13.8-16.2) and specificity 0.80-0.90 of 80 (8-16 false alarms).
    assert "Of the 20 women with PGP, about 14 to 16 test positive" in text
    assert "Of the 80 women without PGP, about 8 to 16 test positive anyway" in text
    assert "The sensitivity was measured in pregnant women with posterior pelvic pain" in text
    assert "S10" in text


def test_a_test_without_a_sensitivity_group_says_nothing_about_one(course):
    text = html_text(accuracy_html("p4", 20, course))
    assert "The sensitivity was measured in" not in text


def test_combination_says_specificity_is_not_reported(course):
    text = html_text(accuracy_html("p4_and_aslr", 20, course))
    assert "about 14 test positive" in text
    assert "no specificity" in text
    assert "false alarms" not in text


@pytest.mark.parametrize("with_pgp", [0, 100, -5, 2.5, "20", True, None, [20]])
def test_bad_group_size_gives_a_message(course, with_pgp):
    html = accuracy_html("p4", with_pgp, course)
    assert 'role="alert"' in html
    assert "1 to 99" in html


@pytest.mark.parametrize("test_id", ["p5", "", None, ["p4"], 3])
def test_unknown_test_gives_a_message_naming_the_choices(course, test_id):
    html = accuracy_html(test_id, 20, course)
    assert 'role="alert"' in html and "P4 / thigh thrust" in html


def test_the_explorer_opens_on_the_group_in_the_lesson_file(data_copy):
    """How many of the 100 women have PGP at first is data (about 1 in 5, S1), not code."""
    def thirty(raw):
        raw["accuracy_group"][0]["with_pgp_in_100"] = 30

    course = edit_lesson(data_copy, LESSON, thirty)
    box = accuracy_explorer(course)
    number = next(c for c in box.children if c.description.startswith("Women with PGP"))
    assert number.value == 30
    assert "Of the 30 women with PGP" in html_text(accuracy_html("p4", course=course))


@pytest.mark.parametrize("value", [0, 100, "many", 20.5])
def test_a_bad_opening_group_is_named_with_file_row_and_column(data_copy, value):
    def bad(raw):
        raw["accuracy_group"][0]["with_pgp_in_100"] = value

    with pytest.raises(DataError) as err:
        accuracy_html("p4", course=edit_lesson(data_copy, LESSON, bad))
    message = str(err.value)
    assert "01_pelvic_girdle_pain.yaml" in message and "accuracy_group[0]" in message and "with_pgp_in_100" in message


def test_whole_float_group_size_is_accepted(course):
    assert html_text(accuracy_html("p4", 20.0, course)) == html_text(accuracy_html("p4", 20, course))


def test_data_text_is_escaped(data_copy):
    def inject(raw):
        raw["tests"][0]["note"] = "<script>alert(1)</script> is a note"

    course = edit_lesson(data_copy, LESSON, inject)
    html = accuracy_html("p4", 20, course)
    assert "<script>" not in html and "&lt;script&gt;" in html


# ---------------------------------------------------------------- figure


def test_figure_draws_reported_values_and_marks_the_missing_one(course):
    tests = load_tests(course)
    fig = accuracy_figure(tests)
    sens, spec = [t for t in fig.data if t.mode == "markers+text"]
    assert "Sensitivity" in sens.name and "Specificity" in spec.name
    assert sens.marker.symbol != spec.marker.symbol, "the two measures must differ by more than colour"
    # Every reported value has a marker with its label (a range at its high end, labelled low-high),
    # as the lesson file gives them: P4 88/89, ASLR 54/88, P4 + ASLR 68/none, P4 in pregnancy 69-81/80-90.
    assert sorted(zip((round(x) for x in sens.x), sens.text)) == [(54, "54%"), (68, "68%"), (81, "69-81%"), (88, "88%")]
    assert sorted(zip((round(x) for x in spec.x), spec.text)) == [(88, "88%"), (89, "89%"), (90, "80-90%")]
    # The two reported ranges are drawn as lines from low to high, and the axis title says so.
    ranges = sorted([round(x) for x in t.x if x is not None] for t in fig.data if t.mode == "lines")
    assert ranges == [[69, 81], [80, 90]]
    assert "range" in fig.layout.xaxis.title.text
    notes = [a.text for a in fig.layout.annotations]
    assert notes == ["specificity not reported"]
    assert list(fig.layout.yaxis.ticktext) == ["P4, pregnancy", "P4 + ASLR", "ASLR", "P4 / thigh thrust"]


def test_summary_follows_the_data(course, data_copy):
    summary = accuracy_summary(load_tests(course))
    assert "P4 / thigh thrust: sensitivity 88%, specificity 89% (measured in men and women whose pain came from a slipped" in summary
    assert "P4 + ASLR: sensitivity 68%, specificity not reported" in summary

    def change(raw):
        raw["tests"][1]["sensitivity"] = {"low": 0.5, "high": 0.6}

    assert "ASLR: sensitivity 50-60%" in accuracy_summary(load_tests(edit_lesson(data_copy, LESSON, change)))


def test_a_too_short_specificity_group_is_rejected(data_copy):
    def vague(raw):
        raw["tests"][0]["specificity_in"] = "others"

    with pytest.raises(DataError) as caught:
        load_tests(edit_lesson(data_copy, LESSON, vague))
    assert (caught.value.row, caught.value.column) == ("tests[0]", "specificity_in")


# ---------------------------------------------------------------- advice picker


def _banner(html: str) -> str:
    """The text of the level banner alone, so that advice further down cannot satisfy a level check."""
    start = html.index('class="legpain-banner')
    return html_text(html[start : html.index("</div>", start)])


def test_picker_levels_rise_as_symptoms_are_added(course):
    assert "SELF-CARE" in _banner(picker_advice_html(["mild_pelvic_ache"], course))
    routine = picker_advice_html(["mild_pelvic_ache", "pelvic_pain_limits_walking"], course)
    assert "ROUTINE REVIEW" in _banner(routine) and "physiotherapist" in routine
    saddle = picker_advice_html(["mild_pelvic_ache", "pelvic_pain_limits_walking", "saddle_numbness"], course)
    # Suspected cauda equina syndrome: now, at A&E, not a 999 call and not maternity triage.
    assert "IMMEDIATE: NOW" in _banner(saddle) and "Red flags that set this level" in saddle
    assert "Go to A&amp;E now, not to maternity triage" in saddle
    assert "<strong>Self-care:</strong>" not in saddle and "<strong>Routine review:</strong>" not in saddle


def test_picker_thigh_pain_with_foot_drop_is_urgent_and_ranks_the_nerve_root_first(course):
    html = picker_advice_html(["buttock_pain_back_of_thigh", "foot_drop_or_numb_below_knee"], course)
    assert "URGENT: SAME DAY" in _banner(html)
    causes = html_text(html[html.index('class="legpain-causes"') :])
    assert causes.index("Nerve compression") < causes.index("Pelvic girdle pain")
    assert "A foot that drags or slaps needs assessment the same day" in html


def test_pgp_never_talks_a_red_flag_down(course):
    flags = [item.symptom_id for item in load_picker(course) if course.symptoms[item.symptom_id].red_flag]
    assert set(flags) == {"foot_drop_or_numb_below_knee", "whole_leg_swollen_groin_pain", "saddle_numbness"}
    for flag in flags:
        alone = _banner(picker_advice_html([flag], course))
        with_pgp = _banner(picker_advice_html(["mild_pelvic_ache", "pelvic_pain_limits_walking", flag], course))
        assert with_pgp == alone, flag
        assert "SELF-CARE" not in alone and "ROUTINE REVIEW" not in alone, flag


def test_picker_empty_and_unknown(course):
    assert "Tick one or more" in picker_advice_html([], course)
    bad = picker_advice_html(["one_leg_swollen"], course)
    assert 'role="alert"' in bad and "not one of the symptoms in this list" in bad


# ---------------------------------------------------------------- builders


def test_accuracy_explorer_updates_when_controls_change():
    box = accuracy_explorer()
    choice, count, out = box.children
    assert choice.description == "Test" and count.description == "Women with PGP (of 100)"
    assert "about 18 test positive" in html_text(out.value)
    choice.value = "aslr"
    assert "about 11 test positive" in html_text(out.value)
    count.value = 50
    assert "Of the 50 women with PGP, about 27 test positive" in html_text(out.value)
    count.value = 500  # not clamped silently: the learner is told what is allowed
    assert count.value == 500 and "from 1 to 99" in html_text(out.value)


def test_advice_picker_ticks_change_the_level(course):
    panel = advice_picker()
    boxes = {b.description: b for b in panel.children if hasattr(b, "indent")}
    out = panel.children[-1]
    assert all(label for label in boxes)
    assert "Tick one or more" in out.value
    boxes[course.symptoms["mild_pelvic_ache"].label].value = True
    assert "SELF-CARE" in out.value
    boxes[course.symptoms["saddle_numbness"].label].value = True
    assert "IMMEDIATE: NOW" in _banner(out.value)
    boxes[course.symptoms["saddle_numbness"].label].value = False
    assert "SELF-CARE" in out.value


def test_a_number_of_women_out_of_range_gets_a_message_not_a_silent_change():
    from legpain.widgets.pelvis import accuracy_explorer

    box = accuracy_explorer()
    choice, with_pgp, out = box.children
    with_pgp.value = 150
    assert with_pgp.value == 150  # kept as typed, not clamped to 99
    assert "legpain-message-error" in out.value and "150" in out.value and "1 to 99" in out.value


def test_single_values_draw_no_range_line_and_promise_none(data_copy):
    def change(raw):
        raw["tests"] = [t for t in raw["tests"] if all(t.get(m) is None or t[m]["low"] == t[m]["high"] for m in ("sensitivity", "specificity"))]

    fig = accuracy_figure(load_tests(edit_lesson(data_copy, LESSON, change)))
    assert [t for t in fig.data if t.mode == "lines"] == []
    assert "range" not in fig.layout.xaxis.title.text
    labelled = [t for t in fig.data if t.mode == "markers+text"]
    assert all(len(t.text) == len(t.x) and all(t.text) for t in labelled), "every value has its label"
