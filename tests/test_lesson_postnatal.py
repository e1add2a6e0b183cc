"""Lesson 10 (the weeks after the birth): its data, its figure, the risk assessment and the SBAR builder.

Expected values come from the lesson's data file and from the guideline (RCOG Green-top 37a
Appendix III, as listed in docs/vte-risk.md), not from the code under test.
"""

from __future__ import annotations

import csv
import json

import pytest
import yaml

from legpain import DataError, load_course
from legpain.figures.postnatal import after_birth_events_figure
from legpain.content.lessons.postnatal import load_after_birth_events, load_sbar, load_vte_tool
from legpain.postnatal import (
    case_story_html,
    compare_sbar,
    mentions,
    sbar_feedback_html,
    sbar_progress_html,
    vte_risk_html,
)
from legpain.sbar_routes import load_sbar_routes
from legpain.content.lessons.quiz import load_quiz
from legpain.widgets import RUN_FIRST
from legpain.widgets.postnatal import sbar_builder, show_sbar_builder, show_vte_risk_tool, vte_risk_widget

from conftest import DATA, ROOT, edit_lesson, html_text

LESSON = "10_after_the_birth"
RAW = yaml.safe_load((DATA / "lessons" / f"{LESSON}.yaml").read_text(encoding="utf-8"))
FACTORS = list(csv.DictReader((DATA / "vte_risk_factors.csv").read_text(encoding="utf-8").splitlines()))


def _descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _descendants(child)


def _by_description(box, description):
    found = [w for w in _descendants(box) if getattr(w, "description", None) == description]
    assert len(found) == 1, f"{len(found)} controls labelled {description!r}"
    return found[0]


def _output(box) -> str:
    areas = [w for w in _descendants(box) if "legpain-output" in getattr(w, "_dom_classes", ())]
    return "".join(a.value for a in areas)


# ------------------------------------------------------------------ the figure


def test_figure_bars_are_the_counts_in_the_data_file(course):
    windows = RAW["after_birth_events"]["windows"]
    fig, _ = after_birth_events_figure(load_after_birth_events(course))
    after, year_later = fig.data
    assert list(after.y) == [w["after_birth"] for w in windows]
    assert list(year_later.y) == [w["a_year_later"] for w in windows]
    for tick, window in zip(after.x, windows):
        assert window["period"] in tick and f"odds ratio {window['odds_ratio']:g}" in tick


def test_figure_summary_gives_every_number_and_the_limit_after_12_weeks(course):
    events = RAW["after_birth_events"]
    _, summary = after_birth_events_figure(load_after_birth_events(course))
    for window in events["windows"]:
        for key in ("after_birth", "a_year_later"):
            assert f" {window[key]} " in summary
        assert f"odds ratio {window['odds_ratio']:g}" in summary
    assert summary.startswith(events["cohort"]["lead"])
    assert events["cohort"]["beyond"] in summary


def test_negative_count_is_a_data_error_naming_the_file(data_copy):
    def change(raw):
        raw["after_birth_events"]["windows"][0]["a_year_later"] = -1

    course = edit_lesson(data_copy, LESSON, change)
    with pytest.raises(DataError) as caught:
        load_after_birth_events(course)
    assert f"data/lessons/{LESSON}.yaml" in str(caught.value) and "a_year_later" in str(caught.value)


# ------------------------------------------------------------------ the risk-assessment callback


def test_amira_scores_4_after_the_birth_and_is_offered_10_days(course):
    # Appendix III: age over 35 = 1, BMI 30 or more = 1, caesarean in labour = 2; postnatal 2 or more = at least 10 days.
    html = vte_risk_html(["age_over_35", "bmi_30_or_more", "caesarean_in_labour"], "postnatal", course)
    text = html_text(html)
    assert "Score: 4" in text
    assert "at least 10 days" in text
    assert "6 weeks of" not in text
    assert text.count("Age over 35") >= 1 and "Caesarean birth in labour" in text


def test_previous_vte_raises_the_plan_to_6_weeks_and_names_the_team(course):
    text = html_text(vte_risk_html(["age_over_35", "previous_vte"], "postnatal", course))
    assert "Score: 5" in text
    assert "at least 6 weeks" in text.lower()
    assert "thrombosis" in text and "not the score" in text


def test_caesarean_is_not_counted_before_the_birth_and_the_reason_is_given(course):
    text = html_text(vte_risk_html(["caesarean_in_labour", "age_over_35"], "antenatal", course))
    assert "Score: 1" in text
    assert "not counted at the antenatal assessment" in text


