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
    check_clot_answer,
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
    course = _write(data_copy, lambda raw: raw["painkillers"][3].update(from_week=27))
    with pytest.raises(DataError, match="covers week 27"):
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
        ranks = [toolkit.grades[m.grade].rank for m in advise(problem_id, 24, toolkit, "no").measures]
        assert ranks == sorted(ranks, reverse=True), problem_id
    cramps = [m.id for m in advise("cramps", 24, toolkit, "no").measures]
    assert cramps[0] == "magnesium_calcium" and cramps[-1] == "regular_calf_stretching"
    pelvic = [m.id for m in advise("pelvic_pain", 24, toolkit, "no").measures]
    assert pelvic[:2] == ["acupuncture", "tailored_exercise"]


# BUMPS (S166): not advised unless a doctor prescribes, especially from 20 weeks; the third trimester starts at 28 weeks (S321).
@pytest.mark.parametrize(
    ("weeks", "expected"),
    [(1, "nsaid_before_20"), (19, "nsaid_before_20"), (20, "nsaid_from_20"), (27, "nsaid_from_20"), (28, "nsaid_third_trimester"), (42, "nsaid_third_trimester")],
)
def test_nsaid_caution_follows_the_20_week_and_third_trimester_limits(toolkit, weeks, expected):
    ids = [p.id for p in advise("pelvic_pain", weeks, toolkit, "no").painkillers]
    assert ids == ["paracetamol_first", expected, "nsaid_gel"]


def test_every_nsaid_row_follows_bumps(course, toolkit):
    """W3: NSAIDs are not advised unless a doctor prescribes them, at every week, and each row cites BUMPS."""
    rows = [p for p in toolkit.painkillers if p.drug == "nsaid"]
    assert rows
    for row in rows:
        assert "S166" in row.source_ids, row.id
        assert "doctor prescribes" in row.text or "only a doctor" in row.text, row.id
    assert "BUMPS" in course.sources["S166"].citation


def test_weeks_are_consistent_with_the_third_trimester_starting_at_28(toolkit):
    """W3: no row may say 'third trimester' unless it starts at week 28, and the US 30-week limit is not used."""
    for row in toolkit.painkillers:
        if "third trimester" in row.text:
            assert row.from_week == 28, row.id
        assert "30 weeks" not in row.text, row.id
    third = next(p for p in toolkit.painkillers if p.id == "nsaid_third_trimester")
    assert (third.from_week, third.to_week) == (28, 42) and "S321" in third.source_ids


def test_nsaid_gels_are_not_advised_on_but_sent_to_a_pharmacist(course, toolkit):
    gels = [p for p in toolkit.painkillers if p.drug == "nsaid_gel"]
    assert [(g.from_week, g.to_week) for g in gels] == [(1, 42)]
    assert "cannot advise" in gels[0].text and "pharmacist, midwife or GP" in gels[0].text
    assert gels[0].source_ids == ["S320"] and "nhs.uk" in course.sources["S320"].url


def test_html_shows_the_ductus_warning_from_20_weeks_and_the_contraindication_from_28(toolkit):
    early = advise_html("muscle_ache", 19, toolkit, clot_signs="no")
    middle = advise_html("muscle_ache", 25, toolkit, clot_signs="no")
    late = advise_html("muscle_ache", 28, toolkit, clot_signs="no")
    assert "ductus arteriosus" not in early and "unlikely to harm the baby" in early
    assert "ductus arteriosus" in middle and "oligohydramnios" in middle and "contraindicates" not in middle
    assert "contraindicates" in late and "third trimester" in late
    for html in (early, middle, late):
        assert "first-choice painkiller" in html and "ibuprofen gel" in html


def test_html_shows_grade_in_words_and_dots_and_the_safety_note(toolkit):
    html = advise_html("cramps", 24, toolkit, clot_signs="no")
    assert "No trials found" in html and "Cochrane: low to very low" in html
    assert "●●●●○○" in html  # magnesium: rank 4 of 6, readable without colour
    assert "Safety first" in html and "clot" in html
    assert 'title="World Health Organization' in html  # sources carry full citations


# ---------------------------------------------------------------- the clot check (finding D3)


