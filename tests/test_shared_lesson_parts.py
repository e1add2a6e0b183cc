"""The shared pieces every lesson uses: lesson files, quiz checking, figures, messages."""

from __future__ import annotations

import json
import shutil

import pytest

import legpain.content.lessons as lessons
from legpain import DataError, load_course
from legpain.content.lessons.gait import Scenario
from legpain.content import lesson_file, lesson_section, lesson_source_ids
from legpain.figures import figure_bundle, new_figure
from legpain.content.lessons.quiz import load_quiz
from legpain.quiz import check_answer, quiz_widget
from legpain.widgets import message_html

QUIZ = """lesson: 01_pelvic_girdle_pain
source_ids: [S5]
quiz:
  - id: q_one
    prompt: "Which joint is at the front of the pelvis?"
    options:
      - text: The symphysis pubis
        correct: true
        feedback: "It joins the two pubic bones at the front."
        source_ids: [S1]
      - text: The sacroiliac joint
        feedback: "The sacroiliac joints are at the back of the pelvis."
        source_ids: [S1]
      - text: The hip joint
        feedback: "The hip joint joins the thigh bone to the pelvis at the side."
        source_ids: [S1]
    source_ids: [S1]
  - id: q_two
    prompt: "About how many pregnant women have pelvic girdle pain?"
    options:
      - text: 1 in 100
        feedback: "That is far too low: it is about 1 in 5."
        source_ids: [S2]
      - text: 1 in 5
        correct: true
        feedback: "Point prevalence is about 20%."
        source_ids: [S1, S2]
      - text: 1 in 2
        feedback: "That is too high for pelvic girdle pain at any one time: it is about 1 in 5."
        source_ids: [S2]
    source_ids: [S1, S2]
  - id: q_three
    prompt: "Is an X-ray recommended to diagnose PGP?"
    options:
      - text: "Yes, always"
        feedback: "X-ray and CT are not recommended; diagnosis is clinical."
        source_ids: [S1]
      - text: "Only after 28 weeks"
        feedback: "X-ray and CT are not recommended at any stage; diagnosis is clinical."
        source_ids: [S1]
      - text: "No"
        correct: true
        feedback: "X-ray and CT are not recommended; diagnosis is clinical."
        source_ids: [S1]
    source_ids: [S1]
"""


@pytest.fixture()
def lesson_course(data_copy):
    (data_copy / "lessons").mkdir(exist_ok=True)
    (data_copy / "lessons" / "01_pelvic_girdle_pain.yaml").write_text(QUIZ, encoding="utf-8")
    return load_course(data_copy)


def test_quiz_loads_and_checks_answers(lesson_course):
    questions = load_quiz("01_pelvic_girdle_pain", lesson_course)
    assert [q.id for q in questions] == ["q_one", "q_two", "q_three"]
    assert [q.answer for q in questions] == [0, 1, 2]  # the display order is the order in the file
    right = check_answer(questions[0], 0, course=lesson_course)
    wrong = check_answer(questions[0], 1, course=lesson_course)
    assert right.correct is True and "Correct." in right.html and "two pubic bones" in right.html
    assert wrong.correct is False and "back of the pelvis" in wrong.html
    assert "The symphysis pubis" not in wrong.html  # a first wrong answer does not give the answer away
    assert 'title="Vleeming' in right.html


@pytest.mark.parametrize("choice", [None, 5, -1, "0", True])
def test_missing_or_bad_choice_gives_a_message_not_a_traceback(lesson_course, choice):
    feedback = check_answer(load_quiz("01_pelvic_girdle_pain", lesson_course)[0], choice, course=lesson_course)
    assert feedback.correct is None
    assert "legpain-message" in feedback.html


def test_quiz_with_two_correct_answers_is_rejected(lesson_course, data_copy):
    path = data_copy / "lessons" / "01_pelvic_girdle_pain.yaml"
    path.write_text(QUIZ.replace("      - text: The sacroiliac joint\n", "      - text: The sacroiliac joint\n        correct: true\n"), encoding="utf-8")
    course = load_course(data_copy)
    with pytest.raises(DataError) as caught:
        load_quiz("01_pelvic_girdle_pain", course)
    assert caught.value.file == "data/lessons/01_pelvic_girdle_pain.yaml"
    assert caught.value.row == "quiz[0]"
    assert "exactly one option" in str(caught.value)


