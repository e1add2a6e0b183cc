"""The self-checks: the rules for the question data, the checking of answers, the widget and the CLI."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from legpain import DataError, load_course
from legpain.content.lessons.quiz import load_quiz, questions_as_shown
from legpain.quiz import TRIES, Attempt, check_answer, instruction, quiz_widget

from conftest import DATA, ROOT, html_text

MAX_SHARE_OF_ONE_POSITION = 0.40
MIN_QUESTIONS_IN_COURSE = 50


def _lesson_ids() -> list[str]:
    lines = (DATA / "lessons.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",", 1)[0] for line in lines if line.strip()]


def _raw_quiz(lesson_id: str) -> list[dict]:
    """The questions as written in the lesson's data file, without the course's own loader."""
    raw = yaml.safe_load((DATA / "lessons" / f"{lesson_id}.yaml").read_text(encoding="utf-8"))
    return raw.get("quiz") or []


def _all_raw_questions() -> list[tuple[str, dict]]:
    return [(lesson_id, q) for lesson_id in _lesson_ids() for q in _raw_quiz(lesson_id)]


# ---------------------------------------------------------------- the rules, read from the data files


@pytest.mark.parametrize("lesson_id", _lesson_ids())
def test_every_lesson_has_a_self_check_in_its_notebook(lesson_id):
    assert len(_raw_quiz(lesson_id)) >= 3, f"data/lessons/{lesson_id}.yaml has no self-check of 3 or more questions"
    notebook = json.loads((ROOT / "notebooks" / f"{lesson_id}.ipynb").read_text(encoding="utf-8"))
    calls = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
    assert any(f'show_quiz("{lesson_id}")' in call for call in calls), f"notebooks/{lesson_id}.ipynb does not show its self-check"


def test_the_course_has_enough_questions():
    assert len(_all_raw_questions()) >= MIN_QUESTIONS_IN_COURSE


def test_no_answer_position_holds_more_than_40_percent_of_right_answers():
    """Counting questions with 3 or more options, in the order the data files list them (the display order)."""
    positions = Counter()
    for _, question in _all_raw_questions():
        options = question["options"]
        if len(options) >= 3:
            positions[[i for i, o in enumerate(options) if o.get("correct")][0]] += 1
    total = sum(positions.values())
    assert total >= MIN_QUESTIONS_IN_COURSE
    worst, count = positions.most_common(1)[0]
    assert count / total <= MAX_SHARE_OF_ONE_POSITION, f"position {worst + 1} holds {count} of {total} right answers: {dict(positions)}"


def test_the_right_answer_is_not_usually_the_longest():
    """A student must not be able to pick the right answer by its length either."""
    longest = 0
    questions = _all_raw_questions()
    for _, question in questions:
        lengths = [len(o["text"]) for o in question["options"]]
        right = [i for i, o in enumerate(question["options"]) if o.get("correct")][0]
        longest += lengths[right] == max(lengths)
    assert longest / len(questions) <= MAX_SHARE_OF_ONE_POSITION, f"the right answer is the longest in {longest} of {len(questions)}"


def test_every_question_and_every_feedback_has_sources():
    for lesson_id, question in _all_raw_questions():
        assert question.get("source_ids"), f"{lesson_id} {question['id']}"
        for option in question["options"]:
            assert option.get("source_ids"), f"{lesson_id} {question['id']}: {option['text']!r} has no source_ids"


def test_question_ids_are_unique_across_the_course():
    ids = Counter(question["id"] for _, question in _all_raw_questions())
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_lesson_file_loads(course):
    for lesson_id in course.lessons:
        assert load_quiz(lesson_id, course)


# ---------------------------------------------------------------- the data schema


def _quiz_file(data_copy, questions: list[dict]) -> None:
    (data_copy / "lessons" / "01_pelvic_girdle_pain.yaml").write_text(
        yaml.safe_dump({"lesson": "01_pelvic_girdle_pain", "quiz": questions}, sort_keys=False), encoding="utf-8"
    )


def _option(text: str, **extra) -> dict:
    return {"text": text, "feedback": f"Feedback on {text}.", "source_ids": ["S1"], **extra}


def _question(qid: str, options: list[dict]) -> dict:
    return {"id": qid, "prompt": f"What about {qid}?", "options": options, "source_ids": ["S1"]}


GOOD = [_option("Right", correct=True), _option("Wrong one"), _option("Wrong two")]


def test_two_options_are_too_few_for_a_second_try(data_copy):
    _quiz_file(data_copy, [_question("a", GOOD[:2]), _question("b", GOOD), _question("c", GOOD)])
    with pytest.raises(DataError) as caught:
        load_quiz("01_pelvic_girdle_pain", load_course(data_copy))
    assert (caught.value.row, caught.value.column) == ("quiz[0]", "options")


def test_an_option_cannot_be_both_right_and_a_safe_over_triage(data_copy):
    both = [_option("Right", correct=True, safe=True), _option("Wrong one"), _option("Wrong two")]
    _quiz_file(data_copy, [_question("a", GOOD), _question("b", both), _question("c", GOOD)])
    with pytest.raises(DataError, match="not both") as caught:
        load_quiz("01_pelvic_girdle_pain", load_course(data_copy))
    assert caught.value.row == "quiz[1]"


def test_an_option_without_sources_is_rejected(data_copy):
    bare = [_option("Right", correct=True), {"text": "Wrong one", "feedback": "No source given here."}, _option("Wrong two")]
    _quiz_file(data_copy, [_question("a", GOOD), _question("b", GOOD), _question("c", bare)])
    with pytest.raises(DataError) as caught:
        load_quiz("01_pelvic_girdle_pain", load_course(data_copy))
    assert caught.value.row == "quiz[2]" and "source_ids" in str(caught.value)


# ---------------------------------------------------------------- checking answers


@pytest.fixture()
def question(data_copy):
    """Right answer in the middle; the last wrong answer is a safe over-triage."""
    options = [
        _option("Routine: next week"),
        _option("Urgent: today", correct=True),
        _option("Self-care: rest"),
        _option("Emergency: 999", safe=True),
    ]
    _quiz_file(data_copy, [_question("a", options), _question("b", GOOD), _question("c", GOOD)])
    course = load_course(data_copy)
    return load_quiz("01_pelvic_girdle_pain", course)[0], course


def test_a_right_first_answer_finishes_the_question(question):
    q, course = question
    result = check_answer(q, 1, course=course)
    assert result.correct is True and result.done
    assert html_text(result.html).strip().startswith("✔ Correct. Feedback on Urgent: today.")
    assert 'role="status"' in result.html and "Sources:" in result.html


def test_a_wrong_answer_gets_its_own_feedback_and_a_second_try(question):
    q, course = question
    result = check_answer(q, 0, course=course)
    text = html_text(result.html)
    assert result.correct is False and not result.done
    assert "Not quite. Feedback on Routine: next week." in text and "Try again" in text
    assert "Urgent: today" not in text  # the answer is not shown yet
    assert result.attempt == Attempt(tried=(0,))
    assert 'role="alert"' in result.html


def test_the_answer_is_shown_after_the_second_wrong_answer(question):
    q, course = question
    first = check_answer(q, 0, course=course)
    second = check_answer(q, 2, first.attempt, course=course)
    text = html_text(second.html)
    assert second.correct is False and second.done and TRIES == 2
    assert "Feedback on Self-care: rest." in text
    assert "The best answer is: Urgent: today. Feedback on Urgent: today." in text
    assert "Try again" not in text


def test_right_on_the_second_try(question):
    q, course = question
    first = check_answer(q, 2, course=course)
    second = check_answer(q, 1, first.attempt, course=course)
    assert second.correct is True and second.done
    assert "Correct." in second.html


def test_choosing_the_same_wrong_answer_again_does_not_use_a_try(question):
    q, course = question
    first = check_answer(q, 0, course=course)
    again = check_answer(q, 0, first.attempt, course=course)
    assert again.correct is None and again.attempt == first.attempt
    assert "tried that answer already" in again.html


def test_a_safe_over_triage_is_not_scolded(question):
    q, course = question
    result = check_answer(q, 3, course=course)
    text = html_text(result.html)
    assert result.correct is False and not result.done
    assert "Safe, but not the best answer. Feedback on Emergency: 999." in text
    assert "Not quite" not in text and 'role="alert"' not in result.html


def test_a_finished_question_only_says_so(question):
    q, course = question
    done = check_answer(q, 1, course=course).attempt
    result = check_answer(q, 0, done, course=course)
    assert result.correct is None and result.attempt == done and "finished" in result.html


# ---------------------------------------------------------------- questions as a student sees them


def test_questions_as_shown_follow_the_data_files(course):
    shown = questions_as_shown(course=course)
    raw = _all_raw_questions()
    assert [(q["lesson"], q["id"]) for q in shown] == [(lesson_id, r["id"]) for lesson_id, r in raw]
    for q, (_, r) in zip(shown, raw):
        assert set(q) == {"lesson", "id", "question", "options", "answer", "source_ids"}
        assert q["question"] == r["prompt"].strip()
        assert [o["text"] for o in q["options"]] == [o["text"].strip() for o in r["options"]]
        assert r["options"][q["answer"]].get("correct") is True
        assert all(set(o) == {"text", "feedback", "source_ids"} for o in q["options"])


# ---------------------------------------------------------------- the widget


def test_the_widget_gives_a_second_try_then_shows_the_answer(question, monkeypatch):
    q, course = question
    monkeypatch.setenv("LEGPAIN_DATA", str(course.data_dir))
    box = quiz_widget("01_pelvic_girdle_pain")
    first = [child for child in box.children if "legpain-quiz-question" in child._dom_classes][0]
    radios, button, feedback = first.children[1], first.children[2], first.children[3]
    assert [label for label, _ in radios.options] == ["Routine: next week", "Urgent: today", "Self-care: rest", "Emergency: 999"]
    radios.value = 0
    button.click()
    assert "Try again" in feedback.value and not radios.disabled and not button.disabled
    radios.value = 2
    button.click()
    assert "The best answer is: Urgent: today." in html_text(feedback.value)
    assert radios.disabled and button.disabled


def test_the_saved_form_of_the_widget_is_an_instruction(lesson_course_monkey):
    box = quiz_widget("01_pelvic_girdle_pain")
    plain = box._repr_mimebundle_()["text/plain"]
    assert plain == instruction(3, saved=True)
    assert plain.startswith("Self-check, 3 questions: choose an answer") and "second try" in plain
    assert "VBox" not in plain and "…" not in plain and repr(box) == plain
    assert "legpain-quiz" in box._dom_classes and "legpain-widget" in box._dom_classes


@pytest.fixture()
def lesson_course_monkey(data_copy, monkeypatch):
    _quiz_file(data_copy, [_question("a", GOOD), _question("b", GOOD), _question("c", GOOD)])
    monkeypatch.setenv("LEGPAIN_DATA", str(data_copy))
    return load_course(data_copy)


def test_the_widget_carries_the_style_that_puts_each_button_beside_its_answer(lesson_course_monkey):
    box = quiz_widget("01_pelvic_girdle_pain")
    style = box.children[0]
    assert style.layout.display == "none" and "<style>" in style.value
    assert ".legpain-quiz .widget-radio-box label" in style.value and "order: -1" in style.value