@pytest.mark.parametrize("answer", [None, "", "  "])
def test_no_relief_is_shown_until_the_clot_question_is_answered(toolkit, answer):
    for problem_id in toolkit.problems:
        result = advise(problem_id, 24, toolkit, answer)
        assert result.clot == "unanswered" and result.measures == [] and result.painkillers == []
        html = advise_html(problem_id, 24, toolkit, clot_signs=answer)
        assert "<table" not in html and "Painkillers at" not in html
        assert "First answer the clot question" in html


@pytest.mark.parametrize("answer", ["yes", "Yes", True, "not sure", "maybe", 1])
def test_a_possible_clot_gets_the_same_day_route_and_no_self_care(course, toolkit, answer):
    """Any answer but a clear 'no' counts as a possible clot: the route, never a relief measure or a painkiller."""
    assert check_clot_answer(answer) == "possible"
    for problem_id in toolkit.problems:
        html = advise_html(problem_id, 30, toolkit, clot_signs=answer)
        assert "<table" not in html and "Painkillers at" not in html and "Safety first" not in html
        assert not any(m.name in html for m in toolkit.measures), problem_id
        assert "legpain-message-error" in html and "No relief measure or painkiller advice" in html
    html = advise_html("cramps", 30, toolkit, clot_signs=answer)
    assert course.advice["dvt_same_day"].text in html and "call 999" in html


def test_the_clot_check_comes_before_everything_else(toolkit):
    html = advise_html("cramps", 24, toolkit, clot_signs="no")
    assert html.index("legpain-clot-check") < html.index("Safety first") < html.index("<table") < html.index("Painkillers at")
    bad_week = advise_html("cramps", 50, toolkit, clot_signs="no")
    assert bad_week.index("legpain-clot-check") < bad_week.index("you entered 50")


@pytest.mark.parametrize("answer, expected", [("no", "no"), (" No ", "no"), (False, "no"), (None, "unanswered"), ("yes", "possible"), ("unsure", "possible")])
def test_clot_answers(answer, expected):
    assert check_clot_answer(answer) == expected


def test_a_missing_clot_check_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw.pop("clot_check"))
    with pytest.raises(DataError) as caught:
        load_toolkit(course)
    assert (caught.value.file, caught.value.row) == (f"data/lessons/{LESSON}.yaml", "clot_check")


def test_a_clot_check_naming_unknown_advice_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["clot_check"].update(advice_ids=["dvt_same_day", "rub_it_better"]))
    with pytest.raises(DataError) as caught:
        load_toolkit(course)
    assert (caught.value.row, caught.value.column, caught.value.found) == ("clot_check", "advice_ids", "rub_it_better")


def test_a_clot_check_without_sources_is_rejected(data_copy):
    course = _write(data_copy, lambda raw: raw["clot_check"].update(source_ids=[]))
    with pytest.raises(DataError) as caught:
        load_toolkit(course)
    assert (caught.value.row, caught.value.column) == ("clot_check", "source_ids")


def test_the_safety_note_does_not_rest_on_the_source_article(toolkit):
    for note in toolkit.safety_notes:
        assert "article" not in note.source_ids and {"S24", "S54"} <= set(note.source_ids)
    assert "article" not in toolkit.clot_check.source_ids


def test_every_exercise_measure_for_pelvic_pain_warns_about_spd(toolkit):
    exercise = [m for m in toolkit.measures_for("pelvic_pain") if "exercis" in (m.name + m.how).lower() or "active" in m.name.lower()]
    assert len(exercise) >= 2
    for measure in exercise:
        assert measure.caution is not None and "SPD" in measure.caution.text, measure.id


def test_caution_for_exercise_and_spd_is_shown(toolkit):
    """Second review W3: with SPD the exercise is chosen by a physiotherapist, not ruled out."""
    html = advise_html("pelvic_pain", 24, toolkit, clot_signs="no")
    assert "(symphysis pubis dysfunction, SPD), exercise is chosen by a physiotherapist" in html
    assert "not advised for it" not in html