def test_quiz_with_broken_source_is_rejected(data_copy):
    (data_copy / "lessons").mkdir(exist_ok=True)
    (data_copy / "lessons" / "01_pelvic_girdle_pain.yaml").write_text(QUIZ.replace("\n    source_ids: [S1, S2]", "\n    source_ids: [S1, S404]"), encoding="utf-8")
    course = load_course(data_copy)
    with pytest.raises(DataError) as caught:
        load_quiz("01_pelvic_girdle_pain", course)
    assert (caught.value.row, caught.value.column) == ("quiz[1]", "source_ids")


def test_too_few_questions_is_rejected(data_copy):
    (data_copy / "lessons").mkdir(exist_ok=True)
    short = QUIZ[: QUIZ.index("  - id: q_three")]
    (data_copy / "lessons" / "01_pelvic_girdle_pain.yaml").write_text(short, encoding="utf-8")
    with pytest.raises(DataError, match="3 to 6 questions"):
        load_quiz("01_pelvic_girdle_pain", load_course(data_copy))


def test_lesson_file_must_name_its_lesson(data_copy):
    (data_copy / "lessons").mkdir(exist_ok=True)
    (data_copy / "lessons" / "01_pelvic_girdle_pain.yaml").write_text(QUIZ.replace("lesson: 01_pelvic_girdle_pain", "lesson: 02_swelling_oedema"), encoding="utf-8")
    with pytest.raises(DataError, match="column 'lesson'"):
        lesson_file("01_pelvic_girdle_pain", load_course(data_copy))


def test_unknown_lesson_is_a_value_error(lesson_course):
    with pytest.raises(ValueError, match="Unknown lesson"):
        lesson_file("99_nothing", lesson_course)