def test_no_factors_shows_score_0_and_says_nothing_counted(course):
    text = html_text(vte_risk_html([], "postnatal", course))
    assert "Score: 0" in text and "No risk factor that is ticked counts" in text


def test_the_stage_is_shown_in_the_lesson_words(course):
    for stage in RAW["vte_tool"]["stages"]:
        assert stage["label"] in html_text(vte_risk_html([], stage["id"], course))


@pytest.mark.parametrize(
    "factors, stage, expected",
    [
        (["smokr"], "postnatal", "Did you mean 'smoker'?"),
        (["smoker"], "after", "Unknown stage"),
        (["smoker"], None, "Unknown stage"),
        ("smoker", "postnatal", "as a list of factor ids"),
        (None, "postnatal", "as a list of factor ids"),
        (7, "postnatal", "as a list of factor ids"),
        ([3], "postnatal", "must be a text"),
    ],
)
def test_bad_input_gives_a_sentence_not_a_traceback(course, factors, stage, expected):
    html = vte_risk_html(factors, stage, course)
    assert 'role="alert"' in html
    assert expected in html_text(html).replace("&#x27;", "'").replace("&#39;", "'")
    assert "Traceback" not in html


def test_factor_labels_from_the_data_are_escaped(data_copy):
    path = data_copy / "vte_risk_factors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("smoker,Smoker,", "smoker,Smoker <b>now</b>,"), encoding="utf-8")
    html = vte_risk_html(["smoker"], "postnatal", load_course(data_copy))
    assert "Smoker &lt;b&gt;now&lt;/b&gt;" in html and "<b>now</b>" not in html


def test_widget_words_must_name_both_stages(data_copy):
    def drop_stage(raw):
        raw["vte_tool"]["stages"] = raw["vte_tool"]["stages"][:1]

    with pytest.raises(DataError, match="stages"):
        load_vte_tool(edit_lesson(data_copy, LESSON, drop_stage))


def test_widget_words_must_name_the_groups_of_the_risk_data(data_copy):
    def rename_group(raw):
        raw["vte_tool"]["groups"][0]["id"] = "before"

    with pytest.raises(DataError, match="groups"):
        load_vte_tool(edit_lesson(data_copy, LESSON, rename_group))


# ------------------------------------------------------------------ the risk-assessment widget


def test_risk_widget_has_a_labelled_stage_choice_and_one_box_per_factor(course):
    box = vte_risk_widget(course)
    stage = _by_description(box, RAW["vte_tool"]["stage_prompt"])
    assert [label for label, _ in stage.options] == [s["label"] for s in RAW["vte_tool"]["stages"]]
    for factor in FACTORS:
        checkbox = _by_description(box, factor["label"])
        assert checkbox.value is False


def test_ticking_boxes_updates_the_score(course):
    box = vte_risk_widget(course)
    assert "Score: 0" in html_text(_output(box))
    for factor_id in ("age_over_35", "bmi_30_or_more", "caesarean_in_labour"):
        label = next(f["label"] for f in FACTORS if f["id"] == factor_id)
        _by_description(box, label).value = True
    assert "Score: 4" in html_text(_output(box))
    _by_description(box, RAW["vte_tool"]["stage_prompt"]).value = "antenatal"
    assert "Score: 2" in html_text(_output(box))


@pytest.mark.parametrize("show, key", [(show_vte_risk_tool, "vte_tool"), (show_sbar_builder, "sbar")])
def test_each_widget_is_saved_as_an_instruction_to_run_the_notebook(monkeypatch, show, key):
    import legpain.widgets as course_widgets

    shown = []
    monkeypatch.setattr(course_widgets, "display", lambda bundle, raw=False: shown.append(bundle))
    show()
    texts = [bundle["text/plain"] for bundle in shown]
    assert texts[-1] == RUN_FIRST.format(what=RAW[key]["what"])
    assert not any(t.startswith(("VBox(", "HTML(")) for t in texts)


def test_stored_widget_outputs_in_the_notebook_read_as_instructions():
    nb = json.loads((ROOT / "notebooks" / f"{LESSON}.ipynb").read_text(encoding="utf-8"))
    texts = [
        "".join(out["data"]["text/plain"])
        for cell in nb["cells"] if cell["cell_type"] == "code"
        for out in cell["outputs"] if "application/vnd.jupyter.widget-view+json" in out.get("data", {})
    ]
    for key in ("vte_tool", "sbar"):
        assert RUN_FIRST.format(what=RAW[key]["what"]) in texts
    assert not any(t.startswith(("VBox(", "HTML(", "QuizBox(")) for t in texts)


