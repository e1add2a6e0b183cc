"""Lesson 06 (clots and inflamed veins): its data, figures and the LEFt calculator."""

from __future__ import annotations

import pytest
from markupsafe import escape as markup_escape
import yaml

from legpain import DataError, load_course
from legpain.figures.clots import left_score_figure, leg_side_figure, load_leg_side, load_relative_risk, relative_risk_figure
from legpain.left import check_calf_difference
from legpain.widgets.clots import left_calculator_html, left_calculator_widget, parse_calf_difference

from conftest import DATA

from conftest import edit_lesson

LESSON = "06_clots_and_inflamed_veins"


def _message(value) -> str:
    with pytest.raises(ValueError) as caught:
        check_calf_difference(value)
    return str(caught.value)


# ------------------------------------------------------------------ calculator callback


def test_score_and_points_for_a_left_leg_with_a_swollen_calf(course):
    out = left_calculator_html(True, "2.5", False, course)
    assert out.result.score == 2
    assert "Score: 2 of 3" in out.html
    assert out.html.count("✔ 1 point") == 2 and out.html.count("✘ 0 points") == 1
    assert out.html.index("✘ 0 points") < out.html.index("First trimester")


@pytest.mark.parametrize("calf, earned", [("1.9", False), ("2", True), ("2,0", True), (" 2.0 cm ", True)])
def test_calf_point_starts_at_two_centimetres(course, calf, earned):
    out = left_calculator_html(False, calf, False, course)
    assert out.result.score == (1 if earned else 0)


def test_zero_still_sends_for_a_scan_and_states_the_limits(course):
    out = left_calculator_html(False, "0", False, course)
    assert "Score: 0 of 3" in out.html
    assert "does not rule a clot out" in out.html
    assert "not a stand-alone test" in out.html and "does not decide whether to scan" in out.html
    assert "compression ultrasound" in out.html and "same day" in out.html


@pytest.mark.parametrize("left, calf, first", [(False, "0", False), (True, "0", False), (True, "2", False), (True, "3", True)])
def test_the_scan_comes_before_the_score_is_explained(course, left, calf, first):
    """D2: whatever the score, the same-day scan with LMWH is shown before what the score means."""
    html = left_calculator_html(left, calf, first, course).html
    scan = course.advice["dvt_same_day"].text
    assert html.index("Whatever the score:") < html.index("Points earned") < html.index("What it means:")
    assert html.index(scan.split(":")[0]) < html.index("What it means:")


def test_three_points_shows_the_count_behind_the_percentage(course):
    out = left_calculator_html(True, "3", True, course)
    assert "Score: 3 of 3" in out.html
    assert "Observed at this score:</strong> 3 of 4 women (75%) in the OPTIMEV cohort" in out.html


def test_zero_points_shows_one_of_thirty(course):
    out = left_calculator_html(False, "1", False, course)
    assert "1 of 30 women (3%) in the OPTIMEV cohort" in out.html


@pytest.mark.parametrize("text, value", [("-2", -2.0), ("40", 40.0), ("abc", "abc"), ("nan", float("nan"))])
def test_bad_calf_difference_shows_the_rule_message_not_a_traceback(course, text, value):
    out = left_calculator_html(True, text, False, course)
    assert out.result is None
    assert 'role="alert"' in out.html
    expected = _message(value).split(";")[0].split("(")[0]
    assert str(markup_escape(expected)) in out.html


def test_negative_difference_says_how_to_measure(course):
    out = left_calculator_html(True, "-1.5", True, course)
    assert "cannot be negative" in out.html and "larger minus the smaller" in out.html


def test_empty_box_asks_for_a_number(course):
    out = left_calculator_html(True, "   ", False, course)
    assert out.result is None and "0 if they are the same" in out.html


def test_missing_yes_no_answer_is_a_message(course):
    out = left_calculator_html(None, "1", False, course)
    assert out.result is None and "yes or no" in out.html


def test_parse_accepts_numbers_and_comma_decimals():
    assert parse_calf_difference("2,5") == 2.5
    assert parse_calf_difference(3) == 3.0
    with pytest.raises(ValueError, match="number of centimetres"):
        parse_calf_difference("two")


def test_calculator_follows_the_rule_in_the_data_file(data_copy):
    path = data_copy / "left_rule.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["calf_difference_threshold_cm"] = 3.0
    raw["points"][0]["label"] = "Left <leg> symptoms"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    course = load_course(data_copy)
    out = left_calculator_html(True, "2.5", False, course)
    assert out.result.score == 1, "the threshold must come from data/left_rule.yaml"
    assert "Left &lt;leg&gt; symptoms" in out.html and "<leg>" not in out.html


# ------------------------------------------------------------------ calculator builder


def test_builder_labels_controls_and_updates(course):
    panel = left_calculator_widget(course)
    controls = {c.description: c for c in panel.children if getattr(c, "description", "")}
    assert set(controls) == {"Symptoms in the left leg?", "Calf difference (cm)", "First trimester?"}
    output = panel.children[-1]
    assert "Score: 0 of 3" in output.value
    controls["Calf difference (cm)"].value = "3"
    assert "Score: 1 of 3" in output.value
    controls["Symptoms in the left leg?"].value = True
    assert "Score: 2 of 3" in output.value
    controls["Calf difference (cm)"].value = "-2"
    assert "cannot be negative" in output.value and "Score:" not in output.value
    controls["Calf difference (cm)"].value = "99"
    assert "centimetres" in output.value and "Score:" not in output.value
    controls["Calf difference (cm)"].value = "2"
    controls["First trimester?"].value = True
    assert "Score: 3 of 3" in output.value


