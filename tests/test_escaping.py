"""Every HTML path escapes what comes from data/: a label or name can never become markup.

A symptom label holding a <script> tag and a cause name holding an <img onerror> are rendered
through the assessment, the explorer's matrix, checker and body map, the glossary, the course map
and the references. Each must show the text, escaped, and never the tags.
"""

from __future__ import annotations

import csv
import io

import pytest

from legpain import assess, load_course
from legpain.explorer import ExplorerState, cell_html, checker_view, matrix_view, region_html
from legpain.course_html import assessment_html, course_map_html, glossary_html, references_html

SCRIPT = '<script>alert("label")</script>'
IMG = '<img src=x onerror="alert(1)">'


def _edit_csv(path, key, value, column, new):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row[key] == value:
            row[column] = new
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture()
def hostile(data_copy):
    _edit_csv(data_copy / "symptoms.csv", "id", "one_leg_swollen", "label", f"Swollen leg {SCRIPT}")
    _edit_csv(data_copy / "causes.csv", "id", "dvt", "name", f"Clot {IMG}")
    _edit_csv(data_copy / "glossary.csv", "term", "Oedema", "definition", f"Swelling {SCRIPT}")
    _edit_csv(data_copy / "sources.csv", "id", "S54", "citation", f"RCOG {IMG}")
    _edit_csv(data_copy / "lessons.csv", "id", "06_clots_and_inflamed_veins", "title", f"Clots {SCRIPT}")
    _edit_csv(data_copy / "levels.csv", "id", "urgent", "action", f"get seen today {SCRIPT}")
    _edit_csv(data_copy / "advice.csv", "id", "dvt_same_day", "text", f"A scan the same day {IMG}")
    return load_course(data_copy)


def _assert_escaped(html: str) -> None:
    assert "<script" not in html and "<img" not in html, html[:400]
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_assessment_escapes_labels_names_and_citations(hostile):
    html = assessment_html(assess(["one_leg_swollen"], course=hostile), hostile)
    _assert_escaped(html)
    assert "&lt;script&gt;" in html and "&lt;img" in html
    # The banner's words (data/levels.csv) and the advice text (data/advice.csv) are escaped too.
    assert "get seen today &lt;script&gt;" in html
    assert "A scan the same day &lt;img" in html


def test_explorer_matrix_cell_checker_and_body_map_escape(hostile):
    state = ExplorerState(symptom="one_leg_swollen", cause="dvt", ticked=("one_leg_swollen",), map_region="whole_leg")
    _assert_escaped(cell_html(state, hostile))
    _assert_escaped(checker_view(state, hostile).checker_html)
    _assert_escaped(region_html(state, hostile))
    view = matrix_view(state, hostile)
    for text in (*view.y_labels, *view.x_labels, view.summary, *[t for row in view.hover for t in row]):
        assert "<script" not in text and "<img" not in text


def test_glossary_course_map_and_references_escape(hostile):
    _assert_escaped(glossary_html(hostile))
    _assert_escaped(course_map_html(hostile))
    _assert_escaped(references_html(["S54"], hostile))


def test_shared_widget_messages_headings_and_fallbacks_escape():
    from legpain.widgets import heading_html, message_html, widget_bundle, output_area

    for kind in ("info", "error", "success"):
        _assert_escaped(message_html(f"Swollen leg {SCRIPT}", kind))
    _assert_escaped(heading_html(f"Clot {IMG}"))
    _assert_escaped(widget_bundle(output_area(), f"Run {SCRIPT}")["text/html"])


def test_explorer_cell_of_an_unlinked_pair_escapes_the_causes_it_lists(hostile):
    symptom = next(s for s in hostile.symptoms if (s, "dvt") in hostile.weights and s != "one_leg_swollen")
    cause = next(c for c in hostile.causes if (symptom, c) not in hostile.weights)
    html = cell_html(ExplorerState(symptom=symptom, cause=cause), hostile)
    assert "Clot &lt;img" in html and "<img" not in html


def test_symptom_list_escapes_labels(hostile):
    from legpain.notebook import symptom_list_html

    html = symptom_list_html(hostile)
    _assert_escaped(html)
    assert "Swollen leg &lt;script&gt;" in html


def test_relief_advice_escapes_measures_problems_and_the_clot_question(data_copy):
    from conftest import edit_lesson
    from legpain.widgets.relief import LESSON_ID, advise_html, load_toolkit

    def hostile_relief(raw):
        raw["clot_check"]["question"] = f"Clot? {SCRIPT}"
        raw["problems"][0]["label"] = f"Pelvic pain {SCRIPT}"
        measure = next(m for m in raw["measures"] if raw["problems"][0]["id"] in m["problems"])
        measure["name"] = f"Measure {IMG}"
        measure["evidence"][0]["text"] = f"Finding {IMG}"

    course = edit_lesson(data_copy, LESSON_ID, hostile_relief)
    toolkit = load_toolkit(course)
    problem = next(iter(toolkit.problems))
    for answer in ("yes", "no", None):
        _assert_escaped(advise_html(problem, 24, toolkit, course, clot_signs=answer))
    html = advise_html(problem, 24, toolkit, course, clot_signs="no")
    for text in ("Pelvic pain &lt;script&gt;", "Measure &lt;img", "Finding &lt;img"):
        assert text in html