# ------------------------------------------------------------------ the SBAR comparison


@pytest.mark.parametrize(
    "text, phrases, found",
    [
        ("Priya is 7 days after a C-section", ["c section"], True),
        ("an intersection", ["section"], False),
        ("I'm sorry to call", ["rr"], False),
        ("RR 26", ["rr"], True),
        ("Pre-eclampsia?", ["pre eclampsia"], True),
        ("", ["sepsis"], False),
    ],
)
def test_key_words_match_whole_words_only(text, phrases, found):
    assert mentions(text, phrases) is found


def test_each_model_answer_covers_its_own_checklist():
    """The key words in the data must find every key point in the model answer itself."""
    sbar = load_sbar()
    for case in sbar.cases:
        result = compare_sbar(case.id, case.model, sbar)
        missed = {p.id: p.missed for p in result.parts if p.missed}
        assert missed == {}, f"{case.id}: the model answer misses its own key points {missed}"


def test_a_partial_answer_gets_what_was_found_and_what_was_missed():
    sbar = load_sbar()
    case = RAW["sbar"]["cases"][0]
    result = compare_sbar(case["id"], {"situation": "This is Sam, community midwife. I think she has sepsis."}, sbar)
    situation = result.parts[0]
    assert situation.id == RAW["sbar"]["parts"][0]["id"]
    assert situation.covered == (case["checklist"]["situation"][0]["point"], case["checklist"]["situation"][2]["point"])
    assert situation.missed == (case["checklist"]["situation"][1]["point"],)
    for part in result.parts[1:]:
        assert part.empty and part.covered == () and len(part.missed) == len(case["checklist"][part.id])
    assert result.total == sum(len(points) for points in case["checklist"].values())
    assert result.found == 2


@pytest.mark.parametrize(
    "case_id, answers, expected",
    [
        ("nobody", {"situation": "x"}, "Choose one of the cases"),
        ("priya", {}, RAW["sbar"]["empty_message"]),
        ("priya", {"situation": "   ", "background": None}, RAW["sbar"]["empty_message"]),
        ("priya", {"situation": 42}, "Type the Situation part as text."),
        ("priya", ["situation"], "Give the answers as the text of each SBAR part."),
    ],
)
def test_bad_or_empty_input_gives_a_sentence(case_id, answers, expected, course):
    result = compare_sbar(case_id, answers)
    assert result.parts == () and expected in result.message
    html = sbar_feedback_html(result, course=course)
    assert "legpain-message" in html and "Traceback" not in html


def test_feedback_escapes_the_students_text_and_shows_the_model_answer_and_level(course):
    case = RAW["sbar"]["cases"][0]
    result = compare_sbar(case["id"], {"situation": "<script>alert(1)</script> sepsis"})
    html = sbar_feedback_html(result, course=course)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    for part in RAW["sbar"]["parts"]:
        assert html_text(case["model"][part["id"]]).strip() in html_text(html).replace("&#x27;", "'").replace("&#39;", "'")
    assert case["level"].upper() in html_text(html)
    for item in case["document"]:
        assert item in html_text(html)


def test_case_story_is_shown_and_an_unknown_case_asks_for_a_choice():
    case = RAW["sbar"]["cases"][1]
    assert case["title"] in case_story_html(case["id"])
    assert "Choose one of the cases" in case_story_html("nobody")


def test_every_case_must_answer_every_part(data_copy):
    def drop_part(raw):
        del raw["sbar"]["cases"][0]["model"]["recommendation"]

    with pytest.raises(DataError) as caught:
        load_sbar(edit_lesson(data_copy, LESSON, drop_part))
    assert "sbar.cases[0]" in str(caught.value) and "model" in str(caught.value)


def test_case_ids_must_be_unique(data_copy):
    def duplicate(raw):
        raw["sbar"]["cases"][1]["id"] = raw["sbar"]["cases"][0]["id"]

    with pytest.raises(DataError, match="unique"):
        load_sbar(edit_lesson(data_copy, LESSON, duplicate))


# ------------------------------------------------------------------ the SBAR widget