# ------------------------------------------------------------------ figures


def test_relative_risk_rises_from_pregnancy_to_after_birth(course):
    rows = load_relative_risk(course)
    risks = {r.id: r.relative_risk for r in rows}
    assert risks["not_pregnant"] == 1 and risks["antenatal"] == 5 and risks["postnatal"] == 20
    fig, summary = relative_risk_figure(rows)
    assert list(fig.data[0].y) == [1, 5, 20]
    assert "about 5 times as high during pregnancy" in summary
    assert "about 20 times as high after birth" in summary
    labels = " ".join(x.replace("<br>", " ") for x in fig.data[0].x)
    assert "all three trimesters" in labels  # W2: antenatal clots are spread across the trimesters
    assert "before 20 weeks" not in labels


def test_relative_risk_needs_one_comparison_group(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["relative_risk"][0].update(relative_risk=2))
    with pytest.raises(DataError, match="comparison group"):
        load_relative_risk(course)


def test_leg_side_shows_88_percent_left(course):
    fig, summary = leg_side_figure(load_leg_side(course))
    assert "84 of 96 (88%)" in list(fig.data[0].text)
    assert "left leg involved in 84 (88%)" in summary


def test_negative_count_of_women_is_rejected(data_copy):
    course = edit_lesson(data_copy, LESSON, lambda raw: raw["leg_side"][1].update(women=-12))
    with pytest.raises(DataError) as caught:
        load_leg_side(course)
    assert (caught.value.row, caught.value.column) == ("leg_side[1]", "women")


def test_left_score_figure_plots_the_observed_rates_from_the_rule_file(course):
    raw = yaml.safe_load((DATA / "left_rule.yaml").read_text(encoding="utf-8"))
    expected = [band["observed_dvt_percent"] for band in sorted(raw["interpretation"], key=lambda b: b["score"])]
    fig, summary = left_score_figure(course.left_rule)
    assert list(fig.data[0].y) == expected
    assert [x.split("<br>")[0] for x in fig.data[0].x] == ["0 points", "1 point", "2 points", "3 points"]
    assert f"({expected[0]:g}%)" in summary and f"({expected[-1]:g}%)" in summary


def test_left_score_figure_shows_every_denominator(course):
    """I3: the OPTIMEV counts (S51: 1/30, 3/35, 2/20, 3/4) are on the bars, the axis and in the summary."""
    fig, summary = left_score_figure(course.left_rule)
    texts = [t.replace("<br>", " ") for t in fig.data[0].text]
    assert texts == ["1 of 30 (3%)", "3 of 35 (9%)", "2 of 20 (10%)", "3 of 4 (75%)"]
    assert [x.split("<br>")[1] for x in fig.data[0].x] == ["(30 women)", "(35 women)", "(20 women)", "(4 women)"]
    assert "OPTIMEV cohort" in fig.layout.title.text
    assert "1 of 30 women with 0 points (3%)" in summary and "3 of 4 women with 3 points (75%)" in summary
    assert "only 4 women scored 3" in summary and "not zero risk" in summary


def test_left_score_figure_follows_the_counts_in_the_data_file(data_copy):
    path = data_copy / "left_rule.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["interpretation"][3].update(women=40, women_with_dvt=30, cohort="Test cohort")
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    fig, summary = left_score_figure(load_course(data_copy).left_rule)
    assert fig.data[0].text[3] == "30 of 40<br>(75%)"
    assert "Test cohort" in fig.data[0].x[3] and "In the cohorts shown" in summary
    assert "only 20 women scored 2" in summary  # the smallest group is now the one with 2 points


def test_the_cohort_name_is_escaped(data_copy):
    path = data_copy / "left_rule.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["interpretation"][0]["cohort"] = "<i>OPTIMEV</i> cohort"
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    html = left_calculator_html(False, "0", False, load_course(data_copy)).html
    assert "<i>OPTIMEV</i>" not in html and "&lt;i&gt;OPTIMEV&lt;/i&gt; cohort" in html


# ------------------------------------------------------------------ second clinical review


def _lesson_prose() -> str:
    import json

    notebook = json.loads((DATA.parent / "notebooks" / f"{LESSON}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "markdown")


def test_the_lesson_says_the_rcog_counts_gross_varicose_veins_only():
    # Second review I9: RCOG 37a counts gross varicose veins, not every varicose vein.
    prose = " ".join(_lesson_prose().split())
    assert "varicose veins raise the risk" not in prose
    assert "counts only *gross* varicose veins" in prose


def test_the_lesson_teaches_the_pe_work_up_and_no_routine_thrombophilia_screen():
    prose = " ".join(_lesson_prose().split())
    for words in ("V/Q scan", "CT pulmonary angiogram", "treatment-dose LMWH", "thrombophilia screen", "[S489]"):
        assert words in prose, words


def test_the_mbrrace_figures_are_the_2021_23_report():
    prose = " ".join(_lesson_prose().split())
    assert "nearly three times" not in prose and "2020 to 2022" not in prose
    assert "more than twice as likely" in prose and "2021 to 2023" in prose
