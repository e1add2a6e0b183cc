"""The relief toolkit lesson: its data, the 'what would you advise?' picker and the evidence chart."""

from __future__ import annotations

import json

import pytest
import yaml

from legpain import DataError, load_course
from legpain.figures.relief import evidence_figure, evidence_summary
from legpain.widgets.relief import (
    Toolkit,
    advise,
    advise_html,
    load_toolkit,
    relief_picker,
)

LESSON = "07_relief_toolkit"


@pytest.fixture(scope="module")
def toolkit() -> Toolkit:
    return load_toolkit()


# ---------------------------------------------------------------- data


def test_every_problem_links_to_a_cause_and_has_measures(toolkit, course):
    for problem in toolkit.problems.values():
        assert problem.cause_id in course.causes
        assert toolkit.measures_for(problem.id), problem.id


def test_measures_named_by_the_source_article_are_all_present(toolkit):
    """Rest, fluid intake, ice or heat, exercise with a physio, massage and raised legs are in the toolkit."""
    article_measures = {m.id for m in toolkit.measures if any("article" in f.source_ids for f in m.evidence)}
    assert {"rest", "fluid_intake", "ice_heat", "tailored_exercise", "legs_elevated"} <= article_measures
    assert any("massag" in m.name.lower() for m in toolkit.measures)


def test_measures_without_trials_are_not_graded_as_if_tested(toolkit):
    """WHO found no trials of heat, massage or stretching for cramps: none of them may outrank 'no trials found'."""
    no_trials = toolkit.grades["no_trials"].rank
    for measure in toolkit.measures_for("cramps"):
        if measure.id != "magnesium_calcium":
            assert toolkit.grades[measure.grade].rank <= no_trials, measure.id
            assert any("S30" in f.source_ids for f in measure.evidence), measure.id


def test_paracetamol_advice_comes_from_an_nhs_page(course, toolkit):
    paracetamol = next(p for p in toolkit.painkillers if "paracetamol" in p.text.lower())
    assert "S68" not in paracetamol.source_ids  # a newspaper, not a primary source
    assert any("nhs.uk" in (course.sources[s].url or "") for s in paracetamol.source_ids)


def _write(data_copy, edit) -> object:
    path = data_copy / "lessons" / f"{LESSON}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(raw)
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return load_course(data_copy)


def test_unknown_grade_is_reported_with_file_row_and_column(data_copy):
    course = _write(data_copy, lambda raw: raw["measures"][2].update(grade="excellent"))
    with pytest.raises(DataError) as caught:
        load_toolkit(course)
    assert caught.value.file == f"data/lessons/{LESSON}.yaml"
    assert (caught.value.row, caught.value.column) == ("measures[2]", "grade")


def test_a_week_without_painkiller_advice_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["painkillers"][2].update(from_week=21))
    with pytest.raises(DataError, match="exactly one 'nsaid' row that covers week 20"):
        load_toolkit(course)


def test_overlapping_painkiller_weeks_are_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["painkillers"][3].update(from_week=28))
    with pytest.raises(DataError, match="covers week 28"):
        load_toolkit(course)


def test_a_problem_with_an_unknown_cause_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["problems"][0].update(cause_id="gout"))
    with pytest.raises(DataError) as caught:
        load_toolkit(course)
    assert (caught.value.row, caught.value.column) == ("problems[0]", "cause_id")


def test_a_broken_source_in_a_finding_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["measures"][0]["evidence"][0].update(source_ids=["S999"]))
    with pytest.raises(DataError) as caught:
        load_toolkit(course)
    assert (caught.value.row, caught.value.column) == ("measures[0]", "source_ids")


# ---------------------------------------------------------------- the callback


def test_measures_come_strongest_evidence_first(toolkit):
    for problem_id in toolkit.problems:
        ranks = [toolkit.grades[m.grade].rank for m in advise(problem_id, 24, toolkit).measures]
        assert ranks == sorted(ranks, reverse=True), problem_id
    cramps = [m.id for m in advise("cramps", 24, toolkit).measures]
    assert cramps[0] == "magnesium_calcium" and cramps[-1] == "regular_calf_stretching"
    pelvic = [m.id for m in advise("pelvic_pain", 24, toolkit).measures]
    assert pelvic[:2] == ["acupuncture", "tailored_exercise"]


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [(1, "nsaid_before_20"), (19, "nsaid_before_20"), (20, "nsaid_from_20"), (29, "nsaid_from_20"), (30, "nsaid_from_30"), (42, "nsaid_from_30")],
)
def test_nsaid_caution_follows_the_20_and_30_week_limits(toolkit, weeks, expected):
    ids = [p.id for p in advise("pelvic_pain", weeks, toolkit).painkillers]
    assert ids == ["paracetamol_first", expected]


