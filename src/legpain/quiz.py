"""Self-checks: questions from each lesson's data file, checked by plain functions.

The answers are shown in the order the data file lists them, so the data file, the notebook and
``python -m legpain quiz --json`` always agree on where the right answer sits.

A wrong answer gets its own feedback and a second try; after a second wrong answer the best
answer is shown with its reasons. An answer marked ``safe: true`` is a more urgent route than a
red flag needs: it is never scolded, only pointed to the better route.

The questions are data (``legpain.content.lessons.quiz``); :func:`check_answer` holds the logic and
is tested with pytest; :func:`quiz_widget` only wires it to ipywidgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

import ipywidgets as widgets

from .content.lessons.quiz import Question, load_quiz
from .content import Course, load_course
from .progress import store
from .course_html import source_rows
from .templating import render
from .widgets import LABEL_STYLE, course_style, message_html, output_area, stored_fallback

TRIES = 2  # wrong answers allowed before the best answer is shown


@dataclass(frozen=True)
class Attempt:
    """What a student has done with one question so far."""

    tried: tuple[int, ...] = ()  # wrong options chosen, in order
    done: bool = False  # answered right, or the answer has been shown


@dataclass(frozen=True)
class Feedback:
    """The result of pressing Check: right, wrong or neither (None), the message, and the new attempt."""

    correct: Optional[bool]
    html: str
    attempt: Attempt = field(default_factory=Attempt)

    @property
    def done(self) -> bool:
        return self.attempt.done


def _sources_html(ids: Iterable[str], course: Optional[Course]) -> str:
    return render("quiz_sources.html", sources=source_rows(dict.fromkeys(ids), course or load_course()))


def check_answer(question: Question, choice: Any, attempt: Attempt = Attempt(), course: Optional[Course] = None) -> Feedback:
    """Feedback on one press of Check. ``choice`` is an option index or None.

    A right answer, or a wrong answer once the tries are used up, finishes the question
    (``Feedback.done``). Choosing the same wrong answer twice does not use up a try.
    """
    if attempt.done:
        return Feedback(None, message_html("You have finished this question: read the feedback above, then go on to the next one.", "info"), attempt)
    if choice is None:
        return Feedback(None, message_html("Choose an answer first, then press Check.", "info"), attempt)
    if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(question.options):
        return Feedback(None, message_html(f"Choose one of the {len(question.options)} answers listed.", "error"), attempt)
    if choice in attempt.tried:
        return Feedback(None, message_html("You have tried that answer already. Choose a different one, then press Check.", "info"), attempt)
    option = question.options[choice]
    if option.correct:
        done = Attempt(attempt.tried, done=True)
        html = message_html(f"Correct. {option.feedback}", "success")
        return Feedback(True, html + _sources_html([*option.source_ids, *question.source_ids], course), done)
    tried = (*attempt.tried, choice)
    verdict = "Safe, but not the best answer." if option.safe else "Not quite."
    kind = "info" if option.safe else "error"
    if len(tried) < TRIES:
        text = f"{verdict} {option.feedback} Try again: choose another answer and press Check."
        return Feedback(False, message_html(text, kind) + _sources_html(option.source_ids, course), Attempt(tried))
    right = question.options[question.answer]
    text = f"{verdict} {option.feedback} The best answer is: {right.text}. {right.feedback}"
    ids = [*option.source_ids, *right.source_ids, *question.source_ids]
    return Feedback(False, message_html(text, kind) + _sources_html(ids, course), Attempt(tried, done=True))


def record_answer(lesson_id: str, question: Question, choice: Any, before: Attempt, result: Feedback,
                  round_name: str = "lesson") -> Optional[str]:
    """Add a checked answer to the student's record (a press of Check that was neither right nor wrong adds
    nothing). Returns a sentence for her if her progress file needed attention, else None."""
    if result.correct is None:
        return None
    return store.record("answer", lesson_id, question=question.id, option=choice, option_text=question.options[choice].text,
                        correct=result.correct, first_try=not before.tried, round=round_name)


def with_notice(html: str, notice: Optional[str]) -> str:
    """Feedback, followed by a sentence about the progress file when there is one."""
    return html + message_html(notice, "info") if notice else html


# ---------------------------------------------------------------- the widgets


def instruction(count: int, saved: bool = False) -> str:
    """What the self-check asks of the student, in words. ``saved``: the plain-text form in a saved notebook,
    which is what a reader sees where the widgets cannot run."""
    questions = "1 question" if count == 1 else f"{count} questions"
    text = f"Self-check, {questions}: choose an answer to each and press Check. A wrong answer gets feedback and a second try."
    return f"{text} Run the notebook to answer." if saved else text


class QuizBox(widgets.VBox):
    """The self-check box, whose plain-text form (shown where widgets cannot run) is an instruction."""

    def __init__(self, children: list[widgets.Widget], count: int, **kwargs: Any):
        super().__init__(children, **kwargs)
        self.instruction = instruction(count, saved=True)

    def __repr__(self) -> str:
        return self.instruction

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)
        if isinstance(bundle, dict):
            # The instruction (not a widget repr cut at 110 characters), then the questions greyed out.
            bundle.update(stored_fallback(self, self.instruction))
        return bundle


def question_widget(question: Question, number: int, lesson_id: str = "") -> widgets.VBox:
    """One question: the prompt, labelled answer buttons, a Check button and the feedback."""
    prompt = widgets.HTML(render("quiz_prompt.html", number=number, prompt=question.prompt))
    choices = widgets.RadioButtons(
        options=[(option.text, i) for i, option in enumerate(question.options)],
        value=None,
        description="Your answer:",
        style=LABEL_STYLE,
        layout=widgets.Layout(width="auto"),
    )
    check = widgets.Button(description="Check", tooltip=f"Check your answer to question {number}", button_style="primary")
    feedback = output_area()
    state = {"attempt": Attempt()}

    def on_check(_: Any) -> None:
        before = state["attempt"]
        result = check_answer(question, choices.value, before)
        state["attempt"] = result.attempt
        notice = record_answer(lesson_id, question, choices.value, before, result) if lesson_id else None
        feedback.value = with_notice(result.html, notice)
        if result.done:
            choices.disabled = True
            check.disabled = True

    check.on_click(on_check)
    box = widgets.VBox([prompt, choices, check, feedback])
    box.add_class("legpain-quiz-question")
    return box


def quiz_widget(lesson_id: str) -> QuizBox:
    """Every self-check question of a lesson, with the course and quiz styles inside the box.

    Building it records a run of the lesson in the student's progress (every lesson ends with its self-check).
    """
    questions = load_quiz(lesson_id)
    style = course_style()
    notice = store.record("run", lesson_id)
    top = [output_area(message_html(notice, "info"))] if notice else []
    box = QuizBox([style, *top, *(question_widget(q, i, lesson_id) for i, q in enumerate(questions, start=1))], len(questions))
    box.add_class("legpain-quiz")
    box.add_class("legpain-widget")
    return box