def test_sbar_builder_has_a_case_choice_and_four_labelled_text_areas(course):
    box = sbar_builder(course=course)
    chooser = _by_description(box, "Case:")
    assert [value for _, value in chooser.options] == [c["id"] for c in RAW["sbar"]["cases"]]
    for part in RAW["sbar"]["parts"]:
        area = _by_description(box, f"{part['letter']}: {part['label']}")
        assert area.placeholder == part["prompt"] and area.value == ""
    assert RAW["sbar"]["cases"][0]["title"] in _output(box)


def test_compare_button_shows_feedback_and_a_new_case_clears_the_answers(course):
    box = sbar_builder(course=course)
    situation = _by_description(box, "S: Situation")
    situation.value = "This is Sam, community midwife, about Priya, 7 days after a caesarean: I think sepsis."
    _by_description(box, "Compare with the model answer").click()
    assert "Found: 3 of" in html_text(_output(box))
    _by_description(box, "Case:").value = RAW["sbar"]["cases"][1]["id"]
    assert situation.value == ""
    assert RAW["sbar"]["cases"][1]["title"] in _output(box) and "Found:" not in _output(box)


def test_compare_with_nothing_written_asks_for_an_answer(course):
    box = sbar_builder(course=course)
    _by_description(box, "Compare with the model answer").click()
    assert RAW["sbar"]["empty_message"] in html_text(_output(box))


def test_progress_line_names_the_parts_written_so_far(course):
    assert sbar_progress_html({"situation": "  "}) == ""
    box = sbar_builder(course=course)
    _by_description(box, "S: Situation").value = "This is Sam"
    _by_description(box, "R: Recommendation").value = "Please come now"
    assert "Written so far: S, R." in html_text(_output(box))


# ------------------------------------------------------------------ the self-check


def test_self_check_varies_the_right_answer_and_never_scolds_a_999_over_triage(course):
    questions = load_quiz(LESSON, course)
    assert 5 <= len(questions) <= 6
    assert len({q.answer for q in questions}) >= 3
    for question in questions:
        right = question.options[question.answer]
        for option in question.options:
            if "999" in option.text and "999" not in right.text:
                assert option.safe, f"{question.id}: the 999 option over-triages and must be marked safe"


# ---------------------------------------------------------------- where and how soon (data/sbar_routes.yaml)


def test_each_model_answer_sends_her_where_and_when_its_route_says():
    sbar, routes = load_sbar(), load_sbar_routes()
    assert {c.case for c in routes.cases} == {c.id for c in sbar.cases}, "every SBAR case needs its route in data/sbar_routes.yaml"
    for case in sbar.cases:
        assert compare_sbar(case.id, case.model, sbar, routes).route_notes == (), case.id


def test_another_destination_is_named_against_the_model_answers():
    result = compare_sbar("priya", {"recommendation": "Please take her straight to A&E."})
    assert len(result.route_notes) == 1
    assert "A&E" in result.route_notes[0] and "the maternity unit" in result.route_notes[0]
    html = sbar_feedback_html(result)
    assert "A&amp;E" in html and "A&amp;amp;E" not in html


def test_a_slower_urgency_is_named_and_a_faster_one_is_not():
    slow = compare_sbar("hannah", {"recommendation": "She can come in to the maternity unit tomorrow for a scan."})
    assert slow.route_notes == ("Your Recommendation asks for another day, but the model answer asks for today: check how urgent this is.",)
    fast = compare_sbar("hannah", {"recommendation": "Please see her on the maternity assessment unit now."})
    assert fast.route_notes == ()


def test_a_recommendation_that_names_no_place_and_no_time_is_told_so():
    notes = compare_sbar("grace", {"recommendation": "Please can you help."}).route_notes
    assert len(notes) == 2
    assert "does not say where" in notes[0] and "postnatal ward" in notes[0]
    assert "does not say how soon" in notes[1]
    # An empty Recommendation is already "left empty" in the feedback: no route sentences on top.
    assert compare_sbar("grace", {"situation": "This is the ward midwife."}).route_notes == ()


def test_a_route_that_names_an_unknown_destination_is_an_error_naming_the_file(tmp_path):
    import shutil

    from legpain.content import DataError, load_course
    from legpain.sbar_routes import load_sbar_routes as load

    data = tmp_path / "data"
    shutil.copytree(load_course().data_dir, data)
    path = data / "sbar_routes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("destination: postnatal_ward", "destination: the_moon"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(load_course(data))
    message = str(caught.value)
    assert "data/sbar_routes.yaml" in message and "destination" in message and "the_moon" in message