def test_html_shows_the_ductus_warning_only_from_30_weeks(toolkit):
    late = advise_html("muscle_ache", 31, toolkit)
    middle = advise_html("muscle_ache", 25, toolkit)
    assert "ductus arteriosus" in late and "at all from 30 weeks" in late
    assert "ductus arteriosus" not in middle and "oligohydramnios" in middle
    assert "first-choice painkiller" in late and "first-choice painkiller" in middle


def test_html_shows_grade_in_words_and_dots_and_the_safety_note(toolkit):
    html = advise_html("cramps", 24, toolkit)
    assert "No trials found" in html and "Cochrane: low to very low" in html
    assert "●●●●○○" in html  # magnesium: rank 4 of 6, readable without colour
    assert "Safety first" in html and "clot" in html
    assert 'title="World Health Organization' in html  # sources carry full citations


def test_every_exercise_measure_for_pelvic_pain_warns_about_spd(toolkit):
    exercise = [m for m in toolkit.measures_for("pelvic_pain") if "exercis" in (m.name + m.how).lower() or "active" in m.name.lower()]
    assert len(exercise) >= 2
    for measure in exercise:
        assert measure.caution is not None and "SPD" in measure.caution.text, measure.id


def test_caution_for_exercise_and_spd_is_shown(toolkit):
    html = advise_html("pelvic_pain", 24, toolkit)
    assert "symphysis pubis pain (SPD) worse" in html


@pytest.mark.parametrize("weeks", [0, 43, 50, -3, 12.5, "abc", None, True])
def test_impossible_weeks_give_a_sentence_not_a_traceback(toolkit, weeks):
    result = advise("cramps", weeks, toolkit)
    assert result.kind == "error" and result.measures == []
    assert "1 to 42" in result.message
    html = advise_html("cramps", weeks, toolkit)
    assert "legpain-message-error" in html and "<table" not in html


def test_weeks_given_as_text_or_whole_floats_are_accepted(toolkit):
    assert advise("cramps", "32", toolkit).weeks == 32
    assert advise("cramps", 32.0, toolkit).weeks == 32


def test_unknown_or_missing_problem_gives_a_message(toolkit):
    missing = advise("", 24, toolkit)
    assert missing.kind == "info" and "Choose the problem" in missing.message
    unknown = advise("gout", 24, toolkit)
    assert unknown.kind == "error" and "Leg cramps" in unknown.message


def test_data_strings_are_escaped(toolkit):
    bad = toolkit.measures[0].model_copy(update={"name": "<b>bold</b>", "problems": ["cramps"]})
    evil = Toolkit(toolkit.grades, toolkit.problems, [bad], toolkit.painkillers, toolkit.safety_notes)
    html = advise_html("cramps", 24, evil)
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


# ---------------------------------------------------------------- the builder


def test_picker_controls_are_labelled_and_update_the_output():
    box = relief_picker()
    _, problem, week, output = box.children
    assert problem.description == "Problem:"
    assert week.description == "Week of pregnancy (1-42):"
    problem.value = "cramps"
    week.value = 32
    assert "Magnesium or calcium" in output.value and "ductus arteriosus" in output.value
    week.value = 12
    assert "ductus arteriosus" not in output.value and "generally not recommended" in output.value
    week.value = 50
    assert "legpain-message-error" in output.value and "you entered 50" in output.value
    week.value = 20
    problem.value = "swelling"
    assert "Resting in water" in output.value and "oligohydramnios" in output.value
    problem.value = ""
    assert "Choose the problem" in output.value


# ---------------------------------------------------------------- the figure


def test_chart_has_one_labelled_point_per_measure_strongest_on_top(toolkit):
    fig = evidence_figure(toolkit)
    names = [y for trace in fig.data for y in trace.y]
    assert sorted(names) == sorted(m.name for m in toolkit.measures)
    for trace in fig.data:
        assert all(text == trace.name for text in trace.text)  # the grade is written beside every point
    symbols = [trace.marker.symbol for trace in fig.data]
    assert len(set(symbols)) == len(symbols)
    top_of_chart = fig.layout.yaxis.categoryarray[-1]
    assert toolkit.grades[next(m for m in toolkit.measures if m.name == top_of_chart).grade].rank == toolkit.max_rank
    assert len(json.dumps(fig.to_plotly_json(), default=str)) < 100_000


def test_summary_names_the_strongest_and_weakest_measures(toolkit):
    summary = evidence_summary(toolkit)
    assert summary.startswith(f"Of {len(toolkit.measures)} relief measures")
    assert "acupuncture" in summary and "foot massage for swelling" in summary
    assert "4 No trials found" in summary