def _count_validations(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = lessons.validate

    def counting(model, item, name, where):
        seen.append(where)
        return real(model, item, name, where)

    monkeypatch.setattr(lessons, "validate", counting)
    return seen


def test_a_lesson_section_is_validated_once_per_data_folder(data_copy, monkeypatch):
    seen = _count_validations(monkeypatch)
    course = load_course(data_copy)
    first = lesson_section("05_posture_gait_and_muscle_strain", "scenarios", Scenario, course)
    assert seen == [f"scenarios[{i}]" for i in range(len(first))]
    first.clear()  # a caller's list is its own: emptying it leaves the cached rows alone
    again = lesson_section("05_posture_gait_and_muscle_strain", "scenarios", Scenario, course)
    assert len(seen) == len(again) > 0
    assert again == lesson_section("05_posture_gait_and_muscle_strain", "scenarios", Scenario, course)


def test_a_lesson_mapping_is_validated_once_per_data_folder(data_copy, monkeypatch):
    from legpain.content.lessons.matrix import LESSON_ID, Notice

    seen = _count_validations(monkeypatch)
    first = lessons.lesson_mapping(LESSON_ID, "not_for_diagnosis", Notice, load_course(data_copy))
    assert lessons.lesson_mapping(LESSON_ID, "not_for_diagnosis", Notice, load_course(data_copy)) is first
    assert seen == ["not_for_diagnosis"]
    other = shutil.copytree(data_copy, data_copy.parent / "other_data")
    lessons.lesson_mapping(LESSON_ID, "not_for_diagnosis", Notice, load_course(other))  # another data folder: validated on its own
    assert seen == ["not_for_diagnosis", "not_for_diagnosis"]


def test_a_lesson_mapping_that_is_not_a_mapping_names_the_file_and_key(data_copy):
    import yaml

    from legpain.content.lessons.matrix import LESSON_ID, Notice

    path = data_copy / "lessons" / f"{LESSON_ID}.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["not_for_diagnosis"] = ["a list, not a mapping"]
    path.write_text(yaml.safe_dump(raw, sort_keys=False, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        lessons.lesson_mapping(LESSON_ID, "not_for_diagnosis", Notice, load_course(data_copy))
    error = caught.value
    assert (error.file, error.column, error.found) == (f"data/lessons/{LESSON_ID}.yaml", "not_for_diagnosis", "list")
    assert "a mapping of keys to values" in str(error)


def test_a_slide_example_with_an_unknown_symptom_names_the_file_and_the_symptom(data_copy):
    from legpain.content.lessons.slides import load_checker_example

    path = data_copy / "lessons" / "08_symptom_advice_matrix.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("[one_leg_swollen, one_leg_calf_pain]", "[one_leg_swollen, no_such_symptom]"),
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_checker_example("08_symptom_advice_matrix", load_course(data_copy))
    error = caught.value
    assert (error.file, error.row, error.column, error.found) == (
        "data/lessons/08_symptom_advice_matrix.yaml", "slides.checker_example", "symptoms", "no_such_symptom")


def test_a_slide_example_at_a_week_outside_pregnancy_is_refused(data_copy):
    from legpain.content.lessons.slides import load_checker_example

    path = data_copy / "lessons" / "08_symptom_advice_matrix.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    weeks: 30\n", "    weeks: 50\n"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_checker_example("08_symptom_advice_matrix", load_course(data_copy))
    assert (caught.value.row, caught.value.column) == ("slides", "checker_example.weeks")


def test_widget_callbacks_do_not_validate_again(data_copy, monkeypatch):
    from legpain.widgets.gait import check_change, load_scenarios

    seen = _count_validations(monkeypatch)
    course = load_course(data_copy)
    scenario = load_scenarios(course)[0]
    after_load = len(seen)
    assert after_load > 0
    for _ in range(3):
        check_change(scenario.id, scenario.answer, course)
    assert len(seen) == after_load


def test_lesson_sources_include_causes_links_advice_and_file(lesson_course):
    ids = lesson_source_ids("01_pelvic_girdle_pain", lesson_course)
    # S1, S2 and S7 from the cause, S6 and S18 from its advice and links, S5 from the lesson file.
    assert {"S1", "S2", "S5", "S6", "S7", "S18"} <= set(ids)
    numbers = [int(i[1:]) for i in ids if i.startswith("S")]
    assert numbers == sorted(numbers)


def test_quiz_widget_has_labelled_controls(lesson_course, monkeypatch):
    monkeypatch.setenv("LEGPAIN_DATA", str(lesson_course.data_dir))
    box = quiz_widget("01_pelvic_girdle_pain")
    first = [child for child in box.children if "legpain-quiz-question" in child._dom_classes][0]
    radios, button, feedback = first.children[1], first.children[2], first.children[3]
    assert radios.description == "Your answer:"
    assert button.description == "Check"
    radios.value = 1
    button.click()
    assert "Not quite." in feedback.value


def test_figure_bundle_is_offline_json_with_summary():
    fig = new_figure("A title")
    fig.add_bar(x=["a"], y=[1])
    bundle = figure_bundle(fig, "One bar.")
    assert set(bundle) == {"application/vnd.plotly.v1+json", "text/plain"}
    assert bundle["text/plain"] == "One bar."
    text = json.dumps(bundle)
    assert "<script" not in text and "cdn" not in text.lower()
    assert "template" not in bundle["application/vnd.plotly.v1+json"]["layout"]


def test_message_html_escapes_text():
    html = message_html("<script>alert(1)</script>", "error")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'role="alert"' in html


def test_show_widget_wraps_the_widget_with_the_course_style(monkeypatch):
    import ipywidgets as widgets

    import legpain.widgets as course_widgets

    shown = []
    monkeypatch.setattr(course_widgets, "display", lambda bundle, raw=False: shown.append((bundle, raw)))
    box = widgets.VBox([widgets.Checkbox(description="A tick box")])
    course_widgets.show_widget(box, "this tick box")
    (style_bundle, raw_style), (box_bundle, raw_box) = shown
    assert raw_style and raw_box
    view = "application/vnd.jupyter.widget-view+json"
    assert box_bundle[view]["model_id"] == box.model_id and "legpain-widget" in box._dom_classes
    # Where widgets cannot run, the stored output is an instruction, never a Python repr.
    assert box_bundle["text/plain"] == "Run the notebook (menu Run → Run All Cells) to use this tick box."
    assert "VBox(" not in box_bundle["text/plain"] and "Run All Cells" in box_bundle["text/html"]
    assert style_bundle["text/plain"] == "" and "HTML(" not in style_bundle["text/plain"]
    from ipywidgets import Widget

    style = Widget.widgets[style_bundle[view]["model_id"]]
    assert style.layout.display == "none"
    assert "<style>" in style.value and ".legpain-widget" in style.value and "font-size: 16px" in style.value
    assert "white-space: normal" in style.value  # long quiz answers wrap, not overlap
    assert "text-decoration: underline" in style.value  # links not told apart by colour alone


def test_symptom_picker_passes_ticked_keys_in_order_and_labels_each_box(course):
    from legpain.widgets.picker import symptom_picker

    seen = []

    def render(ticked):
        seen.append(list(ticked))
        return f"<p>{len(ticked)} ticked</p>"

    panel = symptom_picker([("a", "mild_pelvic_ache"), ("b", "saddle_numbness")], render, "<h4>Pick</h4>", "legpain-test-picker", course=course)
    assert panel.controls["a"].description == course.symptoms["mild_pelvic_ache"].label
    assert panel.controls["b"].symptom_id == "saddle_numbness"
    assert panel.output.value == "<p>0 ticked</p>"
    panel.controls["b"].value = True
    panel.controls["a"].value = True
    assert seen[-1] == ["a", "b"] and panel.output.value == "<p>2 ticked</p>"
    assert "legpain-test-picker" in panel._dom_classes


def test_symptom_items_must_exist_and_appear_once(data_copy):
    from pydantic import BaseModel

    from legpain.widgets.picker import load_symptom_items

    class Item(BaseModel):
        symptom_id: str
        source_ids: list[str]

    (data_copy / "lessons").mkdir(exist_ok=True)
    path = data_copy / "lessons" / "01_pelvic_girdle_pain.yaml"
    base = QUIZ + "picker:\n  - {symptom_id: mild_pelvic_ache, source_ids: [S6]}\n"
    path.write_text(base + "  - {symptom_id: mild_pelvic_ache, source_ids: [S6]}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_symptom_items("01_pelvic_girdle_pain", "picker", Item, load_course(data_copy))
    assert (caught.value.row, caught.value.column) == ("picker[1]", "symptom_id") and "only once" in str(caught.value)
    other = data_copy.parent / "other"  # lesson files are cached per folder: use a second copy
    shutil.copytree(data_copy, other)
    (other / "lessons" / "01_pelvic_girdle_pain.yaml").write_text(base + "  - {symptom_id: sore_toe, source_ids: [S6]}\n", encoding="utf-8")
    with pytest.raises(DataError, match="data/symptoms.csv"):
        load_symptom_items("01_pelvic_girdle_pain", "picker", Item, load_course(other))


def test_one_stylesheet_file_styles_the_widgets_the_quiz_the_lesson_after_the_birth_and_the_explorer():
    from legpain.templating import TEMPLATES, stylesheet
    from legpain.widgets import course_style

    css = (TEMPLATES / "course.css").read_text(encoding="utf-8")
    assert stylesheet() is stylesheet()  # read once
    for scope in (".legpain-widget", ".legpain-quiz", ".legpain-vte-tool", ".legpain-sbar-builder", ".legpain-explorer"):
        assert scope in css
    assert course_style().value == f"<style>{css}</style>"


def test_lesson_10_callbacks_do_not_validate_again(data_copy, monkeypatch):
    """The SBAR comparison and the risk assessment reuse the lesson file's validated sections."""
    from legpain.content.lessons import postnatal as lesson_10
    from legpain.postnatal import compare_sbar, vte_risk_html

    seen = _count_validations(monkeypatch)
    course = load_course(data_copy)
    sbar = lesson_10.load_sbar(course)
    vte_risk_html(["smoker"], "antenatal", course)
    after_load = len(seen)
    assert after_load > 0
    case = sbar.cases[0]
    for _ in range(3):
        compare_sbar(case.id, dict(case.model), sbar)
        vte_risk_html(["smoker", "age_over_35"], "postnatal", course)
    assert len(seen) == after_load