@pytest.mark.parametrize("weeks", [0, 43, 50, -3, 12.5, "abc", None, True])
def test_impossible_weeks_give_a_sentence_not_a_traceback(toolkit, weeks):
    result = advise("cramps", weeks, toolkit, "no")
    assert result.kind == "error" and result.measures == []
    assert "1 to 42" in result.message
    html = advise_html("cramps", weeks, toolkit, clot_signs="no")
    assert "legpain-message-error" in html and "<table" not in html


def test_weeks_given_as_text_or_whole_floats_are_accepted(toolkit):
    assert advise("cramps", "32", toolkit, "no").weeks == 32
    assert advise("cramps", 32.0, toolkit, "no").weeks == 32


def test_unknown_or_missing_problem_gives_a_message(toolkit):
    missing = advise("", 24, toolkit, "no")
    assert missing.kind == "info" and "Choose the problem" in missing.message
    unknown = advise("gout", 24, toolkit, "no")
    assert unknown.kind == "error" and "Leg cramps" in unknown.message


def test_data_strings_are_escaped(toolkit):
    bad = toolkit.measures[0].model_copy(update={"name": "<b>bold</b>", "problems": ["cramps"]})
    evil = Toolkit(toolkit.grades, toolkit.problems, [bad], toolkit.painkillers, toolkit.safety_notes, toolkit.clot_check)
    html = advise_html("cramps", 24, evil, clot_signs="no")
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


# ---------------------------------------------------------------- the builder


def test_picker_controls_are_labelled_and_update_the_output():
    box = relief_picker()
    _, clot, problem, week, output = box.children
    assert clot.description == "Any sign of a clot?" and clot.value is None
    assert problem.description == "Problem:"
    assert week.description == "Week of pregnancy (1-42):"
    assert "First answer the clot question" in output.value and "<table" not in output.value
    problem.value = "cramps"
    week.value = 32
    assert "Magnesium or calcium" not in output.value
    clot.value = "no"
    assert "Magnesium or calcium" in output.value and "ductus arteriosus" in output.value
    week.value = 12
    assert "ductus arteriosus" not in output.value and "not advised in pregnancy unless a doctor prescribes" in output.value
    week.value = 50
    assert "legpain-message-error" in output.value and "you entered 50" in output.value
    week.value = 20
    problem.value = "swelling"
    assert "Resting in water" in output.value and "oligohydramnios" in output.value
    clot.value = "yes"
    assert "Resting in water" not in output.value and "No relief measure or painkiller advice" in output.value
    clot.value = "no"
    problem.value = ""
    assert "Choose the problem" in output.value


# ---------------------------------------------------------------- the figure


def test_chart_has_one_labelled_point_per_measure_strongest_on_top(toolkit):
    fig = evidence_figure(toolkit)
    names = [y.replace("<br>", " ") for trace in fig.data for y in trace.y]  # long names wrap onto lines
    assert sorted(names) == sorted(m.name for m in toolkit.measures)
    for trace in fig.data:
        assert all(text == trace.name for text in trace.text)  # the grade is written beside every point
    symbols = [trace.marker.symbol for trace in fig.data]
    assert len(set(symbols)) == len(symbols)
    top_of_chart = fig.layout.yaxis.categoryarray[-1].replace("<br>", " ")
    assert toolkit.grades[next(m for m in toolkit.measures if m.name == top_of_chart).grade].rank == toolkit.max_rank
    assert len(json.dumps(fig.to_plotly_json(), default=str)) < 100_000


def test_summary_names_the_strongest_and_weakest_measures(toolkit):
    summary = evidence_summary(toolkit)
    assert summary.startswith(f"Of {len(toolkit.measures)} relief measures")
    assert "acupuncture" in summary and "foot massage for swelling" in summary
    assert "4 No trials found" in summary


def test_the_clot_check_escapes_what_comes_from_data(data_copy):
    path = data_copy / "advice.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("A suspected clot needs", "A <script>suspected</script> clot needs"), encoding="utf-8")
    course = _write(data_copy, lambda raw: raw["clot_check"].update(signs="One leg <b>swollen</b>"))  # loads the course once
    html = advise_html("cramps", 24, load_toolkit(course), course, clot_signs="yes")
    assert "<b>swollen</b>" not in html and "&lt;b&gt;swollen&lt;/b&gt;" in html
    assert "<script>" not in html and "&lt;script&gt;suspected" in html