def test_left_calculator_escapes_criteria_and_the_route_advice(data_copy):
    from legpain.widgets.clots import ROUTE_ADVICE_ID, left_calculator_html

    path = data_copy / "left_rule.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Symptoms in the left leg", f"label: 'Left leg {IMG}'"), encoding="utf-8")
    _edit_csv(data_copy / "advice.csv", "id", ROUTE_ADVICE_ID, "text", f"Scan today {SCRIPT}")
    html = left_calculator_html(True, "3", False, load_course(data_copy)).html
    _assert_escaped(html)
    assert "Left leg &lt;img" in html and "Scan today &lt;script&gt;" in html


def test_pelvis_test_accuracy_escapes_the_test_words(data_copy):
    from conftest import edit_lesson
    from legpain.widgets.pelvis import LESSON_ID, accuracy_html

    def hostile_test(raw):
        raw["tests"][0]["name"] = f"P4 {SCRIPT}"
        raw["tests"][0]["how"] = f"Press {IMG}"
        raw["tests"][0]["note"] = f"Note {SCRIPT}"

    course = edit_lesson(data_copy, LESSON_ID, hostile_test)
    html = accuracy_html("p4", 20, course)
    _assert_escaped(html)
    assert "P4 &lt;script&gt;" in html and "Press &lt;img" in html and "Note &lt;script&gt;" in html


def test_gait_scenario_and_feedback_escape_the_lesson_words(data_copy):
    from conftest import edit_lesson
    from legpain.widgets.gait import LESSON_ID, check_change, scenario_html

    def hostile_scenario(raw):
        raw["scenarios"][0]["prompt"] = f"She waddles {SCRIPT}"
        raw["scenarios"][0]["advice"] = f"Reassure her {IMG}"

    course = edit_lesson(data_copy, LESSON_ID, hostile_scenario)
    scenario = next(iter(yaml_lesson(data_copy, LESSON_ID)["scenarios"]))
    html = scenario_html(scenario["id"], course)
    _assert_escaped(html)
    assert "She waddles &lt;script&gt;" in html
    html = check_change(scenario["id"], scenario["answer"], course)
    _assert_escaped(html)
    assert "Reassure her &lt;img" in html


def test_nerve_picker_escapes_the_nerve_problems(data_copy):
    from conftest import edit_lesson
    from legpain.widgets.nerves import LESSON_ID, nerve_picker_html

    def hostile_problem(raw):
        raw["nerve_problems"][0]["name"] = f"Spreading pain {SCRIPT}"
        raw["nerve_problems"][0]["felt_as"] = f"An ache {IMG}"

    course = edit_lesson(data_copy, LESSON_ID, hostile_problem)
    html = nerve_picker_html(["buttock_pain_back_of_thigh"], course).html
    _assert_escaped(html)
    assert "Spreading pain &lt;script&gt;" in html and "An ache &lt;img" in html


def yaml_lesson(data_copy, lesson_id):
    import yaml

    return yaml.safe_load((data_copy / "lessons" / f"{lesson_id}.yaml").read_text(encoding="utf-8"))


def _html_values(widget):
    values = [widget.value] if hasattr(widget, "value") and isinstance(widget.value, str) else []
    for child in getattr(widget, "children", ()):
        values.extend(_html_values(child))
    return values


def test_postnatal_widgets_escape_group_labels_and_intros(data_copy):
    from conftest import edit_lesson
    from legpain.widgets.postnatal import sbar_builder, vte_risk_widget

    def hostile_words(raw):
        raw["vte_tool"]["groups"][0]["label"] = f"Before {SCRIPT}"
        raw["vte_tool"]["intro"] = f"Tick {IMG}"
        raw["sbar"]["intro"] = f"Write {SCRIPT}"

    course = edit_lesson(data_copy, "10_after_the_birth", hostile_words)
    for widget, expected in ((vte_risk_widget(course), ("Before &lt;script&gt;", "Tick &lt;img")), (sbar_builder(course=course), ("Write &lt;script&gt;",))):
        html = "".join(_html_values(widget))
        assert "<script>" not in html and "<img" not in html
        for text in expected:
            assert text in html


def test_quiz_prompts_and_figure_summaries_escape(data_copy, monkeypatch):
    from conftest import edit_lesson
    from legpain.figures import summary_html
    from legpain.quiz import quiz_widget

    def hostile_prompt(raw):
        raw["quiz"][0]["prompt"] = f"Which is a red flag? {SCRIPT}"

    edit_lesson(data_copy, "01_pelvic_girdle_pain", hostile_prompt)
    monkeypatch.setenv("LEGPAIN_DATA", str(data_copy))
    html = "".join(_html_values(quiz_widget("01_pelvic_girdle_pain")))
    assert "Which is a red flag? &lt;script&gt;" in html and "<script" not in html
    _assert_escaped(summary_html(f"The chart shows {IMG}"))


def test_the_checker_chart_labels_escape_cause_names(hostile):
    """plotly reads a few tags in axis labels: a cause name from the data must arrive as text."""
    from legpain.explorer import bar_view

    result = assess(["one_leg_swollen"], course=hostile)
    view = bar_view(result.causes, result.scores, hostile)
    label = next(name for name in view.names if "Clot" in name)
    assert "<img" not in label and "&lt;img" in label
